"""When each calendar event last changed, from the git history: stamps and tombstones.

Calendar clients take an update only when an event's LAST-MODIFIED moves (ICSx⁵) or its
SEQUENCE rises, and the feeds must never read the clock. An event's bytes are a function of
three things; its stamp follows each of them:

1. What it shows from the content: its `TaskFacts` or `MeetingFacts` (the task or key task, its
   lead unit's names, the programme's title, the ward's id). Every commit touching `ward.yaml`,
   `units.yaml` or `programmes/` is read back into a model (`versions.content_versions`) and
   each event's facts are digested: the time moves exactly for the events whose digest changed,
   so renaming a unit moves that unit's events and no other. The SEQUENCE rises when the
   schedule changes (dates, cancellation, the meeting rule).
2. The generator's own wording and layout (`EVENT_CODE`): old code is never run, so a commit
   touching it counts as a change of every event (time only). Harmless when nothing changed:
   clients fetch the event again.
3. The site's address (SITE_URL, in every event's URL): the build cannot see what it was before,
   so the address is changed by a commit to the deployment settings (`deployment_settings`:
   the site's mkdocs.yml, its workflows, and the pin of the generator it runs), which counts
   like (2): in a ward's own repository the generator is not in git, and a new version arrives
   as a changed pin. UIDs do not depend on it.

Uncommitted content edits count as a change at the newest commit's time. A dated task whose
event disappears (deleted, or no longer dated) is kept as a tombstone (`RemovedTask`): one more
SEQUENCE at the removing commit's time, so calendars that imported it learn it is gone.
Without git (or outside a repository) there are no stamps and `Content.stamp` falls back to the
issue date. A shallow clone would silently give other stamps, so it is refused unless
CTCT_ALLOW_SHALLOW=1 (CI must check out with `fetch-depth: 0`).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable
from pathlib import Path

from generator.common.errors import Problems
from generator.domain.model import (
    Content,
    MeetingFacts,
    RemovedTask,
    Task,
    TaskFacts,
    TaskStamp,
)
from generator.load.gitlog import read_log
from generator.load.versions import ContentVersion, content_versions

ALLOW_SHALLOW = "CTCT_ALLOW_SHALLOW"
"""Environment variable: '1' builds from a shallow clone anyway (stamps are then wrong)."""
_GENERATOR = Path(__file__).resolve().parents[1]


_IMPORT = re.compile(r"^\s*from (generator(?:\.\w+)+) import \(?([\w\s,]+)", re.M)
"""`from generator.x.y import a, b` (a name may be a module of the package `x.y`)."""


def _event_code() -> tuple[Path, ...]:
    """`generator/feeds/` and every module of ours it imports, directly or not: the code that
    words and lays out the events, found from the imports so that none is forgotten. The import
    lines are read as text (parsing every module cost a build 40 ms)."""
    feeds = _GENERATOR / "feeds"
    seen: set[Path] = set()
    todo = sorted(feeds.glob("*.py"))
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for module, names in _IMPORT.findall(path.read_text(encoding="utf-8")):
            base = _GENERATOR.joinpath(*module.split(".")[1:])
            named = [base / f"{n.split()[0]}.py" for n in names.split(",") if n.strip()]
            found = (base.with_suffix(".py"), base / "__init__.py", *named)
            todo += [p for p in found if p.is_file()]
    return (feeds, *sorted(p for p in seen if not p.is_relative_to(feeds)))


EVENT_CODE = _event_code()
"""The generator's code that words and lays out the events."""
DEPLOYMENT = (
    "mkdocs.yml",
    "requirements.txt",
    ".github/workflows",
    ".gitlab-ci.yml",
    ".gitea/workflows",
    ".forgejo/workflows",
)
"""Beside a site's content/: where its address (SITE_URL) is set, and its generator pinned."""


def deployment_settings(content_dir: Path) -> tuple[Path, ...]:
    """The site's deployment settings (`DEPLOYMENT`), in the folder that holds its content."""
    return tuple(Path(content_dir).absolute().parent / name for name in DEPLOYMENT)


def watched_paths(content_dir: Path) -> tuple[Path, ...]:
    """What moves every event: the event code and the site's deployment settings."""
    return EVENT_CODE + deployment_settings(content_dir)


@dataclasses.dataclass(frozen=True)
class Digest:
    """One event's facts in one version, as two values compared with the next version's.

    Records compare by meaning (`source` takes no part in their equality), and an unchanged
    file's records are the same objects from one version to the next, so comparing is cheap.
    """

    schedule: tuple
    """What places the event in time (dates, cancellation, meeting rule): SEQUENCE."""
    whole: TaskFacts | MeetingFacts
    """Everything the event shows: LAST-MODIFIED."""


@dataclasses.dataclass(frozen=True)
class Calendars:
    """What the history gives the feeds."""

    stamps: dict[str, TaskStamp]
    removed: tuple[RemovedTask, ...]


@dataclasses.dataclass(frozen=True)
class _Seen:
    digest: Digest
    stamp: TaskStamp
    facts: TaskFacts | MeetingFacts
    present: bool


