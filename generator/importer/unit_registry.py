"""Importer, units stage: group the lead cells into units of the registry.

Spellings with the same `unit_key` are one unit. A new unit's id comes from its most common
fully spelled variant (else its most common spelling), its name is the longest fully spelled
variant, its short name the shortest variant. Units already in an existing registry keep their
id and names and gain the new spellings as aliases.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path

from generator.common.dates import fold_accents
from generator.common.errors import Problems
from generator.domain.model import Task, Unit
from generator.importer.text import ImportProblems
from generator.load.fields import FileReader
from generator.load.records import read_units
from generator.load.unit_spellings import ABBREVIATIONS, UnitIndex, same_unit, unit_key
from generator.load.yamlsrc import load_yaml

ALL_ID = "cac-phong-don-vi"
ALL_KEYS = frozenset(
    {
        "cac phong don vi",
        "cac phong ban don vi",
        "cac don vi",
        "cac phong ban",
        "cac phong don vi lien quan",
        "cac phong ban don vi lien quan",
    }
)


def slug(text: str) -> str:
    """'Phòng Văn hóa - Xã hội' → 'phong-van-hoa-xa-hoi'."""
    return re.sub(r"[^a-z0-9]+", "-", fold_accents(text)).strip("-")


def is_fully_spelled(name: str) -> bool:
    """True when no word is an abbreviation ('VH-XH', 'KT', 'HĐND', 'BCH'...)."""
    for word in re.split(r"[\s,;]+", name):
        letters = [c for c in word if c.isalpha()]
        if fold_accents(word).strip(".") in ABBREVIATIONS or (len(letters) >= 2 and word.isupper()):
            return False
    return True


def read_registry(units_file: Path, problems: Problems) -> tuple[Unit, ...]:
    """The units of an existing units.yaml, read by the loader's own schema."""
    label = units_file.name
    if not units_file.is_file():
        problems.error(label, 1, "tệp", f"không tìm thấy tệp danh mục đơn vị '{units_file}'")
        return ()
    doc = load_yaml(units_file, label, problems)
    return read_units(doc, FileReader(label, problems)) if doc is not None else ()


def build_units(
    tasks: tuple[Task, ...],
    existing: tuple[Unit, ...],
    report: ImportProblems,
) -> tuple[tuple[Unit, ...], dict[str, str]]:
    """The registry (existing units first, then new ones by id) and each spelling's unit id."""
    counts = Counter(task.lead_as_written for task in tasks if task.lead_as_written)
    order = {spelling: i for i, spelling in enumerate(counts)}
    groups: dict[str, list[str]] = {}
    for spelling in counts:
        key = next(
            (k for k, group in groups.items() if any(same_unit(spelling, s) for s in group)),
            unit_key(spelling),
        )
        groups.setdefault(key, []).append(spelling)

    index = UnitIndex(existing)
    registry = {unit.id: unit for unit in existing}
    new_units: list[Unit] = []
    unit_of: dict[str, str] = {}
    for key, spellings in groups.items():
        known = next((u for s in spellings if (u := _known(index, s)) is not None), None)
        if known is not None:
            unit = registry[known.id]
            written = {unit.name, unit.short, *unit.aliases}
            added = [s for s in spellings if s not in written]
            if added:
                registry[unit.id] = dataclasses.replace(
                    unit, aliases=tuple(sorted({*unit.aliases, *added}))
                )
                _propose(report, tasks, unit, added, sorted(written - {""}))
        else:
            unit = _new_unit(key, spellings, counts, order)
            unit = _unique(
                unit, set(registry) | {u.id for u in new_units}, spellings, report, tasks
            )
            if len(spellings) > 1:
                _propose(report, tasks, unit, spellings[1:], spellings[:1])
            new_units.append(unit)
        unit_of.update(dict.fromkeys(spellings, unit.id))
    new_units.sort(key=lambda u: (u.is_all, u.id))
    return tuple(registry.values()) + tuple(new_units), unit_of


def _known(index: UnitIndex, spelling: str) -> Unit | None:
    return index.resolve(spelling) or index.alike(spelling)


def _propose(
    report: ImportProblems, tasks: tuple[Task, ...], unit: Unit, added: list[str], before: list[str]
) -> None:
    """Spellings read as one unit are said so, where each first appears: never a silent
    merge, never a silent split."""
    first = {}
    for task in tasks:
        first.setdefault(task.lead_as_written, task.source.line)
    known = " và ".join(
        f"'{s}'" + (f" ({report.where(first[s])})" if s in first else "") for s in before
    )
    for spelling in added:
        report.warn(
            first[spelling],
            "lead",
            f"'{spelling}' và {known} được coi là một đơn vị '{unit.id}' (các cách viết ghi "
            "trong aliases của units.yaml); nếu là hai đơn vị khác nhau, tách thành hai mục "
            "trong units.yaml",
        )


def _new_unit(key: str, spellings: list[str], counts: Counter, order: dict[str, int]) -> Unit:
    def most_common(names: list[str]) -> str:
        return max(names, key=lambda s: (counts[s], -order[s]))

    full = [s for s in spellings if is_fully_spelled(s)]
    is_all = key in ALL_KEYS
    return Unit(
        id=ALL_ID if is_all else slug(most_common(full or spellings)),
        name=max(full or spellings, key=lambda s: (len(s), counts[s], -order[s])),
        short=min(spellings, key=lambda s: (len(s), -counts[s], order[s])),
        aliases=tuple(sorted(spellings)),
        is_all=is_all,
    )


def _unique(
    unit: Unit,
    taken: set[str],
    spellings: list[str],
    report: ImportProblems,
    tasks: tuple[Task, ...],
) -> Unit:
    if unit.id and unit.id not in taken:
        return unit
    base, n = unit.id or "don-vi", 2
    while f"{base}-{n}" in taken:
        n += 1
    line = next(t.source.line for t in tasks if t.lead_as_written in spellings)
    report.warn(
        line,
        "lead",
        f"mã đơn vị '{base}' đã dùng cho đơn vị khác; đơn vị "
        f"'{unit.name}' nhận mã '{base}-{n}' (có thể đổi trong units.yaml trước khi "
        "dùng, vì mã là cố định)",
    )
    return dataclasses.replace(unit, id=f"{base}-{n}")
