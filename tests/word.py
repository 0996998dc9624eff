"""Word documents for the importer tests, built with python-docx as a clerk's Word lays them out.

`WordDoc` writes the parts one by one: the national header table, paragraphs (with bold, italic
and underline as formatting), numbered and bulleted lists, task tables (header rows marked to
repeat, month headings merged across the columns, cells merged down), the signature table.
`word_from_text` lays a plain-text programme (the form of `content/sources/`) out as Word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.table import Table

HEADER = ["TT", "Nội dung", "Chủ trì", "Thời gian xong trước ngày"]
_TOKENS = re.compile(r"(\*{2,}|</?[uib]>|\*)")


def add_marked(paragraph, text: str) -> None:
    """Add `text` to a paragraph, its leftover markup (`**`, `<u>`, `<i>`, `*`) made formatting."""
    bold = italic = underline = False
    for token in _TOKENS.split(text):
        if re.fullmatch(r"\*{2,}|</?b>", token):
            bold = not bold
        elif token in ("<i>", "</i>", "*"):
            italic = token != "</i>" and not (token == "*" and italic)
        elif token in ("<u>", "</u>"):
            underline = token == "<u>"
        elif token:
            run = paragraph.add_run(token)
            run.bold, run.italic, run.underline = bold or None, italic or None, underline or None


@dataclass
class Row:
    """A row of a task table: its cells, and how Word lays it out."""

    cells: list[str]
    heading: bool = False
    """A month heading: its text fills the cells from the first non-empty one, merged across."""
    repeat: bool = False
    """A header row marked 'repeat as header row at the top of each page'."""


@dataclass
class WordDoc:
    document: docx.document.Document = field(default_factory=docx.Document)

    def header(self, left: list[list[str]], right: list[list[str]]) -> Table:
        """The national header: a borderless 2-column table, one row per block of paragraphs."""
        table = self.document.add_table(rows=len(left), cols=2)
        for r, blocks in enumerate(zip(left, right, strict=True)):
            for c, paragraphs in enumerate(blocks):
                fill(table.cell(r, c), paragraphs)
        return table

    def paragraph(self, text: str, style: str | None = None, *, bold: bool = False) -> None:
        """A paragraph; a '\\n' in `text` is a line break inside it."""
        paragraph = self.document.add_paragraph(style=style)
        for i, line in enumerate(text.split("\n")):
            if i:
                paragraph.add_run().add_break()
            add_marked(paragraph, f"**{line}**" if bold else line)

    def table(self, rows: list[Row], merge_down: tuple[tuple[int, int], ...] = ()) -> Table:
        """A task table; `merge_down` holds (row, column) cells merged with the cell below."""
        table = self.document.add_table(rows=len(rows), cols=4)
        table.style = "Table Grid"
        for word_row, row in zip(table.rows, rows, strict=True):
            cells = [*row.cells, "", "", "", ""][:4]
            word_cells = word_row.cells
            for c, text in enumerate(cells):
                add_marked(word_cells[c].paragraphs[0], text)
            if row.heading:
                first = next(c for c, text in enumerate(cells) if text)
                word_cells[first].merge(word_cells[3])
            if row.repeat:
                word_row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for r, c in merge_down:
            table.cell(r + 1, c).paragraphs[0].clear()
            table.cell(r, c).merge(table.cell(r + 1, c))
        return table

    def signature(self, left: list[str], right: list[str]) -> Table:
        """The closing two-column table: recipients left, the signer right."""
        table = self.document.add_table(rows=1, cols=2)
        fill(table.cell(0, 0), left)
        fill(table.cell(0, 1), right)
        return table

    def save(self, path: Path) -> Path:
        self.document.save(str(path))
        return path


def fill(cell, paragraphs: list[str]) -> None:
    """Write one paragraph per item into a fresh cell (which holds one empty paragraph)."""
    for i, text in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        add_marked(paragraph, text)


def month_row(heading: str) -> Row:
    return Row([heading], heading=True)


# --- a plain-text programme laid out as Word ---------------------------------------------------


def _index(lines: list[str], pattern: str, start: int = 0) -> int:
    return next(i for i in range(start, len(lines)) if re.search(pattern, lines[i]))


def word_from_text(
    text: str, header: tuple[list[list[str]], list[list[str]]] | None = None
) -> WordDoc:
    """The text form of a programme as a Word document: the header lines above the title (or
    `header`) as the header table, 'CHƯƠNG TRÌNH' and the title line as one paragraph with a
    line break, legal bases as a bulleted list, key tasks as an automatically numbered list with
    the meeting note in italics, one task table per page (each text header line starts a page)
    with its header row marked to repeat, month headings merged across, each run of rows with the
    same lead merged down, section II as paragraphs and the signature as a two-column table."""
    lines = text.split("\n")
    title = _index(lines, r"^CHƯƠNG TRÌNH$")
    key, table = _index(lines, "Nhiệm vụ trọng tâm"), _index(lines, "Nhiệm vụ cụ thể")
    organisation = _index(lines, r"^II\. ")
    recipients = _index(lines, r"^Nơi nhận")
    signer = _index(lines, r"^(\*\*)?(TM|KT)\.", recipients)
    doc = WordDoc()
    doc.header(*(header or _text_header(lines[:title])))
    doc.paragraph(f"{lines[title]}\n{lines[title + 1]}", bold=True)
    for line in filter(None, lines[title + 2 : key]):
        bullet = line.startswith("- ")
        doc.paragraph(line[2:] if bullet else line, "List Bullet" if bullet else None)
    doc.paragraph(lines[key])
    for line in filter(None, lines[key + 1 : table]):
        doc.paragraph(re.sub(r"^\d+\.\s*", "", line), "List Number")
    doc.paragraph(lines[table])
    for page in _pages(lines[table + 1 : organisation]):
        doc.table(*page)
    for line in filter(None, lines[organisation:recipients]):
        doc.paragraph(line)
    left = [lines[recipients], *filter(None, lines[recipients + 1 : signer])]
    right = "\n".join(lines[signer:]).strip("\n").split("\n")
    doc.signature(left, right)
    return doc


def _text_header(lines: list[str]) -> tuple[list[list[str]], list[list[str]]]:
    """The text's own header: the block left of the first blank line, then the one right."""
    blocks = "\n".join(lines).strip("\n").split("\n\n")
    left, right = (blocks + ["", ""])[:2]
    return [left.split("\n")], [right.split("\n")]


def _pages(lines: list[str]) -> list[tuple[list[Row], tuple[tuple[int, int], ...]]]:
    """The table lines as pages: rows, and the lead cells to merge down (same lead as below)."""
    pages: list[list[Row]] = []
    for line in filter(None, lines):
        cells = line.split("\t")
        if cells[:2] == HEADER[:2]:
            pages.append([Row(cells, repeat=True)])
        else:
            filled = [cell for cell in cells if cell]
            pages[-1].append(Row(cells, heading=len(filled) == 1))
    result = []
    for rows in pages:
        merges = tuple(
            (r, 2)
            for r in range(1, len(rows) - 1)
            if not rows[r].heading
            and not rows[r + 1].heading
            and rows[r].cells[2]
            and rows[r].cells[2] == rows[r + 1].cells[2]
        )
        result.append((rows, merges))
    return result
