"""Importer, shared pieces: source lines, problem reporting, markup leftovers, table cells."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.dates import fold
from generator.errors import Problems

MARKUP = re.compile(r"</?(?:u|i|b|em|strong)>|\*{2,}", re.IGNORECASE)
"""Leftovers of the word processor: `<u>`, `<i>`, `<b>` tags and `**` bold marks."""


@dataclass(frozen=True)
class Line:
    """One line of the source document."""

    number: int
    """1-based line number in the source file."""
    text: str


class Report:
    """Problems about one source file, named by its label."""

    def __init__(self, label: str, problems: Problems):
        self.label = label
        self.problems = problems

    def error(self, line: int, field_name: str, message: str) -> None:
        self.problems.error(self.label, line, field_name, message)

    def warn(self, line: int, field_name: str, message: str) -> None:
        self.problems.warn(self.label, line, field_name, message)


def strip_markup(text: str, line: int, field_name: str, report: Report) -> str:
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
    """The table header 'TT | Nội dung | Chủ trì | ...', repeated at each page break."""
    first, second = (fold(cell) for cell in [*cells, "", ""][:2])
    return first in ("tt", "stt") and second.startswith("noi dung")
