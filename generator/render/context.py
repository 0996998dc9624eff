"""What every page's template gets besides its own records: the content, the site, lookups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from generator.model import Content, Programme, Task, Unit
from generator.output import SiteInfo


@dataclass(frozen=True)
class Ctx:
    """What every template gets, besides its own records."""

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

    def sort_key(self, task: Task) -> tuple:
        due = task.deadline.end or dt.date.max
        return (due, task.programme_id, task.month, task.source.line)


def current_programme(content: Content, as_of: dt.date) -> Programme:
    """The programme covering the build date, else the latest one."""
    return next((p for p in content.programmes if p.year == as_of.year), content.programmes[-1])
