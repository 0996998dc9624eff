"""Importer, PDF tables: the ruled tables of text pages read as the rows Word has.

A PDF draws a table's rows page by page; Word holds them whole. So, over the text pages in
order:

- A cell's text is its words, line by line, joined as Word wrapped them: by a space where the
  line was wrapped at one (LibreOffice writes it at the line's end), not where a line broke
  after a hyphen ('10-' / '20/02/2027', 'HĐND-' / 'UBND') or inside a word too long for the
  column ('T' / 'T' of a narrow 'TT'). A PDF that writes no such spaces is read by the shape:
  a hyphen or dash against a word, or a lone word filling its line, was broken inside.
- A grid position under a cell merged down takes that cell's text (a lead unit merged over
  three rows leads all three), as Word's reader gives it; one beside a cell merged across
  stays empty. A merged cell going on over a page break is drawn again empty at the top of
  the next page: an empty cell there over more than one row takes the cell's text.
- A page's first row without a number (after the header row drawn again there, which the
  shared reader passes over) is the end of the page before's last row, split by the page
  break, when no text but a page number stands between them: its cells are joined to that
  row's, and it stays, empty, counted among the page's rows ('trang P, dòng R' counts what
  a person sees).

Scanned pages whose table is ruled are read cell by cell (`ocr_grid`) and joined by these same
rules; a scanned page read without rulings (`ocr`, its table rebuilt from the layout) is left as
it is. A cell keeps the least OCR confidence of its words, and its words line by line.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from generator.importer.pdf_file import PdfPage, TableCell, Word
from generator.importer.pdf_lines import visual_lines
from generator.importer.table import HEADING
from generator.importer.text import is_header

DASHES = ("-", "–", "—")
"""A line ending in one of these against a word was broken after it: no space is put back."""
PAGE_NUMBER = re.compile(r"^[-–\s]*(?:trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?[-–\s]*$", re.I)
"""A line that only numbers the page ('3', '- 3 -', 'Trang 3', '3/12')."""
EDGE = 1.0
"""Points a merged cell's bottom must pass a row's top by to cover that row."""


@dataclass
class _Cell:
    lines: list[tuple[Word, ...]]
    """The cell's words, line by line; lines of a row continued on the next page added."""
    box: tuple[float, float, float, float]


_Row = list[_Cell | None]


def ruled_tables(pages: list[PdfPage], laid_out: set[int]) -> list[PdfPage]:
    """The pages with their ruled tables read as whole rows (see the module); the pages of
    `laid_out` (tables rebuilt from a scan's layout) are left as they are."""
    tables: dict[int, list[list[_Row]]] = {}
    last: _Row | None = None
    """The latest row of tasks, which a row split by the next page break continues."""
    for page in pages:
        if page.number in laid_out:
            last = None
            continue
        tables[page.number] = []
        if _text_outside(page, above=True):
            last = None
        for t, table in enumerate(page.tables):
            rows: list[_Row] = []
            grid = [[_cell(c) for c in row] for row in table]
            top = t == 0 and last is not None  # the table goes on from the page before
            for r in range(len(grid)):
                if top:
                    _merged_over_break(grid, r, last)
                row = _filled_down(grid, r)
                rows.append(row)
                texts = [_text(cell) for cell in row]
                if is_header(texts):
                    continue
                if top and _continues(texts):
                    _join(last, row)
                else:
                    last = row
                top = False
            tables[page.number].append(rows)
        if _text_outside(page, above=False):
            last = None
    return [
        page
        if page.number not in tables
        else dataclasses.replace(page, tables=tuple(_done(rows) for rows in tables[page.number]))
        for page in pages
    ]


def _text_outside(page: PdfPage, *, above: bool) -> bool:
    """True when text other than a page number stands above the page's first table (or
    below its last): a row can only go on from the foot of one page to the head of the next."""
    if not page.tables:
        return True
    cells = [cell for table in page.tables for row in table for cell in row if cell is not None]
    top = min(cell.box[1] for cell in cells)
    bottom = max(cell.box[3] for cell in cells)
    return any(
        not PAGE_NUMBER.match(line.text())
        for line in visual_lines(page.words)
        if (line.bottom <= top if above else line.top >= bottom)
    )


