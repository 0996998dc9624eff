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

    The rule of `generator.common.dates.fold_accents` (đ → d, marks dropped, lower case) in
    JavaScript's terms, which search.js applies to queries: every mark (category M) and
    `lower()`, not `casefold()`,
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


COUNTED = frozenset({"thang", "quy"})
"""Words after which a number may be written as a Roman numeral or a word: 'quý I', 'tháng ba'."""
NUMBERS = {
    **{
        roman: str(n)
        for n, roman in enumerate(
            ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"), start=1
        )
    },
    **{
        word: str(n)
        for n, word in enumerate(
            ("mot", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi"), start=1
        )
    },
    "bon": "4",
    "gieng": "1",
    "chap": "12",
}
"""Accent-free numerals read as digits after a COUNTED word: 'quý I' = 'quý 1', 'tháng ba' =
'tháng 3', 'tháng giêng' = 'tháng 1' (but 'Thứ Ba', a weekday, keeps its 'ba')."""


def terms(text_words: list[str]) -> list[str]:
    """The key each word is filed under: its accent-free form, a numeral after 'tháng' or 'quý'
    as its digits. search.js reads a query with the same rule (`terms`)."""
    keys = [folded(word) for word in text_words]
    return [
        NUMBERS.get(key, key) if i and keys[i - 1] in COUNTED else key for i, key in enumerate(keys)
    ]