def calendar_history(
    content_dir: Path, problems: Problems, watched: tuple[Path, ...] | None = None
) -> Calendars:
    """Stamps of every event git has seen, and the tombstones of those now gone."""
    return stamp_versions(read_versions(content_dir, problems, watched))


def read_versions(
    content_dir: Path, problems: Problems, watched: tuple[Path, ...] | None = None
) -> list[ContentVersion]:
    """Every version of the content git holds, oldest first; none without git, and none (with
    an error) from a shallow clone unless allowed. `watched`: `watched_paths` by default."""
    log = read_log(content_dir, watched_paths(content_dir) if watched is None else watched)
    if log is None or (log.shallow and not _shallow_allowed(content_dir, problems)):
        return []
    for path, sentence in log.notices:
        problems.warn(f"{content_dir.name}/{path}".rstrip("/"), 1, "lịch sử", sentence)
    # Before the content's first commit there is no event: watched commits change nothing.
    first = next((i for i, v in enumerate(log.versions) if v.changed), len(log.versions))
    return list(content_versions(log.versions[first:], content_dir.name, problems))


def stamp_versions(versions: Iterable[ContentVersion]) -> Calendars:
    """Walk the versions oldest first, moving each event's stamp when its digest changes."""
    seen: dict[str, _Seen] = {}
    digests: dict[int, tuple[Content, dict]] = {}
    known: dict[tuple, tuple] = {}
    for version in versions:
        if id(version.content) not in digests:  # each distinct content digested once
            digests[id(version.content)] = (version.content, event_digests(version.content, known))
        now = digests[id(version.content)][1]
        for key, (facts, digest) in now.items():
            before = seen.get(key)
            if before is None:
                seen[key] = _Seen(digest, TaskStamp(0, version.when), facts, True)
            elif not before.present or digest.whole != before.digest.whole:
                bump = not before.present or digest.schedule != before.digest.schedule
                stamp = _moved(before.stamp, version, bump)
                seen[key] = _Seen(digest, stamp, facts, True)
        for key, before in seen.items():
            if before.present and key not in now:
                seen[key] = dataclasses.replace(
                    before, stamp=_moved(before.stamp, version, True), present=False
                )
        if version.watched:
            for key, before in seen.items():
                seen[key] = dataclasses.replace(before, stamp=_moved(before.stamp, version, False))
    stamps = {key: s.stamp for key, s in seen.items() if s.present}
    removed = tuple(
        RemovedTask(s.facts, s.stamp)
        for _, s in sorted(seen.items())
        if not s.present and isinstance(s.facts, TaskFacts)
    )
    return Calendars(stamps, removed)


def event_digests(
    content: Content, known: dict[tuple, tuple] | None = None
) -> dict[str, tuple[TaskFacts | MeetingFacts, Digest]]:
    """Each event's facts and digests in one version of the content, by task or key-task id;
    `known` keeps those of task objects already digested with the same units, ward and
    programme title (a task unchanged from one version to the next is the same object)."""
    known = {} if known is None else known
    found: dict[str, tuple[TaskFacts | MeetingFacts, Digest]] = {}
    for programme in content.programmes:
        for key in programme.key_tasks:
            if key.meeting is not None:
                facts = content.meeting_facts(programme, key)
                found[key.id] = (facts, Digest((key.cadence, key.meeting), facts))
    titles = {p.id: p.title for p in content.programmes}
    for task in content.tasks:
        if task.deadline.is_dated:
            key = (id(task), id(content.units), id(content.ward), titles[task.programme_id])
            if key not in known:
                known[key] = (task, content.units, content.ward, _task_digest(content, task))
            found[task.id] = known[key][3]
    return found


def _task_digest(content: Content, task: Task) -> tuple[TaskFacts, Digest]:
    facts = content.task_facts(task)
    return facts, Digest((task.deadline.start, task.deadline.end, task.is_cancelled), facts)


def _moved(stamp: TaskStamp, version: ContentVersion, bump: bool) -> TaskStamp:
    """The stamp after a change in `version`: never earlier than before (clocks can lie)."""
    return TaskStamp(stamp.sequence + bump, max(stamp.modified, version.when))


def _shallow_allowed(content_dir: Path, problems: Problems) -> bool:
    """A shallow clone is an error, or a warning when the override is set."""
    message = (
        "kho git này là bản sao nông (shallow clone), thiếu lịch sử: dấu thời gian và số lần "
        "sửa (SEQUENCE) của sự kiện trong lịch sẽ khác bản đã xuất bản, và người đã đăng ký "
        "lịch sẽ không nhận được cập nhật. Hãy lấy đủ lịch sử: `git fetch --unshallow` "
        "(GitHub Actions: actions/checkout với `fetch-depth: 0`)"
    )
    if os.environ.get(ALLOW_SHALLOW) == "1":
        problems.warn(content_dir.name, 1, "lịch sử", message + f"; {ALLOW_SHALLOW}=1 nên vẫn dựng")
        return True
    problems.error(
        content_dir.name,
        1,
        "lịch sử",
        message + f". Chỉ để dựng thử, chấp nhận lịch sai: đặt {ALLOW_SHALLOW}=1",
    )
    return False
