"""The engine-independent heart of the build: content in, a set of output files out.

`render_site` returns pages (HTML bodies with a title, handed to the site engine to wrap in the
theme) and ready files (feeds, data, images). Nothing here knows about mkdocs; moving to another
engine means rewriting only `mkdocs_plugin.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .model import Content


@dataclass(frozen=True)
class SiteInfo:
    """Facts about the published site that pages and feeds need."""

    url: str
    """Absolute base URL, ending with '/', e.g. 'https://example.org/ctct/'."""
    as_of: dt.date
    """The build date: 'due in the next 30 days' and progress standings are computed from it."""
    name: str = ""

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
    _taken: set[str] = field(default_factory=set, repr=False)

    def add_page(self, page: Page) -> None:
        self._claim(page.path)
        self.pages.append(page)

    def add_file(self, path: str, data: bytes) -> None:
        self._claim(path)
        self.files[path] = data

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


def render_site(content: Content, site: SiteInfo, content_dir: Path | None = None) -> SiteOutput:
    """Render every page and file of the site."""
    from . import feeds, opendata, pages

    output = SiteOutput()
    pages.add_pages(output, content, site)
    feeds.add_feeds(output, content, site, content_dir)
    opendata.add_open_data(output, content, site)
    if content_dir is not None:
        add_source_documents(output, content, Path(content_dir))
    return output


def add_source_documents(output: SiteOutput, content: Content, content_dir: Path) -> None:
    """Publish the official text beside the data, at 'van-ban/<file name>'."""
    for programme in content.programmes:
        source = content_dir.resolve().parent / programme.source_document
        if programme.source_document.endswith(".txt") and source.is_file():
            output.add_file(f"van-ban/{source.name}", source.read_bytes())
