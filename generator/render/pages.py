"""Pages for citizens: home, months, units, tasks, key tasks, about. Model in, HTML bodies out."""

from __future__ import annotations

from generator.common.urls import (
    ABOUT_PAGE,
    HOME_PAGE,
    KEY_TASKS_PAGE,
    MONTHS_PAGE,
    PROGRESS_PAGE,
    SEARCH_PAGE,
    month_page_path,
    source_file_url,
    task_feed_path,
    task_page_path,
)
from generator.common.wording import CADENCE_LABELS, KEY_TASKS, month_title, shorten
from generator.domain.model import ALL_ROWS, Content, Programme, Task
from generator.domain.standing import LABELS, Standing, standing
from generator.output import SiteInfo, SiteOutput
from generator.render.changes import changes_page, task_history
from generator.render.context import PageContext, current_programme
from generator.render.jsonld import task_jsonld
from generator.render.rollup import rollup
from generator.render.templating import render_page
from generator.render.unit_pages import unit_pages, units_index

TITLE_CHARS = 90
"""A task page's title: its content, cut at a word; the page shows the whole text."""
UPCOMING_DAYS = 30
RECENT_DAYS = 7
PROGRESS_GROUPS = (
    ("qua-han", LABELS[Standing.OVERDUE], (Standing.OVERDUE,)),
    ("sap-den-han", LABELS[Standing.DUE_SOON], (Standing.DUE_SOON,)),
    (
        "da-hoan-thanh",
        "Đã báo cáo hoàn thành",
        (Standing.DONE_ON_TIME, Standing.DONE_LATE, Standing.DONE_UNDATED),
    ),
)
"""The sections of the progress page: anchor, heading, the standings it lists."""


def add_pages(output: SiteOutput, content: Content, site: SiteInfo) -> None:
    ctx = PageContext(content, site)
    pages = (home_page, months_index, units_index, key_tasks_page, about_page, progress_page)
    for render in (*pages, search_page):
        output.add_page(render(ctx))
    output.add_page(changes_page(content, ctx))
    for programme in content.programmes:
        for page in month_pages(ctx, programme):
            output.add_page(page)
    for unit in content.units:
        for page in unit_pages(ctx, unit):
            output.add_page(page)
    for task in content.tasks:
        output.add_page(task_page(ctx, task))


def home_page(ctx: PageContext):
    content, as_of = ctx.content, ctx.site.as_of
    programme = current_programme(content, as_of)
    dated = [t for t in content.tasks if t.deadline.is_dated]
    upcoming = [t for t in dated if 0 <= (t.deadline.end - as_of).days <= UPCOMING_DAYS]
    recent = [t for t in dated if -RECENT_DAYS <= (t.deadline.end - as_of).days < 0]
    return render_page(
        HOME_PAGE,
        f"Chương trình công tác năm {programme.year}",
        "home.html.j2",
        searchable=False,
        description=f"{programme.title}: nhiệm vụ theo tháng, theo đơn vị, lịch và dữ liệu mở.",
        machine_read=ctx.machine_read(
            t.id for t in (*programme.key_tasks, *programme.tasks, *upcoming, *recent)
        ),
        ctx=ctx,
        programme=programme,
        as_of=as_of,
        upcoming=sorted(upcoming, key=ctx.sort_key),
        recent=sorted(recent, key=ctx.sort_key),
        programme_rollup=rollup(programme.tasks, as_of),
        unit_rollups=[
            (
                unit,
                rollup(
                    [t for t in content.tasks_of_unit(unit) if t.programme_id == programme.id],
                    as_of,
                ),
            )
            for unit in content.units
        ],
        month_rollups=[(month, rollup(month.tasks, as_of)) for month in programme.months],
        progress_links=[
            (anchor, heading, sum(map(len, months.values())))
            for anchor, heading, months in progress_groups(ctx, programme)
        ],
        upcoming_days=UPCOMING_DAYS,
        recent_days=RECENT_DAYS,
    )


def months_index(ctx: PageContext):
    return render_page(
        MONTHS_PAGE,
        "Nhiệm vụ theo tháng",
        "months.html.j2",
        description="Các tháng của chương trình công tác.",
        ctx=ctx,
    )


