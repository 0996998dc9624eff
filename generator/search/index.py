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
from dataclasses import dataclass, field

from generator.search.documents import SearchDoc
from generator.search.text import shard_of, terms, words
from generator.urls import SEARCH_DIR, search_docs_path, search_index_path, search_terms_path

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
    shares (`joined_index`) without reading their documents again."""

    results: list[list[str]]
    """[url, title, teaser] of each document."""
    title_words: list[int]
    """The number of words of each document's title."""
    terms: dict[str, list]
    """Each word's entry as a term file holds it (`[spellings, rows]`)."""

    def to_json(self) -> dict:
        return {"results": self.results, "title_words": self.title_words, "terms": self.terms}

    @classmethod
    def from_json(cls, data: dict) -> IndexShare:
        return cls(data["results"], data["title_words"], data["terms"])


def index_share(docs: list[SearchDoc]) -> IndexShare:
    title_words = [len(words(doc.title)) for doc in docs]
    return IndexShare(
        [[doc.url, doc.title, doc.teaser] for doc in docs],
        title_words,
        {term: t.encode(title_words) for term, t in collect_terms(docs).items()},
    )


def index_files(docs: list[SearchDoc]) -> dict[str, bytes]:
    """Every file of the index by site path."""
    return joined_index([index_share(docs)])


def joined_index(shares: list[IndexShare]) -> dict[str, bytes]:
    """The files of one index of the shares' documents, in order: the same bytes as
    `index_files` of all their documents."""
    results = [result for share in shares for result in share.results]
    title_words = [n for share in shares for n in share.title_words]
    entries = _joined_terms(shares)
    size = sum(len(_json(entry)) + len(term) + 4 for term, entry in entries.items())
    shards = max(1, math.ceil(size / SHARD_BYTES))
    parts: list[dict[str, list]] = [{} for _ in range(shards)]
    for term, entry in entries.items():
        parts[shard_of(term, shards)][term] = entry
    files = {search_terms_path(shard): _json(part) for shard, part in enumerate(parts)}
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


def _joined_terms(shares: list[IndexShare]) -> dict[str, list]:
    """Each word's entry over all the shares: its spellings in order of first appearance, its
    rows renumbered after the documents of the shares before."""
    spellings: dict[str, dict[str, None]] = {}
    for share in shares:
        for term, (spelled, _) in share.terms.items():
            spellings.setdefault(term, {}).update(dict.fromkeys(spelled))
    entries = {term: [list(spelled), []] for term, spelled in spellings.items()}
    last: dict[str, int] = {}
    offset = 0
    for share in shares:
        for term, (spelled, rows) in share.terms.items():
            everywhere = entries[term][0]
            if spelled != everywhere:
                rows = _respelled(rows, spelled, everywhere)
            first = offset + rows[0][0]
            joined = entries[term][1]
            joined.append([first - last.get(term, 0), *rows[0][1:]])
            joined.extend(rows[1:])
            last[term] = offset + sum(row[0] for row in rows)
        offset += len(share.results)
    return entries


def _respelled(rows: list[list[int]], spelled: list[str], everywhere: list[str]) -> list:
    """Rows whose codes number the spellings of `spelled`, recoded for `everywhere`."""
    count, renumber = len(spelled), [everywhere.index(s) for s in spelled]
    total = len(everywhere)

    def recode(code: int) -> int:
        position, spelling = divmod(code >> 1, count)
        return ((position * total + renumber[spelling]) << 1) | (code & 1)

    return [[row[0], *(n if n < 0 else recode(n) for n in row[1:])] for row in rows]


def _relative(path: str) -> str:
    """A file's path from the manifest's folder."""
    return path.removeprefix(SEARCH_DIR)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
