"""Importer, PDF layout: the words and tables of PDF pages as the lines the shared readers take.

- A row of a table is a line of Tab-separated cells (read whole, as Word has them, by
  `pdf_table`; a position beside a cell merged across is empty).
- Words outside tables are grouped into visual lines by their height on the page. Where a line
  has a wide gap across the middle of the page (the national header, recipients beside the
  signer), the two halves are columns: the left column's lines come first, then the right's,
  with an empty line where a column has a gap of more than two lines (before the signer's name).
  A line wrapped in its narrow column ('..., ngày 05 tháng 01 năm' / '2026') is one line again.
- Elsewhere a line that could not hold the next line's first word continues its paragraph (the
  word processor wrapped it); a paragraph is one line, as in the text form.

Each line is placed 'trang P, dòng R': R counts, from the top of page P, its visual lines and
table rows (a table row is one), and a paragraph is placed at its first line.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from generator.importer.pdf_file import PdfPage, TableCell, Word
from generator.importer.text import Line

COLUMN_GAP = 36.0
"""A gap between words wider than this (points, half an inch) across the middle splits columns."""
BAND_GAP = 1.5
"""A gap taller than this many lines ends a two-column block."""
BLANK_LINES = 2.0
"""A gap in a column taller than this many lines is an empty line."""


@dataclass(frozen=True)
class Spot:
    """Where a line came from, for a person checking it: its page and its cells' boxes."""

    page: int
    cells: tuple[TableCell | None, ...]
    """A table row's cells (None where empty), or a text line's words as one cell."""


@dataclass(frozen=True)
class _Unit:
    top: float
    bottom: float
    words: tuple[Word, ...] = ()
    cells: tuple[TableCell | None, ...] | None = None

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def pdf_lines(pages: list[PdfPage]) -> tuple[list[Line], dict[int, Spot]]:
    """Every page's lines in order, each placed, and where each came from."""
    lines: list[Line] = []
    spots: dict[int, Spot] = {}
    for page in pages:
        for row, text, cells in _page_lines(page):
            number = len(lines) + 1
            lines.append(Line(number, text, f"trang {page.number}, dòng {row}"))
            spots[number] = Spot(page.number, cells)
    return lines, spots


def _page_lines(page: PdfPage):
    units = visual_lines(page.words) + [
        _row_unit(row) for table in page.tables for row in table if any(row)
    ]
    units.sort(key=lambda u: u.top)
    index = {id(unit): r for r, unit in enumerate(units, start=1)}
    height = median([u.bottom - u.top for u in units if u.cells is None] or [10.0])
    middle = page.width / 2
    text_right = max((u.x1 for u in units if u.cells is None), default=page.width)
    i = 0
    while i < len(units):
        unit = units[i]
        if unit.cells is not None:
            yield index[id(unit)], "\t".join(_cell_text(c) for c in unit.cells), _cells(unit)
            i += 1
        elif _split(unit, middle) is not None:
            band = [unit]
            while i + len(band) < len(units) and _in_band(
                units[i + len(band)], band[-1], middle, height
            ):
                band.append(units[i + len(band)])
            yield from _columns(band, middle, height, index)
            i += len(band)
        else:
            paragraph = [unit]
            while i + len(paragraph) < len(units):
                following = units[i + len(paragraph)]
                if following.cells is not None or not _continues(
                    paragraph[-1], following, text_right, height
                ):
                    break
                paragraph.append(following)
            words = tuple(w for u in paragraph for w in u.words)
            text = " ".join(u.text() for u in paragraph)
            yield index[id(unit)], text, (box_of(words),)
            i += len(paragraph)


