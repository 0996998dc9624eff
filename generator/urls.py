"""Site paths of every page and file, in one place: URLs are a public promise.

Paths are relative to the site root, lowercase ASCII, without the year where a subscription
must outlive it (feeds).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from generator.model import Programme, Task


def month_url(programme_id: str, month: int) -> str:
    return f"thang/{programme_id}-{month:02d}/"


def unit_url(unit_id: str) -> str:
    return f"don-vi/{unit_id}/"


def task_url(task_id: str) -> str:
    return f"nhiem-vu/{task_id}/"


def key_task_url(key_task_id: str) -> str:
    return f"trong-tam/#{key_task_id}"


SEARCH_DIR = "tim-kiem/"
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
    return f"lich/nhiem-vu/{task.id}.ics" if task.deadline.is_dated else None


PUBLISHED_SUFFIXES = (".txt", ".pdf", ".docx")
"""Official texts named by `source_document` with these endings are files the site publishes."""


def is_published_file(source_document: str) -> bool:
    """True when `source_document` names a file to publish (not a URL nor a sentence)."""
    where = source_document.strip()
    return "://" not in where and where.lower().endswith(PUBLISHED_SUFFIXES)


def source_file_url(programme: Programme) -> str | None:
    """Where the official text is published on the site, when it is a file we hold."""
    if is_published_file(programme.source_document):
        return f"van-ban/{PurePosixPath(programme.source_document).name}"
    return None
