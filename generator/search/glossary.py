"""The administration's abbreviations, so that 'gpmb' finds 'giải phóng mặt bằng' and back.

Two sources: a small declared glossary (GLOSSARY) and the programme's own abbreviations
(`derived`): a capitalised word of the content such as 'VH-XH' whose letters are the initials of
words the content also writes out ('Văn hóa - Xã hội'). A document holding either form gets the
other as searchable words of its body (`expansions`); its title and result stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from generator.search.text import folded, words


@dataclass(frozen=True)
class Notion:
    """One notion and its ways of being written."""

    abbreviations: tuple[str, ...]
    """As written: 'PCCC', 'KT-XH'."""
    phrases: tuple[str, ...]
    """Written out: 'phòng cháy chữa cháy'."""


GLOSSARY = (
    Notion(("UBND",), ("ủy ban nhân dân",)),
    Notion(("HĐND",), ("hội đồng nhân dân",)),
    Notion(("GPMB",), ("giải phóng mặt bằng",)),
    Notion(("CCHC",), ("cải cách hành chính",)),
    Notion(("TTHC",), ("thủ tục hành chính",)),
    Notion(
        ("PCCC", "PCCN"), ("phòng cháy chữa cháy", "phòng cháy, chữa cháy", "phòng chống cháy nổ")
    ),
    Notion(("KT-XH",), ("kinh tế - xã hội",)),
    Notion(("VH-XH",), ("văn hóa - xã hội",)),
    Notion(("ATGT",), ("an toàn giao thông",)),
    Notion(("ATTP", "VSATTP"), ("an toàn thực phẩm", "vệ sinh an toàn thực phẩm")),
    Notion(("ANTT",), ("an ninh trật tự",)),
    Notion(("MTTQ",), ("mặt trận tổ quốc",)),
    Notion(("CNCH",), ("cứu nạn cứu hộ", "cứu nạn, cứu hộ")),
    Notion(("BHXH",), ("bảo hiểm xã hội",)),
    Notion(("BHYT",), ("bảo hiểm y tế",)),
    Notion(("CĐS",), ("chuyển đổi số",)),
)
"""Abbreviations every ward's documents use, declared once."""

HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
"""A word with its hyphenated parts: 'KT-XH'."""
DERIVED_LETTERS = 3
"""Shortest derived abbreviation: two letters ('KH', 'TT') would match far too many phrases."""


def derived(texts: Iterable[str]) -> tuple[Notion, ...]:
    """The content's own abbreviations that the content also writes out, each with the
    phrases (of as many words as it has letters) whose initials it spells."""
    texts = list(texts)
    wanted: dict[str, str] = {}
    for text in texts:
        for found in HYPHENATED.findall(text):
            if not found.isupper():
                continue
            letters = _letters(found)
            if letters.isalpha() and len(letters) >= DERIVED_LETTERS and not _roman(letters):
                wanted.setdefault(letters, found)
    phrases: dict[str, set[str]] = {}
    sizes = {len(letters) for letters in wanted}
    for text in texts:
        run = words(text)
        firsts = [folded(w)[0] for w in run]
        for size in sizes:
            for start in range(len(run) - size + 1):
                part = run[start : start + size]
                initials = "".join(firsts[start : start + size])
                if initials in wanted and all(w.isalpha() for w in part):
                    phrases.setdefault(initials, set()).add(" ".join(part))
    return tuple(
        Notion((wanted[letters],), tuple(sorted(found)))
        for letters, found in sorted(phrases.items())
    )


class Glossary:
    """Notions, with each of their forms (`_padded`) under its first folded word: a text can
    hold only the forms that begin with one of its words."""

    def __init__(self, notions: Iterable[Notion]) -> None:
        self.notions = tuple(notions)
        self.by_first_word: dict[str, list[tuple[int, str]]] = {}
        for number, notion in enumerate(self.notions):
            for form in (*notion.abbreviations, *notion.phrases):
                if key := _key(form):
                    first = key.split(" ", 1)[0]
                    self.by_first_word.setdefault(first, []).append((number, _padded(form)))


def expansions(text: str, glossary: Glossary) -> tuple[str, ...]:
    """The other forms of each notion the text holds: abbreviations (as written and joined,
    'KT-XH', 'KTXH') for its phrases, phrases for its abbreviations. One fact each."""
    keys = [folded(w) for w in words(text)]
    said = f" {' '.join(keys)} "
    held = {
        number
        for key in set(keys)
        for number, padded in glossary.by_first_word.get(key, ())
        if padded in said
    }
    extra: list[str] = []
    for number in sorted(held):
        term = glossary.notions[number]
        for form in (*term.abbreviations, *term.phrases):
            if _padded(form) not in said and _key(form) not in map(_key, extra):
                extra.append(form)
        extra += [_letters(a) for a in term.abbreviations if "-" in a]
    return tuple(dict.fromkeys(extra))


@cache  # a glossary's forms are looked for in every text of the site
def _key(form: str) -> str:
    return " ".join(folded(w) for w in words(form))


@cache
def _padded(form: str) -> str:
    """`_key` between spaces, as a text's words are looked for in it."""
    return f" {_key(form)} "


def _letters(abbreviation: str) -> str:
    """'KT-XH' → 'ktxh', 'HĐND' → 'hdnd'."""
    return "".join(folded(w) for w in words(abbreviation))


def _roman(letters: str) -> bool:
    return re.fullmatch(r"[ivxlcdm]+", letters) is not None
