"""Past versions of the programme files, read from git in two commands.

One `git log` lists the commits that touched `programmes/` (oldest first, first parent only),
one `git cat-file --batch` reads every changed file of every commit; uncommitted edits of the
working tree come last, as a version at the newest commit's time. Outside a repository (or
without git) there are no versions, and a notice says so.
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


@dataclass(frozen=True)
class Version:
    """The programme files one commit changed, with their texts (None: deleted)."""

    commit: str
    when: dt.datetime
    """The commit's time, UTC."""
    changed: dict[str, str | None]
    """Texts by path relative to the repository's top."""


def programme_versions(content_dir: Path, problems: Problems) -> list[Version]:
    """Each commit touching `programmes/`, oldest first, then the working tree if it differs."""
    try:
        top, commits = _commits(content_dir)
    except (OSError, subprocess.CalledProcessError, ValueError) as exc:
        detail = getattr(exc, "stderr", None) or str(exc).encode()
        log.warning(
            "không có lịch sử git cho %s (%s): dấu thời gian của lịch lấy theo ngày ban hành",
            content_dir,
            detail.decode("utf-8", "replace").strip(),
        )
        return []
    blobs = _cat_files(top, [f"{sha}:{path}" for sha, _, paths in commits for path in paths])
    versions = [
        Version(sha, when, {p: _text(blobs.get(f"{sha}:{p}"), p, problems) for p in paths})
        for sha, when, paths in commits
    ]
    if versions and (dirty := _uncommitted(content_dir, top, versions, problems)):
        versions.append(Version(WORKING_TREE, versions[-1].when, dirty))
    return versions


def _commits(content_dir: Path) -> tuple[Path, list[tuple[str, dt.datetime, list[str]]]]:
    top_line, shallow = _git(
        content_dir, "rev-parse", "--show-toplevel", "--is-shallow-repository"
    ).splitlines()
    top = Path(top_line)
    if shallow == "true":
        log.warning("shallow git clone: calendar SEQUENCE values need the full history")
    programmes = (content_dir.resolve() / "programmes").relative_to(top.resolve())
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
        programmes.as_posix(),
    )
    commits: list[tuple[str, dt.datetime, list[str]]] = []
    for line in out.splitlines():
        if line.startswith(_MARK):
            sha, stamp = line[1:].split()
            commits.append((sha, dt.datetime.fromtimestamp(int(stamp), dt.UTC), []))
        elif line.endswith(".yaml") and commits:
            commits[-1][2].append(line)
    return top, commits


def _uncommitted(
    content_dir: Path, top: Path, versions: list[Version], problems: Problems
) -> dict[str, str | None]:
    committed: dict[str, str | None] = {}
    for version in versions:
        committed.update(version.changed)
    working = {
        path.resolve().relative_to(top.resolve()).as_posix(): _text(path.read_bytes(), "", problems)
        for path in sorted((content_dir / "programmes").glob("*.yaml"))
    }
    dirty = {p: t for p, t in working.items() if committed.get(p) != t}
    dirty.update({p: None for p, t in committed.items() if t is not None and p not in working})
    return dirty


def _text(data: bytes | None, path: str, problems: Problems) -> str | None:
    """A blob as text; an undecodable one is read as empty (and reported when read)."""
    if data is None:
        return None
    return decode_text(data, path, Problems()) or ""


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
