"""The keys of every ward's last good build, kept with the output in `<site>/.province/`.

    .province/manifest.json      {"format": 1, "wards": {"<id>": "<key>"}}
    .province/wards/<id>.json    the ward's digest (`digest.py`), as of that build
    .province/portal.key         what the portal was last made from (digests, generator)
    .province/portal-files.json  the SHA-256 of each file of the portal as last written

A ward whose key is in the manifest, whose site folder and digest exist, is not rebuilt. The
manifest is written after the builds, each file replaced whole (write, then rename): a killed
run leaves the previous one, and a damaged or unknown manifest only means building again.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.province.provincefile import is_ward_id
from generator.safewrite import write_inside

FOLDER = ".province"
FORMAT = 1


def state_dir(site_dir: Path) -> Path:
    return site_dir / FOLDER


def read_keys(site_dir: Path) -> dict[str, str]:
    """The ward keys of the last run; {} when there is none or it cannot be read. A key
    that is not a ward id (`../x`, an absolute path: a forged file) is dropped."""
    try:
        data = json.loads((state_dir(site_dir) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    wards = data.get("wards") if isinstance(data, dict) and data.get("format") == FORMAT else None
    if not isinstance(wards, dict):
        return {}
    return {k: v for k, v in wards.items() if is_ward_id(k) and isinstance(v, str)}


def write_keys(site_dir: Path, keys: dict[str, str]) -> None:
    data = {"format": FORMAT, "wards": dict(sorted(keys.items()))}
    replace_file(site_dir, f"{FOLDER}/manifest.json", _json(data))


def digest_path(site_dir: Path, ward_id: str) -> Path:
    return site_dir / _digest_name(ward_id)


def _digest_name(ward_id: str) -> str:
    return f"{FOLDER}/wards/{ward_id}.json"


def read_digest(site_dir: Path, ward_id: str) -> dict | None:
    """The ward's digest as of its last good build, None when missing or unreadable."""
    return parse_digest(read_digest_bytes(site_dir, ward_id))


def read_digest_bytes(site_dir: Path, ward_id: str) -> bytes | None:
    try:
        return digest_path(site_dir, ward_id).read_bytes()
    except OSError:
        return None


def parse_digest(data: bytes | None) -> dict | None:
    try:
        parsed = json.loads(data) if data is not None else None
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def read_portal_key(site_dir: Path) -> str:
    """The key of the inputs of the portal last written ('' when none)."""
    try:
        return (state_dir(site_dir) / "portal.key").read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return ""


def write_portal_key(site_dir: Path, key: str) -> None:
    replace_file(site_dir, f"{FOLDER}/portal.key", key.encode() + b"\n")


def take_portal_files(site_dir: Path) -> dict[str, str] | None:
    """The portal's files as last written (path → SHA-256), None when not known; the record
    is removed, so that a run killed while writing leaves none that is out of date."""
    path = state_dir(site_dir) / "portal-files.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        path.unlink()
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


def write_portal_files(site_dir: Path, files: dict[str, str]) -> None:
    data = {"format": FORMAT, "files": dict(sorted(files.items()))}
    replace_file(site_dir, f"{FOLDER}/portal-files.json", _json(data))


def write_digest(site_dir: Path, ward_id: str, data: dict) -> None:
    replace_file(site_dir, _digest_name(ward_id), _json(data))


def replace_file(site_dir: Path, relative: str, data: bytes) -> None:
    """Write `data` at `site_dir/relative` whole (a temporary file, then a rename), through no
    symlink (`safewrite.UnsafeWrite` names the link); an OSError names the file whole."""
    try:
        write_inside(site_dir, relative, data, replace=True)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(site_dir / relative)) from None


def _json(value: object) -> bytes:
    compact = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (compact + "\n").encode()
