"""What the render stages produce and the engine publishes: the site's facts, pages and files.

A leaf module: it imports nothing of ours, so every stage can use these types without a cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SiteInfo:
    """Facts about the published site that pages and feeds need."""

    url: str
    """Absolute base URL, ending with '/', e.g. 'https://example.org/ctct/'."""
    as_of: dt.date
    """The build date: 'due in the next 30 days' and progress standings are computed from it."""

    def absolute(self, path: str) -> str:
        """Absolute URL of a site path such as 'lich/tat-ca.ics' or 'nhiem-vu/2026-01-01/'."""
        return self.url + path.lstrip("/")


@dataclass(frozen=True)
class Page:
    """One HTML page; its body is already escaped, safe HTML."""

    path: str
    """Source path such as 'thang/2026-01.md'; the engine serves it at '/thang/2026-01/'."""
    title: str
    """Plain text title (not escaped)."""
    body: str
    """The page body as HTML."""
    description: str = ""
    """Plain text summary for search engines and link previews."""
    searchable: bool = True
    """False for a page that only repeats other pages (the home page): a smaller index."""


@dataclass
class SiteOutput:
    """Everything the build produces, before it is written."""

    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    """Ready files by site path, e.g. 'lich/tat-ca.ics'."""
    later: list[Callable[[], dict[str, bytes]]] = field(default_factory=list, repr=False)
    """Files whose bytes no page needs (calendars, the search index), made by `settle`: the
    engine may have them made and written while it renders the pages."""
    _taken: set[str] = field(default_factory=set, repr=False)

    def add_page(self, page: Page) -> None:
        self._claim(page.path)
        self.pages.append(page)

    def add_file(self, path: str, data: bytes) -> None:
        self._claim(path)
        self.files[path] = data

    def add_later(self, make: Callable[[], dict[str, bytes]]) -> None:
        self.later.append(make)

    def settle(self) -> None:
        """Make the files left for later, in the order they were added."""
        while self.later:
            for path, data in self.later.pop(0)().items():
                self.add_file(path, data)

    def _claim(self, path: str) -> None:
        """Refuse to write one path twice: two records would silently overwrite each other."""
        if path in self._taken:
            raise ValueError(f"two outputs want the same path: {path}")
        self._taken.add(path)


def page_url(path: str) -> str:
    """Site URL of a page source path: 'thang/2026-01.md' → 'thang/2026-01/', 'index.md' → ''."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"
