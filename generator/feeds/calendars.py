"""Calendar feeds: every dated task as an all-day event, by unit and for the whole ward.

Feeds to subscribe to live at year-free URLs (`lich/tat-ca.ics`, `lich/<unit-id>.ics`,
`lich/giao-ban.ics`), so a subscription continues when next year's programme is added; they
carry events from twelve months before the build date onward, so they do not grow with every
year. Each programme also has an archive feed with all its events (`lich/<year>/tat-ca.ics`).
`lich/nhiem-vu/<task-id>.ics` is one task to add ('Thêm vào lịch'), not a calendar.

Each dated task is one VEVENT with the same UID in every feed; tasks 'theo kế hoạch' have no date
and stay out. A task whose event git history shows is gone stays as a cancelled event (a
tombstone) in the feeds that carried it. Review meetings of key tasks are recurring events in
`lich/giao-ban.ics`, only when the data gives their day and time. Nothing here reads the clock
or git: stamps and tombstones come from the model (`Content.stamp`, `Content.removed`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from generator.common.urls import (
    ALL_TASKS_FEED,
    MEETINGS_FEED,
    SUBSCRIBE_URL,
    TASK_FEEDS,
    archive_feed_path,
    task_feed_path,
    unit_feed_path,
)
from generator.common.wording import ward_place
from generator.domain.model import Content, KeyTask, Programme, Task, TaskFacts, TaskStamp
from generator.feeds.events import meeting_event, meeting_last_day, task_event, task_summary
from generator.feeds.feed import Feed
from generator.feeds.ics import (
    component_lines,
    event_file,
    serialise,
    subscription_calendar,
    vtimezone,
    with_property,
)
from generator.feeds.subscribe import subscribe_page
from generator.output import SiteInfo, SiteOutput

PER_PLAN = "Nhiệm vụ “theo kế hoạch” không có ngày cố định nên không có trong lịch."
WINDOW = (
    "Lịch gồm các nhiệm vụ có thời hạn từ 12 tháng trước trở đi; "
    "các năm trước có lịch lưu trữ riêng từng năm."
)


@dataclass(frozen=True)
class Entry:
    """One task event a feed may carry: a dated task, or the tombstone of a removed one."""

    facts: TaskFacts
    stamp: TaskStamp
    removed: bool

    @property
    def start(self) -> dt.date:
        assert self.facts.task.deadline.start is not None
        return self.facts.task.deadline.start

    @property
    def end(self) -> dt.date:
        assert self.facts.task.deadline.end is not None
        return self.facts.task.deadline.end


def dated_tasks(tasks: tuple[Task, ...]) -> list[Task]:
    """The tasks a feed carries, in date order (independent of the order in the data)."""
    dated = [t for t in tasks if t.deadline.start is not None and t.deadline.end is not None]
    return sorted(dated, key=lambda t: (t.deadline.start, t.deadline.end, t.id))


def window_start(as_of: dt.date) -> dt.date:
    """The first day the year-free feeds cover: the same day a year before the build date."""
    try:
        return as_of.replace(year=as_of.year - 1)
    except ValueError:  # 29 February
        return as_of.replace(year=as_of.year - 1, day=28)


def entries(content: Content) -> list[Entry]:
    """Every task event, live and removed, in date order."""
    live = [
        Entry(content.task_facts(t), content.stamp(t.id, t.programme_id), False)
        for t in dated_tasks(content.tasks)
    ]
    gone = [Entry(r.facts, r.stamp, True) for r in content.removed if r.facts.task.deadline.end]
    return sorted(live + gone, key=lambda e: (e.start, e.end, e.facts.task.id))


def scheduled_key_tasks(content: Content) -> list[tuple[Programme, KeyTask]]:
    return [(p, k) for p in content.programmes for k in p.key_tasks if k.meeting is not None]


def add_feeds(output: SiteOutput, content: Content, site: SiteInfo) -> None:
    """Add every feed and the subscribe page `lich/` to the output."""
    feeds = build_feeds(content, site)
    for feed in feeds:
        output.add_file(feed.path, feed.data)
    output.add_page(
        subscribe_page([f for f in feeds if not f.path.startswith(TASK_FEEDS)], content, site)
    )


def build_feeds(content: Content, site: SiteInfo) -> list[Feed]:
    """All feeds: the ward's, the meetings' (if any), each unit's, each year's archive, then each
    dated task's file."""

    @cache
    def lines(entry: Entry, name_lead: bool) -> tuple[str, ...]:
        if name_lead or entry.facts.lead is None:
            event = task_event(
                entry.facts, entry.stamp, site, name_lead=True, removed=entry.removed
            )
            return component_lines(event)
        # The unit's own feed: the same event, its title without the unit.
        title = task_summary(entry.facts, name_lead=False, removed=entry.removed)
        return with_property(lines(entry, True), "summary", title)

    def feed(
        path: str,
        anchor: str,
        name: str,
        description: str,
        chosen: list[Entry],
        lead_of: str = "",
        year: int | None = None,
    ) -> Feed:
        """A calendar to subscribe to; titles name the lead unit unless it is `lead_of`."""
        cal = subscription_calendar(
            name, description, site.absolute(SUBSCRIBE_URL), site.absolute(path)
        )
        if not chosen:
            cal.add_component(vtimezone())  # RFC 5545: a calendar holds at least one component

        def make() -> bytes:
            named = (e.facts.lead is None or e.facts.lead.id != lead_of for e in chosen)
            return serialise(cal, map(lines, chosen, named))

        return Feed(path, anchor, name, description, len(chosen), make, year=year)

    everything = entries(content)
    start = window_start(site.as_of)
    recent = [e for e in everything if e.end >= start]
    place = ward_place(content.ward)
    issuer = content.ward.issuer
    feeds = [
        feed(
            ALL_TASKS_FEED,
            "tat-ca",
            f"Lịch công tác – {place} (tất cả)",
            f"Mọi nhiệm vụ có thời hạn trong chương trình công tác năm của {issuer}. "
            f"{WINDOW} {PER_PLAN}",
            recent,
        )
    ]
    if scheduled := scheduled_key_tasks(content):  # once it exists, its address stays
        recent_meetings = [
            (p, k) for p, k in scheduled if meeting_last_day(content.meeting_facts(p, k)) >= start
        ]
        feeds.append(meeting_feed(recent_meetings, content, site))
    for unit in content.units:
        whose = (
            "giao chung cho các phòng, đơn vị"
            if unit.is_all
            else f"do {unit.name} chủ trì và nhiệm vụ giao chung cho các phòng, đơn vị"
        )
        feeds.append(
            feed(
                unit_feed_path(unit.id),
                unit.id,
                f"Lịch công tác – {unit.name}",
                f"Nhiệm vụ có thời hạn {whose}, trong chương trình công tác năm của "
                f"{issuer}. {WINDOW} {PER_PLAN}",
                [e for e in recent if content.carries(unit, e.facts.lead and e.facts.lead.id)],
                lead_of=unit.id,
            )
        )
    for programme in content.programmes:
        feeds.append(
            feed(
                archive_feed_path(programme.year),
                f"tat-ca-{programme.year}",
                f"Lịch công tác – {place}, năm {programme.year}",
                f"Mọi nhiệm vụ có thời hạn trong chương trình công tác năm {programme.year} "
                f"của {issuer} (lưu trữ). {PER_PLAN}",
                [e for e in everything if e.facts.task.programme_id == programme.id],
                year=programme.year,
            )
        )
    for entry in everything:
        if not entry.removed:
            feeds.append(task_file(entry, lines))
    return feeds


