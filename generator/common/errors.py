"""Problems found in content: `file:line: field: message`, reported all at once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"


UNREADABLE = "YAML"
"""The field of a problem that makes a file unreadable (its YAML). Other problems may follow
from it (a units.yaml that cannot be read makes every task's lead unit unknown), so it is
reported first, wherever its file sorts (`in_order`)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (error) or suspicious (warning) in a content file."""

    file: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.ERROR
    place: str = ""
    """Where in the file, in words, when a line number cannot say it: a Word document has no
    lines, so its problems read 'bảng 2, dòng 17' or 'đoạn 12'; `line` then only orders them.
    A problem of the whole file has neither (line 0)."""

    def __str__(self) -> str:
        label = "Lỗi" if self.severity is Severity.ERROR else "Cảnh báo"
        where = f": {self.place}" if self.place else f":{self.line}" if self.line else ""
        return f"{self.file}{where}: {self.field}: {label}: {self.message}"


class ContentError(Exception):
    """Raised when content has errors; carries every problem found, warnings included."""

    def __init__(self, problems: list[Problem]):
        self.problems = in_order(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


class Problems:
    """Collects problems while loading, so that all of them are reported at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, file: str, line: int, field: str, message: str, place: str = "") -> None:
        self.items.append(Problem(file, line, field, message, Severity.ERROR, place))

    def warn(self, file: str, line: int, field: str, message: str, place: str = "") -> None:
        self.items.append(Problem(file, line, field, message, Severity.WARNING, place))

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.items)

    def sorted(self) -> list[Problem]:
        return in_order(set(self.items))


def in_order(problems) -> list[Problem]:
    """By file and line, an unreadable file's problem (`UNREADABLE`) first: the cause before
    what follows from it."""
    return sorted(problems, key=lambda p: (p.field != UNREADABLE, p))


def unwritable(where: object, exc: OSError) -> str:
    """Why a file could not be written, for the clerk: where, and what the system said."""
    return f"không ghi được vào {where}: {exc.strerror or exc} (kiểm tra đường dẫn và quyền ghi)"
