"""Importer, table stage: the 'Nhiệm vụ cụ thể' rows into months and tasks.

Every table row becomes a task or an error naming its source line. Anomalies of the document
(see `importer_checks`) are kept as written and recorded as `corrections` plus a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.common.dates import DateError, parse_deadline
from generator.domain.anomalies import heading_written, number_parts
from generator.domain.model import Correction, Deadline, Month, Source, Task
from generator.importer import checks
from generator.importer.text import MARKUP, ImportProblems, Line, cells_of, is_header, strip_markup

NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?$")
HEADING = re.compile(r"^tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})$", re.IGNORECASE)
COLUMNS = "TT, Nội dung, Chủ trì, Thời gian xong trước ngày"
CELLS = ("number", "content", "lead", "deadline")


@dataclass
class _Month:
    number: int
    heading: str
    line: int
    corrections: list[Correction] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    by_number: dict[tuple[int, ...], str] = field(default_factory=dict)
    """Id of the latest row with each number ('' if it had an error), to find parents."""
    seen: set[tuple[str | None, int]] = field(default_factory=set)
    previous: dict[str | None, int] = field(default_factory=dict)
    """Last number among the siblings under each parent id (None: top level)."""


class TableReader:
    """Reads the table lines of one programme, month by month."""

    def __init__(self, year: int, report: ImportProblems):
        self.year = year
        self.report = report
        self.months: list[_Month] = []
        self.ids: set[str] = set()

    def read(self, lines: list[Line]) -> tuple[Month, ...]:
        for line in lines:
            self.read_line(line)
        label = self.report.label
        return tuple(
            Month(m.number, m.heading, tuple(m.corrections), tuple(m.tasks), Source(label, m.line))
            for m in self.months
        )

    def read_line(self, line: Line) -> None:
        cells = cells_of(line.text)
        filled = [cell for cell in cells if cell]
        if not filled or is_header(cells):
            return
        if len(filled) == 1 and HEADING.match(MARKUP.sub("", filled[0]).strip()):
            self.heading(line.number, strip_markup(filled[0], line.number, "heading", self.report))
        elif NUMBER.match(MARKUP.sub("", cells[0]).strip()):
            self.row(line.number, cells)
        else:
            self.report.error(
                line.number,
                "bảng",
                f"không đọc được dòng này trong bảng nhiệm vụ: '{line.text.strip()[:60]}'; mỗi "
                f"dòng cần 4 {self.report.columns} ({COLUMNS}), hoặc là tiêu đề tháng "
                "như 'Tháng 01/2026'",
            )

    def heading(self, at: int, heading: str) -> None:
        match = heading_written(heading)
        assert match is not None
        number, year = int(match[1]), int(match[2])
        earlier = next((m for m in self.months if m.number == number), None)
        if not 1 <= number <= 12:
            self.report.error(
                at, "heading", f"tiêu đề '{heading}' ghi tháng {number}; tháng phải từ 1 đến 12"
            )
        elif earlier is not None:
            self.report.error(
                at,
                "heading",
                f"tháng {number} đã có tiêu đề ở {self.report.where(earlier.line)}; "
                "mỗi tháng chỉ một tiêu đề, các dòng của tháng phải liền nhau",
            )
            self.months.append(self.months.pop(self.months.index(earlier)))
        else:
            month = _Month(number, heading, at)
            read_as = heading[: match.start(2)] + str(self.year) + heading[match.end(2) :]
            self.note(
                at,
                month.corrections,
                checks.heading_year(heading, number, year, self.year, read_as),
            )
            self.months.append(month)

    def row(self, at: int, cells: list[str]) -> None:
        if not self.months:
            self.report.error(
                at,
                "bảng",
                "dòng nhiệm vụ nằm trước tiêu đề tháng đầu tiên; thêm "
                "tiêu đề như 'Tháng 01/2026' ở phía trên",
            )
            return
        if len(cells) < 4 or any(cells[4:]):
            count = len(cells) if len(cells) < 4 else len([c for c in cells if c])
            self.report.error(
                at,
                "bảng",
                f"dòng có {count} cột; cần đúng 4 {self.report.columns} ({COLUMNS}); "
                "để trống ô nếu văn bản để trống",
            )
            return
        number, content, lead, written = (
            strip_markup(cell, at, name, self.report)
            for cell, name in zip(cells[:4], CELLS, strict=True)
        )
        month = self.months[-1]
        deadline = self.deadline(at, written)
        if not content:
            self.report.error(at, "content", "cột Nội dung để trống; ghi nội dung như văn bản")
        parts = number_parts(number) or ()
        parent_id = self.parent(at, month, number, parts)
        if deadline is None or not content or (len(parts) > 1 and parent_id is None):
            month.by_number.setdefault(parts, "")  # its sub-items get no second error
            return
        corrections: list[Correction] = []
        previous = month.previous.get(parent_id, 0)
        repeated = (parent_id, parts[-1]) in month.seen
        month.previous[parent_id] = parts[-1]
        month.seen.add((parent_id, parts[-1]))
        self.note(
            at, corrections, checks.numbering(number, parts, previous, repeated, month.number)
        )
        self.note(at, corrections, checks.deadline_fit(deadline, month.number, self.year))
        self.note(at, corrections, checks.blank_lead(lead, number, month.number))
        task_id = self.new_id(at, month, number, parts)
        month.by_number[parts] = task_id
        month.tasks.append(Task(
            id=task_id, programme_id=str(self.year), month=month.number, number=number,
            parent_id=parent_id, content=content, lead_as_written=lead, lead_unit_id=None,
            deadline=deadline, corrections=tuple(corrections), progress=None,
            source=Source(self.report.label, at),
        ))  # fmt: skip

    def note(self, at: int, corrections: list[Correction], found: checks.Finding | None) -> None:
        if found is not None:
            corrections.append(found.correction)
            self.report.warn(at, found.correction.field, found.warning)

    def deadline(self, at: int, written: str) -> Deadline | None:
        if not written:
            self.report.error(
                at,
                "deadline",
                "cột Thời gian để trống; ghi một ngày (15/01/2026), "
                "một khoảng ngày (10-20/3/2026) hoặc 'theo KH'",
            )
            return None
        try:
            return parse_deadline(written)
        except DateError as exc:
            self.report.error(at, "deadline", str(exc))
            return None

    def parent(self, at: int, month: _Month, number: str, parts: tuple[int, ...]) -> str | None:
        if len(parts) == 1:
            return None
        parent_id = month.by_number.get(parts[:-1])
        if parent_id is None:
            parent = ".".join(str(p) for p in parts[:-1])
            self.report.error(
                at,
                "parent",
                f"mục con {number} không có dòng cha số {parent} ở "
                f"phía trên trong tháng {month.number}; kiểm tra lại số thứ tự",
            )
        return parent_id or None

    def new_id(self, at: int, month: _Month, number: str, parts: tuple[int, ...]) -> str:
        subs = "".join(f"-{p}" for p in parts[1:])
        base = f"{self.year}-{month.number:02d}-{parts[0]:02d}{subs}"
        task_id, suffix = base, ord("b")
        while task_id in self.ids:
            task_id = f"{base}-{chr(suffix)}"
            suffix += 1
        if task_id != base:
            self.report.warn(
                at,
                "id",
                f"số thứ tự {number} đã dùng trong tháng {month.number}; "
                f"dòng này nhận mã '{task_id}' để không trùng mã '{base}'",
            )
        self.ids.add(task_id)
        return task_id


def read_table(lines: list[Line], year: int, report: ImportProblems) -> tuple[Month, ...]:
    """The months of the table, in document order; problems go to `report`."""
    return TableReader(year, report).read(lines)
