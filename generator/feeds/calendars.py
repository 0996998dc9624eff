"""Calendar feeds: every dated task as an all-day event, by unit and for the whole ward.

Feeds live at year-free URLs (`lich/tat-ca.ics`, `lich/<unit-id>.ics`), so a subscription
continues when next year's programme is added. Each dated task is one VEVENT with the same UID
in every feed; tasks 'theo kế hoạch' have no date and stay out. Review meetings of key tasks
become recurring events in `lich/giao-ban.ics`, only when the data gives their day and time.
Nothing here reads the clock or git: stamps come from the model (`Content.stamp`).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from icalendar import Event

from generator.dates import VIETNAM, format_date
from generator.feeds.feed import Feed
from generator.feeds.ics import TZID, component_lines, new_calendar, serialise, vtimezone
from generator.feeds.subscribe import subscribe_page
from generator.model import Cadence, Content, KeyTask, Programme, Status, Task, TaskStamp
from generator.output import SiteInfo, SiteOutput
from generator.urls import (
    ALL_TASKS_FEED,
    KEY_TASKS_URL,
    MEETINGS_FEED,
    SUBSCRIBE_URL,
    TASK_FEEDS,
    task_feed_path,
    task_url,
    unit_feed_path,
)
from generator.wording import CADENCES, STATUS_LABELS, correction_sentence, shorten, ward_place

SUMMARY_CHARS = 80
RRULES: dict[Cadence, dict[str, object]] = {
    Cadence.WEEKLY: {"freq": "weekly"},
    Cadence.EVERY_2_WEEKS: {"freq": "weekly", "interval": 2},
    Cadence.MONTHLY: {"freq": "monthly"},
    Cadence.QUARTERLY: {"freq": "monthly", "interval": 3},
}


def dated_tasks(tasks: tuple[Task, ...]) -> list[Task]:
    """The tasks a feed carries, in date order (independent of the order in the data)."""
    dated = [t for t in tasks if t.deadline.is_dated]
    return sorted(dated, key=lambda t: (t.deadline.start, t.deadline.end, t.id))


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
    """All feeds: the ward's, the meetings' (if any), each unit's, then each dated task's."""
    host = urlsplit(site.url).hostname or "localhost"
    events = {
        t.id: component_lines(task_event(t, content, site, host))
        for t in dated_tasks(content.tasks)
    }
    place = ward_place(content.ward)
    issuer = content.ward.issuer
    per_plan = "Nhiệm vụ “theo kế hoạch” không có ngày cố định nên không có trong lịch."

    def feed(
        path: str,
        anchor: str,
        name: str,
        description: str,
        tasks: list[Task],
        url: str = SUBSCRIBE_URL,
    ) -> Feed:
        cal = new_calendar(name, description, site.absolute(url), site.absolute(path))
        if not tasks:
            cal.add_component(vtimezone())  # RFC 5545: a calendar holds at least one component
        data = serialise(cal, (events[task.id] for task in tasks))
        return Feed(path, anchor, name, description, len(tasks), False, data)

    feeds = [
        feed(
            ALL_TASKS_FEED,
            "tat-ca",
            f"Lịch công tác – {place} (tất cả)",
            f"Mọi nhiệm vụ có thời hạn trong chương trình công tác năm của {issuer}. " + per_plan,
            dated_tasks(content.tasks),
        )
    ]
    if meetings := scheduled_key_tasks(content):
        feeds.append(meeting_feed(meetings, content, site, host))
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
                f"{issuer}. " + per_plan,
                dated_tasks(content.tasks_of_unit(unit)),
            )
        )
    for task in dated_tasks(content.tasks):
        path = task_feed_path(task) or ""
        feeds.append(
            feed(
                path,
                task.id,
                f"Lịch công tác – {place}: {shorten(task.content, 60)}",
                task.content,
                [task],
                task_url(task.id),
            )
        )
    return feeds


def task_event(task: Task, content: Content, site: SiteInfo, host: str) -> Event:
    """One all-day event from the first day to the day after the last."""
    stamp = content.stamp(task.id, task.programme_id)
    assert task.deadline.start is not None and task.deadline.end is not None
    unit = content.unit(task.lead_unit_id) if task.lead_unit_id else None
    event = Event()
    event.add("uid", f"{task.id}@{host}")
    event.add("dtstamp", stamp.modified)
    event.add("last-modified", stamp.modified)
    event.add("sequence", stamp.sequence)
    event.add("dtstart", task.deadline.start)
    event.add("dtend", task.deadline.end + dt.timedelta(days=1))
    event.add("summary", "Hạn: " + shorten(task.content, SUMMARY_CHARS))
    event.add("description", task_description(task, content, site))
    if unit is not None:
        event.add("categories", [unit.short])
    event.add("url", site.absolute(task_url(task.id)))
    event.add("transp", "TRANSPARENT")
    if task.progress is not None and task.progress.status is Status.CANCELLED:
        event.add("status", "CANCELLED")
    return event


def task_description(task: Task, content: Content, site: SiteInfo) -> str:
    unit = content.unit(task.lead_unit_id) if task.lead_unit_id else None
    lead = unit.name if unit else (task.lead_as_written or "văn bản không ghi")
    lines = [
        task.content,
        f"Chủ trì: {lead}",
        f"Thời hạn (theo văn bản): {task.deadline.as_written}",
    ]
    lines += [f"Đính chính – {correction_sentence(c)}" for c in task.corrections]
    progress = task.progress
    if progress is not None:
        if progress.status is Status.DONE and progress.done_on is not None:
            lines.append(f"Đã hoàn thành ngày {format_date(progress.done_on)}")
        else:
            lines.append(f"Tiến độ: {STATUS_LABELS[progress.status].lower()}")
        lines += [text for text in (progress.document, progress.note) if text]
    programme = next(p for p in content.programmes if p.id == task.programme_id)
    lines.append(programme.title)
    lines.append(site.absolute(task_url(task.id)))
    return "\n".join(lines)


def meeting_feed(
    meetings: list[tuple[Programme, KeyTask]],
    content: Content,
    site: SiteInfo,
    host: str,
) -> Feed:
    place = ward_place(content.ward)
    name = f"Lịch giao ban chuyên đề – {place}"
    description = (
        f"Các cuộc họp giao ban chuyên đề định kỳ về nhiệm vụ trọng tâm của {content.ward.issuer}."
    )
    path = MEETINGS_FEED
    cal = new_calendar(name, description, site.absolute(SUBSCRIBE_URL), site.absolute(path))
    cal.add_component(vtimezone())
    for programme, key in sorted(meetings, key=lambda pk: (pk[0].year, pk[1].number, pk[1].id)):
        cal.add_component(
            meeting_event(key, programme, site, content.stamp(key.id, programme.id), host)
        )
    return Feed(path, "giao-ban", name, description, len(meetings), True, serialise(cal))


def meeting_event(
    key: KeyTask, programme: Programme, site: SiteInfo, stamp: TaskStamp, host: str
) -> Event:
    """A recurring timed event in Asia/Ho_Chi_Minh, following the key task's cadence."""
    meeting = key.meeting
    assert meeting is not None
    start = dt.datetime.combine(meeting.first, meeting.start_time)
    event = Event()
    event.add("uid", f"giao-ban-{key.id}@{host}")
    event.add("dtstamp", stamp.modified)
    event.add("last-modified", stamp.modified)
    event.add("sequence", stamp.sequence)
    event.add("dtstart", start, parameters={"TZID": TZID})
    event.add(
        "dtend", start + dt.timedelta(minutes=meeting.duration_minutes), parameters={"TZID": TZID}
    )
    if key.cadence in RRULES:
        rule = dict(RRULES[key.cadence])
        if meeting.until is not None:  # UNTIL is UTC when DTSTART has a TZID (RFC 5545)
            last = dt.datetime.combine(meeting.until, dt.time(23, 59, 59), VIETNAM)
            rule["until"] = last.astimezone(dt.UTC)
        event.add("rrule", rule)
    event.add("summary", "Giao ban chuyên đề: " + shorten(key.content, SUMMARY_CHARS - 20))
    if meeting.location:
        event.add("location", meeting.location)
    lines = [f"Nhiệm vụ trọng tâm {key.number}: {key.content}"]
    if key.cadence in CADENCES:
        lines.append(
            f"Giao ban chuyên đề {CADENCES[key.cadence]}"
            + (f" (văn bản ghi: «{key.cadence_as_written}»)" if key.cadence_as_written else "")
        )
    lines += [programme.title, site.absolute(KEY_TASKS_URL)]
    event.add("description", "\n".join(lines))
    event.add("categories", ["Giao ban chuyên đề"])
    event.add("url", site.absolute(KEY_TASKS_URL))
    return event
