"""Importer, shared pieces: source lines, problem reporting, markup leftovers, table cells.

Every reader of a source (plain text, Word) gives the same lines: a paragraph is a line, a row of
the task table is a line of Tab-separated cells. Everything after that is shared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.common.dates import fold_accents
from generator.common.errors import Problems

MARKUP = re.compile(r"</?(?:u|i|b|em|strong)>|\*{2,}", re.IGNORECASE)
"""Leftovers of the word processor: `<u>`, `<i>`, `<b>` tags and `**` bold marks."""

TAB_COLUMNS = "cột cách nhau bằng Tab"
"""How a text file writes the columns of the task table, for messages."""


@dataclass(frozen=True)
class Line:
    """One line of the source document."""

    number: int
    """1-based line number in the source file (in a Word document: the order of the lines)."""
    text: str
    place: str = ""
    """Where the line is in words, when its number cannot say it: 'bảng 2, dòng 17'."""


START, END = 0, -1
"""Line numbers for a problem of the whole document: something missing from its start (the
year, the ward) or from its end (the signer). A text file names its first and last line."""


class ImportProblems:
    """Problems about one source file, named by its label, each at its line's place."""

    def __init__(
        self,
        label: str,
        problems: Problems,
        lines: Iterable[Line] = (),
        columns: str = TAB_COLUMNS,
        edges: tuple[str, str] | None = None,
    ):
        self.label = label
        self.problems = problems
        self.places: dict[int, str] = {}
        self.last = 1
        for line in lines:
            self.last = max(self.last, line.number)
            if line.place:
                self.places[line.number] = line.place
        self.columns = columns
        """How the source writes the columns of the task table ('cột cách nhau bằng Tab')."""
        self.edges = edges
        """The places of START and END in words ('đầu văn bản', 'cuối văn bản'), if not lines."""

    def locate(self, line: int) -> tuple[int, str]:
        """The line number that orders the problem, and its place in words ('' for a line)."""
        if line in (START, END) and self.edges is not None:
            return (0, self.edges[0]) if line == START else (self.last + 1, self.edges[1])
        if line in (START, END):
            return (1 if line == START else self.last), ""
        return line, self.places.get(line, "")

    def where(self, line: int) -> str:
        """The line's place, for a message: 'dòng 12' or 'bảng 2, dòng 17'."""
        number, place = self.locate(line)
        return place or f"dòng {number}"

    def error(self, line: int, field_name: str, message: str) -> None:
        self.problems.error(self.label, *self._at(line, field_name, message))

    def warn(self, line: int, field_name: str, message: str) -> None:
        self.problems.warn(self.label, *self._at(line, field_name, message))

    def _at(self, line: int, field_name: str, message: str) -> tuple[int, str, str, str]:
        number, place = self.locate(line)
        return number, field_name, message, place


def strip_markup(text: str, line: int, field_name: str, report: ImportProblems) -> str:
    """Remove leftover markup with a warning; the words stay as written."""
    found = list(dict.fromkeys(MARKUP.findall(text)))
    if not found:
        return text
    marks = ", ".join(f"'{m}'" for m in found)
    report.warn(line, field_name, f"đã bỏ dấu định dạng còn sót {marks}; lời văn giữ nguyên")
    return " ".join(MARKUP.sub("", text).split())


def cells_of(text: str) -> list[str]:
    """The tab-separated cells of a table line, spaces normalised."""
    return [" ".join(cell.split()) for cell in text.split("\t")]


def is_header(cells: list[str]) -> bool:
    """The table header 'TT | Nội dung | Chủ trì | ...', repeated at each page break. A scan's
    'TT' may be misread ('T1T'): 'Nội dung' then 'Chủ trì' beside it tell the header too."""
    first, second, third = (fold_accents(cell) for cell in [*cells, "", "", ""][:3])
    numbered = first.replace(" ", "") in ("tt", "stt")
    return second.startswith("noi dung") and (numbered or third.startswith("chu tri"))
