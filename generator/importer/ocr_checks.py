"""Importer, OCR checks of the words themselves, beyond Tesseract's confidence.

Tesseract can be sure and wrong: a tone mark on the wrong vowel ('chuyên để' for 'chuyên đề'),
a speck read as a full stop or a colon, an en dash read as a hyphen. These checks compare each
cell with the rest of the document, which a scan writes many times over:
- a pair of words spelled elsewhere more often with other tone marks (same letters);
- a lead unit spelled elsewhere, more often, with the same letters and other tone marks;
- a lone punctuation mark, or a cell ending in one, where a speck may have been read;
- ' - ' between words, which the paper may print as '–'.
"""

from __future__ import annotations

import re
from collections import Counter

from generator.dates import fold_accents

_LONE = re.compile(r"(?:^|\s)[.,:;!?'\"`~^*](?=\s|$)")
"""A punctuation mark standing alone (a dash between words is checked on its own)."""
_WORD = re.compile(r"\w+")


class Vocabulary:
    """How often each pair of words, and each lead, is written in the document."""

    def __init__(self, texts: list[str], leads: list[str]):
        self.pairs = _by_letters(pair for text in texts for pair in _pairs(text))
        self.leads = _by_letters(lead for lead in leads if lead)

    def doubts(self, text: str, field: str) -> tuple[str, ...]:
        """Why a person should check `text` (a cell of `field`), if they should."""
        found = []
        for pair in _pairs(text):
            usual = self._usual(pair, self.pairs)
            if usual:
                found.append(f"'{pair}' thường viết '{usual}' trong văn bản")
        if field == "lead" and (usual := self._usual(text, self.leads)):
            found.append(f"tên đơn vị thường viết '{usual}' trong văn bản")
        stripped = text.strip()
        if _LONE.search(stripped) and field != "deadline":
            found.append("có dấu câu đứng riêng, có thể là vết bẩn của bản quét")
        elif field == "content" and stripped.endswith((".", ":", ";", ",")):
            found.append("dấu câu ở cuối ô có thể là vết bẩn của bản quét")
        if " - " in text:
            found.append("dấu ' - ' trên giấy có thể là '–'")
        return tuple(found)

    @staticmethod
    def _usual(written: str, spellings: dict[str, Counter]) -> str | None:
        """A spelling with the same letters written more often than `written`, if any."""
        counts = spellings.get(fold_accents(written), Counter())
        best = max(counts, key=lambda s: counts[s], default=written)
        return best if counts[best] > counts[written] else None


def _by_letters(spellings) -> dict[str, Counter]:
    """Each spelling counted, under its letters without tone marks."""
    found: dict[str, Counter] = {}
    for spelling in spellings:
        found.setdefault(fold_accents(spelling), Counter())[spelling] += 1
    return found


def _pairs(text: str) -> list[str]:
    words = _WORD.findall(text)
    return [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
