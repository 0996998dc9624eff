"""Links inside the site: every href and src of our pages names a file the site holds.

A link is read against the page's published address: the site's address (from the canonical
link of the home page) plus the page's path. Links to the site's own address, https or webcal,
are checked like relative ones; links to other hosts, and mailto:, tel:, data: links, are left
alone. Fragments and queries are dropped, '%xx' is decoded, and a folder's address names its
index.html, as a static web server serves it.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from generator.editor.settings import BUNDLE_FOLDER
from generator.verify import Finding
from generator.verify.pages import Page, read_page
from generator.verify.published import walk

OTHER_SCHEMES = frozenset({"mailto", "tel", "data", "sms", "geo"})
UNKNOWN_ADDRESS = "https://dia-chi-chua-biet.invalid/"
"""Read against when no page names the site's address: relative links are still checked."""


def page_path(rel: str) -> str:
    """A file's path in its published address: 'thang/2026-01/index.html' → 'thang/2026-01/'."""
    if rel == "index.html":
        return ""
    return rel.removesuffix("index.html") if rel.endswith("/index.html") else rel


def site_address(canonicals: dict[str, str]) -> str | None:
    """The site's address, from the canonical address of the home page, or else of the first
    page (in path order) whose canonical address ends with the page's own path."""
    for rel in sorted(canonicals, key=lambda rel: (rel != "index.html", rel)):
        url, own = canonicals[rel], page_path(rel)
        if url.endswith(own) and url[: len(url) - len(own)].endswith("/"):
            return url[: len(url) - len(own)]
    return None


def page_links(
    rel: str, page: Page, site_url: str, files: set[str], folders: set[str]
) -> list[Finding]:
    """Each link of the page at `rel` that names no file of the site (or is javascript:)."""
    here = site_url + page_path(rel)
    base = urljoin(here, page.base) if page.base else here
    found = []
    for url in page.urls:
        value = url.value.strip()
        if not value or value.startswith("#"):
            continue
        try:
            scheme = urlsplit(value).scheme.lower()
            target = None if scheme in OTHER_SCHEMES else target_of(urljoin(base, value), site_url)
        except ValueError:
            why = "địa chỉ không hợp lệ"
        else:
            if scheme == "javascript":
                why = "không dùng liên kết javascript:"
            elif target is None:
                continue
            elif target.split("/")[0] == ".." and target not in files:
                why = f"trỏ ra ngoài địa chỉ của trang {site_url}"
            else:
                target = f"{target}/index.html" if target in folders else target
                if target in files:
                    continue
                why = f"trang không có tệp {target}"
        found.append(Finding(rel, url.line, f"liên kết hỏng <{url.tag}> {url.value}: {why}"))
    return found


def target_of(url: str, site_url: str) -> str | None:
    """The path in the site that an absolute URL names (starting with '..' when it leaves the
    site's address); None for another address."""
    parts, own = urlsplit(url), urlsplit(site_url)
    scheme = "https" if parts.scheme == "webcal" else parts.scheme
    if scheme not in ("http", "https") or (parts.hostname, parts.port) != (own.hostname, own.port):
        return None
    path = unquote(parts.path)
    rel = posixpath.relpath(posixpath.normpath("/" + path.lstrip("/")), own.path or "/")
    rel = "" if rel == "." else rel + "/" if path.endswith("/") else rel
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def broken_links(site: Path, site_url: str) -> list[Finding]:
    """Every broken link of every page of the built site at `site`, published at `site_url`."""
    tree = walk(site)
    files, found = set(tree.files) | shared_files(site), []
    for rel in tree.files:
        if rel.endswith(".html"):
            page = read_page((site / rel).read_text(encoding="utf-8"))
            found += page_links(rel, page, site_url, files, tree.folders)
    return found


def shared_files(site: Path) -> set[str]:
    """The editor's bundle a province serves once beside its wards' folders
    (`<portal>/admin-bundle/`), as a ward's pages name it ('../admin-bundle/decap-cms.js')."""
    bundle = site.parent / BUNDLE_FOLDER
    if bundle.is_symlink() or not bundle.is_dir():
        return set()
    return {f"../{BUNDLE_FOLDER}/{p.name}" for p in bundle.iterdir() if p.is_file()}
