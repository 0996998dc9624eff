"""What tells the province's wards apart: their official codes, and their names.

Two wards with one administrative unit code, or with one name (kind and name, as the portal
shows it) and not two different codes to tell them apart, would be rows of the portal nobody
can tell apart, each counted in the province's sums: `build-all` refuses them, naming both.
Two wards that share a name and have different codes are allowed; the portal names each with
its code. Pure.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

from generator.common.errors import Problem
from generator.province.digest import WardDigest
from generator.province.provincefile import PROVINCE_FILE, Province

WARD_FILE = "ward.yaml"


def clashes(province: Province, wards: list[WardDigest]) -> list[Problem]:
    """One problem for each ward that takes the code, or the name, of a ward before it; at the
    line of province.yaml naming it, else at its ward.yaml."""
    where = _places_in_files(province)
    problems = []
    for code, group in _groups(wards, lambda w: w.code).items():
        if code and len(group) > 1:
            problems += [
                _problem(where[w.id], "code", w, group[0], f"cùng mã đơn vị hành chính {code}",
                         "mỗi phường, xã có một mã riêng: sửa 'code' trong ward.yaml của phường "
                         "ghi sai")
                for w in group[1:]
            ]  # fmt: skip
    for group in _groups(wards, _name_key).values():
        if len(group) > 1 and not all(w.code for w in group):
            problems += [
                _problem(where[w.id], "name", w, group[0], "cùng tên",
                         "nếu là hai đơn vị khác nhau, ghi mã đơn vị hành chính ('code') của cả "
                         "hai trong ward.yaml để phân biệt; nếu là một, bỏ một phường khỏi tỉnh")
                for w in group[1:]
            ]  # fmt: skip
    return sorted(problems)


def told_apart_by_code(wards: list[WardDigest]) -> frozenset[str]:
    """The ids of the wards whose name another ward also has: the portal shows their code."""
    return frozenset(
        w.id for group in _groups(wards, _name_key).values() if len(group) > 1 for w in group
    )


def _name_key(ward: WardDigest) -> str:
    """The name as a reader tells it: kind and name, any case, any Unicode form, any spacing."""
    return " ".join(unicodedata.normalize("NFC", ward.place).casefold().split())


def _groups(
    wards: Iterable[WardDigest], key: Callable[[WardDigest], str]
) -> dict[str, list[WardDigest]]:
    groups: dict[str, list[WardDigest]] = {}
    for ward in wards:
        groups.setdefault(key(ward), []).append(ward)
    return groups


def _places_in_files(province: Province) -> dict[str, tuple[str, int]]:
    """Each ward's (file, line): its entry in province.yaml, else its own ward.yaml."""
    return {
        entry.id: (PROVINCE_FILE, entry.line)
        if entry.line
        else ((entry.content / WARD_FILE).relative_to(province.root).as_posix(), 0)
        for entry in province.wards
    }


def _problem(
    where: tuple[str, int], field: str, ward: WardDigest, first: WardDigest, what: str, fix: str
) -> Problem:
    return Problem(
        where[0],
        where[1],
        field,
        f"{ward.place} (mã phường {ward.id}) {what} với {first.place} (mã phường {first.id}); "
        f"{fix}",
    )
