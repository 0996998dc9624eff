"""Atom feeds of the programme's changes and progress reports: `thay-doi/atom.xml` for the
ward, `thay-doi/<unit-id>.xml` for each unit.

Written with `feedgenerator` (Pelican's and Django's Atom writer). Entry ids are `urn:uuid`s
derived from the ward, the task, the kind of event and its time, so they never change with the
site's address; dates come from the model (git commit times, report days), never the clock.
"""

from __future__ import annotations

import datetime as dt
import uuid

import feedgenerator
from markupsafe import Markup, escape

from generator.common.urls import CHANGES_FEED, CHANGES_URL, task_url, unit_changes_feed
from generator.common.wording import (
    CHANGE_LABELS,
    FIELD_LABELS,
    NO_DECISION,
    STATUS_LABELS,
    shorten,
    ward_place,
)
from generator.domain.model import Change, Content, Programme
from generator.output import SiteInfo, SiteOutput
from generator.render.changes import announced

ENTRY_TITLE_CHARS = 90


class DatedFeed(feedgenerator.Atom1Feed):
    """An Atom feed whose `updated` is given, not the clock, when it has no entries."""

    def __init__(self, *args, empty_updated: dt.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_updated = empty_updated

    def latest_post_date(self) -> dt.datetime:
        return super().latest_post_date() if self.items else self.empty_updated


def add_change_feeds(output: SiteOutput, content: Content, site: SiteInfo) -> None:
    news = announced(content.changes)
    place = ward_place(content.ward)
    output.add_file(CHANGES_FEED, atom(news, content, site, CHANGES_FEED, f"Thay đổi – {place}"))
    lead_of = {task.id: task.lead_unit_id for task in content.tasks}
    for unit in content.units:
        mine = [c for c in news if content.carries(unit, lead_of.get(c.task_id))]
        path = unit_changes_feed(unit.id)
        output.add_file(path, atom(mine, content, site, path, f"Thay đổi – {unit.name}"))


def atom(changes: list[Change], content: Content, site: SiteInfo, path: str, title: str) -> bytes:
    ward = content.ward
    feed = DatedFeed(
        title=title,
        link=site.absolute(CHANGES_URL),
        description=f"Điều chỉnh chương trình công tác và báo cáo tiến độ của {ward.issuer}.",
        language="vi",
        author_name=ward.issuer,
        feed_url=site.absolute(path),
        feed_guid=_urn(ward.id, path),
        empty_updated=_issued(content.programmes[0]),
    )
    for change in changes:
        feed.add_item(
            title=shorten(f"{CHANGE_LABELS[change.kind]}: {change.title}", ENTRY_TITLE_CHARS),
            link=site.absolute(task_url(change.task_id)),
            description=summary(change),
            unique_id=entry_id(ward.id, change),
            updateddate=change.when,
            pubdate=change.when,
        )
    return feed.writeString("utf-8").encode("utf-8")


def summary(change: Change) -> str:
    """The entry as a little HTML, every word escaped."""
    parts = [Markup("<p>{}</p>").format(change.title)]
    for f in change.fields:
        label = FIELD_LABELS.get(f.field, f.field)
        parts.append(Markup("<p>{}: {} → {}</p>").format(label, f.before or "—", f.after or "—"))
    if change.report is not None:
        p = change.report.progress
        state = f"Đã hoàn thành ngày {p.done_on:%d/%m/%Y}" if p.done_on else STATUS_LABELS[p.status]
        words = " ".join(w for w in (f"{state}.", p.document, p.note) if w)
        parts.append(Markup("<p>{}</p>").format(words))
    elif change.amendment is not None:
        a = change.amendment
        parts.append(Markup("<p>Theo {}. Lý do: {}</p>").format(a.decision, a.reason))
    else:
        parts.append(Markup("<p>{}.</p>").format(NO_DECISION))
    return str(Markup("").join(parts)) if parts else str(escape(change.title))


def entry_id(ward_id: str, change: Change) -> str:
    """The entry's id, the same in the ward's feed and the province's."""
    return _urn(ward_id, change.task_id, change.kind, change.when.isoformat())


def _urn(*parts: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "ctct:" + "/".join(parts)))


def _issued(programme: Programme) -> dt.datetime:
    return programme.issued_at
