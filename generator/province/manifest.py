"""The state of a province's build, kept beside its site, never in it (`--state-dir`, by
default `<site>.state/`): nothing of it is published.

    ctct-state                   the mark: `build-all` made it (and the site is ours)
    lock                         one run at a time
    manifest.json                {"format": 1, "wards": {"<id>": "<key>"}}
    wards/<id>.json              the ward's digest (`digest.py`), as of that build
    built/<id>                   the record that `<site>/<id>/` is a ward site a build swapped in
    work/                        the wards' temporary and previous copies and locks (`sitedir`)
    portal.key                   what the portal was last made from (digests, generator)
    portal-files.json            the SHA-256 of each file of the portal as last written
    published.json               the wards `publish` last synced, and where (`publish.py`)

A ward whose key is in the manifest, whose site folder, record and digest exist, is not
rebuilt. A ward's key is written after its swap and digest, each file replaced whole (write,
then rename): a killed run leaves the previous one, and a damaged or unknown manifest only
means building again. Before this layout the state lay in `<site>/.province/` (`OLD_FOLDER`):
`build_all` removes it from a site a build made, unread.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.common.safewrite import write_inside
from generator.engine.sitedir import Outside
from generator.province.provincefile import is_ward_id

OLD_FOLDER = ".province"
"""Where the state lay, inside the site, before `--state-dir`."""
STATE_SUFFIX = ".state"
"""The default state folder: `<site-dir>.state`, beside the site."""
STATE_MARK = "ctct-state"
_STATE_MARK_TEXT = "Trạng thái của 'python -m generator build-all' (không đăng công khai).\n"
FORMAT = 1


def default_state_dir(site_dir: Path) -> Path:
    return site_dir.with_name(site_dir.name + STATE_SUFFIX)


def is_state(state: Path) -> bool:
    """Whether `build-all` made this state folder."""
    return not state.is_symlink() and (state / STATE_MARK).is_file()


def mark_state(state: Path) -> None:
    """Mark the state as `build-all`'s: the site folder it is given with is then ours."""
    replace_file(state, STATE_MARK, _STATE_MARK_TEXT.encode())


def ward_outside(state: Path, ward_id: str) -> Outside:
    """Where the ward's build keeps its staging, lock and mark (`sitedir.Outside`)."""
    return Outside(state / "work", state / "built" / ward_id)


def read_keys(state: Path) -> dict[str, str]:
    """The ward keys of the last run; {} when there is none or it cannot be read. A key
    that is not a ward id (`../x`, an absolute path: a forged file) is dropped."""
    try:
        data = json.loads((state / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    wards = data.get("wards") if isinstance(data, dict) and data.get("format") == FORMAT else None
    if not isinstance(wards, dict):
        return {}
    return {k: v for k, v in wards.items() if is_ward_id(k) and isinstance(v, str)}


def write_keys(state: Path, keys: dict[str, str]) -> None:
    data = {"format": FORMAT, "wards": dict(sorted(keys.items()))}
    replace_file(state, "manifest.json", _json(data))


def digest_path(state: Path, ward_id: str) -> Path:
    return state / _digest_name(ward_id)


def _digest_name(ward_id: str) -> str:
    return f"wards/{ward_id}.json"


def read_digest(state: Path, ward_id: str) -> dict | None:
    """The ward's digest as of its last good build, None when missing or unreadable."""
    return parse_digest(read_digest_bytes(state, ward_id))


def read_digest_bytes(state: Path, ward_id: str) -> bytes | None:
    try:
        return digest_path(state, ward_id).read_bytes()
    except OSError:
        return None


def parse_digest(data: bytes | None) -> dict | None:
    try:
        parsed = json.loads(data) if data is not None else None
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def read_portal_key(state: Path) -> str:
    """The key of the inputs of the portal last written ('' when none)."""
    try:
        return (state / "portal.key").read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return ""


def write_portal_key(state: Path, key: str) -> None:
    replace_file(state, "portal.key", key.encode() + b"\n")


def take_portal_files(state: Path) -> dict[str, str] | None:
    """The portal's files as last written (path → SHA-256), None when not known; the record
    is removed, so that a run killed while writing leaves none that is out of date."""
    files = read_portal_files(state)
    (state / "portal-files.json").unlink(missing_ok=True)
    return files


def read_portal_files(state: Path) -> dict[str, str] | None:
    """The portal's files as last written (path → SHA-256), None when not known."""
    try:
        data = json.loads((state / "portal-files.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) and data.get("format") == FORMAT else None
    if not isinstance(files, dict):
        return None
    if not all(isinstance(k, str) and _inside(k) and isinstance(v, str) for k, v in files.items()):
        return None  # not ours: compare every file as it lies
    return files


def _inside(path: str) -> bool:
    """A path of a file below the site folder, as the portal names them ('du-lieu/tinh.csv')."""
    parts = path.split("/")
    return (
        not path.startswith("/")
        and "\\" not in path
        and all(p not in ("", ".", "..") for p in parts)
    )


def write_portal_files(state: Path, files: dict[str, str]) -> None:
    data = {"format": FORMAT, "files": dict(sorted(files.items()))}
    replace_file(state, "portal-files.json", _json(data))


def read_published(state: Path, remote: str) -> set[str]:
    """The wards last synced to `remote` (ward ids only; none for another remote)."""
    try:
        data = json.loads((state / "published.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("remote") != remote:
        return set()
    wards = data.get("wards")
    return {w for w in wards if is_ward_id(w)} if isinstance(wards, list) else set()


def write_published(state: Path, remote: str, wards: set[str]) -> None:
    data = {"format": FORMAT, "remote": remote, "wards": sorted(wards)}
    replace_file(state, "published.json", _json(data))


def write_digest(state: Path, ward_id: str, data: dict) -> None:
    replace_file(state, _digest_name(ward_id), _json(data))


def replace_file(folder: Path, relative: str, data: bytes) -> None:
    """Write `data` at `folder/relative` whole (a temporary file, then a rename), through no
    symlink (`safewrite.UnsafeWrite` names the link); an OSError names the file whole."""
    try:
        write_inside(folder, relative, data, replace=True)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(folder / relative)) from None


def _json(value: object) -> bytes:
    compact = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (compact + "\n").encode()
