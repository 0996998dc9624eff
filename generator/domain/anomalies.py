"""The anomaly rules of a programme, written once.

What looks wrong in an official document: a month heading naming another month or year, a
number that repeats or skips, a deadline outside its row's month, a row without a lead unit.
The importer records each as a `corrections` entry (`importer.checks`); `check` warns about
each one that no correction acknowledges (`load.validate`). Both ask these functions.
"""

from __future__ import annotations

import re
from typing import Literal

from generator.domain.model import Deadline

_HEADING = re.compile(r"tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})", re.IGNORECASE)


def heading_written(heading: str) -> re.Match[str] | None:
    """The month (group 1) and year (group 2) a heading such as 'Tháng 01/2026' names."""
    return _HEADING.search(heading)


def heading_misfit(heading: str, month: int, year: int) -> bool:
    """True when the heading does not name `month`/`year`."""
    match = heading_written(heading)
    return match is None or (int(match[1]), int(match[2])) != (month, year)


def numbering_gap(
    number: str, parts: tuple[int, ...], previous: int, repeated: bool, month: int
) -> str | None:
    """What is wrong with a number among its siblings (repeated, going back, skipping ahead),
    as a sentence; None when it follows `previous`."""
    current, prefix, where = parts[-1], "".join(f"{p}." for p in parts[:-1]), f"tháng {month}"
    if repeated:
        return f"Số thứ tự {number} lặp lại trong {where}"
    if current <= previous:
        return f"Số thứ tự {number} đứng sau số {prefix}{previous} trong {where}"
    if current > previous + 1:
        missing = [f"{prefix}{k}" for k in range(previous + 1, current)]
        gap = missing[0] if len(missing) == 1 else f"{missing[0]} đến {missing[-1]}"
        start = f"nhảy từ {prefix}{previous} lên" if previous else "bắt đầu từ"
        return f"Số thứ tự {start} {number} trong {where} (không có số {gap})"
    return None


def number_parts(number: str) -> tuple[int, ...] | None:
    """'10.1' → (10, 1); None when the number is not dotted digits."""
    pieces = number.rstrip(".").split(".")
    return tuple(int(p) for p in pieces) if all(p.isdigit() for p in pieces) else None


def deadline_misfit(deadline: Deadline, month: int, year: int) -> Literal["year", "month"] | None:
    """'year' when the due date is in another year than the programme's, 'month' when it is in
    another month than its row's; None when it fits (or has no date)."""
    due = deadline.end
    if due is None:
        return None
    if due.year != year:
        return "year"
    return "month" if due.month != month else None


def lead_missing(lead_as_written: str) -> bool:
    """True for a row whose 'Chủ trì' cell is empty."""
    return not lead_as_written.strip()
