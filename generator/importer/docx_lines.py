"""Importer, Word reader: a .docx document as the lines the shared readers take (see `text`).

- A paragraph of the body is a line (a line break in it starts another), placed 'đoạn N': N
  counts the body's paragraphs from the top, empty ones included (Word shows each as a ¶ mark).
- A row of a task table is a line of Tab-separated cells, placed 'bảng T, dòng R': T counts
  every table from the top, as Word's Go To (F5) → Table does; R counts its rows, header rows
  included. A cell merged across columns gives its text once, then empty cells; a cell merged
  down gives its text to every row it covers (a lead unit shared by two tasks leads both).
- Any other table is layout (the national header, the signature block): its cells are read
  column by column, top to bottom, each paragraph a line placed 'bảng T, dòng R, cột C'.

Bold, italic and underline are formatting: only the words are read. The labels Word draws
before list paragraphs ('1.', '-') are put back in front of their text (see `docx_lists`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from generator.importer.docx_file import (
    MAX_CELL_TEXT,
    MAX_GRID,
    MAX_MERGED_ROWS,
    MAX_TEXT,
    too_large,
)
from generator.importer.docx_lists import list_labels, xpath
from generator.importer.table import HEADING, NUMBER
from generator.importer.text import MARKUP, Line, is_header

DOCX_COLUMNS = "cột của bảng"
"""How a Word document writes the columns of the task table, for messages."""
DOCX_EDGES = ("đầu văn bản", "cuối văn bản")
"""The places of a problem of the whole document: something missing at its start, its end."""
MAX_SPAN = 64
"""A cell never spans more grid columns than this (a hostile gridSpan cannot blow memory up)."""
_RUNS = (
    "w:r | w:hyperlink/w:r | w:ins/w:r | w:smartTag/w:r | w:fldSimple/w:r"
    " | w:customXml/w:r | w:sdt/w:sdtContent/w:r"
)
"""The runs of a paragraph whose words are shown: deleted text and field codes are not."""
_WRAPPERS = (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"))


@dataclass(frozen=True)
class _Cell:
    paragraphs: tuple[str, ...]
    continued: bool = False
    """True for the second and later grid positions of a merged cell (across or down)."""

    def text(self) -> str:
        return " ".join(" ".join(self.paragraphs).split())


def docx_lines(document: Document) -> list[Line]:
    """The document's lines, in order, each with its place."""
    labels = list_labels(document)
    lines: list[Line] = []
    total = 0

    def add(text: str, place: str) -> None:
        nonlocal total
        total += len(text)
        if total > MAX_TEXT:
            raise too_large(f"hơn {MAX_TEXT} ký tự tính cả ô gộp, tới {place}")
        lines.append(Line(len(lines) + 1, text, place))

    paragraphs = tables = 0
    for block in _blocks(document.element.body):
        if block.tag == qn("w:p"):
            paragraphs += 1
            for text in _paragraph_text(block, labels).split("\n"):
                add(text, f"đoạn {paragraphs}")
            continue
        tables += 1
        grid = _grid(block, labels, f"bảng {tables}")
        if _is_task_table(grid):
            for r, row in enumerate(grid, start=1):
                add("\t".join(cell.text() for cell in row), f"bảng {tables}, dòng {r}")
        else:
            for (r, c), text in _layout_texts(grid):
                add(text, f"bảng {tables}, dòng {r}, cột {c}")
    return lines


