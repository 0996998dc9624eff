"""When each task last changed, from the git history of the content directory.

Calendar clients only take an update when an event's SEQUENCE rises and its DTSTAMP moves, and
the feeds must never read the clock. So each record's stamp comes from the commits that touched
`programmes/`: walked oldest to newest, a task's sequence rises by one each time its effective
dates (after corrections) change, and its time is that of the last commit that changed anything
in its record. Uncommitted edits count as a change at the newest commit's time. Without git (or
outside a repository) every record gets sequence 0 and its programme's issue date.

The same walk covers key tasks (their meeting schedule plays the part of the dates).
CI must check out the full history (`fetch-depth: 0`): a shallow clone sees one commit only.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .dates import DateError, parse_date, parse_deadline
from .model import Content, Programme

log = logging.getLogger(__name__)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_GIT = ("git", "-c", "core.quotepath=off", "-c", "color.ui=false", "-c", "log.showSignature=false")
_MARK = "\x01"


@dataclass(frozen=True)
class TaskStamp:
    """The change stamp of one task (or key task) in the calendar feeds."""

    sequence: int
    """iCalendar SEQUENCE: how many times the task's effective dates have changed."""
    modified: dt.datetime
    """UTC time of the last change to the task's record: DTSTAMP and LAST-MODIFIED."""


@dataclass(frozen=True)
class _Record:
    dates: str
    """The effective dates, normalised; a change raises the sequence."""
    digest: str
    """The whole record; a change moves the time."""


def fallback_time(programme: Programme) -> dt.datetime:
    """The programme's issue date at 00:00 UTC, else 1 January of its year."""
    day = programme.issued_on or dt.date(programme.year, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def task_stamps(content_dir: Path | None, content: Content) -> dict[str, TaskStamp]:
    """A stamp for every task and key task of `content`, by id."""
    stamps: dict[str, TaskStamp] = {}
    for programme in content.programmes:
        base = TaskStamp(0, fallback_time(programme))
        stamps.update({t.id: base for t in programme.tasks})
        stamps.update({k.id: base for k in programme.key_tasks})
    if content_dir is None:
        return stamps
    history = _walk(Path(content_dir))
    return {key: history.get(key, stamp) for key, stamp in stamps.items()}


def _walk(content_dir: Path) -> dict[str, TaskStamp]:
    """Stamps from the history; empty when there is no usable repository."""
    versions = _versions(content_dir)
    texts: dict[str, str] = {}
    records: dict[str, dict[str, _Record]] = {}
    seen: dict[str, tuple[_Record, TaskStamp]] = {}
    for when, changed in versions:
        for path, text in changed.items():
            if text is None:
                texts.pop(path, None)
                records.pop(path, None)
                continue
            texts[path] = text
            parsed = _records(text)
            if parsed is not None:  # an unreadable version keeps the last readable one
                records[path] = parsed
        for path in changed:
            for key, record in records.get(path, {}).items():
                before = seen.get(key)
                if before is None:
                    seen[key] = (record, TaskStamp(0, when))
                elif record.digest != before[0].digest:
                    bump = record.dates != before[0].dates
                    seen[key] = (record, TaskStamp(before[1].sequence + bump, when))
    return {key: stamp for key, (_, stamp) in seen.items()}


def _versions(content_dir: Path) -> list[tuple[dt.datetime, dict[str, str | None]]]:
    """Each commit touching `programmes/` (oldest first) with its changed files' texts, then
    the working tree if it differs; file paths are relative to the repository's top."""
    try:
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
    except (OSError, subprocess.CalledProcessError, ValueError) as exc:
        log.warning(
            "no git history for %s (%s): calendar stamps fall back to the issue date",
            content_dir,
            (getattr(exc, "stderr", None) or str(exc).encode()).decode("utf-8", "replace").strip(),
        )
        return []
    commits: list[tuple[str, dt.datetime, list[str]]] = []
    for line in out.splitlines():
        if line.startswith(_MARK):
            sha, stamp = line[1:].split()
            commits.append((sha, dt.datetime.fromtimestamp(int(stamp), dt.UTC), []))
        elif line.endswith(".yaml") and commits:
            commits[-1][2].append(line)
    wanted = [f"{sha}:{path}" for sha, _, paths in commits for path in paths]
    blobs = _cat_files(top, wanted)
    versions = [(when, {p: blobs.get(f"{sha}:{p}") for p in paths}) for sha, when, paths in commits]
    if not versions:
        return []
    committed: dict[str, str | None] = {}
    for _, changed in versions:
        committed.update(changed)
    working = {
        path.resolve().relative_to(top.resolve()).as_posix(): _normalise(path.read_bytes())
        for path in sorted((content_dir / "programmes").glob("*.yaml"))
    }
    dirty = {p: t for p, t in working.items() if committed.get(p) != t}
    dirty.update({p: None for p, t in committed.items() if t is not None and p not in working})
    if dirty:
        versions.append((versions[-1][0], dirty))
    return versions


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run([*_GIT, *args], cwd=cwd, capture_output=True, check=True)
    return done.stdout.decode("utf-8", "replace")


def _cat_files(top: Path, names: list[str]) -> dict[str, str]:
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
            blobs[name] = _normalise(data[pos : pos + size])
            pos += size + 1
    return blobs


def _normalise(data: bytes) -> str:
    text = data.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _records(text: str) -> dict[str, _Record] | None:
    """The task and key-task records of one version of a programme file, read leniently."""
    try:
        doc = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return None
    if not isinstance(doc, dict):
        return None
    found: dict[str, _Record] = {}
    for key_task in _dicts(doc.get("key_tasks")):
        meeting = key_task.get("meeting")
        meeting = meeting if isinstance(meeting, dict) else {}
        dates = [str(key_task.get("cadence"))]
        dates += [_date_text(meeting.get(k)) for k in ("first", "until")]
        dates += [str(meeting.get(k)) for k in ("time", "duration_minutes")]
        found[str(key_task.get("id"))] = _Record("|".join(dates), _digest(key_task))
    for month in _dicts(doc.get("months")):
        for task in _dicts(month.get("tasks")):
            found[str(task.get("id"))] = _Record(_deadline_text(task), _digest(task))
    return found


def _dicts(value: object) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _digest(record: dict) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)


def _deadline_text(task: dict) -> str:
    """The effective deadline as 'start/end', read as the loader reads it (corrections first)."""
    text = task.get("deadline")
    for c in _dicts(task.get("corrections")):
        if c.get("field") == "deadline" and c.get("read_as") is not None:
            text = c["read_as"]
    try:
        deadline = parse_deadline(str(text))
    except DateError:
        return f"?{text}"
    return f"{deadline.start}/{deadline.end}"


def _date_text(value: object) -> str:
    if value is None:
        return ""
    try:
        return parse_date(str(value)).isoformat()
    except DateError:
        return f"?{value}"