def _merged_over_break(grid: list[list[_Cell | None]], r: int, last: _Row) -> None:
    """A page's first row: an empty cell merged down over more rows of this page continues the
    cell of the page before (an empty cell over one row may be a blank lead, and stays one)."""
    row = grid[r]
    bottom = min((cell.box[3] for cell in row if cell is not None), default=0.0)
    for c, cell in enumerate(row[: len(last)]):
        above = last[c]
        if cell is not None and not cell.lines and cell.box[3] > bottom + EDGE and above:
            cell.lines = above.lines


def _join(last: _Row, row: _Row) -> None:
    """The cells of a row split by a page break moved to those of its first part; the row
    stays, empty, to be counted in its page's rows."""
    for c, cell in enumerate(row[: len(last)]):
        if cell is None:
            continue
        above = last[c]
        if above is None:
            last[c] = _Cell(cell.lines, cell.box)
        elif above.lines is not cell.lines:  # not a merged cell going on over the break
            above.lines.extend(cell.lines)
            cell.lines = above.lines  # the rows it is merged down over read it whole
        row[c] = _Cell([], cell.box)


def _cell(cell: TableCell | None) -> _Cell | None:
    if cell is None:
        return None
    return _Cell([line.words for line in visual_lines(cell.words)], cell.box)


def _filled_down(grid: list[list[_Cell | None]], r: int) -> _Row:
    """Row r with each position under a cell merged down given that cell (shared, so a row
    continued on the next page adds to every row the cell covers)."""
    row = list(grid[r])
    top = min((cell.box[1] for cell in row if cell is not None), default=0.0)
    for c, cell in enumerate(row):
        if cell is not None:
            continue
        above = next((grid[k][c] for k in range(r - 1, -1, -1) if grid[k][c] is not None), None)
        if above is not None and above.box[3] > top + EDGE:
            row[c] = above
    return row


def _continues(texts: list[str]) -> bool:
    """A row that ends the row before it: no number, something else, not a month heading."""
    filled = [text for text in texts if text]
    number = texts[0] if texts else ""
    if number or not filled:
        return False
    return not (len(filled) == 1 and HEADING.match(filled[0]))


def _done(rows: list[_Row]) -> tuple[tuple[TableCell | None, ...], ...]:
    found = []
    for row in rows:
        top = max(cell.box[1] for cell in row if cell is not None)  # a cell merged down
        bottom = min(cell.box[3] for cell in row if cell is not None)  # starts above, ends below
        found.append(
            tuple(
                None
                if cell is None
                else TableCell(
                    _text(cell),
                    (cell.box[0], top, cell.box[2], bottom),
                    min((w.conf for line in cell.lines for w in line), default=100.0),
                    tuple(w for line in cell.lines for w in line),
                )
                for cell in row
            )
        )
    return tuple(found)


def _text(cell: _Cell | None) -> str:
    """The cell's lines joined as the word processor wrapped them."""
    if cell is None or not cell.lines:
        return ""
    pad = min(line[0].x0 for line in cell.lines) - cell.box[0]
    right = cell.box[2] - max(pad, 0.0)
    text = " ".join(w.text for w in cell.lines[0])
    for above, below in zip(cell.lines, cell.lines[1:], strict=False):
        joined = " ".join(w.text for w in below)
        text += ("" if _broken(above, below[0], right) else " ") + joined
    return text


def _broken(above: tuple[Word, ...], first: Word, right: float) -> bool:
    """True when the line break fell inside a word: no space was written after the line (a
    PDF that writes none: after a hyphen or dash against a word, or in a word alone on its
    line that filled it, not one more letter fitting)."""
    last = above[-1]
    if last.spaced:
        return False
    if last.text.endswith(DASHES) and len(last.text) > 1:
        return True
    letter = (first.x1 - first.x0) / max(len(first.text), 1)
    return len(above) == 1 and last.x1 + letter > right
