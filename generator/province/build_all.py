"""`python -m generator build-all`: every ward of a province into `<site>/<ward-id>/`, then the
province portal at `<site>/`.

The recipe: read and check the province file; compute every ward's key (`keys.py`); build,
in parallel worker processes, the wards whose key is not the manifest's (`worker.py`); keep
the digest and key of each ward built; render the portal from every ward's digest; write it.
A ward that fails is named with its messages and keeps its last good site, digest and key
(so the next run tries it again); the others go on. The exit status is 1 when any ward failed.
What the run keeps for the next lies in the state folder beside the site (`manifest.py`): the
site folder holds only what is published, no hidden file.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.common.dates import EpochError, build_today
from generator.common.safewrite import UnsafeWrite
from generator.common.urls import site_address
from generator.editor.files import VENDOR
from generator.editor.settings import BUNDLE_FOLDER
from generator.engine.sitedir import (
    MARK,
    BuildRefused,
    check_target,
    config_and_repository,
    hold,
    is_ours,
    refuse_protected,
)
from generator.output import SiteInfo
from generator.province import manifest
from generator.province.digest import WardDigest
from generator.province.distinct import clashes
from generator.province.keys import THEME, generator_key, ward_key
from generator.province.portal import PORTAL_PAGE, PortalAssets, render_portal
from generator.province.provincefile import WARDS_DIR, Province, is_ward_id, read_province
from generator.province.shards import in_shard
from generator.province.worker import WardJob, WardResult, run_jobs

STATIC = Path(__file__).resolve().parent / "static"
WARD_TIMEOUT = 600.0
"""`--ward-timeout`'s default: a ward takes about 1 s, its history capped (`load/gitlog.py`)."""


@dataclass(frozen=True)
class Options:
    province: Path
    site_dir: Path
    config: Path
    jobs: int
    base_url: str
    shard: tuple[int, int] | None = None
    """Build only the wards of shard K of N (`shards.py`), and no portal: a CI matrix job."""
    portal_only: bool = False
    """Build no ward: the portal from the digests present (the job assembling the shards)."""
    state_dir: Path | None = None
    """What a run keeps for the next (`manifest.py`); by default `<site-dir>.state`."""
    ward_timeout: float = WARD_TIMEOUT
    """Seconds a ward may take; after it, the ward fails alone and keeps its last good site."""


