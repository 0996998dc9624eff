"""The site navigation, as plain data: (title, page path) or (title, [children])."""

from __future__ import annotations

import datetime as dt

from generator.model import Content
from generator.render.pages import current_programme
from generator.wording import month_title

NavItem = tuple[str, "str | list[NavItem]"]


def navigation(content: Content, as_of: dt.date) -> list[NavItem]:
    """Home, the current programme's months, units, key tasks, feeds, data, about.

    Task pages are left out on purpose: the engine renders the whole navigation into every page,
    so a navigation that grows with the tasks would make the build quadratic. Other years are
    reached from the months index.
    """
    programme = current_programme(content, as_of)
    months: list[NavItem] = [("Các tháng", "thang/index.md")]
    months += [
        (month_title(programme.year, m.number), f"thang/{programme.id}-{m.number:02d}.md")
        for m in programme.months
    ]
    units: list[NavItem] = [("Tất cả đơn vị", "don-vi/index.md")]
    units += [(u.short or u.name, f"don-vi/{u.id}.md") for u in content.units]
    return [
        ("Trang chủ", "index.md"),
        ("Theo tháng", months),
        ("Theo đơn vị", units),
        ("Trọng tâm", "trong-tam.md"),
        ("Lịch", "lich/index.md"),
        ("Dữ liệu mở", "du-lieu/index.md"),
        ("Giới thiệu", "gioi-thieu.md"),
    ]
