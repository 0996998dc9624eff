"""What the render stages produce and the engine publishes: the site's facts, pages and files.

A leaf module: it imports nothing of ours, so every stage can use these types without a cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath


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
    lang: str = "vi"
    """The page's language (`<html lang>`): 'en' for the English pages."""


class PathTaken(ValueError):
    """Two outputs want one place in the site, or a place outside it; the message names it, in
    one Vietnamese line."""


@dataclass
class SiteOutput:
    """Everything the build produces, before it is written: the only way out of the build."""

    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    """Ready files by site path, e.g. 'lich/tat-ca.ics'."""
    copies: dict[str, Path] = field(default_factory=dict)
    """Files of the generator's own copied as they are, by site path (the editor's bundle)."""
    _taken: dict[str, str] = field(default_factory=dict, repr=False)
    """Where in the site each output is written, and what it is: one path, one output."""

    def add_page(self, page: Page) -> None:
        self._claim(page_url(page.path) + "index.html", page.path)
        self.pages.append(page)

    def add_file(self, path: str, data: bytes) -> None:
        self._claim(path)
        self.files[path] = data

    def add_copy(self, path: str, source: Path) -> None:
        self._claim(path)
        self.copies[path] = source

    def reserve(self, paths: Iterable[str]) -> None:
        """Places the engine writes itself (its theme's files, a sitemap): none may be ours."""
        for path in sorted(paths):
            self._claim(path)

    @property
    def paths(self) -> tuple[str, ...]:
        """Every place in the site an output has taken so far, sorted."""
        return tuple(sorted(self._taken))

    def _claim(self, place: str, name: str = "") -> None:
        """Refuse a path outside the site, and one path twice: two outputs would silently
        overwrite each other."""
        name = name or place
        parts = PurePosixPath(place).parts
        if not parts or parts[0] == "/" or ".." in parts or "\\" in place:
            raise PathTaken(f"đường dẫn tệp không hợp lệ: {name!r}")
        if (first := self._taken.get(place)) is not None:
            both = name if first == name else f"{first} và {name}"
            raise PathTaken(f"hai tệp cùng một đường dẫn trong trang ({place}): {both}")
        self._taken[place] = name


def page_url(path: str) -> str:
    """Site URL of a page source path: 'thang/2026-01.md' → 'thang/2026-01/', 'index.md' → ''."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"
