"""Unit names: one canonical key for every way a document spells the same unit.

'Phòng VH-XH', 'Phòng Văn hóa – Xã hội' and 'phòng văn hoá - xã hội' all give the same key, so
the registry needs one alias per *spelling family*, and a new document's variants group together.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from generator.dates import fold
from generator.model import Unit

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
    """Comparison key: folded, abbreviations expanded, punctuation and 'phường' dropped."""
    text = fold(unicodedata.normalize("NFC", name)).strip().rstrip(".")
    words = []
    for word in re.split(r"\s+|,", text):
        words.append(ABBREVIATIONS.get(word, word))
    expanded = " ".join(w for w in words if w)
    expanded = _SEPARATORS.sub(" ", expanded).replace(" va ", " ").strip()
    return _TRAILING_WARD.sub("", expanded).strip()


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