def month_pages(ctx: PageContext, programme: Programme):
    months = programme.months
    for i, month in enumerate(months):
        before = months[i - 1] if i > 0 else None
        after = months[i + 1] if i + 1 < len(months) else None
        title = month_title(programme.year, month.number)
        yield render_page(
            month_page_path(programme.id, month.number),
            title,
            "month.html.j2",
            description=f"{len(month.tasks)} nhiệm vụ của {title} trong {programme.title}.",
            machine_read=ctx.machine_read(t.id for t in month.tasks),
            ctx=ctx,
            programme=programme,
            month=month,
            before=before,
            month_rollup=rollup(month.tasks, ctx.site.as_of),
            after=after,
        )


def task_page(ctx: PageContext, task: Task):
    programme = ctx.programme_of[task.programme_id]
    children = ctx.children_of.get(task.id, [])
    parent = ctx.task_of.get(task.parent_id) if task.parent_id else None
    title = shorten(task.content, TITLE_CHARS)
    return render_page(
        task_page_path(task.id),
        title,
        "task.html.j2",
        description=f"{task.content} — thời hạn: {task.deadline.as_written or 'không ghi'}.",
        machine_read=ctx.machine_read(t.id for t in (task, *children, *filter(None, [parent]))),
        ctx=ctx,
        task=task,
        programme=programme,
        children=children,
        parent=parent,
        feed_path=task_feed_path(task),
        jsonld=task_jsonld(task, ctx.content, ctx.site),
        history=task_history(ctx.content, task.id),
        as_of=ctx.site.as_of,
    )


def key_tasks_page(ctx: PageContext):
    programmes = list(reversed(ctx.content.programmes))
    return render_page(
        KEY_TASKS_PAGE,
        KEY_TASKS,
        "key_tasks.html.j2",
        description="Các nhiệm vụ trọng tâm và lịch giao ban chuyên đề.",
        machine_read=ctx.machine_read(k.id for p in programmes for k in p.key_tasks),
        ctx=ctx,
        programmes=programmes,
        cadence_labels=CADENCE_LABELS,
    )


def about_page(ctx: PageContext):
    programmes = list(reversed(ctx.content.programmes))
    return render_page(
        ABOUT_PAGE,
        "Giới thiệu chương trình",
        "about.html.j2",
        description="Cơ quan ban hành, căn cứ, tổ chức thực hiện và các đính chính.",
        machine_read=ctx.machine_read(f"{p.id}/{ALL_ROWS}" for p in programmes),
        ctx=ctx,
        programmes=programmes,
        source_file_url=source_file_url,
    )


def progress_groups(ctx: PageContext, programme: Programme) -> list[tuple[str, str, dict]]:
    """(anchor, heading, {(year, month): tasks}) for each section of the progress page."""
    as_of, groups = ctx.site.as_of, []
    for anchor, heading, standings in PROGRESS_GROUPS:
        months: dict[tuple[int, int], list[Task]] = {}
        for task in sorted(programme.tasks, key=ctx.sort_key):
            if standing(task, as_of) in standings:
                months.setdefault((programme.year, task.month), []).append(task)
        groups.append((anchor, heading, dict(sorted(months.items()))))
    return groups


def progress_page(ctx: PageContext):
    """Which tasks are overdue, due soon or done, by month, with a count per unit."""
    programme = current_programme(ctx.content, ctx.site.as_of)
    groups = progress_groups(ctx, programme)
    by_unit = []
    for unit in ctx.content.units:
        ids = {task.id for task in ctx.content.tasks_of_unit(unit)}
        counts = [sum(t.id in ids for m in months.values() for t in m) for _, _, months in groups]
        by_unit.append((unit, counts))
    return render_page(
        PROGRESS_PAGE,
        f"Tiến độ năm {programme.year}: quá hạn, sắp đến hạn, đã hoàn thành",
        "progress.html.j2",
        description=f"Nhiệm vụ quá hạn, sắp đến hạn và đã hoàn thành của {programme.title}.",
        machine_read=ctx.machine_read(
            t.id for _, _, months in groups for tasks in months.values() for t in tasks
        ),
        ctx=ctx,
        programme=programme,
        groups=groups,
        by_unit=by_unit,
    )


def search_page(ctx: PageContext):
    """/tim-kiem/: a form that opens the search box, and without JavaScript a list of links."""
    return render_page(
        SEARCH_PAGE,
        "Tìm kiếm",
        "search.html.j2",
        searchable=False,
        description="Tìm nhiệm vụ theo nội dung, đơn vị, tháng; có dấu hay không dấu đều được.",
        ctx=ctx,
        programme=current_programme(ctx.content, ctx.site.as_of),
    )