def build_all(options: Options) -> int:
    if options.shard is not None and options.portal_only:
        print(
            "--shard và --portal-only không dùng cùng nhau: --shard K/N dựng các phường của "
            "phần K, không dựng cổng tỉnh; gộp mọi phần rồi chạy riêng --portal-only",
            file=sys.stderr,
        )
        return 1
    province, problems = read_province(options.province)
    for problem in problems:
        print(problem, file=sys.stderr)
    if province is None:
        print("Không dựng được: sửa province.yaml theo các lỗi trên.", file=sys.stderr)
        return 1
    try:
        as_of = build_today()
    except EpochError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        base = site_address(options.base_url)  # the wards' own rule for SITE_URL
        site_dir = options.site_dir.resolve()
        state = (options.state_dir or manifest.default_state_dir(site_dir)).resolve()
        _refuse_site(site_dir, state, options, province)
    except (ValueError, BuildRefused) as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
        with _exclusive(site_dir, state):
            failed = (
                []
                if options.portal_only
                else _build_wards(province, options, Places(site_dir, state), base, as_of)
            )
            if options.shard is None:
                site = SiteInfo(base, as_of)
                _write_portal(province, Places(site_dir, state), site, options.config)
    except (BuildRefused, UnsafeWrite) as exc:
        print(f"{exc} Dừng, chưa dựng xong.", file=sys.stderr)
        return 1
    except OSError as exc:  # a full or read-only disk: named, no traceback
        where = exc.filename or site_dir
        print(
            f"{where}: không ghi được ({exc.strerror or exc}). Dừng, chưa dựng xong.",
            file=sys.stderr,
        )
        return 1
    if failed:
        print(f"{len(failed)} phường lỗi, giữ trang cũ: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


@dataclass(frozen=True)
class Places:
    site: Path
    """What is published: the portal and `<id>/` each ward."""
    state: Path
    """What the next run reads, never published (`manifest.py`)."""


def _build_wards(
    province: Province, options: Options, places: Places, base: str, as_of
) -> list[str]:
    site_dir, state = places.site, places.state
    common = generator_key(options.config, base, as_of.isoformat())
    repositories: dict = {}
    wards = [w for w in province.wards if in_shard(w.id, options.shard)]
    missing = [w for w in wards if not w.content.is_dir()]
    for w in missing:
        said = f"không tìm thấy thư mục dữ liệu {w.content.relative_to(province.root)}"
        _report(WardResult(w.id, False, said, None, 0.0))
    wards = [w for w in wards if w not in missing]
    in_repo = {w.id: content_in_repo(w.content, province.root) for w in wards}
    keys = {
        w.id: ward_key(f"{common}\n{in_repo[w.id]}", w.id, w.content, repositories) for w in wards
    }
    kept = manifest.read_keys(state)
    jobs = [
        WardJob(
            w.id,
            w.content,
            site_dir / w.id,
            options.config.resolve(),
            f"{base}{w.id}/",
            as_of,
            manifest.ward_outside(state, w.id),
            in_repo[w.id],
            shared_bundle=True,
        )
        for w in wards
        if kept.get(w.id) != keys[w.id] or not _has_build(places, w.id)
    ]
    if any(job.ward_id in kept for job in jobs):  # a run killed now leaves them to be built
        kept = {k: v for k, v in kept.items() if k not in {job.ward_id for job in jobs}}
        manifest.write_keys(state, kept)
    print(
        f"{len(jobs)} phường cần dựng, {len(wards) - len(jobs)} không đổi.",
        file=sys.stderr,
    )
    if len(jobs) > 1:  # for one ward, the worker imports and compiles only what it uses
        _warm_up(options.config, jobs[0].content)
    failed = [w.id for w in missing]
    for result in run_jobs(jobs, max(1, options.jobs), options.ward_timeout):
        _report(result)
        if result.ok and result.digest is not None:
            manifest.write_digest(state, result.ward_id, result.digest)
            kept[result.ward_id] = keys[result.ward_id]
        else:
            failed.append(result.ward_id)
    if options.shard is None:  # a shard's folder holds only its own wards
        _remove_gone(places, kept, {w.id for w in province.wards})
    manifest.write_keys(state, {k: v for k, v in kept.items() if k in keys})
    return sorted(failed)


def content_in_repo(content: Path, root: Path) -> str:
    """The ward's content folder in its git repository (the province's, or a ward repository
    checked out inside it: the nearest folder holding `.git`), where its editor writes; relative
    to the province folder outside any repository."""
    top = next(
        (p for p in content.parents if p.is_relative_to(root) and (p / ".git").exists()), root
    )
    return content.relative_to(top).as_posix()


def _has_build(places: Places, ward_id: str) -> bool:
    """Its site, the record that a build swapped it in, and its digest are there (a digest the
    portal cannot use is forgotten there, `_write_portal`, so that the next run builds the ward
    again)."""
    site = places.site / ward_id
    outside = manifest.ward_outside(places.state, ward_id)
    return (
        site.is_dir()
        and not site.is_symlink()
        and outside.record.is_file()
        and manifest.digest_path(places.state, ward_id).is_file()
    )


def _report(result: WardResult) -> None:
    said = "".join(f"\n  {line}" for line in result.messages.splitlines())
    verdict = f"đã dựng ({result.seconds:.1f} s)" if result.ok else "LỖI, giữ trang cũ"
    print(f"{result.ward_id}: {verdict}{said}", file=sys.stderr, flush=True)


def _remove_gone(places: Places, kept: dict[str, str], present: set[str]) -> None:
    """A ward no longer in the province is no longer published (its folder only if a build
    made it: `kept` holds ward ids, `manifest.read_keys`)."""
    for ward_id in sorted(set(kept) - present):
        outside = manifest.ward_outside(places.state, ward_id)
        if is_ours(places.site / ward_id, outside):
            shutil.rmtree(places.site / ward_id, ignore_errors=True)
        outside.record.unlink(missing_ok=True)
        manifest.digest_path(places.state, ward_id).unlink(missing_ok=True)
        del kept[ward_id]


def _warm_up(config: Path, content: Path) -> None:
    """Import mkdocs, Material and the plugins, and compile the templates, once, here, so that
    no worker does it again (`engine/compiled.py`). The configuration is read as a ward's build
    reads it, with a ward's `content` as its docs_dir: a province's repository has no content/
    beside its mkdocs.yml, which mkdocs would refuse."""
    from mkdocs.exceptions import Abort, ConfigurationError

    from generator.engine.compiled import compile_once
    from generator.engine.siteconfig import add_theme_overrides, load_site_config

    # A bad configuration is reported by each ward's build, under the ward's name.
    with contextlib.suppress(ConfigurationError, Abort, OSError, ValueError):
        theme = load_site_config(config, docs_dir=str(content)).theme
        add_theme_overrides(theme)
        compile_once(theme.get_env())


def load_assets() -> PortalAssets:
    """The portal's own files: its style, the wards' search box and engine, and their
    editor's bundle."""
    return PortalAssets(
        {
            **{f"assets/{n}": (STATIC / n).read_bytes() for n in ("portal.css", "portal.js")},
            **{
                f"assets/{name}": (THEME / "assets" / "javascripts" / name).read_bytes()
                for name in ("ctct.js", "search.js")  # the wards' search box and engine
            },
            **{  # the wards' editor's Decap bundle, once for every ward (`shared_bundle`)
                f"{BUNDLE_FOLDER}/{p.name}": p.read_bytes()
                for p in sorted(VENDOR.iterdir())
                if p.is_file()
            },
        }
    )


def _write_portal(province: Province, places: Places, site: SiteInfo, config: Path) -> None:
    """The portal from every ward's digest; nothing is done when none of them, nor the
    generator, the address or the day, changed since the portal was last written."""
    site_dir, state = places.site, places.state
    raw = {ward.id: manifest.read_digest_bytes(state, ward.id) for ward in province.wards}
    key = hashlib.sha256(generator_key(config, site.url, site.as_of.isoformat()).encode())
    key.update(province.name.encode())
    for ward_id, data in raw.items():
        key.update(b"\0" + ward_id.encode() + b"\0" + (data or b"-"))
    if manifest.read_portal_key(state) == key.hexdigest() and (site_dir / PORTAL_PAGE).is_file():
        print("Cổng tỉnh không đổi.", file=sys.stderr)
        return
    digests, missing = [], []
    for ward_id, data in raw.items():
        parsed = manifest.parse_digest(data) if data else None
        digest = WardDigest.from_json(parsed, ward_id, site.url) if parsed else None
        (digests.append(digest) if digest is not None else missing.append(ward_id))
    _forget_damaged(state, [w for w in missing if raw[w] is not None])
    if refused := clashes(province, digests):
        raise BuildRefused(
            "\n".join(map(str, refused)) + "\nCổng tỉnh chưa dựng lại: sửa các lỗi trên."
        )
    files = render_portal(province.name, digests, missing, site, load_assets())
    _replace_portal(places, files)
    manifest.write_portal_key(state, key.hexdigest())
    print(f"Đã dựng cổng tỉnh vào {site_dir} ({len(digests)} phường).", file=sys.stderr)


def _forget_damaged(state: Path, ward_ids: list[str]) -> None:
    """Digests that are not what a worker writes (damaged, of another version, forged): their
    wards are left out of the portal now and built again next time."""
    if not ward_ids:
        return
    keys = manifest.read_keys(state)
    for ward_id in ward_ids:
        print(
            f"{ward_id}: tệp tóm tắt {manifest.digest_path(state, ward_id).name} hỏng hoặc "
            "không do công cụ này ghi; cổng tỉnh tạm chưa có phường này, lần dựng sau sẽ dựng lại",
            file=sys.stderr,
        )
        keys.pop(ward_id, None)
    manifest.write_keys(state, keys)


def _replace_portal(places: Places, files: dict[str, bytes]) -> None:
    """Write the files that changed, each whole (a rename), the page last; remove the portal's
    files that are gone. An incremental build rewrites only what one ward moved, and reads
    none of the others: the record of the last write (`manifest.take_portal_files`) says what
    they hold; without it, each file is compared as it lies."""
    site_dir = places.site
    before = manifest.take_portal_files(places.state)
    _refuse_links(site_dir, [*files, *(before or ())])
    now = {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
    for path in sorted(files, key=lambda p: p == PORTAL_PAGE):
        target = site_dir / path
        if target.is_symlink():
            unchanged = False  # replaced by a file (a rename), never written through
        elif before is not None:
            unchanged = before.get(path) == now[path] and target.is_file()
        else:
            unchanged = target.is_file() and target.read_bytes() == files[path]
        if not unchanged:
            manifest.replace_file(site_dir, path, files[path])
    for path in _gone(site_dir, files, before):
        (site_dir / path).unlink(missing_ok=True)
    manifest.write_portal_files(places.state, now)


def _refuse_links(site_dir: Path, paths: list[str]) -> None:
    """Refuse, before writing or removing anything, a folder of the portal that is a symlink
    (the portal would empty and fill the folder it points to)."""
    folders = {parent for path in paths for parent in PurePosixPath(path).parents}
    for folder in sorted(folders - {PurePosixPath(".")}):
        if (site_dir / folder).is_symlink():
            raise UnsafeWrite(
                f"{site_dir / folder}: là liên kết (symlink); cổng tỉnh không ghi hay xóa qua "
                "liên kết: thay nó bằng thư mục thật rồi chạy lại"
            )


def _gone(site_dir: Path, files: dict[str, bytes], before: dict[str, str] | None) -> list[str]:
    """The files of the portal's folders that it no longer has: those of its last write, or
    without that record, every file found there."""
    tops = {path.partition("/")[0] for path in files if "/" in path}
    if before is not None:
        gone = (p for p in set(before) - set(files) if p.partition("/")[0] in tops)
        return sorted(p for p in gone if (site_dir / p).is_file())
    found = []
    for top in sorted(tops):
        for path in sorted((site_dir / top).rglob("*")):
            relative = path.relative_to(site_dir).as_posix()
            if path.is_file() and relative not in files:
                found.append(relative)
    return found


def _refuse_site(site_dir: Path, state: Path, options: Options, province: Province) -> None:
    """As `generator build` refuses its site folder (`sitedir.check_target`: a folder no build
    made, the repository, the configuration), and also one among the wards (wards/, a ward's
    folder there or its content), which a ward's build would replace; the state folder alike,
    and neither inside the other. The site is ours when its state is (`manifest.is_state`):
    the state given with `--state-dir` vouches for the site folder given with it."""
    wards = {f"thư mục {WARDS_DIR}/ của tỉnh": province.root / WARDS_DIR}
    wards |= {f"thư mục dữ liệu của phường {w.id}": w.content for w in province.wards}
    for folder in (site_dir, state):
        refuse_protected(folder, _protected(options) | wards, within=wards)
    if state.is_relative_to(site_dir) or site_dir.is_relative_to(state):
        raise BuildRefused(
            f"--state-dir {state}: thư mục trạng thái phải nằm ngoài thư mục trang {site_dir} "
            "(nó không được đăng), và ngược lại"
        )
    if state.is_symlink() or (
        state.exists() and any(state.iterdir()) and not manifest.is_state(state)
    ):
        raise BuildRefused(
            f"--state-dir {state}: thư mục đó đã có tệp không do build-all tạo ra; chọn "
            "thư mục trống hoặc thư mục trạng thái của trang này"
        )
    if not manifest.is_state(state) and not (site_dir / manifest.OLD_FOLDER).is_dir():
        check_target(site_dir, {})  # a site of before --state-dir (.province/) is ours too


def _protected(options: Options) -> dict[str, Path]:
    """The folders the province's site folder may not be or hold."""
    return {"thư mục tỉnh": options.province} | config_and_repository(options.config)


@contextmanager
def _exclusive(site_dir: Path, state: Path) -> Iterator[None]:
    state.mkdir(parents=True, exist_ok=True)
    with (state / "lock").open("a") as lock:
        hold(lock, site_dir)
        if not manifest.is_state(state):
            manifest.mark_state(state)  # the site is ours from now (`_refuse_site`)
        _move_out_old_state(site_dir, state)
        yield


def _move_out_old_state(site_dir: Path, state: Path) -> None:
    """What a build before `--state-dir` kept in the site: its `.province/` (removed unread,
    so every ward is built again), its marks (each ward's becomes its record in the state) and
    the lock files and marked temporary copies it left."""
    old = site_dir / manifest.OLD_FOLDER
    if old.is_symlink():
        old.unlink()  # the link only, never what it points to
    elif old.is_dir():
        shutil.rmtree(old)
    if (site_dir / MARK).is_file() and not (site_dir / MARK).is_symlink():
        (site_dir / MARK).unlink()
    for entry in sorted(site_dir.iterdir()):
        name = entry.name
        if entry.is_symlink():
            continue
        if is_ward_id(name) and entry.is_dir() and (entry / MARK).is_file():
            record = manifest.ward_outside(state, name).record
            manifest.replace_file(state, record.relative_to(state).as_posix(), b"")
            (entry / MARK).unlink()
        elif name.startswith(".") and name.endswith(".lock") and is_ward_id(name[1:-5]):
            if entry.is_file() and entry.stat().st_size == 0:
                entry.unlink()
        elif name.startswith(".") and entry.is_dir() and (entry / MARK).is_file():
            shutil.rmtree(entry)  # a killed build's temporary or previous copy
