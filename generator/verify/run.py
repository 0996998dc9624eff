"""The recipe of `verify`: walk the site once, check each file by its kind, then every link."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.verify import Finding
from generator.verify.data import (
    Problems,
    csv_problems,
    is_open_data,
    is_package,
    json_problems,
    package_problems,
    schema_problems,
)
from generator.verify.feeds import ics_problems, xml_problems
from generator.verify.links import UNKNOWN_ADDRESS, page_links, shared_files, site_address
from generator.verify.pages import Page, read_page
from generator.verify.published import SCANNED, ContentData, Tree, holds_secret, walk

HOME = "index.html"


class SiteMissing(Exception):
    """There is no site to check; the message is one Vietnamese line."""


@dataclass(frozen=True)
class Result:
    findings: list[Finding]
    """Every problem, sorted by file and line."""
    files: int
    """How many files the site holds."""
    site_url: str | None
    """The site's address as its pages give it; None when no page does."""


def verify_site(site: Path, content: Path | None = None) -> Result:
    """Check the built site at `site`; with `content`, also that none of its data is published."""
    build = "dựng trang trước (python -m generator build) hoặc chỉ đúng thư mục (--site-dir)"
    if not site.exists() and not site.is_symlink():
        raise SiteMissing(f"{site}: không có thư mục trang; {build}")
    if site.is_symlink() or not site.is_dir():
        raise SiteMissing(f"{site}: không phải thư mục trang (là tệp hoặc liên kết); {build}")
    tree = walk(site)
    if not tree.files:
        raise SiteMissing(f"{site}: thư mục trang trống; {build}")
    files = set(tree.files)
    findings = list(tree.problems)
    if HOME not in files:
        findings.append(Finding(HOME, 0, "trang không có trang chủ"))
    pages = _check_files(site, tree, findings, ContentData(content) if content else None)
    site_url = site_address({rel: page.canonical for rel, page in pages.items() if page.canonical})
    linkable = files | shared_files(site)  # a province's one copy of the editor's bundle
    for rel, page in pages.items():
        findings += page_links(rel, page, site_url or UNKNOWN_ADDRESS, linkable, tree.folders)
    return Result(sorted(findings), len(tree.files), site_url)


def _check_files(
    site: Path, tree: Tree, findings: list[Finding], content: ContentData | None
) -> dict[str, Page]:
    """Read each file once, at most: check it by its kind, for secrets, and for a copy of the
    content's data, adding to `findings`; returns the pages read."""
    pages: dict[str, Page] = {}
    present = set(tree.files)
    for rel in tree.files:
        kind = Path(rel).suffix.lower()
        size = tree.sizes[rel]
        if kind not in READ and size > SCANNED and not (content and size in content.sizes):
            continue
        try:
            data = (site / rel).read_bytes()
        except OSError as exc:
            findings.append(Finding(rel, 0, f"không đọc được: {exc.strerror}"))
            continue
        if len(data) <= SCANNED and holds_secret(data):
            findings.append(Finding(rel, 0, "tệp chứa khóa bí mật hoặc tài khoản hệ thống"))
        if content and (source := content.copied(data)):
            findings.append(Finding(rel, 0, f"bản sao của {source}: dữ liệu nguồn không được đăng"))
        if kind not in READ:
            continue
        if kind == ".html":
            page, problems = _html(data)
            if page is not None:
                pages[rel] = page
        elif kind == ".json":
            problems = _json(rel, data, present)
        else:
            problems = _CHECKS[kind](data)
        findings += [Finding(rel, line, message) for line, message in problems]
    return pages


def _html(data: bytes) -> tuple[Page | None, Problems]:
    try:
        page = read_page(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, [(0, f"không phải UTF-8 (byte {exc.start})")]
    found = list(page.structure)
    if page.lang is None:
        found.append((1, "thiếu ngôn ngữ của trang: <html lang=...>"))
    if not page.title:
        found.append((0, "thiếu tiêu đề trang <title>"))
    return page, found


def _json(rel: str, data: bytes, files: set[str]) -> Problems:
    value, found = json_problems(data)
    if found:
        return found
    if is_open_data(rel):
        found += schema_problems(value)
    if is_package(rel):
        found += package_problems(rel, value, files)
    return found


_CHECKS: dict[str, Callable[[bytes], Problems]] = {
    ".ics": ics_problems,
    ".xml": xml_problems,
    ".csv": csv_problems,
}
READ = frozenset({".html", ".json", *_CHECKS})
"""The kinds of file read, by suffix; others (scripts, styles, images) are not."""
