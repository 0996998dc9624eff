"""Past versions of the content files, read from git in three commands.

One `git log --raw` lists the commits (oldest first, first parent only) that touched the content
(`ward.yaml`, `units.yaml`, `programmes/`, `reports/`) or anything else that shapes the calendar
events (`watched` paths: the generator's event code, the deployment settings), with the blob id
of each content file they changed; `git cat-file --batch-check` gives each distinct blob's size
and `--batch` reads those within the present's limit (`yamlsrc.MAX_BYTES`), each once. Past
versions get today's limits: a larger one, or a commit dated before 1970 or after 2100, is
passed over with a notice, never fatal. Uncommitted edits of the content come last, as a version
at the newest commit's time. Outside a repository (or without git) there is no log, and a notice
says so. Only the newest `MAX_COMMITS` such commits are read: the content as it stood before
them (the whole tree of the commit before) is the first version, and a warning says that older
history was not read.
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.common.dates import LAST_EPOCH
from generator.common.errors import Problems
from generator.contentformat import layout
from generator.load.yamlsrc import MAX_BYTES, decode_text

log = logging.getLogger(__name__)
_GIT = ("git", "-c", "core.quotepath=off", "-c", "color.ui=false", "-c", "log.showSignature=false")
_MARK = "\x01"
WORKING_TREE = "working-tree"
CONTENT_FILES = (*layout.FILES, *layout.FOLDERS)
"""What of the content folder the history follows, relative to it."""
MAX_COMMITS = 5000
"""The newest commits of the content (or a watched path) the history reads: a safety valve for
a pathological repository, not a ward's normal life (a year of its work is a few hundred
commits). Before them, the content is read as it stood, in one version: older changes no
longer move the calendars' stamps, and an event's stamps could move back, so a ward must never
meet it in practice (README, Speed)."""


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
    notices: tuple[tuple[str, str], ...] = ()
    """(path relative to the content folder, sentence) for each past version passed over."""


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
    notices: list[tuple[str, str]] = []
    if len(commits) > MAX_COMMITS:
        notices.append(("", _capped(commits[0][0])))
    commits = _usable_dates(commits, notices)
    blobs = _cat_blobs(top, {blob for _, _, paths, _ in commits for blob in paths.values()})
    versions = []
    for sha, when, paths, touched in commits:
        changed: dict[str, str | None] = {}
        for path, blob in paths.items():
            if blob is None:
                changed[path] = None
            elif (text := blobs.get(blob)) is not None:
                changed[path] = text
            else:
                notices.append(
                    (
                        path,
                        f"bỏ qua phiên bản trong commit {sha[:10]}: tệp lớn hơn "
                        f"{MAX_BYTES // 1_000_000} MB, không đọc",
                    )
                )
        versions.append(Version(sha, when, changed, touched))
    if versions and (dirty := _uncommitted(content_dir, versions)):
        versions.append(Version(WORKING_TREE, versions[-1].when, dirty))
    return GitLog(versions, shallow, tuple(notices))


def _repository(content_dir: Path) -> tuple[Path, bool]:
    top, shallow = _git(
        content_dir, "rev-parse", "--show-toplevel", "--is-shallow-repository"
    ).splitlines()
    return Path(top), shallow == "true"


def _relative(path: Path, top: Path) -> str:
    """`path` relative to the repository's top, as a prefix ('content/', or '' for the top)."""
    inner = path.resolve().relative_to(top.resolve()).as_posix()
    return "" if inner == "." else inner + "/"


Commit = tuple[str, dt.datetime | None, dict[str, str | None], bool]
"""(sha, time or None when unusable, blob id of each content file changed or None when
deleted, whether watched paths were touched)."""
_NO_BLOB = "0" * 40


def _commits(top: Path, content_dir: Path, watched: tuple[Path, ...]) -> list[Commit]:
    """Each commit that touched the content or a watched path, oldest first, with the blob id
    of each content file it changed (`--raw`): a file's text is read once per distinct blob."""
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
        "--raw",
        "--no-abbrev",
        f"--format={_MARK}%H %ct",
        f"--max-count={MAX_COMMITS + 1}",  # one more: the content as it stood before them
        "--",
        *specs,
    )
    commits: list[Commit] = []
    for line in out.splitlines():
        if line.startswith(_MARK):
            sha, stamp = line[1:].split()
            commits.append((sha, _time(stamp), {}, False))
        elif line.startswith(":") and "\t" in line and commits:
            sha, when, paths, touched = commits[-1]
            meta, path = line.split("\t", 1)
            blob = meta.split()[3]
            name = path.removeprefix(base) if path.startswith(base) else ""
            if _is_content_file(name):
                paths[name] = None if blob == _NO_BLOB else blob
            else:
                commits[-1] = (sha, when, paths, True)
    if len(commits) > MAX_COMMITS:  # the oldest read is the whole content as of that commit
        sha, when, _, _ = commits[0]
        commits[0] = (sha, when, _tree(top, sha, base), False)
    return commits


