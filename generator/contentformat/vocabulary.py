"""The vocabulary of the content format's declaration: a field, a record, their README table.

A leaf: it imports nothing of ours. The declaration itself is `records`, beside it `choices`
and `layout`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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


ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""An id: lower-case ASCII words joined by single hyphens (it becomes part of addresses)."""
MARKUP_CHARACTERS = "<>\"'&`"
"""What a name shown in every page's header may not contain."""
MAX_LENGTHS = {"text": 500, "texts": 1000, "id": 80, "choice": 40}
"""The most characters of a value of each type, unless its field says otherwise."""
LONG_TEXT = 2000
"""The limit of the long texts: a task's content, a correction, a note, a reason."""


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
    max_length: int = 0
    """The most characters a value (each item of a list) may have; 0: the type's default."""
    model: str = ""
    """The model's attribute that holds it, when that is not `name` (`parent` → `parent_id`;
    dotted when it is held one record down: `progress.status`)."""
    export: str = ""
    """The open data's key for it (JSON, schema), when that is not `name`."""

    @property
    def attribute(self) -> str:
        return self.model or self.name

    @property
    def exported(self) -> str:
        return self.export or self.name

    @property
    def limit(self) -> int:
        """The most characters a value may have: a 4 MB task text would make a 124 MB site."""
        return self.max_length or MAX_LENGTHS.get(self.type, 0)


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


def long(declared: Field) -> Field:
    """The field with the limit of long texts (`LONG_TEXT`)."""
    return replace(declared, max_length=LONG_TEXT)


def held(declared: Field, model: str = "", export: str = "") -> Field:
    """The field, with where the model and the open data hold it when not under its name."""
    return replace(declared, model=model, export=export)


def markdown_table(record: Record) -> str:
    """The README table of a record: field, required, type, meaning in Vietnamese and English."""
    rows = [
        "| trường / field | bắt buộc / required | kiểu / type | ý nghĩa / meaning |",
        "|---|---|---|---|",
    ]
    for f in record.fields:
        required = "có / yes" if f.required else (f.when or "không / no")
        limit = f" (≤ {f.limit})" if f.limit else ""
        rows.append(f"| `{f.name}` | {required} | {TYPES[f.type]}{limit} | {f.vi} / {f.en} |")
    return "\n".join(rows) + "\n"