def _blocks(body: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """The body's paragraphs and tables in order, also those inside content controls."""
    stack = list(reversed(body))
    while stack:
        element = stack.pop()
        if element.tag in (qn("w:p"), qn("w:tbl")):
            yield element
        elif element.tag in _WRAPPERS:
            stack.extend(reversed(element))


def _paragraph_text(p: BaseOxmlElement, labels: dict[BaseOxmlElement, str]) -> str:
    """The words of a paragraph, each line break starting a new line. A Tab is a space: cells
    come from tables, never from Tabs."""
    text = "".join(_INLINE.get(child.tag, _text_of)(child) for r in xpath(p, _RUNS) for child in r)
    label = labels.get(p)
    return f"{label} {text}" if label else text


def _text_of(element: BaseOxmlElement) -> str:
    """The text of a `w:t`; nothing for what is not text (properties, drawings, fields)."""
    return (element.text or "") if element.tag == qn("w:t") else ""


def _break(br: BaseOxmlElement) -> str:
    """A line break is a new line; a page or column break is nothing."""
    return "\n" if br.get(qn("w:type"), "textWrapping") == "textWrapping" else ""


_INLINE = {
    qn("w:br"): _break,
    qn("w:cr"): lambda _: "\n",
    qn("w:tab"): lambda _: " ",
    qn("w:ptab"): lambda _: " ",
    qn("w:noBreakHyphen"): lambda _: "-",
}


def _grid(
    table: BaseOxmlElement, labels: dict[BaseOxmlElement, str], name: str
) -> list[list[_Cell]]:
    """The table as rows of grid cells, merges resolved; refused past the limits of the work."""
    grid: list[list[_Cell]] = []
    above: dict[int, tuple[str, ...]] = {}
    """Paragraphs of the cell last started at each grid column, for the cells merged down."""
    merged: dict[int, int] = {}
    """How many rows the cell at each grid column has been merged down over."""
    width = 0
    for r, tr in enumerate(xpath(table, "w:tr"), start=1):
        row = [_Cell(())] * _count(tr, "w:trPr/w:gridBefore")
        for tc in xpath(tr, "w:tc"):
            column, span = len(row), _count(tc, "w:tcPr/w:gridSpan", 1)
            if _merged_down(tc):
                merged[column] = merged.get(column, 0) + 1
                if merged[column] > MAX_MERGED_ROWS:
                    raise too_large(f"{name}, dòng {r}: ô gộp xuống hơn {MAX_MERGED_ROWS} dòng")
                row.append(_Cell(above.get(column, ()), continued=True))
            else:
                paragraphs = tuple(_paragraph_text(p, labels) for p in tc.iter(qn("w:p")))
                if sum(map(len, paragraphs)) > MAX_CELL_TEXT:
                    raise too_large(f"{name}, dòng {r}: một ô hơn {MAX_CELL_TEXT} ký tự")
                above[column], merged[column] = paragraphs, 0
                row.append(_Cell(paragraphs))
            row.extend([_Cell((), continued=True)] * (span - 1))
        row.extend([_Cell(())] * _count(tr, "w:trPr/w:gridAfter"))
        grid.append(row)
        width = max(width, len(row))
        if width * len(grid) > MAX_GRID:
            raise too_large(f"{name}: hơn {MAX_GRID} ô lưới (dòng × cột)")
    return grid


def _count(element: BaseOxmlElement, path: str, default: int = 0) -> int:
    found = xpath(element, f"{path}/@w:val")
    try:
        value = int(found[0]) if found else default
    except ValueError:
        value = default
    return min(max(value, default), MAX_SPAN)


def _merged_down(tc: BaseOxmlElement) -> bool:
    """A cell continuing a vertical merge (`w:vMerge` without val="restart")."""
    marks = xpath(tc, "w:tcPr/w:vMerge")
    return bool(marks) and marks[0].get(qn("w:val"), "continue") == "continue"


def _is_task_table(grid: list[list[_Cell]]) -> bool:
    """A table of tasks: it has the header row, a month heading or a numbered row of 4 cells."""
    for row in grid:
        cells = [cell.text() for cell in row]
        filled = [MARKUP.sub("", cell).strip() for cell in cells if cell]
        if is_header(cells) or (len(filled) == 1 and HEADING.match(filled[0])):
            return True
        if len(cells) >= 4 and NUMBER.match(MARKUP.sub("", cells[0]).strip()):
            return True
    return False


def _layout_texts(grid: list[list[_Cell]]) -> Iterator[tuple[tuple[int, int], str]]:
    """Every line of a layout table, column by column: the header's left block, then its
    right block; the recipients, then the signer."""
    width = max((len(row) for row in grid), default=0)
    for c in range(width):
        for r, row in enumerate(grid, start=1):
            if c < len(row) and not row[c].continued:
                for paragraph in row[c].paragraphs:
                    for text in paragraph.split("\n"):
                        yield (r, c + 1), text
