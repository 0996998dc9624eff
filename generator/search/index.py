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

    spellings: list[str] = field(default_factory=list)
    """The forms as written, lower case, in order of first appearance."""
    where: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)
    """Document number → (position, spelling number, field) of each occurrence."""

    def add(self, doc: int, position: int, spelling: str, in_field: int) -> None:
        if spelling not in self.spellings:
            self.spellings.append(spelling)
        occurrence = (position, self.spellings.index(spelling), in_field)
        self.where.setdefault(doc, []).append(occurrence)

    def encode(self, title_words: list[int]) -> list:
        count, rows, previous = len(self.spellings), [], 0
        for doc in sorted(self.where):
            found = self.where[doc]
            codes = [(pos * count + spelling) * 2 + f for pos, spelling, f in found]
            in_title = [-title_words[doc]] if any(f == TITLE for _, _, f in found) else []
            rows.append([doc - previous, *in_title, *codes])
            previous = doc
        return [self.spellings, rows]


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


def index_files(docs: list[SearchDoc]) -> dict[str, bytes]:
    """Every file of the index by site path."""
    title_words = [len(words(doc.title)) for doc in docs]
    entries = {term: t.encode(title_words) for term, t in collect_terms(docs).items()}
    size = sum(len(_json(entry)) + len(term) + 4 for term, entry in entries.items())
    shards = max(1, math.ceil(size / SHARD_BYTES))
    parts: list[dict[str, list]] = [{} for _ in range(shards)]
    for term, entry in entries.items():
        parts[shard_of(term, shards)][term] = entry
    files = {search_terms_path(shard): _json(part) for shard, part in enumerate(parts)}
    for number, doc in enumerate(docs):
        files[search_docs_path(number)] = _json([doc.url, doc.title, doc.teaser])
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path])
    manifest = {
        "version": digest.hexdigest()[:12],
        "docs": len(docs),
        "shards": shards,
        "title_words": round(sum(title_words) / max(1, len(docs)), 2),
        "terms": _relative(search_terms_path("{}")),
        "results": _relative(search_docs_path("{}")),
    }
    files[search_index_path()] = _json(manifest)
    return files


def _relative(path: str) -> str:
    """A file's path from the manifest's folder."""
    return path.removeprefix(SEARCH_DIR)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
