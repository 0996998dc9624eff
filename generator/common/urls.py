"""Site paths of every page and file, in one place: URLs are a public promise.

Paths are relative to the site root, lowercase ASCII, without the year where a subscription
must outlive it (feeds).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from generator.domain.model import Programme, Task

HOME_URL = ""
MONTHS_URL = "thang/"
UNITS_URL = "don-vi/"
KEY_TASKS_URL = "trong-tam/"
SUBSCRIBE_URL = "lich/"
DATA_URL = "du-lieu/"
ABOUT_URL = "gioi-thieu/"
SEARCH_URL = "tim-kiem/"
PROGRESS_URL = "tien-do/"
CHANGES_URL = "thay-doi/"
"""Addresses of the fixed pages."""
ALL_TASKS_FEED = "lich/tat-ca.ics"
MEETINGS_FEED = "lich/giao-ban.ics"
TASK_FEEDS = "lich/nhiem-vu/"
SOURCE_FILES = "van-ban/"
CHANGES_FEED = "thay-doi/atom.xml"


def page_of(url: str) -> str:
    """The source of the page served at `url`: 'x/' ← 'x.md'."""
    return url.rstrip("/") + ".md"


def folder_page_of(url: str) -> str:
    """The source of the page of a folder of pages at `url`: 'x/' ← 'x/index.md' ('' ←
    'index.md', the home). The engine serves both 'x.md' and 'x/index.md' at '/x/'."""
    return url + "index.md"


HOME_PAGE = folder_page_of(HOME_URL)
MONTHS_PAGE = folder_page_of(MONTHS_URL)
UNITS_PAGE = folder_page_of(UNITS_URL)
KEY_TASKS_PAGE = page_of(KEY_TASKS_URL)
SUBSCRIBE_PAGE = folder_page_of(SUBSCRIBE_URL)
DATA_PAGE = folder_page_of(DATA_URL)
ABOUT_PAGE = page_of(ABOUT_URL)
SEARCH_PAGE = folder_page_of(SEARCH_URL)
PROGRESS_PAGE = page_of(PROGRESS_URL)
CHANGES_PAGE = folder_page_of(CHANGES_URL)
"""Source paths of the fixed pages."""


def month_page_path(programme_id: str, month: int) -> str:
    return page_of(month_url(programme_id, month))


def unit_page_path(unit_id: str) -> str:
    return page_of(unit_url(unit_id))


def task_page_path(task_id: str) -> str:
    return page_of(task_url(task_id))


def unit_feed_path(unit_id: str) -> str:
    return f"lich/{unit_id}.ics"


def unit_changes_feed(unit_id: str) -> str:
    """A unit's Atom feed of changes and reports: 'thay-doi/<unit-id>.xml'."""
    return f"{CHANGES_URL}{unit_id}.xml"


def source_file_path(name: str) -> str:
    """Where an official text file is published: 'van-ban/<name>'."""
    return SOURCE_FILES + name


def month_url(programme_id: str, month: int) -> str:
    return f"thang/{programme_id}-{month:02d}/"


def unit_url(unit_id: str) -> str:
    return f"{UNITS_URL}{unit_id}/"


def unit_year_url(unit_id: str, year: int) -> str:
    """A unit's tasks of a year other than the current programme's."""
    return f"{unit_url(unit_id)}{year}/"


def unit_year_page_path(unit_id: str, year: int) -> str:
    return page_of(unit_year_url(unit_id, year))


def task_url(task_id: str) -> str:
    return f"nhiem-vu/{task_id}/"


def key_task_url(key_task_id: str) -> str:
    return f"trong-tam/#{key_task_id}"


SEARCH_DIR = SEARCH_URL
"""The search index: `chi-muc.json` (manifest), `t/<n>.json` (words), `d/<n>.json` (results)."""


def search_index_path() -> str:
    return SEARCH_DIR + "chi-muc.json"


def search_terms_path(shard: int | str) -> str:
    """A term file (`str` only for the manifest's pattern, "{}")."""
    return f"{SEARCH_DIR}t/{shard}.json"


def search_docs_path(number: int | str) -> str:
    return f"{SEARCH_DIR}d/{number}.json"


def task_feed_path(task: Task) -> str | None:
    """The task's own .ics ('Thêm vào lịch'); None for a task 'theo kế hoạch'."""
    return f"{TASK_FEEDS}{task.id}.ics" if task.deadline.is_dated else None


def archive_feed_path(year: int) -> str:
    """The feed of one programme year, every event kept ('lich/2026/tat-ca.ics')."""
    return f"lich/{year}/tat-ca.ics"


PUBLISHED_SUFFIXES = (".txt", ".pdf", ".docx")
"""Official texts named by `source_document` with these endings are files the site publishes."""


def is_published_file(source_document: str) -> bool:
    """True when `source_document` names a file to publish (not a URL nor a sentence)."""
    where = source_document.strip()
    return "://" not in where and where.lower().endswith(PUBLISHED_SUFFIXES)


def source_file_url(programme: Programme) -> str | None:
    """Where the official text is published on the site, when it is a file we hold."""
    if is_published_file(programme.source_document):
        return source_file_path(PurePosixPath(programme.source_document).name)
    return None


UNSAFE_IN_URL = re.compile(r"[\s\"'<>`\\]")
"""What no address we accept may hold (SITE_URL, a link in content/): white space, quotes,
angle brackets, backquote, backslash."""


def site_address(value: str) -> str:
    """The public address (SITE_URL) as every page, feed and event links it, ending in '/';
    ValueError with the Vietnamese reason when it is not a plain http(s) address."""
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        port, parts = -1, None
    reason = ""
    if parts is None or port == -1 or port == 0:
        reason = "cổng không hợp lệ (1–65535)"
    elif parts.scheme not in ("http", "https") or not parts.hostname:
        reason = "phải là địa chỉ http(s) đầy đủ"
    elif UNSAFE_IN_URL.search(value):
        reason = "không được có khoảng trắng, dấu nháy, < > ` hay \\"
    elif "@" in parts.netloc:
        reason = "không được chứa tên người dùng hay mật khẩu (user:pass@)"
    elif parts.query or parts.fragment or value.endswith(("?", "#")):
        reason = "không được có phần ?… hay #…"
    if reason:
        raise ValueError(
            f"SITE_URL={value!r} không hợp lệ: {reason}; ví dụ https://phuong.example.gov.vn/ctct/"
        )
    return value if value.endswith("/") else value + "/"


CATALOGUE_URL = "danh-muc-thong-tin/"
"""The list of the information the site publishes (Luật Tiếp cận thông tin, art. 19(1)(g))."""
ACCESS_URL = "tiep-can-thong-tin/"
"""How to ask for information, and who receives the requests (art. 19(1)(đ))."""
ENGLISH_URL = "en/"
ENGLISH_SITE_URL = "en/programme/"
"""The English pages (Nghị định 42/2022): the People's Committee, and how this site works."""
CATALOGUE_PAGE = folder_page_of(CATALOGUE_URL)
ACCESS_PAGE = folder_page_of(ACCESS_URL)
ENGLISH_PAGE = folder_page_of(ENGLISH_URL)
ENGLISH_SITE_PAGE = folder_page_of(ENGLISH_SITE_URL)
