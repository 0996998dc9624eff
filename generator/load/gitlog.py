"""Past versions of the content files, read from git in two commands.

One `git log` lists the commits (oldest first, first parent only) that touched the content
(`ward.yaml`, `units.yaml`, `programmes/`) or anything else that shapes the calendar events
(`watched` paths: the generator's event code, the deployment settings); one
`git cat-file --batch` reads every changed content file of every commit. Uncommitted edits of the
content come last, as a version at the newest commit's time. Outside a repository (or without
git) there is no log, and a notice says so.
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problems
from generator.load.yamlsrc import decode_text

log = logging.getLogger(__name__)
_GIT = ("git", "-c", "core.quotepath=off", "-c", "color.ui=false", "-c", "log.showSignature=false")
_MARK = "\x01"
WORKING_TREE = "working-tree"
CONTENT_FILES = ("ward.yaml", "units.yaml", "programmes", "amendments", "reports")
FOLDERS = ("programmes", "amendments", "reports")
"""What of the content folder the history follows, relative to it."""


@dataclass(frozen=True)
class Version:
    """What one commit changed: content files with their texts, and whether watched paths."""

    commit: str
    when: dt.datetime
    """The commit's time, UTC."""
    changed: dict[str, str | None]
    """Texts of the content files it changed, by path relative to the content folder
    ('programmes/2026.yaml'); None for a deleted file."""
    watched: bool = False
    """True when it also changed a watched path outside the content (the event code...)."""


@dataclass(frozen=True)
class GitLog:
    """The versions of the content, oldest first, and whether git holds the whole history."""

    versions: list[Version]
    shallow: bool
    """A shallow clone: the oldest commits are missing, so stamps would not be the real ones."""


def read_log(content_dir: Path, watched: tuple[Path, ...] = ()) -> GitLog | None:
    """The content's versions; None outside a git repository or without git."""
    try:
        top, shallow = _repository(content_dir)
        commits = _commits(top, content_dir, watched)
    except (OSError, subprocess.CalledProcessError, ValueError) as exc:
        detail = getattr(exc, "stderr", None) or str(exc).encode()
        log.warning(
            "không có lịch sử git cho %s (%s): dấu thời gian của lịch lấy theo ngày ban hành",
            content_dir,
            detail.decode("utf-8", "replace").strip(),
        )
        return None
    base = _relative(content_dir, top)
    names = [f"{sha}:{base}{path}" for sha, _, paths, _ in commits for path in paths]
    blobs = _cat_files(top, names)
    versions = [
        Version(sha, when, {p: _text(blobs.get(f"{sha}:{base}{p}")) for p in paths}, touched)
        for sha, when, paths, touched in commits
    ]
    if versions and (dirty := _uncommitted(content_dir, versions)):
        versions.append(Version(WORKING_TREE, versions[-1].when, dirty))
    return GitLog(versions, shallow)


def _repository(content_dir: Path) -> tuple[Path, bool]:
    top, shallow = _git(
        content_dir, "rev-parse", "--show-toplevel", "--is-shallow-repository"
    ).splitlines()
    return Path(top), shallow == "true"


def _relative(path: Path, top: Path) -> str:
    """`path` relative to the repository's top, as a prefix ('content/', or '' for the top)."""
    inner = path.resolve().relative_to(top.resolve()).as_posix()
    return "" if inner == "." else inner + "/"


def _commits(
    top: Path, content_dir: Path, watched: tuple[Path, ...]
) -> list[tuple[str, dt.datetime, list[str], bool]]:
    """(sha, time, content files changed, watched paths touched) for each commit."""
    base = _relative(content_dir, top)
    inside = [p for p in watched if p.resolve().is_relative_to(top.resolve())]
    specs = [base + name for name in CONTENT_FILES]
    specs += [_relative(p, top).rstrip("/") for p in inside]
    out = _git(
        top,
        "log",
        "--reverse",
        "--first-parent",
        "-m",
        "--no-renames",
        "--name-only",
        f"--format={_MARK}%H %ct",
        "--",
        *specs,
    )
    commits: list[tuple[str, dt.datetime, list[str], bool]] = []
    for line in out.splitlines():
        if line.startswith(_MARK):
            sha, stamp = line[1:].split()
            commits.append((sha, dt.datetime.fromtimestamp(int(stamp), dt.UTC), [], False))
        elif line and commits:
            sha, when, paths, touched = commits[-1]
            name = line.removeprefix(base) if line.startswith(base) else ""
            if _is_content_file(name):
                paths.append(name)
            else:
                commits[-1] = (sha, when, paths, True)
    return commits


def _is_content_file(name: str) -> bool:
    folder = name.split("/", 1)[0]
    return name in ("ward.yaml", "units.yaml") or (
        folder in FOLDERS and name.endswith(".yaml") and name.count("/") == 1
    )


def _uncommitted(content_dir: Path, versions: list[Version]) -> dict[str, str | None]:
    committed: dict[str, str | None] = {}
    for version in versions:
        committed.update(version.changed)
    files = [content_dir / "ward.yaml", content_dir / "units.yaml"]
    files += [path for folder in FOLDERS for path in sorted((content_dir / folder).glob("*.yaml"))]
    working = {
        path.relative_to(content_dir).as_posix(): _text(path.read_bytes())
        for path in files
        if path.is_file()
    }
    dirty = {p: t for p, t in working.items() if committed.get(p) != t}
    dirty.update({p: None for p, t in committed.items() if t is not None and p not in working})
    return dirty


def _text(data: bytes | None) -> str | None:
    """A blob as text; an undecodable one is read as empty (and reported when read)."""
    if data is None:
        return None
    return decode_text(data, "", Problems()) or ""


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run([*_GIT, *args], cwd=cwd, capture_output=True, check=True)
    return done.stdout.decode("utf-8", "replace")


def _cat_files(top: Path, names: list[str]) -> dict[str, bytes]:
    """Read many `<sha>:<path>` blobs through one `git cat-file --batch`."""
    if not names:
        return {}
    request = "".join(f"{name}\n" for name in names).encode()
    done = subprocess.run(
        [*_GIT, "cat-file", "--batch"], cwd=top, input=request, capture_output=True, check=True
    )
    data, pos, blobs = done.stdout, 0, {}
    for name in names:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs[name] = data[pos : pos + size]
            pos += size + 1
    return blobs
