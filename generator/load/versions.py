"""Every past version of the content as a model, read by the same readers as the present.

Each version of `ward.yaml`, `units.yaml` and `programmes/*.yaml` that git holds is read by the
located reader and record rules of today's content (`parse_yaml`, `read_ward`, `read_units`,
`read_programme`), so reformatting or reordering the YAML changes nothing, and programmes are
read against the units of their own version. Mistakes in a past version are read as the
reader reads them today, silently (they were reported when committed); a file version that
cannot be read at all is skipped with a notice, never fatal: the last readable one stands in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from generator.errors import Problems
from generator.load.amendments import apply_amendments, read_amendment
from generator.load.fields import FileReader
from generator.load.gitlog import Version
from generator.load.records import read_programme, read_units, read_ward
from generator.load.reports import attach
from generator.load.subrecords import read_report
from generator.load.units import UnitIndex
from generator.load.yamlsrc import Mapping, parse_yaml
from generator.model import Content, Programme, Report, Ward

_NO_WARD = Ward("", "", "", "", "")


@dataclass(frozen=True)
class ContentVersion:
    """The whole content as it stood after one commit."""

    commit: str
    when: dt.datetime
    content: Content
    watched: bool
    """The commit also changed something outside the content that shapes every event."""


def content_versions(
    versions: list[Version], label: str, problems: Problems
) -> Iterator[ContentVersion]:
    """The content after each version, oldest first; `label` names the content folder."""
    reader = _Reader(label, problems)
    ward, units = _NO_WARD, ()
    docs: dict[str, Mapping] = {}
    programmes: dict[str, Programme] = {}
    amendment_docs: dict[str, Mapping] = {}
    reports: dict[str, Report] = {}
    for version in versions:
        units_changed = False
        for path, text in sorted(version.changed.items()):
            doc = reader.parse(version, path, text) if text is not None else None
            if path == "ward.yaml" and doc is not None:
                ward = reader.read(version, path, read_ward, doc) or ward
            elif path == "units.yaml" and doc is not None:
                if read := reader.read(version, path, read_units, doc):
                    units, units_changed = read, True
            elif path.startswith("programmes/"):
                _keep(docs, path, doc, text)
            elif path.startswith("amendments/"):
                _keep(amendment_docs, path, doc, text)
            elif path.startswith("reports/"):
                _keep_report(reports, reader, version, path, doc, text)
        index = UnitIndex(units)
        for path in sorted(docs):
            stale = units_changed or path in version.changed or path not in programmes
            if stale and (read := reader.read(version, path, read_programme, docs[path], index)):
                programmes[path] = read
        for path in set(programmes) - set(docs):
            del programmes[path]
        amended = _amended(reader, version, amendment_docs, programmes.values(), index)
        by_year = tuple(sorted(amended, key=lambda p: p.year))
        content = attach(Content(ward, units, by_year), list(reports.values()))
        yield ContentVersion(version.commit, version.when, content, version.watched)


def _amended(
    reader: _Reader,
    version: Version,
    docs: dict[str, Mapping],
    programmes: Iterable[Programme],
    index: UnitIndex,
) -> list[Programme]:
    """The programmes with this version's amendment files applied, read like today's."""
    amendments = []
    for path, doc in sorted(docs.items()):
        stem = path.removeprefix("amendments/").removesuffix(".yaml")
        if amendment := reader.read(version, path, read_amendment, doc, stem, index):
            amendments.append(amendment)
    return apply_amendments(programmes, amendments, Problems()) if amendments else list(programmes)


def _keep_report(
    reports: dict[str, Report],
    reader: _Reader,
    version: Version,
    path: str,
    doc: Mapping | None,
    text: str | None,
) -> None:
    """Track the reports: a deleted one goes, an unreadable one keeps its last reading."""
    if text is None:
        reports.pop(path, None)
    elif doc is not None and (report := reader.read(version, path, read_report, doc)):
        reports[path] = report


def _keep(docs: dict[str, Mapping], path: str, doc: Mapping | None, text: str | None) -> None:
    """Track the programme files: a deleted one goes, an unreadable one keeps its last doc."""
    if text is None:
        docs.pop(path, None)
    elif doc is not None:
        docs[path] = doc


class _Reader:
    """Reads one file version; its problems are reported as a single notice, never as errors."""

    def __init__(self, label: str, problems: Problems):
        self.label = label
        self.problems = problems

    def parse(self, version: Version, path: str, text: str) -> Mapping | None:
        scratch = Problems()
        doc = parse_yaml(text, self._label(version, path), scratch)
        if doc is None:
            self._skip(version, path, scratch)
            return None
        return doc

    def read(self, version: Version, path: str, how: Callable, doc: Mapping, *more: object):
        """`how(doc, reader, *more)`: one of the record readers of today's content."""
        scratch = Problems()
        value = how(doc, FileReader(self._label(version, path), scratch), *more)
        if value is None:
            self._skip(version, path, scratch)
            return None
        return value

    def _label(self, version: Version, path: str) -> str:
        return f"{self.label}/{path} (commit {version.commit[:10]})"

    def _skip(self, version: Version, path: str, scratch: Problems) -> None:
        first = scratch.sorted()[0].message if scratch.items else "tệp rỗng"
        self.problems.warn(
            f"{self.label}/{path}",
            1,
            "lịch sử",
            f"bỏ qua phiên bản trong commit {version.commit[:10]} vì không đọc được ({first})",
        )
