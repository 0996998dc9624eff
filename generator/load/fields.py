"""Typed access to one content file's fields, turning every mistake into a located Problem.

Each record type declares its fields once (required and optional); `FileReader` reports
unknown fields (with the nearest known name), missing ones and wrong types.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from urllib.parse import urlsplit

from generator.common.dates import DateError, parse_date
from generator.common.errors import Problems
from generator.common.urls import UNSAFE_IN_URL
from generator.contentformat.vocabulary import ID_PATTERN, MARKUP_CHARACTERS, MAX_LENGTHS, Record
from generator.load.yamlsrc import Mapping, Sequence, Text

_MARKUP_CHARS = re.compile(f"[{re.escape(MARKUP_CHARACTERS)}]")
"""Characters a name shown in page headers may not hold."""
MAX_ID = MAX_LENGTHS["id"]
"""Longest id: ids become file names and URLs (a file name has at most 255 bytes)."""
_ID = re.compile(ID_PATTERN)
"""The id rule as a regular expression; the web editor's forms use it too."""


class FileReader:
    """Reads fields of the records of one file; collects problems instead of raising."""

    def __init__(self, label: str, problems: Problems):
        self.label = label
        self.problems = problems

    def error(self, line: int, field: str, message: str) -> None:
        self.problems.error(self.label, line, field, message)

    def warn(self, line: int, field: str, message: str) -> None:
        self.problems.warn(self.label, line, field, message)

    def record(self, value: object, line: int, kind: Record) -> Mapping | None:
        """Check that `value` is a mapping with the declared fields of `kind`, required ones too."""
        what, required, known = kind.what, kind.required, kind.names
        if not isinstance(value, Mapping):
            self.error(line, what, f"phải là một bảng các trường ({', '.join(required)})")
            return None
        retired = dict(kind.retired)
        for key in value:
            if key in retired:
                self.error(value.key_lines[key], key, retired[key])
            elif key not in known:
                hint = difflib.get_close_matches(key, known, n=1)
                fix = (
                    f"; có phải là '{hint[0]}'?"
                    if hint
                    else f"; các trường hợp lệ: {', '.join(known)}"
                )
                self.error(value.key_lines[key], key, f"trường không xác định trong {what}{fix}")
        for key in required:
            if key not in value:
                self.error(value.line, key, f"thiếu trường bắt buộc '{key}' trong {what}")
        for declared in kind.fields:  # ids are held to MAX_ID by `identifier`
            if declared.limit and declared.type != "id" and declared.name in value:
                self._check_length(value, declared.name, declared.limit)
        return value

    def _check_length(self, mapping: Mapping, key: str, limit: int) -> None:
        """A text (or each item of a list of texts) longer than the field's declared limit."""
        value = mapping[key]
        items = zip(value, value.item_lines, strict=True) if isinstance(value, Sequence) else ()
        if isinstance(value, Text):
            items = [(value, value.line)]
        for item, line in items:
            if isinstance(item, str) and len(item) > limit:
                self.error(
                    line,
                    key,
                    f"dài {len(item)} ký tự, quá giới hạn {limit} ký tự của trường này; rút gọn "
                    "(lời văn dài đầy đủ để trong văn bản gốc, source_document)",
                )

    def line_of(self, mapping: Mapping, key: str) -> int:
        return mapping.key_lines.get(key, mapping.line)

    def text(self, mapping: Mapping, key: str, *, allow_empty: bool = False) -> str:
        """A text field; '' (with a problem, unless allowed) when missing or not text."""
        value = mapping.get(key)
        if value is None:
            if key in mapping and not allow_empty:
                self.error(self.line_of(mapping, key), key, "không được để trống")
            return ""
        if not isinstance(value, Text):
            self.error(
                self.line_of(mapping, key),
                key,
                "phải là một dòng chữ, không phải danh sách hay bảng",
            )
            return ""
        clean = unicodedata.normalize("NFC", " ".join(str(value).split()))
        if not clean and not allow_empty:
            self.error(value.line, key, "không được để trống")
        return clean

    def texts(self, mapping: Mapping, key: str) -> tuple[str, ...]:
        """A list of text items."""
        value = mapping.get(key)
        if value is None:
            return ()
        if not isinstance(value, Sequence):
            self.error(
                self.line_of(mapping, key),
                key,
                "phải là một danh sách (mỗi mục một dòng bắt đầu bằng '- ')",
            )
            return ()
        items = []
        for item, line in zip(value, value.item_lines, strict=True):
            if isinstance(item, Text) and item.strip():
                items.append(unicodedata.normalize("NFC", " ".join(item.split())))
            else:
                self.error(line, key, "mỗi mục trong danh sách phải là một dòng chữ")
        return tuple(items)

    def records(self, mapping: Mapping, key: str) -> list[tuple[object, int]]:
        """The items of a list of records, each with its line."""
        value = mapping.get(key)
        if value is None:
            return []
        if not isinstance(value, Sequence):
            self.error(
                self.line_of(mapping, key), key, "phải là một danh sách các mục bắt đầu bằng '- '"
            )
            return []
        return list(zip(value, value.item_lines, strict=True))

    def identifier(self, mapping: Mapping, key: str = "id") -> str:
        value = self.text(mapping, key)
        if len(value) > MAX_ID:
            self.error(
                self.line_of(mapping, key),
                key,
                f"mã dài {len(value)} ký tự; tối đa {MAX_ID} (mã thành tên tệp và địa chỉ trang)",
            )
            return ""
        if value and not _ID.match(value):
            self.error(
                self.line_of(mapping, key),
                key,
                f"mã '{value}' chỉ được gồm chữ thường không dấu, số và dấu '-' "
                "(ví dụ 2026-01-10-1)",
            )
        return value

    def plain_name(self, mapping: Mapping, key: str) -> str:
        """A name shown in every page's title and header: no markup characters at all."""
        value = self.text(mapping, key)
        if found := _MARKUP_CHARS.search(value):
            self.error(
                self.line_of(mapping, key),
                key,
                f"tên không được chứa ký tự '{found.group()}' (các ký tự < > \" ' & ` không "
                "dùng trong tên)",
            )
            return ""
        return value

    def https_url(self, mapping: Mapping, key: str) -> str:
        """An optional https link to a public page; '' (with an error) when it is not one."""
        value = self.text(mapping, key, allow_empty=True)
        if value and (why := url_problem(value)):
            self.error(self.line_of(mapping, key), key, why)
            return ""
        return value

    def phone(self, mapping: Mapping, key: str) -> str:
        """An optional phone number: digits, spaces, dots, dashes, an opening '+'."""
        return self._shaped(
            mapping,
            key,
            _PHONE,
            "số điện thoại '{}' chỉ gồm chữ số (8 đến 15), khoảng trắng, dấu chấm, gạch ngang "
            "và dấu + ở đầu, ví dụ 0225 3 123 456",
        )

    def email(self, mapping: Mapping, key: str) -> str:
        """An optional e-mail address of the plain name@domain.tld shape."""
        return self._shaped(
            mapping,
            key,
            _EMAIL,
            "thư điện tử '{}' không đúng dạng tên@tên-miền, ví dụ vanphong@phuong.gov.vn",
        )

    def _shaped(self, mapping: Mapping, key: str, shape: re.Pattern, why: str) -> str:
        """An optional text that must match `shape` whole; '' (with `why`) when it does not."""
        value = self.text(mapping, key)
        if value and not shape.fullmatch(value):
            self.error(self.line_of(mapping, key), key, why.format(value[:60]))
            return ""
        return value

    def integer(self, mapping: Mapping, key: str, low: int, high: int) -> int | None:
        value = self.text(mapping, key)
        if not value:
            return None
        if not value.isdigit() or not low <= int(value) <= high:
            self.error(
                self.line_of(mapping, key),
                key,
                f"phải là một số từ {low} đến {high}, không phải '{value}'",
            )
            return None
        return int(value)

    def date(self, mapping: Mapping, key: str) -> dt.date | None:
        value = self.text(mapping, key, allow_empty=True)
        if not value:
            return None
        try:
            return parse_date(value)
        except DateError as exc:
            self.error(self.line_of(mapping, key), key, str(exc))
            return None

    def boolean(self, mapping: Mapping, key: str) -> bool:
        value = self.text(mapping, key, allow_empty=True).lower()
        if value in ("", "false", "no", "không"):
            return False
        if value in ("true", "yes", "có"):
            return True
        self.error(
            self.line_of(mapping, key), key, f"phải là true hoặc false, không phải '{value}'"
        )
        return False

    def choice(self, mapping: Mapping, key: str, choices: dict[str, object]):
        value = self.text(mapping, key)
        if value and value not in choices:
            self.error(
                self.line_of(mapping, key),
                key,
                f"giá trị '{value}' không hợp lệ; chọn một trong: {', '.join(choices)}",
            )
            return None
        return choices.get(value)


def is_identifier(value: str) -> bool:
    """True for an id the site can use in a file name and an address."""
    return len(value) <= MAX_ID and bool(_ID.match(value))


_PHONE = re.compile(r"\+?(?:\d[ .\-]?){7,14}\d")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def url_problem(value: str) -> str | None:
    """Why `value` is not a plain public https link (in Vietnamese), or None when it is one."""
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:
        parts, host = None, ""
    if parts is None or parts.scheme != "https" or not value.startswith("https://"):
        return f"đường dẫn '{value[:80]}' phải bắt đầu bằng https://"
    if UNSAFE_IN_URL.search(value) or len(value) > 2000:
        return "đường dẫn không được chứa khoảng trắng, dấu nháy, < > hay quá 2000 ký tự"
    if parts.username or parts.password or "." not in host or host.startswith("."):
        return f"đường dẫn '{value[:80]}' cần một tên miền, ví dụ https://haiphong.gov.vn/…"
    return None
