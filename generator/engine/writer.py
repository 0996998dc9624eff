"""The site's ready files (feeds, data, search index, the editor) written by a child process
while mkdocs renders the pages.

Writing some 450 files costs about a fifth of a build on a slow disk, and needs nothing mkdocs
computes, so `generator build` and `mkdocs build` fork once the files are known and the site
folder is clean; the parent waits for the child before the build counts as done, and a failure
fails the build (the last good site is kept). Forking is safe there: the build is one thread.
`mkdocs serve` runs threads, so it writes them through mkdocs instead (`write_all` in-process).
"""

from __future__ import annotations

import os
import shutil
import signal
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath


class WriteFailed(Exception):
    """A ready file could not be written; the message says which and why, in one line."""


@dataclass
class ReadyFiles:
    """What to write under `root`: texts and bytes by site path, and files to copy as they are."""

    root: Path
    data: dict[str, bytes | str] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)


def write_all(files: ReadyFiles) -> None:
    """Write every file; never replaces a file already there (a clash with mkdocs' own)."""
    made: set[Path] = set()
    for path, data in sorted(files.data.items()):
        target = _target(files.root, path, made)
        with open(target, "xb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
    for path, source in sorted(files.copies.items()):
        target = _target(files.root, path, made)
        with open(source, "rb") as src, open(target, "xb") as out:
            shutil.copyfileobj(src, out)


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
        pid = os.fork()
        if pid == 0:  # the child: write, report, leave without running the parent's cleanup
            os.close(reader)
            os._exit(_child(self.files, writer))
        os.close(writer)
        self.pid, self.reader = pid, reader

    def wait(self) -> None:
        """Return when every file is written; raise WriteFailed when the child failed."""
        if self.pid is None:
            return
        with os.fdopen(self.reader, "rb") as pipe:
            message = pipe.read().decode("utf-8", "replace")
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            raise WriteFailed(message or f"tiến trình ghi tệp dừng bất thường ({status})")

    def cancel(self) -> None:
        """The build failed: stop the child before its folder is removed."""
        if self.pid is None:
            return
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.reader)
        self.pid = None


def _child(files: ReadyFiles, report: int) -> int:
    try:
        write_all(files)
        return 0
    except WriteFailed as exc:
        os.write(report, str(exc).encode("utf-8"))
    except OSError as exc:
        os.write(report, f"không ghi được {exc.filename or files.root}: {exc.strerror}".encode())
    except BaseException as exc:  # the child must never return into the parent's code
        os.write(report, f"lỗi khi ghi tệp: {type(exc).__name__}: {exc}".encode())
    return 1
