"""What can be found: every task and key task from the model, every other page by its title.

A task's whole content is its title (the page title is cut at 90 characters), and its month,
lead unit and deadline are its body, so 'trung thu tháng 8' or 'công an ma túy' find it.
Month and unit pages are indexed by title and description only: their bodies repeat tasks,
which would make the index larger and put them above the tasks they list.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.dates import format_deadline
from generator.model import Content, KeyTask, Programme, Task
from generator.output import Page, page_url
from generator.urls import key_task_url, task_url
from generator.wording import CADENCE_LABELS, FIELD_LABELS, KEY_TASKS, month_title


@dataclass(frozen=True)
class SearchDoc:
    """One search result."""

    url: str
    """Site path, e.g. 'nhiem-vu/2026-04-06/'."""
    title: str
    """The words that weigh most, shown as the result's heading."""
    teaser: str
    """One line shown under the heading: month, lead unit, deadline."""
    body: tuple[str, ...] = ()
    """More words to search, one fact each (no phrase spans two facts)."""


def search_documents(content: Content, pages: list[Page]) -> list[SearchDoc]:
    """The newest programme's tasks first (they win ties), then key tasks, then other pages."""
    docs: list[SearchDoc] = []
    for programme in reversed(content.programmes):
        docs += [task_doc(content, programme, task) for task in programme.tasks]
    for programme in reversed(content.programmes):
        docs += [key_task_doc(programme, key) for key in programme.key_tasks]
    covered = {doc.url for doc in docs}
    others = [p for p in pages if p.searchable and page_url(p.path) not in covered]
    return docs + [page_doc(page) for page in others]


def task_doc(content: Content, programme: Programme, task: Task) -> SearchDoc:
    month = month_title(programme.year, task.month)
    unit = content.unit(task.lead_unit_id) if task.lead_unit_id else None
    lead = unit.short if unit else task.lead_as_written
    deadline = format_deadline(task.deadline)
    facts = [month, deadline, task.deadline.as_written, task.lead_as_written]
    if unit:
        facts += [unit.name, unit.short]
    if task.progress:
        facts += [task.progress.document, task.progress.note]
    teaser = " · ".join(
        part for part in (month, lead and f"{FIELD_LABELS['lead']}: {lead}", deadline) if part
    )
    return SearchDoc(task_url(task.id), task.content, teaser, tuple(f for f in facts if f))


def key_task_doc(programme: Programme, key: KeyTask) -> SearchDoc:
    heading = f"{KEY_TASKS} {programme.year}"
    cadence = CADENCE_LABELS[key.cadence]
    return SearchDoc(
        key_task_url(key.id), key.content, f"{heading} · {cadence}", (heading, cadence)
    )


def page_doc(page: Page) -> SearchDoc:
    return SearchDoc(page_url(page.path), page.title, page.description, (page.description,))
