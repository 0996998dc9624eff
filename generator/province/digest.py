"""A ward's model → its digest: the little of it the portal shows, searches and publishes.

Pure: the worker that built the ward makes it from the model it loaded, and it is kept as JSON
beside the manifest, so the portal of an incremental build needs no unchanged ward reloaded.
Every string in it is the ward's content, escaped by whatever renders it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.feeds.atom import ENTRY_TITLE_CHARS, entry_id, summary
from generator.model import Content
from generator.output import SiteInfo
from generator.progress import Standing, standing
from generator.province.wardparts import (
    ward_task_items,
    ward_task_lines,
    well_formed_items,
    well_formed_lines,
)
from generator.render.changes import announced
from generator.search.documents import SearchDoc, task_doc
from generator.search.index import IndexShare, index_share
from generator.urls import task_url
from generator.wording import CHANGE_LABELS, shorten, ward_place

DIGEST_FORMAT = 4


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
    """The newest programme's year; the counts below are of its tasks."""
    tasks: int
    reported: int
    """Tasks with at least one progress report."""
    overdue: int
    """Tasks past their deadline and not reported done (`progress.Standing.OVERDUE`)."""
    last_report: str
    """ISO date of the newest progress report, '' when there is none."""
    search: IndexShare
    """The ward's part of the portal's search: each task of the newest programme, its link
    from the portal, title, teaser and words (`search.index.index_share`)."""
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
    def from_json(cls, data: dict[str, Any]) -> WardDigest | None:
        """The digest kept by an earlier run; None when it is of another format."""
        if data.get("format") != DIGEST_FORMAT:
            return None
        fields = {k: v for k, v in data.items() if k != "format"}
        # joined into the province's files as they are: each must be what a worker writes
        if not (well_formed_lines(fields.get("task_lines"))
                and well_formed_items(fields.get("task_items"))):  # fmt: skip
            return None
        try:
            return _frozen(cls(**fields | {"search": IndexShare.from_json(fields["search"])}))
        except (KeyError, TypeError, ValueError):
            return None


def ward_digest(content: Content, ward_id: str, site: SiteInfo) -> WardDigest:
    programme = content.programmes[-1]
    tasks = programme.tasks
    reports = [r.reported_on for task in content.tasks for r in task.reports]
    place = ward_place(content.ward)
    search = []
    for task in tasks:
        doc = task_doc(content, programme, task, site.as_of)
        search.append(
            SearchDoc(
                f"{ward_id}/{doc.url}", doc.title, f"{place} · {doc.teaser}", (place, *doc.body)
            )
        )
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
        task_items=ward_task_items(content, ward_id),
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
