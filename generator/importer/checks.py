"""Importer, anomaly checks: what looks wrong in the document, as a correction and a warning.

Each check is a pure function of what was read; it returns None when all is well, or a
`Finding`: the `corrections` record to write (the text is always kept as written) and the
warning to give the clerk. The reasons state facts the reader can verify in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.common.dates import DateError, parse_deadline
from generator.domain.anomalies import deadline_misfit, heading_misfit, lead_missing, numbering_gap
from generator.domain.model import Correction, Deadline

_KEPT = "; đã ghi nhận bằng bản ghi corrections"


@dataclass(frozen=True)
class Finding:
    correction: Correction
    warning: str
    """The message of the warning Problem, in Vietnamese."""


def heading_year(heading: str, month: int, written: int, year: int, read_as: str) -> Finding | None:
    """A month heading whose year is not the programme's ('Tháng 4/2025' in 2026)."""
    if not heading_misfit(heading, month, year):
        return None
    reason = f"Văn bản ghi năm {written} trong tiêu đề tháng {month} của chương trình năm {year}."
    return Finding(
        Correction("heading", heading, read_as, reason),
        f"tiêu đề '{heading}' ghi năm {written} trong chương trình năm {year}; "
        f"đã ghi đính chính: đọc là '{read_as}'",
    )


def numbering(
    number: str, parts: tuple[int, ...], previous: int, repeated: bool, month: int
) -> Finding | None:
    """A number repeated, going back, or skipping ahead among its siblings in a month."""
    what = numbering_gap(number, parts, previous, repeated, month)
    if what is None:
        return None
    return Finding(
        Correction("number", number, None, f"{what}; giữ nguyên như văn bản."),
        f"{what[:1].lower()}{what[1:]}{_KEPT}",
    )


def deadline_fit(deadline: Deadline, month: int, year: int) -> Finding | None:
    """A due date in another year (read with the programme's year when its day and month fit
    the row's month) or outside the row's month (kept, only recorded)."""
    due, written = deadline.end, deadline.as_written
    misfit = deadline_misfit(deadline, month, year)
    if due is None or misfit is None:
        return None
    if misfit == "year":
        read_as = re.sub(rf"(?<!\d){due.year}(?!\d)", str(year), written)
        try:
            fixed = parse_deadline(read_as).end
        except DateError:
            fixed = None
        if fixed is not None and (fixed.year, fixed.month) == (year, month):
            reason = (
                f"Văn bản ghi năm {due.year} trong mục tháng {month} của chương trình năm {year}."
            )
            return Finding(
                Correction("deadline", written, read_as, reason),
                f"hạn '{written}' ghi năm {due.year} trong chương trình năm {year}; "
                f"đã ghi đính chính: đọc là {read_as}",
            )
    reason = (
        f"Nhiệm vụ xếp trong tháng {month}/{year} nhưng hạn ghi {written}, ngoài tháng đó; "
        "giữ nguyên như văn bản vì chưa rõ ngày đúng."
    )
    return Finding(
        Correction("deadline", written, None, reason),
        f"hạn '{written}' nằm ngoài tháng {month}/{year} mà văn bản xếp nhiệm vụ này; "
        f"giữ nguyên{_KEPT}",
    )


def blank_lead(lead: str, number: str, month: int) -> Finding | None:
    """A row whose 'Chủ trì' cell is empty."""
    if not lead_missing(lead):
        return None
    return Finding(
        Correction(
            "lead",
            "",
            None,
            "Văn bản để trống cột Chủ trì của nhiệm vụ này; chưa rõ đơn vị chủ trì.",
        ),
        f"nhiệm vụ số {number} tháng {month} không có đơn vị chủ trì{_KEPT}",
    )
