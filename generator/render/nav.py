"""The site navigation, as plain data: (title, page path) or (title, [children])."""

from __future__ import annotations

import datetime as dt

from generator.common.urls import (
    ABOUT_PAGE,
    CHANGES_PAGE,
    DATA_PAGE,
    KEY_TASKS_PAGE,
    MONTHS_PAGE,
    SUBSCRIBE_PAGE,
    UNITS_PAGE,
    month_page_path,
    unit_page_path,
)
from generator.common.wording import month_title
from generator.domain.model import Content
from generator.render.pages import current_programme

NavItem = tuple[str, "str | list[NavItem]"]


def navigation(content: Content, as_of: dt.date) -> list[NavItem]:
    """Home, the current programme's months, units, key tasks, feeds, data, about.

    Task pages are left out on purpose: the engine renders the whole navigation into every page,
    so a navigation that grows with the tasks would make the build quadratic. Other years are
    reached from the months index.
    """
    programme = current_programme(content, as_of)
    months: list[NavItem] = [("Các tháng", MONTHS_PAGE)]
    months += [
        (month_title(programme.year, m.number), month_page_path(programme.id, m.number))
        for m in programme.months
    ]
    units: list[NavItem] = [("Tất cả đơn vị", UNITS_PAGE)]
    units += [(u.short or u.name, unit_page_path(u.id)) for u in content.units]
    return [
        ("Trang chủ", "index.md"),
        ("Theo tháng", months),
        ("Theo đơn vị", units),
        ("Trọng tâm", KEY_TASKS_PAGE),
        ("Lịch", SUBSCRIBE_PAGE),
        ("Thay đổi", CHANGES_PAGE),
        ("Dữ liệu mở", DATA_PAGE),
        ("Giới thiệu", ABOUT_PAGE),
    ]
