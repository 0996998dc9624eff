"""The site's ready files (feeds, data, search index, the editor) written by a child process
while mkdocs renders the pages.

Writing some 450 files costs about a fifth of a build on a slow disk, and needs nothing mkdocs
computes, so `generator build` and `mkdocs build` fork once the files are known and the site
folder is clean; the parent waits for the child before the build counts as done, and a failure
fails the build (the last good site is kept). Forking is safe there: the build is one thread.
`mkdocs serve` runs threads, so it hands them to mkdocs instead. The files no page needs
(calendars, the search index) are also made in the child (`ReadyFiles.make`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath


class WriteFailed(Exception):
    """A ready file could not be written; the message says which and why, in one line."""


@dataclass
class ReadyFiles:
    """What to write under `root`: texts and bytes by site path, those `make` makes (in the
    writing process), and files to copy as they are."""

    root: Path
    data: dict[str, bytes | str] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    make: Callable[[], dict[str, bytes]] | None = None


def write_all(files: ReadyFiles) -> list[str]:
    """Write every file and return their site paths; never replaces a file already there (a
    clash with mkdocs' own)."""
    later = files.make() if files.make else {}
    counts = Counter([*files.data, *later, *files.copies])
    if clash := sorted(path for path, times in counts.items() if times > 1):
        raise WriteFailed(f"hai tệp cùng một đường dẫn: {clash[0]}")
    data = {**files.data, **later}
    made: set[Path] = set()
    for path, value in sorted(data.items()):
        raw = value.encode("utf-8") if isinstance(value, str) else value
        _write(files.root, path, made, lambda out, raw=raw: out.write(raw))
    for path, source in sorted(files.copies.items()):

        def copy(out, source=source):
            with open(source, "rb") as src:
                shutil.copyfileobj(src, out)

        _write(files.root, path, made, copy)
    return sorted({*data, *files.copies})


def _write(root: Path, path: str, made: set[Path], fill: Callable) -> None:
    """Create `path` under `root` (never replacing a file) and fill it; an error names the site
    path, not the temporary folder the build writes into."""
    target = None
    try:
        target = _target(root, path, made)
        with open(target, "xb") as out:
            fill(out)
    except FileExistsError as exc:
        if exc.filename != str(target):  # a file where a folder should be
            raise WriteFailed(f"không ghi được {path}: {exc.strerror}") from None
        raise WriteFailed(f"tệp trùng đường dẫn với trang hoặc tệp giao diện: {path}") from None
    except OSError as exc:
        raise WriteFailed(f"không ghi được {path}: {exc.strerror or exc}") from None


def _target(root: Path, path: str, made: set[Path]) -> Path:
    parts = PurePosixPath(path).parts
    if not parts or PurePosixPath(path).is_absolute() or ".." in parts or "\\" in path:
        raise WriteFailed(f"đường dẫn tệp không hợp lệ: {path!r}")
    target = root.joinpath(*parts)
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    return target


class ChildWriter:
    """`write_all` in a forked child; `wait` reports its failure, `cancel` stops it."""

    def __init__(self, files: ReadyFiles):
        self.files = files
        self.pid: int | None = None
        self.reader = -1

    def start(self) -> None:
        reader, writer = os.pipe()
        # No Ctrl-C between fork and the child's `try` (it would run the parent's code in the
        # child) nor before the parent has noted the child's pid (it could not be stopped).
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            pid = os.fork()
            if pid == 0:  # the child: write, report, and never return into the parent's code
                status = 1
                try:
                    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
                    os.close(reader)
                    status = _child(self.files, writer)
                finally:
                    os._exit(status)
            os.close(writer)
            self.pid, self.reader = pid, reader
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def wait(self) -> list[str]:
        """The site paths written, once all are; raise WriteFailed when the child failed."""
        if self.pid is None:
            return []
        with os.fdopen(self.reader, "rb") as pipe:
            said = pipe.read().decode("utf-8", "replace")
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            raise WriteFailed(said or f"tiến trình ghi tệp dừng bất thường ({status})")
        return said.split("\n") if said else []

    def cancel(self) -> None:
        """The build failed: stop the child before its folder is removed."""
        if self.pid is None:
            return
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.reader)
        self.pid = None


def _child(files: ReadyFiles, report: int) -> int:
    """Write, then tell the parent what was written (or why not) through `report`."""
    try:
        said, status = "\n".join(write_all(files)), 0
    except WriteFailed as exc:
        said, status = str(exc), 1
    except BaseException as exc:  # one line: a message may span several
        said, status = f"lỗi khi tạo tệp: {type(exc).__name__}: {' '.join(str(exc).split())}", 1
    with contextlib.suppress(OSError), os.fdopen(report, "wb") as pipe:
        pipe.write(said.encode("utf-8"))
    return status
