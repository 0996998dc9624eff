"""The site folder: which one a build may replace, one build at a time, and the swap.

A build writes into a temporary folder beside the site and swaps it in with two renames, so a
failed build leaves the last good site. Every folder a build makes carries the mark `MARK`;
only marked folders are ever replaced or removed, so a mistyped `--site-dir` (the content, the
repository) or a user's `.site-backup` beside the site is never deleted.

A ward built by `build-all` keeps all of that `Outside` its published folder, in the province's
state: its temporary and previous copies and its lock in a folder of the build's own, and the
mark as a record there, so that the published tree holds no hidden file.
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from generator.common.safewrite import write_inside

MARK = ".ctct-site"
"""A file in every folder a build made: the site, its temporary and its previous copies."""
_MARK_TEXT = "Thư mục do 'python -m generator build' tạo ra; lần dựng sau sẽ thay nó.\n"
_OUR_OLD_SITES = ("404.html", "sitemap.xml", "assets/javascripts/ctct.js")
"""Files every site built before the mark existed has: such a folder is ours too."""
CONTENT = "thư mục dữ liệu"
"""The role of the content folder, which a site may not even lie inside."""


class BuildRefused(Exception):
    """The build cannot start or finish; the message is one Vietnamese line."""


@dataclass(frozen=True)
class Outside:
    """Where a build keeps what a lone build keeps beside or inside its site: `folder` (the
    build's own) its temporary and previous copies and lock, `record` the mark."""

    folder: Path
    record: Path


def check_target(target: Path, protected: dict[str, Path], outside: Outside | None = None) -> None:
    """Refuse a site folder that is or holds a protected folder (by its role's name), that lies
    inside the content folder, or that exists and was not made by a build."""
    refuse_protected(target, protected, within=(CONTENT,))
    if target.is_symlink() or (target.exists() and not is_ours(target, outside)):
        raise BuildRefused(
            f"không dựng vào {target}: thư mục đó đã có tệp không do lần dựng nào tạo ra; "
            "chọn thư mục trống hoặc thư mục trang đã dựng (--site-dir)"
        )


def refuse_protected(
    target: Path, protected: dict[str, Path], within: Collection[str] = ()
) -> None:
    """Refuse a site folder that is or holds a protected folder, or lies in one of the roles
    `within` (a content folder, which a build reads)."""
    for role, folder in protected.items():
        folder = folder.resolve()
        if target == folder or folder.is_relative_to(target):
            raise BuildRefused(f"không dựng vào {target}: thư mục đó là hoặc chứa {role}")
    for role, folder in protected.items():
        if role in within and target.is_relative_to(folder.resolve()):
            raise BuildRefused(f"không dựng vào {target}: thư mục đó nằm trong {role}")


def config_and_repository(config_file: Path) -> dict[str, Path]:
    """The folder of the site's configuration and the root of the git repository holding it
    (when there is one), by their role: folders no site folder may be or hold."""
    folder = config_file.resolve().parent
    found = {"thư mục cấu hình (mkdocs.yml)": folder}
    root = next((p for p in (folder, *folder.parents) if (p / ".git").exists()), None)
    return found | ({"gốc kho mã (.git)": root} if root else {})


def is_ours(folder: Path, outside: Outside | None = None) -> bool:
    """Whether a build made `folder` (an empty folder counts: nothing would be lost)."""
    if not folder.is_dir() or folder.is_symlink():
        return False
    if outside is not None and outside.record.is_file():
        return True
    if (folder / MARK).is_file() or not any(folder.iterdir()):
        return True
    return all((folder / name).is_file() for name in _OUR_OLD_SITES)


def mark(folder: Path) -> None:
    (folder / MARK).write_text(_MARK_TEXT, encoding="utf-8")


def work_folder(target: Path, outside: Outside | None) -> Path:
    """Where the temporary and previous copies and the lock lie: beside the site, or outside."""
    return target.parent if outside is None else outside.folder


@contextmanager
def exclusive(target: Path, outside: Outside | None = None) -> Iterator[None]:
    """Hold `.<site>.lock` beside the site; put back the last good site if a build was killed
    between its two renames; remove what killed builds left (marked folders only, or anything
    of the site's in the build's own folder `outside`)."""
    work = work_folder(target, outside)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work.mkdir(parents=True, exist_ok=True)
        lock = (work / f".{target.name}.lock").open("a")
    except OSError as exc:
        raise BuildRefused(f"không ghi được vào {work}: {exc.strerror}") from None
    with lock:
        hold(lock, target)
        restore(target, outside)
        for debris in _debris(target, work):
            ours = outside is not None or (debris / MARK).is_file()
            if debris.is_dir() and not debris.is_symlink() and ours:
                shutil.rmtree(debris, ignore_errors=True)
        yield


def hold(lock: IO[str], target: Path) -> None:
    """Take `lock` (an open lock file) for the build of `target`, or refuse: another holds it.
    The lock lasts until the file is closed."""
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise BuildRefused(
            f"một lần dựng khác đang ghi vào {target}; chờ nó xong rồi chạy lại"
        ) from None


def restore(target: Path, outside: Outside | None = None) -> None:
    """Put back the last good site of a build killed between its two renames."""
    previous = _previous(target, outside)
    if target.exists() or target.is_symlink() or not previous.is_dir() or previous.is_symlink():
        return
    if outside is not None or (previous / MARK).is_file():
        previous.rename(target)


def _debris(target: Path, work: Path) -> list[Path]:
    """The temporary and previous copies of `target`: `.<name>-<suffix>`, a suffix without '-'
    (`mkdtemp`'s, or `old`), so that those of a site named `<name>-…` beside it never match."""
    prefix = f".{target.name}-"
    return [
        p
        for p in work.iterdir()
        if p.name.startswith(prefix) and p.name != prefix and "-" not in p.name[len(prefix) :]
    ]


def swap(staging: Path, target: Path, outside: Outside | None = None) -> None:
    """Replace `target` by `staging` with two renames, so readers never see half a site; with
    `outside`, the record that a build made it is written once it is in place."""
    staging.chmod(0o755)
    old = _previous(target, outside)
    if target.exists():
        if outside is None:
            mark(target)  # a site built before the mark (check_target found it ours), now marked
        target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)  # put the last good site back
        raise
    if outside is not None:
        outside.record.parent.mkdir(parents=True, exist_ok=True)
        write_inside(outside.record.parent, outside.record.name, _MARK_TEXT.encode(), replace=True)
    shutil.rmtree(old, ignore_errors=True)


def _previous(target: Path, outside: Outside | None = None) -> Path:
    return work_folder(target, outside) / f".{target.name}-old"
