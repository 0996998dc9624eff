"""Words as search sees them: Vietnamese syllables, lower case, and their accent-free form.

The browser splits and folds a query with the same rules (`words` and `fold` in
theme/assets/javascripts/search.js); the browser tests check that both agree on every title.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

WORD = re.compile(r"[^\W_]+")
"""A run of letters and digits: one syllable ('nghĩa'), a number ('2026') or an abbreviation."""


def words(text: str) -> list[str]:
    """Lower-case words (NFC): 'Nghĩa vụ (tuổi 17)' → ['nghĩa', 'vụ', 'tuổi', '17']."""
    return [word.lower() for word in WORD.findall(unicodedata.normalize("NFC", text))]


@cache
def folded(word: str) -> str:
    """The accent-free form that both 'đấu' and 'dau' are filed under: 'dau'.

    The rule of `generator.dates.fold` (đ → d, marks dropped, lower case) in JavaScript's terms,
    which search.js applies to queries: every mark (category M) and `lower()`, not `casefold()`,
    so that browser and index agree on every word ('ﬁ' stays 'ﬁ').
    """
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()


def shard_of(term: str, shards: int) -> int:
    """Which term file holds a folded word: FNV-1a (32 bits) over its code points."""
    h = 0x811C9DC5
    for char in term:
        h = ((h ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return h % shards