def task_file(entry: Entry, lines: Callable[[Entry, bool], tuple[str, ...]]) -> Feed:
    """One task's file ('Thêm vào lịch'): a plain event to add, not a calendar to subscribe to."""
    task = entry.facts.task
    path = task_feed_path(task) or ""
    return Feed(
        path, task.id, task.content, "", 1, lambda: serialise(event_file(), [lines(entry, True)])
    )


def meeting_feed(
    meetings: list[tuple[Programme, KeyTask]], content: Content, site: SiteInfo
) -> Feed:
    place = ward_place(content.ward)
    name = f"Lịch giao ban chuyên đề – {place}"
    description = (
        f"Các cuộc họp giao ban chuyên đề định kỳ về nhiệm vụ trọng tâm của {content.ward.issuer}."
    )
    path = MEETINGS_FEED
    cal = subscription_calendar(
        name, description, site.absolute(SUBSCRIBE_URL), site.absolute(path)
    )
    cal.add_component(vtimezone())
    for programme, key in sorted(meetings, key=lambda pk: (pk[0].year, pk[1].number, pk[1].id)):
        facts = content.meeting_facts(programme, key)
        cal.add_component(meeting_event(facts, content.stamp(key.id, programme.id), site))
    return Feed(
        path, "giao-ban", name, description, len(meetings), lambda: serialise(cal), recurring=True
    )
