"""Content YAML as a person would write it, byte-for-byte stable: the one YAML writer of the
importer, `generator report` and the editor's tests.

Lists are indented under their key; lines are never wrapped; a scalar that YAML could read as
something other than text (`"10.1"`, `"2026"`, `"2026-04-01"`) is quoted. A leaf: it imports
nothing of ours.
"""

from __future__ import annotations

from typing import Any

import yaml

_STR = "tag:yaml.org,2002:str"


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key, as the README examples do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_str(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    plain = dumper.resolve(yaml.ScalarNode, value, (True, False)) == _STR
    analysis = dumper.analyze_scalar(value)
    style = None if value and plain and analysis.allow_block_plain else '"'
    return dumper.represent_scalar(_STR, value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(data: dict[str, Any], *, spaced: tuple[str, ...] = ()) -> str:
    """YAML text; a blank line after each top-level block and before each `spaced` list item."""
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )
    lines: list[str] = []
    for line in text.splitlines():
        after_block = not line.startswith(" ") and lines and lines[-1].startswith(" ")
        item = any(line.startswith(p) for p in spaced) and not lines[-1].endswith(":")
        if after_block or item:
            lines.append("")
        lines.append(line)
    return "\n".join(lines) + "\n"
