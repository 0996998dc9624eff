"""Importer, OCR checks of the words themselves, beyond Tesseract's confidence.

Tesseract can be sure and wrong: a tone mark on the wrong vowel ('chuyên để' for 'chuyên đề'),
a speck read as a full stop or a colon, an en dash read as a hyphen. These checks compare each
cell with the rest of the document, which a scan writes many times over:
- a pair of words spelled elsewhere more often with other tone marks (same letters);
- a lead unit spelled elsewhere, more often, with the same letters and other tone marks;
- a lone punctuation mark, or a cell ending in one, where a speck may have been read;
- ' - ' between words, which the paper may print as '–' (not in the national motto);
and with the word lists kept beside this module (built by tests/make_wordlist.py from the
programmes' texts and Tesseract's Vietnamese wordlist):
- a syllable not in the list ('dip', 'ï'), a character no Vietnamese text has ('|', '¡');
- digits against letters ('kết6');
- a pair of syllables that the texts write with other tone marks ('trật tư' for 'trật tự');
- in a task's cell, a syllable capitalised mid-sentence that the texts never write so
  ('tìm kiếm Cứu nạn'; proper nouns they do: `chu-hoa.txt`).
A capital alone is not doubted otherwise: a heading in capitals is the same words. From the word
boxes: a gap between two words of a line much wider than the cell's usual one, where a dash or a
sign was lost ('Kiên Bái – Cao Nhân' read 'Kiên Bái Cao Nhân').
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from statistics import median

from generator.common.dates import fold_accents
from generator.importer.pdf_file import Word

SYLLABLES = Path(__file__).with_name("am-tiet.txt")
PAIRS = Path(__file__).with_name("cap-tu.txt")
CAPITALS = Path(__file__).with_name("chu-hoa.txt")
WIDE_GAP = 2.5
"""A gap between two words of a line this many times the cell's usual gap is doubted."""
_SPACE = 0.4
"""The usual gap, in word heights, of a cell with too few gaps to measure its own."""
_STARTS = ".:;?!(\"“'*+-–—/"
"""After one of these, a capital starts a sentence, a quotation or a part of a name."""
_SYLLABLE = re.compile(r"[^\W\d_]+")
_GLUED = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")
_ODD = re.compile(r"[^\w\s.,;:!?()/%&+\-–—'\"“”]|[_ªº¹²³]")
"""A character a Vietnamese programme does not write (a border or speck read as one)."""
_MOTTO = "doc lap - tu do - hanh phuc"

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
        if " - " in text and fold_accents(stripped) != _MOTTO:
            found.append("dấu ' - ' trên giấy có thể là '–'")
        if field in ("content", "lead"):
            found += capital_doubts(text)
        return tuple(found) + word_doubts(text)

    @staticmethod
    def _usual(written: str, spellings: dict[str, Counter]) -> str | None:
        """A spelling with the same letters written more often than `written`, if any."""
        counts = spellings.get(fold_accents(written), Counter())
        best = max(counts, key=lambda s: counts[s], default=written)
        differs = best.lower() != written.lower()  # not only in capitals
        return best if differs and counts[best] > counts[written] else None


def word_doubts(text: str) -> tuple[str, ...]:
    """Doubts from the word lists: unknown syllables, odd characters, digits against letters,
    pairs the texts write with other tone marks."""
    found = []
    known = _syllables()
    unknown = [w for w in syllables_of(text) if w not in known]
    if unknown:
        found.append(f"chữ không có trong từ điển: {', '.join(dict.fromkeys(unknown))}")
    if odd := _ODD.findall(text):
        found.append(f"có ký tự lạ: {' '.join(dict.fromkeys(odd))}")
    if _GLUED.search(text):
        found.append("chữ số dính liền với chữ cái")
    pairs = _pairs_known()
    for pair in pairs_of(text):
        usual = pairs.get(fold_accents(pair))
        if usual and pair not in usual:
            found.append(f"'{pair}' thường viết '{sorted(usual)[0]}'")
    return tuple(found)


def capital_doubts(text: str) -> tuple[str, ...]:
    """A syllable capitalised mid-sentence that the texts never capitalise there."""
    known = _capitals()
    odd = [w for w in capitalised_of(text) if w not in known]
    return (f"chữ hoa giữa câu: {', '.join(dict.fromkeys(odd))}",) if odd else ()


def capitalised_of(text: str) -> list[str]:
    """The syllables of a text written with a capital (the rest small) mid-sentence."""
    text = unicodedata.normalize("NFC", text)
    found = []
    for match in re.finditer(r"\w+", text):
        word, before = match.group(), text[: match.start()].rstrip()
        titled = word[0].isupper() and (len(word) == 1 or word[1:].islower())
        if titled and _SYLLABLE.fullmatch(word) and before and before[-1] not in _STARTS:
            found.append(word)
    return found


def gap_doubts(words: tuple[Word, ...]) -> tuple[str, ...]:
    """A gap between two words of a line much wider than the cell's usual gap (its median, or
    a share of a word's height when it has fewer than three gaps): a dash or a sign lost."""
    pairs = [
        (a, b)
        for a, b in zip(words, words[1:], strict=False)
        if b.top < a.bottom and a.top < b.bottom and b.x0 >= a.x1 - 1  # on one line
    ]
    gaps = [b.x0 - a.x1 for a, b in pairs]
    if not gaps:
        return ()
    height = median(w.bottom - w.top for w in words)
    usual = max(median(gaps) if len(gaps) >= 3 else _SPACE * height, 0.5)
    wide = [
        f"'{a.text} {b.text}'"
        for (a, b), gap in zip(pairs, gaps, strict=True)
        if gap > WIDE_GAP * usual
    ]
    if not wide:
        return ()
    return (f"khoảng trống rộng bất thường giữa {', '.join(wide)}: có thể mất dấu '–' hay ký hiệu",)


def syllables_of(text: str) -> list[str]:
    """The syllables of a text, in small letters (a token with digits is none)."""
    text = unicodedata.normalize("NFC", text).lower()
    return [w for w in re.findall(r"\w+", text) if _SYLLABLE.fullmatch(w)]


def pairs_of(text: str) -> list[str]:
    """The pairs of syllables that follow each other within a cell (a tab or a digit parts)."""
    found = []
    for cell in text.split("\t"):
        words = re.findall(r"\w+", unicodedata.normalize("NFC", cell).lower())
        for a, b in zip(words, words[1:], strict=False):
            if _SYLLABLE.fullmatch(a) and _SYLLABLE.fullmatch(b):
                found.append(f"{a} {b}")
    return found


@cache
def _syllables() -> frozenset[str]:
    return frozenset(SYLLABLES.read_text(encoding="utf-8").split())


@cache
def _capitals() -> frozenset[str]:
    return frozenset(CAPITALS.read_text(encoding="utf-8").split())


@cache
def _pairs_known() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for pair in PAIRS.read_text(encoding="utf-8").split("\n"):
        if pair:
            found.setdefault(fold_accents(pair), set()).add(pair)
    return found


def _by_letters(spellings) -> dict[str, Counter]:
    """Each spelling counted, under its letters without tone marks."""
    found: dict[str, Counter] = {}
    for spelling in spellings:
        found.setdefault(fold_accents(spelling), Counter())[spelling] += 1
    return found


def _pairs(text: str) -> list[str]:
    words = _WORD.findall(text)
    return [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
