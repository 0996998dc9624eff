"""The programme's life on the site: `/thay-doi/` and each task's own history.

`/thay-doi/` lists what a reader should know of, newest first, grouped by day (Vietnam time):
tasks added, adjusted or removed, and progress reports. A task page's "Lịch sử" tells its whole
story, the programme as issued and typo fixes included.
"""

from __future__ import annotations

from itertools import groupby

from generator.common.dates import vietnam_date
from generator.common.urls import CHANGES_FEED, CHANGES_PAGE
from generator.domain.model import Change, ChangeKind, Content
from generator.output import Page
from generator.render.context import PageContext
from generator.render.templating import render_page

ANNOUNCED = frozenset(
    {ChangeKind.ADDED, ChangeKind.AMENDED, ChangeKind.REMOVED, ChangeKind.REPORTED}
)
"""What `/thay-doi/` and the Atom feeds tell (the programme as issued and typo fixes are not)."""


def announced(changes: tuple[Change, ...]) -> list[Change]:
    """The announced changes, newest first."""
    return sorted(
        (c for c in changes if c.kind in ANNOUNCED),
        key=lambda c: c.order,
        reverse=True,
    )


def changes_page(content: Content, ctx: PageContext) -> Page:
    news = announced(content.changes)
    days = [(day, list(items)) for day, items in groupby(news, key=lambda c: vietnam_date(c.when))]
    return render_page(
        CHANGES_PAGE,
        "Thay đổi và tiến độ",
        "thay-doi.html.j2",
        description="Mọi điều chỉnh chương trình và báo cáo tiến độ, mới nhất trước.",
        searchable=False,
        machine_read=ctx.machine_read(c.task_id for c in news),
        ctx=ctx,
        days=days,
        feed=CHANGES_FEED,
        has_history=any(c.kind is not ChangeKind.REPORTED for c in content.changes),
    )


def task_history(content: Content, task_id: str) -> list[Change]:
    """One task's events, newest first."""
    return [c for c in reversed(content.changes) if c.task_id == task_id]
