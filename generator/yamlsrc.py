"""Read YAML content files keeping the line of every value, so errors can name it.

All scalars stay text (no YAML 1.1 guessing: `10.1` is not a float, `no` is not False);
the schema decides what each field means. Duplicate keys, which PyYAML silently merges,
are reported.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from .errors import Problems

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


def read_text(path: Path, label: str, problems: Problems) -> str | None:
    """Read a file as UTF-8 (a BOM is accepted), reporting the line of the first bad byte."""
    data = path.read_bytes()
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
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def load_yaml(path: Path, label: str, problems: Problems) -> Mapping | None:
    """Load a YAML file whose top level is a mapping; None (with problems) if it cannot be."""
    text = read_text(path, label, problems)
    if text is None:
        return None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problems.error(
            label,
            line,
            "YAML",
            f"lỗi cú pháp YAML ({exc.problem or exc.context}); kiểm tra thụt lề, dấu ':' "
            "và dấu nháy ở dòng này hoặc dòng ngay trước",
        )
        return None
    if node is None or not isinstance(node, yaml.MappingNode):
        problems.error(label, 1, "tệp", "tệp phải là một bảng khóa: giá trị (mapping)")
        return None
    return _convert(node, label, problems)


def _convert(node: yaml.Node, label: str, problems: Problems):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == _NULL_TAG else Text(node.value, line)
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
