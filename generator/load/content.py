"""The load stage: read every file and the git history, build the model, validate it.

Everything the build takes from the disk or git is read here, once; the stages after it only
render. Every problem is reported at once, as `file:line: field: message`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from generator.common.dates import build_today
from generator.common.errors import ContentError, Problem, Problems
from generator.contentformat import layout
from generator.domain.model import Content, Programme, Report, SourceDocument, Ward
from generator.load.amendments import apply_amendments, read_amendment
from generator.load.changes import task_changes
from generator.load.confirmations import attach as attach_confirmations
from generator.load.confirmations import read_confirmation
from generator.load.documents import check_unique, read_source_document
from generator.load.fields import FileReader
from generator.load.history import read_versions, stamp_versions
from generator.load.records import read_programme, read_units, read_ward
from generator.load.reports import attach, check_reports, read_reports
from generator.load.unit_spellings import UnitIndex
from generator.load.validate import validate
from generator.load.versions import ContentVersion
from generator.load.ward_ownership import own_history
from generator.load.yamlsrc import load_yaml


def check_content(
    content_dir: Path, as_of: dt.date | None = None, *, history: bool = True
) -> tuple[Content | None, list[Problem]]:
    """Load and validate; the model is None when there are errors. Never raises for bad content.

    `as_of` defaults to today in Vietnam (`vietnam_today`); `history=False` skips git.
    """
    as_of = as_of or build_today()
    problems = Problems()
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        problems.error(str(content_dir), 1, "thư mục", "không tìm thấy thư mục dữ liệu")
        return None, problems.sorted()

    problems.items.extend(content_links(content_dir))

    def reader(path: Path) -> tuple[FileReader, object]:
        label = _label(path, content_dir)
        if not path.is_file():
            problems.error(label, 1, "tệp", "thiếu tệp này trong thư mục dữ liệu")
            return FileReader(label, problems), None
        if not path.resolve().is_relative_to(content_dir.resolve()):
            problems.error(label, 1, "tệp", "tệp này là liên kết tới nơi ngoài thư mục dữ liệu")
            return FileReader(label, problems), None
        return FileReader(label, problems), load_yaml(path, label, problems)

    r, doc = reader(content_dir / layout.WARD_YAML)
    ward = read_ward(doc, r) if doc is not None else Ward("", "", "", "", "")
    r, doc = reader(content_dir / layout.UNITS_YAML)
    units = read_units(doc, r) if doc is not None else ()
    index = UnitIndex(units)
    programmes: list[Programme] = []
    documents: list[SourceDocument] = []
    for path in _programme_files(content_dir, problems):
        r, doc = reader(path)
        if doc is not None and (programme := read_programme(doc, r, index)) is not None:
            programmes.append(programme)
            if document := read_source_document(doc, r.label, content_dir, problems):
                documents.append(document)
    check_unique(documents, problems)
    amendments = []
    for path in _yaml_files(content_dir, layout.AMENDMENTS, problems):
        r, doc = reader(path)
        if doc is not None and (amendment := read_amendment(doc, r, path.stem, index)):
            amendments.append(amendment)
    confirmations = []
    for path in _yaml_files(content_dir, layout.CONFIRMATIONS, problems):
        r, doc = reader(path)
        if doc is not None and (confirmation := read_confirmation(doc, r)):
            confirmations.append(confirmation)
    if not problems.has_errors:
        programmes = apply_amendments(programmes, amendments, problems)
        programmes = attach_confirmations(programmes, confirmations, as_of, problems)
    reports = read_reports(_yaml_files(content_dir, layout.REPORTS, problems), reader)
    content = Content(ward, units, tuple(sorted(programmes, key=lambda p: p.year)))
    if not problems.has_errors:
        validate(content, as_of, problems)
        check_reports(reports, content, as_of, problems)
    if problems.has_errors:
        return None, problems.sorted()
    versions = read_versions(content_dir, problems) if history else []
    versions = own_history(versions, content.ward)
    if problems.has_errors:  # a shallow clone
        return None, problems.sorted()
    content = dataclasses.replace(attach(content, reports), documents=tuple(documents))
    return _with_history(content, versions, reports), problems.sorted()


def _with_history(
    content: Content, versions: list[ContentVersion], reports: list[Report]
) -> Content:
    """The content with what git tells: calendar stamps, tombstones, each task's events."""
    calendars = stamp_versions(versions)
    present = {task.id: task for task in content.tasks}
    return dataclasses.replace(
        content,
        stamps=calendars.stamps,
        removed=calendars.removed,
        changes=task_changes(versions, reports, present),
        updated=last_change(versions),
    )


def last_change(versions: list[ContentVersion]) -> dt.datetime | None:
    """When what the content says last changed: the time of the newest version that differs
    from the one before it (a commit that only reformats the YAML changes nothing)."""
    when, before = None, None
    for version in versions:
        if version.content != before:
            when, before = version.when, version.content
    return when


def load_content(
    content_dir: Path, as_of: dt.date | None = None, *, history: bool = True
) -> Content:
    """The validated model; raises ContentError (with every problem) when there are errors."""
    content, problems = check_content(content_dir, as_of, history=history)
    if content is None:
        raise ContentError(problems)
    return content


def content_links(content_dir: Path) -> list[Problem]:
    """Every symlink under the content folder, at any depth, is an error: a writer (the
    importer, `report`, the editor) could otherwise write through it to anywhere."""
    problems = Problems()
    for folder, dirs, files in os.walk(content_dir):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink():
                problems.error(
                    _label(path.parent, content_dir) + "/" + name,
                    1,
                    "tệp",
                    "đây là liên kết (symlink), không được có trong thư mục dữ liệu: xóa nó "
                    "(git rm) và đặt tệp thật vào đây",
                )
    return problems.sorted()


def _yaml_files(content_dir: Path, name: str, problems: Problems) -> list[Path]:
    """`<name>/*.yaml`; any other file there is reported, not silently ignored."""
    folder = content_dir / name
    entries = sorted(folder.iterdir()) if folder.is_dir() else []
    for path in entries:
        if path.suffix != ".yaml" and not path.name.startswith("."):
            problems.error(
                _label(path, content_dir),
                1,
                "tệp",
                f"tệp này không được đọc: mọi tệp trong {name}/ phải có đuôi .yaml "
                "(không phải .yml hay khác)",
            )
    return [path for path in entries if path.suffix == ".yaml" and path.is_file()]


def _programme_files(content_dir: Path, problems: Problems) -> list[Path]:
    """`programmes/*.yaml`, at least one."""
    files = _yaml_files(content_dir, layout.PROGRAMMES, problems)
    folder = content_dir / layout.PROGRAMMES
    if not files:
        problems.error(
            _label(folder, content_dir),
            1,
            "tệp",
            f"chưa có chương trình nào ({layout.PROGRAMMES}/<năm>.yaml)",
        )
    return files


def _label(path: Path, content_dir: Path) -> str:
    base = content_dir.resolve().parent
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
