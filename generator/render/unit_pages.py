"""The units' pages: the list of units, each unit's tasks of the current programme, and a page
of its tasks for each other year."""

from __future__ import annotations

from generator.common.urls import UNITS_PAGE, unit_page_path, unit_year_page_path, unit_year_url
from generator.domain.model import Task, Unit
from generator.output import Page
from generator.render.context import PageContext, current_programme
from generator.render.rollup import rollup
from generator.render.templating import render_page


def units_index(ctx: PageContext):
    counts = {u.id: len(ctx.content.tasks_of_unit(u)) for u in ctx.content.units}
    return render_page(
        UNITS_PAGE,
        "Nhiệm vụ theo đơn vị",
        "units.html.j2",
        description="Các phòng, đơn vị và số nhiệm vụ được giao.",
        ctx=ctx,
        counts=counts,
    )


def unit_pages(ctx: PageContext, unit: Unit) -> list[Page]:
    """The unit's page, with the current programme's tasks, and one page for each other year:
    a page grows with one year, never with every year the site keeps."""
    tasks = sorted(ctx.content.tasks_of_unit(unit), key=ctx.sort_key)
    by_year: dict[int, list[Task]] = {}
    for task in tasks:
        by_year.setdefault(ctx.programme_of[task.programme_id].year, []).append(task)
    current = current_programme(ctx.content, ctx.site.as_of).year
    others = sorted((y for y in by_year if y != current), reverse=True)
    years = [(y, len(by_year[y]), unit_year_url(unit.id, y)) for y in others]
    main = _unit_page(
        ctx, unit, by_year.get(current, []), unit_page_path(unit.id), None, years, shown=current
    )
    main_and_years = [main]
    for y in others:
        path = unit_year_page_path(unit.id, y)
        main_and_years.append(_unit_page(ctx, unit, by_year[y], path, y, [], shown=y))
    return main_and_years


def _unit_page(
    ctx: PageContext,
    unit: Unit,
    tasks: list[Task],
    path: str,
    year: int | None,
    years: list,
    shown: int,
) -> Page:
    groups: dict[tuple[int, int], list[Task]] = {}
    programmes = ctx.programme_of
    for task in sorted(tasks, key=lambda t: (programmes[t.programme_id].year, t.month)):
        groups.setdefault((programmes[task.programme_id].year, task.month), []).append(task)
    for group in groups.values():
        group.sort(key=ctx.sort_key)
    title = f"{unit.name} – năm {year}" if year else unit.name
    return render_page(
        path,
        title,
        "unit.html.j2",
        description=f"{len(tasks)} nhiệm vụ của {unit.name}" + (f" năm {year}." if year else "."),
        machine_read=ctx.machine_read(t.id for t in tasks),
        ctx=ctx,
        unit=unit,
        year=year,
        shown_year=shown,
        other_years=years,
        tasks=tasks,
        groups=groups,
        unit_rollup=rollup(tasks, ctx.site.as_of),
        led=sum(t.lead_unit_id == unit.id for t in tasks),
        dated=sum(t.deadline.is_dated for t in tasks),
    )
