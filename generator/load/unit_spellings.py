"""Unit names: one canonical key for every way a document spells the same unit.

'Phòng VH-XH', 'Phòng Văn hóa – Xã hội' and 'phòng văn hoá - xã hội' all give the same key, so
the registry needs one alias per *spelling family*, and a new document's variants group together.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from generator.common.dates import fold_accents
from generator.domain.model import Unit

# Abbreviations used in ward documents, matched on folded (accent-free, lower-case) words.
ABBREVIATIONS: dict[str, str] = {
    "vh-xh": "van hoa xa hoi",
    "vhxh": "van hoa xa hoi",
    "vh": "van hoa",
    "xh": "xa hoi",
    "kt": "kinh te",
    "ht": "ha tang",
    "dt": "do thi",
    "bch": "ban chi huy",
    "qs": "quan su",
    "hdnd": "hoi dong nhan dan",
    "ubnd": "uy ban nhan dan",
    "vp": "van phong",
    "ca": "cong an",
    "tt": "trung tam",
    "tc-kh": "tai chinh ke hoach",
    "tn-mt": "tai nguyen moi truong",
    "ld-tbxh": "lao dong thuong binh xa hoi",
}

_SEPARATORS = re.compile(r"[\s,;–—‑-]+")
_TRAILING_WARD = re.compile(r"(\s+(phuong|xa))+$")


def unit_key(name: str) -> str:
    """Comparison key: folded, abbreviations expanded, punctuation, 'và' and 'phường' dropped.

    'Văn phòng HĐND-UBND' and 'Văn phòng HĐND và UBND' give one key: a word of abbreviations
    joined by dashes is expanded part by part when it is not one abbreviation itself.
    """
    text = fold_accents(unicodedata.normalize("NFC", name)).strip().rstrip(".")
    words = []
    for word in re.split(r"\s+|,", text):
        words.append(ABBREVIATIONS.get(word) or _expand_parts(word))
    expanded = " ".join(w for w in words if w)
    expanded = _SEPARATORS.sub(" ", expanded)
    expanded = " ".join(w for w in expanded.split() if w != "va")
    return _TRAILING_WARD.sub("", expanded).strip()


def _expand_parts(word: str) -> str:
    """'hdnd-ubnd' → 'hoi dong nhan dan uy ban nhan dan': each dashed part, when one is known."""
    parts = [p for p in _SEPARATORS.split(word) if p]
    if len(parts) < 2 or not any(p in ABBREVIATIONS for p in parts):
        return word
    return " ".join(ABBREVIATIONS.get(p, p) for p in parts)


def same_unit(a: str, b: str) -> bool:
    """One unit spelled two ways: the same key, or one abbreviates words of the other by their
    initials ('Phòng TCKH' and 'Phòng Tài chính Kế hoạch'). The rule the importer groups by
    and the checker warns by."""
    key_a, key_b = unit_key(a), unit_key(b)
    return key_a == key_b or _initials_match(key_a.split(), key_b.split())


def _initials_match(a: list[str], b: list[str]) -> bool:
    """Word by word equal, where a word of one side may be the initials of words of the other."""
    if not a or not b:
        return not a and not b
    if a[0] == b[0] and _initials_match(a[1:], b[1:]):
        return True
    return _abbreviates(a, b) or _abbreviates(b, a)


def _abbreviates(short: list[str], long: list[str]) -> bool:
    n = len(short[0])
    initials = "".join(word[0] for word in long[:n])
    return 2 <= n <= len(long) and initials == short[0] and _initials_match(short[1:], long[n:])


class UnitIndex:
    """Resolves a lead-unit cell to a registry unit."""

    def __init__(self, units: tuple[Unit, ...]):
        self.units = units
        self._by_key: dict[str, Unit] = {}
        for unit in units:
            for spelling in (unit.name, unit.short, *unit.aliases):
                if spelling:
                    self._by_key.setdefault(unit_key(spelling), unit)

    def resolve(self, written: str) -> Unit | None:
        return self._by_key.get(unit_key(written))

    def alike(self, written: str) -> Unit | None:
        """The unit `written` is a spelling of by `same_unit`, when its key is not known."""
        for unit in self.units:
            if any(same_unit(written, s) for s in (unit.name, unit.short, *unit.aliases) if s):
                return unit
        return None

    def nearest(self, written: str) -> Unit | None:
        """The closest known unit, for a 'did you mean' hint."""
        keys = difflib.get_close_matches(unit_key(written), list(self._by_key), n=1, cutoff=0.6)
        return self._by_key[keys[0]] if keys else None

    def conflicts(self) -> list[tuple[str, Unit, Unit]]:
        """Spellings that two different units both claim."""
        seen: dict[str, Unit] = {}
        clashes = []
        for unit in self.units:
            for spelling in {unit.name, unit.short, *unit.aliases} - {""}:
                key = unit_key(spelling)
                other = seen.setdefault(key, unit)
                if other.id != unit.id:
                    clashes.append((spelling, other, unit))
        return clashes

    def alike_pairs(self) -> list[tuple[str, Unit, str, Unit]]:
        """Two units with spellings that `same_unit` reads as one, their keys apart (those are
        `conflicts`): perhaps one unit split in two."""
        pairs = []
        for i, first in enumerate(self.units):
            for second in self.units[i + 1 :]:
                found = next(
                    (
                        (a, b)
                        for a in _spellings(first)
                        for b in _spellings(second)
                        if unit_key(a) != unit_key(b) and same_unit(a, b)
                    ),
                    None,
                )
                if found and first.id != second.id:
                    pairs.append((found[0], first, found[1], second))
        return pairs


def _spellings(unit: Unit) -> list[str]:
    return [s for s in dict.fromkeys((unit.name, unit.short, *unit.aliases)) if s]
