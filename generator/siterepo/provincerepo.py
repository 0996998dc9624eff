"""A province's repository: its `province.yaml`, written by `new-province` and added to by
`new --province`, and its `CODEOWNERS`, written again from `province.yaml` each time.

province.yaml is the province office's file, comments and all: a ward is added as lines at
the end of its `wards:` list, never by rewriting the file, and the file is read back (the
one validation, `provincefile.read_province`) before it is kept.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.common.errors import Problem
from generator.province.provincefile import OFFICE, PROVINCE_FILE, Province, read_province
from generator.siterepo.layout import CODEOWNERS, province_codeowners

_WARDS = re.compile(r"^wards:[ \t]*(\[\])?[ \t]*(#.*)?$", re.M)
"""The top-level key of the list of wards (`wards: []` as new-province writes it)."""
_TOP = re.compile(r"^[^\s#-]", re.M)
_ITEM = re.compile(r"^([ \t]*)- ", re.M)
CODEOWNERS_HEAD = province_codeowners("", ()).split("\n", 1)[0]
"""How a CODEOWNERS written here begins: only such a file is written again."""


def province_yaml(name: str, office: str) -> str:
    """A new province's file: its name, its office and an empty list of wards."""
    lines = [
        "# Các phường, xã mà văn phòng tỉnh dựng trang (README.md). Thêm một phường bằng",
        "# `python -m generator new VĂN-BẢN --province . --id MÃ --office @tài-khoản`.",
        f"name: {json.dumps(name, ensure_ascii=False)}",
    ]
    if office:
        lines.append(f"{OFFICE}: {json.dumps(office)}")
    return "\n".join([*lines, "wards: []", ""])


def add_ward(root: Path, ward_id: str, office: str) -> tuple[Province | None, list[Problem]]:
    """List the ward (whose folder is in place) in province.yaml, with its office; the
    province as read back, or None with its problems (and the file as it was). A province
    whose file lists no wards (every wards/<id>/ is one) is left so unless an office is given:
    then every ward found is listed, this one with its office."""
    path = root / PROVINCE_FILE
    before = path.read_text(encoding="utf-8")
    text = _with_ward(before, ward_id, office, root)
    if text is not None:
        path.write_text(text, encoding="utf-8")
    province, problems = read_province(root)
    if province is None and text is not None:
        path.write_text(before, encoding="utf-8")
    return province, problems


def _with_ward(text: str, ward_id: str, office: str, root: Path) -> str | None:
    found = _WARDS.search(text)
    if found is None:
        if not office:
            return None  # wards/ holds the province's wards: the new folder is one
        province, _ = read_province(root)
        others = [w.id for w in province.wards if w.id != ward_id] if province else []
        listed = "".join(_entry("  ", other, "") for other in others)
        return _ended(text) + "wards:\n" + listed + _entry("  ", ward_id, office)
    if found[1]:  # `wards: []`
        head = text[: found.start()] + "wards:\n"
        return head + _entry("  ", ward_id, office) + text[found.end() :].lstrip("\n")
    after = _TOP.search(text, found.end())
    end = after.start() if after else len(text)
    block = text[found.end() : end]
    item = _ITEM.search(block)
    indent = item[1] if item else "  "
    body = block.rstrip() + "\n" if block.strip() else "\n"
    return text[: found.end()] + body + _entry(indent, ward_id, office) + text[end:]


def _entry(indent: str, ward_id: str, office: str) -> str:
    line = f"{indent}- id: {ward_id}\n"
    return line + (f"{indent}  {OFFICE}: {json.dumps(office)}\n" if office else "")


def _ended(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def write_codeowners(province: Province) -> bool:
    """CODEOWNERS from province.yaml; False (and nothing written) when the province wrote its
    own, which is kept, or has none and province.yaml names no office."""
    path = province.root / CODEOWNERS
    if not path.exists() and not (province.office or any(w.office for w in province.wards)):
        return False
    if path.is_symlink() or (
        path.exists()
        and not path.read_text(encoding="utf-8", errors="replace").startswith(CODEOWNERS_HEAD)
    ):
        return False
    wards = tuple((w.id, w.office) for w in province.wards)
    path.write_text(province_codeowners(province.office, wards), encoding="utf-8")
    return True