def visual_lines(words: tuple[Word, ...]) -> list[_Unit]:
    """Words grouped into lines: a word joins the line above when their heights overlap by more
    than half the lower of the two (the line's height is the median of its words')."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        if lines:
            top = median(w.top for w in lines[-1])
            bottom = median(w.bottom for w in lines[-1])
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap > 0.5 * min(bottom - top, word.bottom - word.top):
                lines[-1].append(word)
                continue
        lines.append([word])
    return [
        _Unit(
            min(w.top for w in line),
            max(w.bottom for w in line),
            tuple(sorted(line, key=lambda w: w.x0)),
        )
        for line in lines
    ]


def _row_unit(row: tuple[TableCell | None, ...]) -> _Unit:
    boxes = [cell.box for cell in row if cell is not None]
    return _Unit(min(b[1] for b in boxes), max(b[3] for b in boxes), (), row)


def _cell_text(cell: TableCell | None) -> str:
    return "" if cell is None else " ".join(cell.text.split())


def _cells(unit: _Unit) -> tuple[TableCell | None, ...]:
    return tuple(unit.cells or ())


def _split(unit: _Unit, middle: float) -> int | None:
    """The index of the first word right of a column gap across the middle, if there is one."""
    for k in range(1, len(unit.words)):
        left, right = unit.words[k - 1], unit.words[k]
        if right.x0 - left.x1 > COLUMN_GAP and left.x1 < middle + COLUMN_GAP < right.x0 + 2 * (
            COLUMN_GAP
        ):
            return k
    return None


def _in_band(unit: _Unit, above: _Unit, middle: float, height: float) -> bool:
    """A line that belongs to the two-column block above it: close below it, and split or
    wholly on one side."""
    if unit.cells is not None or unit.top - above.bottom > BAND_GAP * height:
        return False
    return _split(unit, middle) is not None or unit.x1 < middle or unit.x0 > middle


def _columns(band: list[_Unit], middle: float, height: float, index: dict[int, int]):
    sides: tuple[list[_Unit], list[_Unit]] = ([], [])
    for unit in band:
        k = _split(unit, middle)
        if k is not None:
            sides[0].append(_Unit(unit.top, unit.bottom, unit.words[:k]))
            sides[1].append(_Unit(unit.top, unit.bottom, unit.words[k:]))
            index[id(sides[0][-1])] = index[id(sides[1][-1])] = index[id(unit)]
        else:
            sides[0 if unit.x1 < middle else 1].append(unit)
    for side in sides:
        paragraph: list[_Unit] = []
        for k, unit in enumerate(side):
            if paragraph and _wrapped(paragraph[-1], unit, height):
                paragraph.append(unit)
                continue
            if paragraph:
                yield _joined(paragraph, index)
            if k and unit.top - side[k - 1].bottom > BLANK_LINES * height:
                yield index[id(unit)], "", ()
            paragraph = [unit]
        if paragraph:
            yield _joined(paragraph, index)


def _joined(paragraph: list[_Unit], index: dict[int, int]):
    words = tuple(w for u in paragraph for w in u.words)
    return index[id(paragraph[0])], " ".join(u.text() for u in paragraph), (box_of(words),)


def _wrapped(above: _Unit, below: _Unit, height: float) -> bool:
    """True when `below` goes on with the line of a column above it, wrapped in its narrow
    cell: the line above ended at a space the PDF kept (LibreOffice keeps it where it wrapped
    a left-aligned line), or `below` begins with a small letter or a digit ('năm' / '2026')."""
    if below.top - above.bottom > 0.8 * height:
        return False
    first = below.words[0].text[:1]
    return above.words[-1].spaced or first.islower() or first.isdigit()


def _continues(above: _Unit, below: _Unit, text_right: float, height: float) -> bool:
    """True when `below` continues the paragraph of `above`: close below it, and `above` had no
    room left for `below`'s first word."""
    if below.top - above.bottom > 0.8 * height:
        return False
    first = below.words[0]
    space = 0.3 * height
    return above.x1 + space + (first.x1 - first.x0) > text_right - 0.5 * height


def box_of(words: tuple[Word, ...]) -> TableCell:
    """The words as one cell: their text, the box around them, their lowest confidence."""
    return TableCell(
        " ".join(w.text for w in words),
        (
            min(w.x0 for w in words),
            min(w.top for w in words),
            max(w.x1 for w in words),
            max(w.bottom for w in words),
        ),
        min(w.conf for w in words),
    )
