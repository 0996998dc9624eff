"""The site folder: which one a build may replace, one build at a time, and the swap.

A build writes into a temporary folder beside the site and swaps it in with two renames, so a
failed build leaves the last good site. Every folder a build makes carries the mark `MARK`;
only marked folders are ever replaced or removed, so a mistyped `--site-dir` (the content, the
repository) or a user's `.site-backup` beside the site is never deleted.
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MARK = ".ctct-site"
"""A file in every folder a build made: the site, its temporary and its previous copies."""
_MARK_TEXT = "Thư mục do 'python -m generator build' tạo ra; lần dựng sau sẽ thay nó.\n"
_OUR_OLD_SITES = ("404.html", "sitemap.xml", "assets/javascripts/ctct.js")
"""Files every site built before the mark existed has: such a folder is ours too."""
CONTENT = "thư mục dữ liệu"
"""The role of the content folder, which a site may not even lie inside."""


class BuildRefused(Exception):
    """The build cannot start or finish; the message is one Vietnamese line."""


def check_target(target: Path, protected: dict[str, Path]) -> None:
    """Refuse a site folder that is or holds a protected folder (by its role's name), that lies
    inside the content folder, or that exists and was not made by a build."""
    refuse_protected(target, protected)
    if target.is_symlink() or (target.exists() and not is_ours(target)):
        raise BuildRefused(
            f"không dựng vào {target}: thư mục đó đã có tệp không do lần dựng nào tạo ra; "
            "chọn thư mục trống hoặc thư mục trang đã dựng (--site-dir)"
        )


def refuse_protected(target: Path, protected: dict[str, Path]) -> None:
    """Refuse a site folder that is or holds a protected folder, or lies in the content."""
    for role, folder in protected.items():
        folder = folder.resolve()
        if target == folder or folder.is_relative_to(target):
            raise BuildRefused(f"không dựng vào {target}: thư mục đó là hoặc chứa {role}")
        if role == CONTENT and target.is_relative_to(folder):
            raise BuildRefused(f"không dựng vào {target}: thư mục đó nằm trong {role}")


def is_ours(folder: Path) -> bool:
    """Whether a build made `folder` (an empty folder counts: nothing would be lost)."""
    if not folder.is_dir() or folder.is_symlink():
        return False
    if (folder / MARK).is_file() or not any(folder.iterdir()):
        return True
    return all((folder / name).is_file() for name in _OUR_OLD_SITES)


def mark(folder: Path) -> None:
    (folder / MARK).write_text(_MARK_TEXT, encoding="utf-8")


@contextmanager
def exclusive(target: Path) -> Iterator[None]:
    """Hold `.<site>.lock` beside the site; put back the last good site if a build was killed
    between its two renames; remove what killed builds left (marked folders only)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = (target.parent / f".{target.name}.lock").open("a")
    except OSError as exc:
        raise BuildRefused(f"không ghi được vào {target.parent}: {exc.strerror}") from None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildRefused(
                f"một lần dựng khác đang ghi vào {target}; chờ nó xong rồi chạy lại"
            ) from None
        previous = _previous(target)
        if not target.exists() and previous.is_dir() and (previous / MARK).is_file():
            previous.rename(target)
        for debris in _debris(target):
            if debris.is_dir() and not debris.is_symlink() and (debris / MARK).is_file():
                shutil.rmtree(debris, ignore_errors=True)
        yield


def _debris(target: Path) -> list[Path]:
    """The temporary and previous copies of `target`: `.<name>-<suffix>`, a suffix without '-'
    (`mkdtemp`'s, or `old`), so that those of a site named `<name>-…` beside it never match."""
    prefix = f".{target.name}-"
    return [
        p
        for p in target.parent.iterdir()
        if p.name.startswith(prefix) and p.name != prefix and "-" not in p.name[len(prefix) :]
    ]


def swap(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with two renames, so readers never see half a site."""
    staging.chmod(0o755)
    old = _previous(target)
    if target.exists():
        mark(target)  # a site built before the mark (check_target found it ours), now marked
        target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)  # put the last good site back
        raise
    shutil.rmtree(old, ignore_errors=True)


def _previous(target: Path) -> Path:
    return target.with_name(f".{target.name}-old")
