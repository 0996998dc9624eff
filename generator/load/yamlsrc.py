"""Read YAML content files keeping the line of every value, so errors can name it.

All scalars stay text (no YAML 1.1 guessing: `10.1` is not a float, `no` is not False);
the schema decides what each field means. Duplicate keys, which PyYAML silently merges,
are reported.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from generator.common.errors import UNREADABLE, Problems

_NULL_TAG = "tag:yaml.org,2002:null"
# libyaml's parser when PyYAML has it (about 5× faster); its nodes carry the same line marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Text(str):
    """A scalar from a content file, with the line it came from."""

    line: int

    def __new__(cls, value: str, line: int) -> Text:
        obj = super().__new__(cls, value)
        obj.line = line
        return obj


class Mapping(dict):
    """A YAML mapping with the line of the mapping and of each key."""

    line: int
    key_lines: dict[str, int]


class Sequence(list):
    """A YAML sequence with its line and the line of each item."""

    line: int
    item_lines: list[int]


MAX_BYTES = 5_000_000
"""A content file larger than this is refused (the 2026 programme is about 60 KB)."""
MAX_DEPTH = 40
"""Deepest nesting of mappings and lists a content file may have (the format needs 6)."""
# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional marks, overrides and
# isolates that can make text read differently from what it is ("15/01/2026" shown as
# "152026/01/"): U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def read_text(path: Path, label: str, problems: Problems) -> str | None:
    """Read a file as UTF-8 (a BOM is accepted), reporting the line of the first bad byte."""
    if path.stat().st_size > MAX_BYTES:
        problems.error(label, 1, "tệp", f"tệp quá lớn (hơn {MAX_BYTES // 1_000_000} MB)")
        return None
    return decode_text(path.read_bytes(), label, problems)


def decode_text(data: bytes, label: str, problems: Problems) -> str | None:
    """UTF-8 bytes as NFC text with '\\n' line ends; None (with a problem) if they are not text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(
            label,
            line,
            "tệp",
            "tệp không phải mã UTF-8 (có byte lạ ở dòng này); hãy mở tệp và lưu lại "
            "với mã hóa UTF-8",
        )
        return None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if found := _CONTROL.search(text):
        line = text.count("\n", 0, found.start()) + 1
        _control_problem(label, line, found.group(), problems)
        return None
    return text


def _control_problem(label: str, line: int, char: str, problems: Problems) -> None:
    problems.error(
        label,
        line,
        "tệp",
        f"có ký tự điều khiển vô hình (U+{ord(char):04X}) ở dòng này; "
        "xóa ký tự đó (thường do dán từ phần mềm khác)",
    )


def load_yaml(path: Path, label: str, problems: Problems) -> Mapping | None:
    """Load a YAML file whose top level is a mapping; None (with problems) if it cannot be."""
    text = read_text(path, label, problems)
    return None if text is None else parse_yaml(text, label, problems)


def parse_yaml(text: str, label: str, problems: Problems) -> Mapping | None:
    """Parse content text whose top level is a mapping; None (with problems) if it cannot be.

    Anchors and aliases (`&a`, `*a`) are refused: content never needs them, and they are how a
    few hundred bytes expand to gigabytes or loop forever. Nesting is bounded by `MAX_DEPTH`.
    """
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problems.error(
            label,
            line,
            UNREADABLE,
            f"lỗi cú pháp YAML ({exc.problem or exc.context}); kiểm tra thụt lề, dấu ':' "
            "và dấu nháy ở dòng này hoặc dòng ngay trước",
        )
        return None
    except yaml.YAMLError as exc:
        problems.error(label, 1, UNREADABLE, f"không đọc được tệp YAML ({exc})")
        return None
    if node is None or not isinstance(node, yaml.MappingNode):
        problems.error(label, 1, "tệp", "tệp phải là một bảng khóa: giá trị (mapping)")
        return None
    if not _plain_tree(node, label, problems):
        return None
    return _convert(node, label, problems)


def _plain_tree(root: yaml.Node, label: str, problems: Problems) -> bool:
    """True when every node appears once (no alias) and nesting stays within MAX_DEPTH."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line + 1
        if id(node) in seen:
            message = "không dùng neo và bí danh YAML (&, *); hãy viết đầy đủ giá trị"
            problems.error(label, line, UNREADABLE, message)
            return False
        seen.add(id(node))
        if depth > MAX_DEPTH:
            problems.error(label, line, UNREADABLE, f"lồng quá sâu (hơn {MAX_DEPTH} cấp)")
            return False
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
    return True


def _convert(node: yaml.Node, label: str, problems: Problems):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _NULL_TAG:
            return None
        if found := _CONTROL.search(node.value):  # written as an escape: "\e", "\u202e"
            _control_problem(label, line, found.group(), problems)
            return Text(_CONTROL.sub("", node.value), line)
        return Text(node.value, line)
    if isinstance(node, yaml.SequenceNode):
        seq = Sequence(_convert(item, label, problems) for item in node.value)
        seq.line = line
        seq.item_lines = [item.start_mark.line + 1 for item in node.value]
        return seq
    mapping = Mapping()
    mapping.line = line
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_line = key_node.start_mark.line + 1
        if key in mapping:
            problems.error(
                label,
                key_line,
                key,
                f"khóa '{key}' xuất hiện hai lần (lần đầu ở dòng {mapping.key_lines[key]}); "
                "xóa một trong hai",
            )
            continue
        mapping[key] = _convert(value_node, label, problems)
        mapping.key_lines[key] = key_line
    return mapping
