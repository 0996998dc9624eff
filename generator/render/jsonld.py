"""schema.org JSON-LD for task pages, safe to drop inside the page body.

A task is described as an `Action`, not an `Event`: schema.org's Action has what the data has,
an `agent` (the lead unit), an `actionStatus` that can say *completed*, and a `result` (the
resulting document); Event has no "completed" status and search engines show Events as public
happenings to attend, which an administrative task is not. Times follow schema.org's own
definitions for Action: `startTime` is the first day of a date range; `endTime` is the day the
work was done when it is reported done, otherwise the deadline (the time it is expected to end).
A task without a progress record gets no `actionStatus`: the site never invents a status.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from generator.common.urls import task_url
from generator.common.wording import ward_place
from generator.domain.model import Content, DeadlineKind, Status, Task
from generator.output import SiteInfo

ACTION_STATUS = {
    Status.NOT_STARTED: "https://schema.org/PotentialActionStatus",
    Status.IN_PROGRESS: "https://schema.org/ActiveActionStatus",
    Status.DONE: "https://schema.org/CompletedActionStatus",
    Status.POSTPONED: "https://schema.org/PotentialActionStatus",
    Status.CANCELLED: "https://schema.org/FailedActionStatus",
}
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def task_object(task: Task, content: Content, site: SiteInfo) -> dict[str, Any]:
    """The JSON-LD object for one task."""
    ward, url = content.ward, site.absolute(task_url(task.id))
    issuer = {
        "@type": "GovernmentOrganization",
        "name": ward.issuer,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": ward_place(ward),
            "addressRegion": ward.city,
            "addressCountry": "VN",
        },
    }
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Action",
        "@id": url + "#nhiem-vu",
        "identifier": task.id,
        "name": task.content,
        "description": f"Chương trình công tác năm {task.programme_id}, tháng {task.month}, "
        f"mục {task.number}. "
        f"Thời hạn theo văn bản: {task.deadline.as_written}.",
        "url": url,
    }
    if task.lead_unit_id is not None:
        unit = content.unit(task.lead_unit_id)
        data["agent"] = {
            "@type": "GovernmentOrganization",
            "name": unit.name,
            "parentOrganization": issuer,
        }
    deadline, progress = task.deadline, task.progress
    if deadline.kind is DeadlineKind.RANGE and deadline.start is not None:
        data["startTime"] = deadline.start.isoformat()
    done_on = progress.done_on if progress and progress.status is Status.DONE else None
    end = done_on or deadline.end
    if end is not None:
        data["endTime"] = end.isoformat()
    if progress is not None:
        data["actionStatus"] = ACTION_STATUS[progress.status]
        if progress.document:
            result = {"@type": "CreativeWork", "name": progress.document}
            if progress.link:
                result["url"] = progress.link
            data["result"] = result
    return data


def script(data: dict[str, Any]) -> Markup:
    """A `<script type="application/ld+json">` element; `<`, `>`, `&` are \\u-escaped, so no
    text from the content can close the script or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_ESCAPES)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def task_jsonld(task: Task, content: Content, site: SiteInfo) -> Markup:
    return script(task_object(task, content, site))
