"""Jinja2 templates for page bodies: autoescaped, so text from content/ can never become HTML."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

from generator.common.dates import format_date, format_deadline, format_long, vietnam_date
from generator.common.urls import (
    ABOUT_URL,
    DATA_URL,
    KEY_TASKS_URL,
    MEETINGS_FEED,
    MONTHS_URL,
    PROGRESS_URL,
    SUBSCRIBE_URL,
    month_url,
    source_file_url,
    task_url,
    unit_url,
)
from generator.common.wording import (
    BLANK,
    CHANGE_LABELS,
    FIELD_LABELS,
    KEPT_AS_WRITTEN,
    NO_DECISION,
    NOT_STATED,
    STATUS_LABELS,
    month_title,
)
from generator.domain.model import ChangeKind, Programme
from generator.output import Page, page_url
from generator.render import rollup


def template_environment(
    package: str, *, keep_trailing_newline: bool = False, also: Path | None = None
) -> Environment:
    """Jinja as every page of ours is written: autoescaped, strict, blocks trimmed; the
    templates of `package`'s `templates/` folder, then those of the folder `also` (the theme's,
    for a part shared with the wards' pages)."""
    loader = PackageLoader(package, "templates")
    return Environment(
        loader=loader if also is None else ChoiceLoader([loader, FileSystemLoader(also)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
    )


@cache
def environment() -> Environment:
    env = template_environment("generator.render", keep_trailing_newline=True)
    env.filters.update(
        deadline=format_deadline, date=format_date, long_date=format_long, vietnam_date=vietnam_date
    )
    env.globals.update(
        field_labels=FIELD_LABELS,
        blank=BLANK,
        not_stated=NOT_STATED,
        kept_as_written=KEPT_AS_WRITTEN,
        month_url=month_url,
        unit_url=unit_url,
        task_url=task_url,
        month_title=month_title,
        change_labels=CHANGE_LABELS,
        change_kinds=ChangeKind,
        status_labels=STATUS_LABELS,
        no_decision=NO_DECISION,
        subscribe_url=SUBSCRIBE_URL,
        key_tasks_url=KEY_TASKS_URL,
        months_url=MONTHS_URL,
        about_url=ABOUT_URL,
        data_url=DATA_URL,
        progress_url=PROGRESS_URL,
        meetings_feed=MEETINGS_FEED,
    )
    rollup.register(env)
    return env


def relative(from_url: str, to_url: str) -> str:
    """Link from one site URL to another, up to the site root and down again.

    'thang/2026-01/' → 'nhiem-vu/x/' is '../../nhiem-vu/x/'. Links relative to the root work
    wherever the site is served (a domain root or a sub-folder such as GitHub Pages').
    """
    return "../" * from_url.count("/") + to_url or "./"


def render_page(
    path: str,
    title: str,
    template: str,
    description: str = "",
    searchable: bool = True,
    lang: str = "vi",
    machine_read: Iterable[Programme] = (),
    **context,
) -> Page:
    """Render a page body; `link(url)` in the template gives a link relative to this page.

    `machine_read`: the programmes read by OCR whose unchecked text the page shows; the page
    says so, with a link to the signed document (`_macros.html.j2`, `machine_read`)."""
    here = page_url(path)
    notices = [(p, source_file_url(p) or ABOUT_URL) for p in machine_read]
    body = (
        environment()
        .get_template(template)
        .render(title=title, link=lambda url: relative(here, url), machine_read=notices, **context)
    )
    return Page(path, title, body, description, searchable, lang)
