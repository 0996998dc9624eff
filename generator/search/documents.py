"""What can be found: every task and key task from the model, every other page by its title.

A task's whole content is its title (the page title is cut at 90 characters), and its month,
lead unit and deadline are its body, so 'trung thu tháng 8' or 'công an ma túy' find it.
Month and unit pages are indexed by title and description only: their bodies repeat tasks,
which would make the index larger and put them above the tasks they list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from generator.common.dates import format_deadline
from generator.common.urls import key_task_url, month_page_path, task_url
from generator.common.wording import CADENCE_LABELS, FIELD_LABELS, KEY_TASKS, month_title
from generator.domain.model import Content, KeyTask, Programme, Task
from generator.domain.standing import progress_text
from generator.output import Page, page_url
from generator.search.glossary import GLOSSARY, Glossary, derived, expansions


@dataclass(frozen=True)
class SearchDoc:
    """One search result."""

    url: str
    """Site path, e.g. 'nhiem-vu/2026-04-06/'."""
    title: str
    """The words that weigh most, shown as the result's heading."""
    teaser: str
    """One line shown under the heading: month, lead unit, deadline, standing."""
    body: tuple[str, ...] = ()
    """More words to search, one fact each (no phrase spans two facts)."""


def search_documents(content: Content, pages: list[Page], as_of: dt.date) -> list[SearchDoc]:
    """Tasks, key tasks, month pages, then other pages; the programmes in `year_order`, so that
    ties go to the current year's (`as_of`'s, which also dates each task's standing). Each
    with the other forms of the abbreviations it holds."""
    programmes = year_order(content.programmes, as_of.year)
    docs: list[SearchDoc] = []
    for programme in programmes:
        docs += [task_doc(content, programme, task, as_of) for task in programme.tasks]
    for programme in programmes:
        docs += [key_task_doc(programme, key) for key in programme.key_tasks]
    by_path = {page.path: page for page in pages if page.searchable}
    months = [month_page_path(p.id, m.number) for p in programmes for m in p.months]
    docs += [page_doc(by_path.pop(path)) for path in months if path in by_path]
    covered = {doc.url for doc in docs}
    docs += [page_doc(page) for page in by_path.values() if page_url(page.path) not in covered]
    return with_other_forms(content, docs)


def with_other_forms(content: Content, docs: list[SearchDoc]) -> list[SearchDoc]:
    """Each document with, in its body, the other forms of the abbreviations it holds: the
    declared glossary's and the content's own (`glossary`). The ward's search and its share
    of the province portal's both index them so."""
    glossary = Glossary(GLOSSARY + derived(_texts(content)))
    return [replace(d, body=d.body + _expanded(d, glossary)) for d in docs]


def year_order(programmes: tuple[Programme, ...], year: int) -> list[Programme]:
    """The current year's programme first, then the others from the newest."""
    return sorted(programmes, key=lambda p: (p.year != year, -p.year))


def _texts(content: Content) -> list[str]:
    """Where the content writes its abbreviations and their words."""
    texts = [task.content for task in content.tasks]
    texts += [key.content for p in content.programmes for key in p.key_tasks]
    return texts + [name for u in content.units for name in (u.name, u.short, *u.aliases)]


def _expanded(doc: SearchDoc, glossary: Glossary) -> tuple[str, ...]:
    found = [form for text in (doc.title, *doc.body) for form in expansions(text, glossary)]
    return tuple(dict.fromkeys(found))


def task_doc(content: Content, programme: Programme, task: Task, as_of: dt.date) -> SearchDoc:
    month = month_title(programme.year, task.month)
    unit = content.unit(task.lead_unit_id) if task.lead_unit_id else None
    lead = unit.short if unit else task.lead_as_written
    deadline = format_deadline(task.deadline)
    facts = [month, deadline, task.deadline.as_written, task.lead_as_written]
    if unit:
        facts += [unit.name, unit.short]
    if task.progress:
        facts += [task.progress.document, task.progress.note]
    facts += [c.read_as or "" for c in task.corrections if c.field == "content"]
    facts += content.ward.formed_from  # an old commune's name finds the new commune's tasks
    lead_part = lead and f"{FIELD_LABELS['lead']}: {lead}"
    teaser = " · ".join(
        part for part in (month, lead_part, deadline, progress_text(task, as_of)) if part
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
