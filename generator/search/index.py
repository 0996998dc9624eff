"""The index as small static files, so a query downloads a few kilobytes, however large the site.

    tim-kiem/chi-muc.json   {"version", "docs": N, "shards": S, "title_words": average,
                             "terms": "t/{}.json", "results": "d/{}.json"} (paths from here)
    tim-kiem/t/<k>.json     the words whose accent-free form hashes to k (`text.shard_of`):
                            {"dau": [["đấu", "dẫu"], [[doc step, −title words, code, …], …]]}
    tim-kiem/d/<n>.json     result n: [url, title, teaser]

A word's entry lists its spellings as written (lower case), then one row per document holding
it: the step from the previous document's number, the title's length in words as a negative
number (only when the word is in the title), and one code per occurrence,
code = (position · spellings + spelling) · 2 + field (0 title, 1 body).
The number of term files grows with the index (about SHARD_BYTES each), so a query's download
stays about the same size as the site grows. Each result has its own file: a query's results
lie far apart (other months, other years), so a file of several would mostly be waste.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field

from generator.common.urls import SEARCH_DIR, search_docs_path, search_index_path, search_terms_path
from generator.search.documents import SearchDoc
from generator.search.text import shard_of, terms, words

SHARD_BYTES = 2048
"""Target size of a term file before compression."""
TITLE, BODY = 0, 1


@dataclass
class Term:
    """One accent-free word: its spellings and where each occurs."""

    spellings: dict[str, int] = field(default_factory=dict)
    """The forms as written, lower case, numbered in order of first appearance."""
    where: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)
    """Document number → (position, spelling number, field) of each occurrence."""

    def add(self, doc: int, position: int, spelling: str, in_field: int) -> None:
        number = self.spellings.setdefault(spelling, len(self.spellings))
        self.where.setdefault(doc, []).append((position, number, in_field))

    def encode(self, title_words: list[int]) -> list:
        count, rows, previous = len(self.spellings), [], 0
        for doc in sorted(self.where):
            found = self.where[doc]
            codes = [(pos * count + spelling) * 2 + f for pos, spelling, f in found]
            in_title = [-title_words[doc]] if any(f == TITLE for _, _, f in found) else []
            rows.append([doc - previous, *in_title, *codes])
            previous = doc
        return [list(self.spellings), rows]


def collect_terms(docs: list[SearchDoc]) -> dict[str, Term]:
    """Every accent-free word of every document (`text.terms`), with its occurrences."""
    found: dict[str, Term] = {}
    for number, doc in enumerate(docs):
        for in_field, texts in ((TITLE, (doc.title,)), (BODY, doc.body)):
            position = 0
            for text in texts:
                text_words = words(text)
                for word, key in zip(text_words, terms(text_words), strict=True):
                    if key not in found:
                        found[key] = Term()
                    found[key].add(number, position, word, in_field)
                    position += 1
                position += 1  # a gap, so that no phrase runs from one fact into the next
    return found


@dataclass(frozen=True)
class IndexShare:
    """Part of an index, its documents numbered from 0: a province's portal joins its wards'
    shares (`joined_index`) without reading their documents again, mostly as text."""

    results: list[list[str]]
    """[url, title, teaser] of each document."""
    title_words: list[int]
    """The number of words of each document's title."""
    terms: dict[str, list]
    """Each word: [its spellings, the numbers of its first and last documents, its rows as
    a term file writes them, less the first row's "[" and step]."""

    def to_json(self) -> dict:
        return {"results": self.results, "title_words": self.title_words, "terms": self.terms}

    @classmethod
    def from_json(cls, data: dict) -> IndexShare:
        """The share as `to_json` gave it; ValueError when it is not of that shape (a damaged
        or forged file), since its rows go into the term files as they are."""
        share = cls(data["results"], data["title_words"], data["terms"])
        if not _well_formed(share):
            raise ValueError("not a share of a search index")
        return share


_TAIL = re.compile(r"(?:,-?\d+)*\](?:,\[\d+(?:,-?\d+)*\])*")
"""What `_tail` gives: the rest of a first row, then whole rows, of integers."""


def _well_formed(share: IndexShare) -> bool:
    results, title_words, terms = share.results, share.title_words, share.terms
    return (
        isinstance(results, list)
        and all(isinstance(r, list) and len(r) == 3 and all(isinstance(x, str) for x in r)
                for r in results)
        and isinstance(title_words, list) and len(title_words) == len(results)
        and all(type(n) is int for n in title_words)
        and isinstance(terms, dict)
        and all(_well_formed_term(term, entry, len(results)) for term, entry in terms.items())
    )  # fmt: skip


