"""What every page's template gets besides its own records: the content, the site, lookups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from generator.domain.model import ALL_ROWS, Content, Programme, Task, Unit
from generator.output import SiteInfo


@dataclass(frozen=True)
class PageContext:
    """What every page's template gets besides its own records: the content, the site, and
    lookups by id (`ctx` in the templates)."""

    content: Content
    site: SiteInfo

    def unit(self, unit_id: str | None) -> Unit | None:
        return self.content.unit(unit_id) if unit_id else None

    @cached_property
    def programme_of(self) -> dict[str, Programme]:
        return {p.id: p for p in self.content.programmes}

    @cached_property
    def task_of(self) -> dict[str, Task]:
        return {t.id: t for t in self.content.tasks}

    @cached_property
    def children_of(self) -> dict[str, list[Task]]:
        children: dict[str, list[Task]] = {}
        for task in self.content.tasks:
            if task.parent_id is not None:
                children.setdefault(task.parent_id, []).append(task)
        return children

    @cached_property
    def _ocr_rows(self) -> dict[str, Programme]:
        """The programme of each row (task, key task) of the programmes read by OCR."""
        rows: dict[str, Programme] = {}
        for p in self.content.programmes:
            if p.read_by_ocr:
                rows.update({r.id: p for r in (*p.key_tasks, *p.tasks)})
                rows[f"{p.id}/{ALL_ROWS}"] = p
        return rows

    def machine_read(self, row_ids: Iterable[str]) -> tuple[Programme, ...]:
        """The programmes whose rows among `row_ids` no person has checked against the paper;
        `<programme id>/all` stands for its whole text (preamble, bases, organisation)."""
        found: dict[str, Programme] = {}
        for row in row_ids:
            p = self._ocr_rows.get(row)
            if p is not None and p.machine_read(row.removeprefix(f"{p.id}/")):
                found[p.id] = p
        return tuple(found.values())

    def sort_key(self, task: Task) -> tuple:
        due = task.deadline.end or dt.date.max
        return (due, task.programme_id, task.month, task.source.line)


def current_programme(content: Content, as_of: dt.date) -> Programme:
    """The programme covering the build date, else the latest one."""
    return next((p for p in content.programmes if p.year == as_of.year), content.programmes[-1])