def _capped(sha: str) -> str:
    return (
        f"chỉ đọc {MAX_COMMITS} commit mới nhất của dữ liệu; lịch sử trước commit {sha[:10]} "
        "không đọc (dữ liệu lúc đó là phiên bản đầu): dấu thời gian của sự kiện không đổi từ "
        "đó tính từ commit này"
    )


def _tree(top: Path, sha: str, base: str) -> dict[str, str | None]:
    """The blob id of each content file in commit `sha`'s tree."""
    out = _git(top, "ls-tree", "-r", "--full-tree", sha, "--", *(base + n for n in CONTENT_FILES))
    paths: dict[str, str | None] = {}
    for line in out.splitlines():
        meta, _, path = line.partition("\t")
        parts = meta.split()
        name = path.removeprefix(base) if path.startswith(base) else ""
        if len(parts) == 3 and parts[1] == "blob" and _is_content_file(name):
            paths[name] = parts[2]
    return paths


def _time(stamp: str) -> dt.datetime | None:
    """A commit's time, or None for one no calendar can carry (before 1970, after 2100)."""
    seconds = int(stamp) if stamp.lstrip("-").isdigit() else -1
    return dt.datetime.fromtimestamp(seconds, dt.UTC) if 0 <= seconds <= LAST_EPOCH else None


def _usable_dates(commits: list[Commit], notices: list[tuple[str, str]]) -> list[Commit]:
    """Commits with an unusable date are not versions of their own: what they changed is
    carried into the next commit (the last one's into the one before), with a notice."""
    kept: list[Commit] = []
    carried: dict[str, str | None] = {}
    watched = False
    for sha, when, paths, touched in commits:
        if when is None:
            notices.append(
                (
                    "",
                    f"commit {sha[:10]} có ngày không hợp lệ (trước 1970 hay sau "
                    "2100): thay đổi của nó tính vào commit kế tiếp",
                )
            )
            carried, watched = {**carried, **paths}, watched or touched
            continue
        kept.append((sha, when, {**carried, **paths}, touched or watched))
        carried, watched = {}, False
    if carried and kept:
        sha, when, paths, touched = kept[-1]
        kept[-1] = (sha, when, {**paths, **carried}, touched or watched)
    return kept


def _is_content_file(name: str) -> bool:
    folder = name.split("/", 1)[0]
    return name in layout.FILES or (
        folder in layout.FOLDERS and name.endswith(".yaml") and name.count("/") == 1
    )


def _uncommitted(content_dir: Path, versions: list[Version]) -> dict[str, str | None]:
    committed: dict[str, str | None] = {}
    for version in versions:
        committed.update(version.changed)
    files = [content_dir / name for name in layout.FILES]
    for folder in layout.FOLDERS:
        files += sorted((content_dir / folder).glob("*.yaml"))
    working = {
        path.relative_to(content_dir).as_posix(): _text(path.read_bytes())
        for path in files
        if path.is_file()
    }
    dirty = {p: t for p, t in working.items() if committed.get(p) != t}
    dirty.update({p: None for p, t in committed.items() if t is not None and p not in working})
    return dirty


def _text(data: bytes) -> str:
    """A blob as text; an undecodable one is read as empty (and reported when read)."""
    return decode_text(data, "", Problems()) or ""


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run([*_GIT, *args], cwd=cwd, capture_output=True, check=True)
    return done.stdout.decode("utf-8", "replace")


def _cat_blobs(top: Path, blobs: set[str | None]) -> dict[str, str]:
    """The text of each blob (each read once), leaving out those over the content's size
    limit, which `git cat-file --batch-check` tells before any is read."""
    wanted = sorted(b for b in blobs if b)
    if not wanted:
        return {}
    request = "".join(f"{blob}\n" for blob in wanted).encode()
    sizes = _git_bytes(top, ["cat-file", "--batch-check"], request).decode().splitlines()
    small = [
        blob
        for blob, line in zip(wanted, sizes, strict=True)
        if len(parts := line.split()) == 3 and parts[1] == "blob" and int(parts[2]) <= MAX_BYTES
    ]
    if not small:
        return {}
    data = _git_bytes(top, ["cat-file", "--batch"], "".join(f"{b}\n" for b in small).encode())
    texts, pos = {}, 0
    for blob in small:
        end = data.index(b"\n", pos)
        size = int(data[pos:end].split()[2])
        pos = end + 1
        texts[blob] = _text(data[pos : pos + size])
        pos += size + 1
    return texts


def _git_bytes(top: Path, args: list[str], request: bytes) -> bytes:
    done = subprocess.run([*_GIT, *args], cwd=top, input=request, capture_output=True, check=True)
    return done.stdout
