"""The vocabulary of the content format's declaration: a field, a record, their README table.

A leaf: it imports nothing of ours. The declaration itself is `generator.contentformat`.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPES = {
    "text": "chữ / text",
    "id": "mã / id",
    "date": "ngày / date",
    "integer": "số / number",
    "boolean": "`true`/`false`",
    "texts": "danh sách chữ / list of text",
    "records": "danh sách bản ghi / list of records",
    "record": "bản ghi / record",
    "choice": "một giá trị / one of",
}


@dataclass(frozen=True)
class Field:
    """One field of a record."""

    name: str
    """The YAML key."""
    type: str
    """A key of `TYPES`."""
    vi: str
    """Meaning in Vietnamese, for the clerk."""
    en: str
    """Meaning in English."""
    required: bool = True
    when: str = ""
    """For an optional field that some records need: when it is needed ('khi `done`')."""


@dataclass(frozen=True)
class Record:
    """One kind of record: the fields it may hold, in the order files write them."""

    key: str
    """Name of the record kind, e.g. 'task'."""
    what: str
    """How errors name it, in Vietnamese: 'nhiệm vụ'."""
    fields: tuple[Field, ...]
    retired: tuple[tuple[str, str], ...] = ()
    """Fields of earlier formats, each with where its data lives now (in Vietnamese)."""

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def optional(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if not f.required)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def field(name: str, type_: str, vi: str, en: str, required: bool = True, when: str = "") -> Field:
    return Field(name, type_, vi, en, required, when)


def markdown_table(record: Record) -> str:
    """The README table of a record: field, required, type, meaning in Vietnamese and English."""
    rows = [
        "| trường / field | bắt buộc / required | kiểu / type | ý nghĩa / meaning |",
        "|---|---|---|---|",
    ]
    for f in record.fields:
        required = "có / yes" if f.required else (f.when or "không / no")
        rows.append(f"| `{f.name}` | {required} | {TYPES[f.type]} | {f.vi} / {f.en} |")
    return "\n".join(rows) + "\n"
