"""Writing inside a folder without ever following a symlink.

Content folders come from pull requests and emailed files; a symlink committed in them could
point anywhere (a `.pth` file in the virtual environment runs at the next Python start). So every
writer of ours walks from the folder it was given one name at a time with `O_NOFOLLOW`, creates
missing folders itself, writes a temporary file in the checked folder and renames it into place.
A rename replaces a name; it never writes through a link that holds it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
_NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW


class UnsafeWrite(Exception):
    """A write refused, with the Vietnamese sentence that says why."""


def write_inside(root: Path, relative: str, data: bytes, *, replace: bool = False) -> Path:
    """Write `data` at `root/relative`; refuse a symlink on the way or (unless `replace`) any
    existing file. Returns the path written."""
    parts = _parts(relative)
    with _folder(root, parts[:-1]) as fd:
        name = parts[-1]
        existing = _lstat(name, fd)
        if existing is not None and (not replace or not stat.S_ISREG(existing.st_mode)):
            what = "liên kết (symlink)" if stat.S_ISLNK(existing.st_mode) else "tệp"
            raise UnsafeWrite(f"{root / relative}: đã có {what} ở đây, không ghi đè")
        temporary = f".{name}.{secrets.token_hex(6)}.tmp"
        out = os.open(temporary, _NEW_FLAGS, 0o644, dir_fd=fd)
        try:
            with os.fdopen(out, "wb") as stream:
                stream.write(data)
            os.rename(temporary, name, src_dir_fd=fd, dst_dir_fd=fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=fd)
            raise
    return root / relative


def _parts(relative: str) -> tuple[str, ...]:
    path = PurePosixPath(relative)
    if path.is_absolute() or not path.parts or any(p in ("", ".", "..") for p in path.parts):
        raise UnsafeWrite(f"'{relative}' không phải đường dẫn bên trong thư mục")
    return path.parts


@contextlib.contextmanager
def _folder(root: Path, parts: tuple[str, ...]) -> Iterator[int]:
    """A descriptor of `root/parts…`, each step opened without following a link; missing
    folders are made."""
    if root.is_symlink():
        raise UnsafeWrite(f"{root}: thư mục này là liên kết (symlink); hãy dùng thư mục thật")
    fd = os.open(root, _DIR_FLAGS)
    here = root
    try:
        for part in parts:
            here = here / part
            if _lstat(part, fd) is None:
                os.mkdir(part, 0o755, dir_fd=fd)
            try:
                inner = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise UnsafeWrite(
                        f"{here}: không phải thư mục thật (là liên kết symlink hoặc tệp); "
                        "không ghi vào đó"
                    ) from exc
                raise
            os.close(fd)
            fd = inner
        yield fd
    finally:
        os.close(fd)


def _lstat(name: str, fd: int) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=fd, follow_symlinks=False)
    except FileNotFoundError:
        return None