def _well_formed_term(term: object, entry: object, docs: int) -> bool:
    if not (isinstance(term, str) and isinstance(entry, list) and len(entry) == 4):
        return False
    spellings, first, last, tail = entry
    return (
        isinstance(spellings, list) and bool(spellings)
        and all(isinstance(s, str) for s in spellings)
        and type(first) is int and type(last) is int and 0 <= first <= last < docs
        and isinstance(tail, str) and _TAIL.fullmatch(tail) is not None
    )  # fmt: skip


def index_share(docs: list[SearchDoc]) -> IndexShare:
    title_words = [len(words(doc.title)) for doc in docs]
    terms = {}
    for term, found in collect_terms(docs).items():
        spellings, rows = found.encode(title_words)
        first, last = rows[0][0], sum(row[0] for row in rows)
        terms[term] = [spellings, first, last, _tail(rows)]
    return IndexShare([[doc.url, doc.title, doc.teaser] for doc in docs], title_words, terms)


def index_files(docs: list[SearchDoc]) -> dict[str, bytes]:
    """Every file of the index by site path."""
    return joined_index([index_share(docs)])


def joined_index(shares: list[IndexShare]) -> dict[str, bytes]:
    """The files of one index of the shares' documents, in order: the same bytes as
    `index_files` of all their documents."""
    results = [result for share in shares for result in share.results]
    title_words = [n for share in shares for n in share.title_words]
    entries = _joined_terms(shares)
    size = sum(len(entry.encode()) + len(term) + 4 for term, entry in entries.items())
    shards = max(1, math.ceil(size / SHARD_BYTES))
    parts: list[list[str]] = [[] for _ in range(shards)]
    for term in sorted(entries):
        parts[shard_of(term, shards)].append(term)
    files = {search_terms_path(shard): _object(part, entries) for shard, part in enumerate(parts)}
    for number, result in enumerate(results):
        files[search_docs_path(number)] = _json(result)
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path])
    manifest = {
        "version": digest.hexdigest()[:12],
        "docs": len(results),
        "shards": shards,
        "title_words": round(sum(title_words) / max(1, len(results)), 2),
        "terms": _relative(search_terms_path("{}")),
        "results": _relative(search_docs_path("{}")),
    }
    files[search_index_path()] = _json(manifest)
    return files


def _joined_terms(shares: list[IndexShare]) -> dict[str, str]:
    """Each word's entry over all the shares, as JSON text: its spellings in order of first
    appearance, its rows renumbered after the documents of the shares before."""
    found: dict[str, dict[str, None]] = {}
    for share in shares:
        for term, (spelled, *_) in share.terms.items():
            found.setdefault(term, {}).update(dict.fromkeys(spelled))
    spellings = {term: list(spelled) for term, spelled in found.items()}
    rows: dict[str, list[str]] = {term: [] for term in spellings}
    last: dict[str, int] = {}
    offset = 0
    for share in shares:
        for term, (spelled, first, final, tail) in share.terms.items():
            everywhere = spellings[term]
            if spelled != everywhere:
                tail = _respelled(first, tail, spelled, everywhere)
            rows[term].append(f"[{offset + first - last.get(term, 0)}{tail}")
            last[term] = offset + final
        offset += len(share.results)
    return {term: f"[{_text(spellings[term])},[{','.join(rows[term])}]]" for term in spellings}


def _tail(rows: list[list[int]]) -> str:
    """The rows' JSON text without its first "[[" and step, nor its last "]"."""
    return _text(rows)[len(f"[[{rows[0][0]}") : -1]


def _respelled(first: int, tail: str, spelled: list[str], everywhere: list[str]) -> str:
    """A share's rows, whose codes number the spellings of `spelled`, for `everywhere`."""
    count, renumber = len(spelled), [everywhere.index(s) for s in spelled]
    total = len(everywhere)

    def recode(code: int) -> int:
        position, spelling = divmod(code >> 1, count)
        return ((position * total + renumber[spelling]) << 1) | (code & 1)

    rows = json.loads(f"[[{first}{tail}]")
    return _tail([[row[0], *(n if n < 0 else recode(n) for n in row[1:])] for row in rows])


def _relative(path: str) -> str:
    """A file's path from the manifest's folder."""
    return path.removeprefix(SEARCH_DIR)


def _object(terms: list[str], entries: dict[str, str]) -> bytes:
    """A term file: the JSON object of the terms' entries, in sorted order, as `_json` of it."""
    return ("{" + ",".join(f"{_text(term)}:{entries[term]}" for term in terms) + "}").encode()


def _text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _json(value: object) -> bytes:
    return _text(value).encode()
