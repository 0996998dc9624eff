"""A ward's model → its digest: the little of it the portal shows, searches and publishes.

Pure: the worker that built the ward makes it from the model it loaded, and it is kept as JSON
beside the manifest, so the portal of an incremental build needs no unchanged ward reloaded.
Every string in it is the ward's content, escaped by whatever renders it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from generator.common.urls import task_url
from generator.common.wording import CHANGE_LABELS, shorten, ward_place
from generator.domain.model import Content
from generator.domain.standing import Standing, standing
from generator.feeds.atom import ENTRY_TITLE_CHARS, entry_id, summary
from generator.output import SiteInfo
from generator.province.provincefile import is_ward_id
from generator.province.wardparts import (
    ward_task_items,
    ward_task_lines,
    well_formed_items,
    well_formed_lines,
)
from generator.render.changes import announced
from generator.render.context import current_programme
from generator.search.documents import SearchDoc, task_doc, with_other_forms, year_order
from generator.search.index import IndexShare, index_share

DIGEST_FORMAT = 5


@dataclass(frozen=True)
class WardDigest:
    """What the portal knows of one ward, as of its last good build."""

    id: str
    """The ward's folder in the province site."""
    name: str
    kind: str
    city: str
    issuer: str
    code: str
    """The official administrative unit code, '' when ward.yaml does not give it."""
    url: str
    """The ward site's absolute address."""
    year: int
    """The current programme's year, as the ward's own site picks it
    (`render.context.current_programme`); the counts below are of its tasks."""
    tasks: int
    reported: int
    """Tasks with at least one progress report."""
    overdue: int
    """Tasks past their deadline and not reported done (`progress.Standing.OVERDUE`)."""
    last_report: str
    """ISO date of the newest progress report on a task of any year, '' when there is none."""
    search: IndexShare
    """The ward's part of the portal's search: each task of every programme, the current
    one's first, its link from the portal, title, teaser and words, the other forms of its
    abbreviations among them (`search.index.index_share`, `documents.with_other_forms`)."""
    task_lines: str
    """The ward's tasks as lines of the province's CSV (`wardparts.ward_task_lines`)."""
    task_items: str
    """The ward's tasks as items of the province's JSON (`wardparts.ward_task_items`)."""
    changes: tuple[tuple[str, str, str, str, str], ...]
    """(ISO time, entry title, link, summary HTML, entry id) of each announced change."""

    @property
    def place(self) -> str:
        return f"{self.kind} {self.name}"

    def to_json(self) -> dict[str, Any]:
        return {"format": DIGEST_FORMAT, **self.__dict__, "search": self.search.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any], ward_id: str, site_url: str) -> WardDigest | None:
        """The digest kept by an earlier run for `ward_id` of the province at `site_url`; None
        when it is of another format, or is not what a worker writes (damaged, forged)."""
        if data.get("format") != DIGEST_FORMAT:
            return None
        fields = {k: v for k, v in data.items() if k != "format"}
        # joined into the province's files as they are: each must be what a worker writes
        if not (well_formed_lines(fields.get("task_lines"))
                and well_formed_items(fields.get("task_items"))):  # fmt: skip
            return None
        try:
            digest = _frozen(cls(**fields | {"search": IndexShare.from_json(fields["search"])}))
        except (KeyError, TypeError, ValueError):
            return None
        return digest if _sound(digest, ward_id, site_url) else None


def ward_digest(content: Content, ward_id: str, site: SiteInfo) -> WardDigest:
    programme = current_programme(content, site.as_of)
    tasks = programme.tasks
    reports = [r.reported_on for task in content.tasks for r in task.reports]
    place = ward_place(content.ward)
    own = [
        task_doc(content, shown, task, site.as_of)
        for shown in year_order(content.programmes, site.as_of.year)
        for task in shown.tasks
    ]
    search = [
        SearchDoc(f"{ward_id}/{d.url}", d.title, f"{place} · {d.teaser}", (place, *d.body))
        for d in with_other_forms(content, own)
    ]
    changes = [
        (
            change.when.isoformat(),
            shorten(f"{place}: {CHANGE_LABELS[change.kind]}: {change.title}", ENTRY_TITLE_CHARS),
            site.absolute(task_url(change.task_id)),
            summary(change),
            entry_id(content.ward.id, change),
        )
        for change in announced(content.changes)
    ]
    return WardDigest(
        id=ward_id,
        name=content.ward.name,
        kind=content.ward.kind,
        city=content.ward.city,
        issuer=content.ward.issuer,
        code=content.ward.code,
        url=site.url,
        year=programme.year,
        tasks=len(tasks),
        reported=sum(task.progress is not None for task in tasks),
        overdue=sum(standing(task, site.as_of) is Standing.OVERDUE for task in tasks),
        last_report=max(reports).isoformat() if reports else "",
        search=index_share(search),
        task_lines=ward_task_lines(content, ward_id, place, site),
        task_items=ward_task_items(content, ward_id, site.as_of),
        changes=tuple(changes),
    )


def _frozen(d: WardDigest) -> WardDigest:
    """Lists read back from JSON made into tuples again, as `ward_digest` makes them."""
    return WardDigest(
        **{
            **d.__dict__,
            "changes": tuple(tuple(c) for c in d.changes),
        }
    )


_TEXTS = ("name", "kind", "city", "issuer", "code", "last_report")
_COUNTS = ("year", "tasks", "reported", "overdue")
_PATH = re.compile(r"(?:[A-Za-z0-9_~%-][A-Za-z0-9._~%-]*/?)*")
"""A path below a site: no scheme, no '..' or '//', nothing to escape."""
_ENTRY_ID = re.compile(r"urn:uuid:[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}")


def _sound(d: WardDigest, ward_id: str, site_url: str) -> bool:
    """Each field is of its type and fit for where it goes: the id is the ward's, every
    address is below the ward's own (`<site_url><id>/`), the dates are dates."""
    if not (is_ward_id(d.id) and d.id == ward_id and d.url == f"{site_url}{d.id}/"):
        return False
    if not all(isinstance(getattr(d, f), str) for f in _TEXTS):
        return False
    if not all(type(getattr(d, f)) is int and getattr(d, f) >= 0 for f in _COUNTS):
        return False
    if d.last_report and _date(d.last_report, dt.date) is None:
        return False
    if not all(_below(url, f"{d.id}/") for url, _, _ in d.search.results):
        return False
    return all(
        len(c) == 5
        and all(isinstance(x, str) for x in c)
        and getattr(_date(c[0], dt.datetime), "tzinfo", None) is not None
        and _below(c[2], d.url)
        and _ENTRY_ID.fullmatch(c[4]) is not None
        for c in d.changes
    )


def _below(url: str, prefix: str) -> bool:
    return url.startswith(prefix) and _PATH.fullmatch(url[len(prefix) :]) is not None


def _date(text: str, kind: type[dt.date]) -> dt.date | None:
    try:
        return kind.fromisoformat(text)
    except ValueError:
        return None
