"""One calendar event from the facts the model gives for it (`TaskFacts`, `MeetingFacts`).

An event is rendered from its facts, its stamp and the site's address only: the load stage
digests the same facts in every past version of the content, so an event's LAST-MODIFIED moves
exactly when something it shows changed (see `generator.load.history`). UIDs come from the ward
and record ids, never from the site's address, so moving the site keeps every event.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Event

from generator.common.dates import VIETNAM, format_date
from generator.common.urls import KEY_TASKS_URL, task_url
from generator.common.wording import (
    CADENCES,
    CANCELLED_TITLE,
    FIELD_LABELS,
    MEETING_KIND,
    REMOVED_EVENT,
    STATUS_LABELS,
    correction_sentence,
    event_title,
)
from generator.domain.model import Cadence, MeetingFacts, Status, TaskFacts, TaskStamp
from generator.feeds.ics import TZID
from generator.output import SiteInfo

RRULES: dict[Cadence, dict[str, object]] = {
    Cadence.WEEKLY: {"freq": "weekly"},
    Cadence.EVERY_2_WEEKS: {"freq": "weekly", "interval": 2},
    Cadence.MONTHLY: {"freq": "monthly"},
    Cadence.QUARTERLY: {"freq": "monthly", "interval": 3},
}


def event_uid(record_id: str, ward_id: str) -> str:
    """'2026-01-10-1@an-bien.ctct': stable across hosts, unique across wards."""
    return f"{record_id}@{ward_id}.ctct"


def task_event(
    facts: TaskFacts, stamp: TaskStamp, site: SiteInfo, *, name_lead: bool, removed: bool = False
) -> Event:
    """One all-day event from the first day to the day after the last.

    `name_lead`: the title names the lead unit (every feed but the unit's own). `removed`: a
    tombstone, cancelled, for a task whose event is gone from the content.
    """
    task = facts.task
    assert task.deadline.start is not None and task.deadline.end is not None
    event = Event()
    event.add("uid", event_uid(task.id, facts.ward_id))
    event.add("dtstamp", stamp.modified)
    event.add("last-modified", stamp.modified)
    event.add("sequence", stamp.sequence)
    event.add("dtstart", task.deadline.start)
    event.add("dtend", task.deadline.end + dt.timedelta(days=1))
    cancelled = task.is_cancelled
    event.add("summary", task_summary(facts, name_lead=name_lead, removed=removed))
    description = task_description(facts, site)
    event.add("description", f"{REMOVED_EVENT}\n{description}" if removed else description)
    if facts.lead is not None:
        event.add("categories", [facts.lead.short])
    if not removed:
        event.add("url", site.absolute(task_url(task.id)))
    event.add("transp", "TRANSPARENT")
    if removed or cancelled:
        event.add("status", "CANCELLED")
    return event


def task_summary(facts: TaskFacts, *, name_lead: bool, removed: bool = False) -> str:
    """The event's title: the task, 'Đã hủy: ' first when cancelled or removed, then the lead
    unit unless `name_lead` is false (the unit's own feed)."""
    task = facts.task
    lead = facts.lead.short if facts.lead is not None and name_lead else ""
    cancelled = task.progress is not None and task.progress.status is Status.CANCELLED
    prefix = CANCELLED_TITLE if removed or cancelled else ""
    return event_title(task.content, lead, prefix=prefix)


def task_description(facts: TaskFacts, site: SiteInfo) -> str:
    task = facts.task
    lead = facts.lead.name if facts.lead else (task.lead_as_written or "văn bản không ghi")
    lines = [
        task.content,
        f"{FIELD_LABELS['lead']}: {lead}",
        f"{FIELD_LABELS['deadline']} (theo văn bản): {task.deadline.as_written}",
    ]
    lines += [f"Đính chính – {correction_sentence(c)}" for c in task.corrections]
    progress = task.progress
    if progress is not None:
        if progress.status is Status.DONE and progress.done_on is not None:
            lines.append(f"Đã hoàn thành ngày {format_date(progress.done_on)}")
        else:
            lines.append(f"Tiến độ: {STATUS_LABELS[progress.status].lower()}")
        lines += [text for text in (progress.document, progress.note) if text]
    lines.append(facts.programme_title)
    lines.append(site.absolute(task_url(task.id)))
    return "\n".join(lines)


def meeting_last_day(facts: MeetingFacts) -> dt.date:
    """The last day a schedule may hold a meeting: its `until`, else its programme's year end."""
    meeting = facts.key.meeting
    assert meeting is not None
    return meeting.until or dt.date(facts.year, 12, 31)


def meeting_rule(facts: MeetingFacts) -> dict[str, object] | None:
    """The RRULE of a cadence, or None when the key task has no regular meeting.

    A monthly or quarterly meeting first held on the 29th to the 31st is held on that day, or on
    the last day of a shorter month (RFC 5545 would skip those months): BYMONTHDAY=28..day with
    BYSETPOS=-1; for the 31st that is the last day of every month, BYMONTHDAY=-1.
    """
    meeting = facts.key.meeting
    assert meeting is not None
    if facts.key.cadence not in RRULES:
        return None
    rule = dict(RRULES[facts.key.cadence])
    day = meeting.first.day
    if rule["freq"] == "monthly" and day == 31:
        rule["bymonthday"] = -1
    elif rule["freq"] == "monthly" and day > 28:
        rule["bymonthday"] = list(range(28, day + 1))
        rule["bysetpos"] = -1
    # UNTIL is UTC when DTSTART has a TZID (RFC 5545).
    last = dt.datetime.combine(meeting_last_day(facts), dt.time(23, 59, 59), VIETNAM)
    rule["until"] = last.astimezone(dt.UTC)
    return rule


def meeting_event(facts: MeetingFacts, stamp: TaskStamp, site: SiteInfo) -> Event:
    """A recurring timed event in Asia/Ho_Chi_Minh, following the key task's cadence."""
    key, meeting = facts.key, facts.key.meeting
    assert meeting is not None
    start = dt.datetime.combine(meeting.first, meeting.start_time)
    event = Event()
    event.add("uid", event_uid(f"giao-ban-{key.id}", facts.ward_id))
    event.add("dtstamp", stamp.modified)
    event.add("last-modified", stamp.modified)
    event.add("sequence", stamp.sequence)
    event.add("dtstart", start, parameters={"TZID": TZID})
    event.add(
        "dtend", start + dt.timedelta(minutes=meeting.duration_minutes), parameters={"TZID": TZID}
    )
    if (rule := meeting_rule(facts)) is not None:
        event.add("rrule", rule)
    event.add("summary", event_title(key.content, kind=MEETING_KIND))
    if meeting.location:
        event.add("location", meeting.location)
    lines = [f"Nhiệm vụ trọng tâm {key.number}: {key.content}"]
    if key.cadence in CADENCES:
        lines.append(
            f"Giao ban chuyên đề {CADENCES[key.cadence]}"
            + (f" (văn bản ghi: «{key.cadence_as_written}»)" if key.cadence_as_written else "")
        )
    lines += [facts.programme_title, site.absolute(KEY_TASKS_URL)]
    event.add("description", "\n".join(lines))
    event.add("categories", ["Giao ban chuyên đề"])
    event.add("url", site.absolute(KEY_TASKS_URL))
    return event
