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

from generator.common.errors import Problems
from generator.contentformat import layout
from generator.domain.model import Content, Programme, Report, Ward
from generator.load.amendments import apply_amendments, read_amendment
from generator.load.fields import FileReader
from generator.load.gitlog import Version
from generator.load.records import read_programme, read_units, read_ward
from generator.load.reports import attach
from generator.load.subrecords import read_report
from generator.load.unit_spellings import UnitIndex
from generator.load.yamlsrc import Mapping, parse_yaml

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
    index: UnitIndex | None = None
    made: dict[tuple, tuple[Content, tuple]] = {}
    amended: dict[tuple, tuple[list[Programme], tuple]] = {}
    for version in versions:
        units_changed = False
        for path, text in sorted(version.changed.items()):
            doc = reader.parse(version, path, text) if text is not None else None
            if path == layout.WARD_YAML and doc is not None:
                ward = reader.read(version, path, read_ward, doc) or ward
            elif path == layout.UNITS_YAML and doc is not None:
                if read := reader.read(version, path, read_units, doc):
                    units, units_changed = read, True
            elif path.startswith(f"{layout.PROGRAMMES}/"):
                _keep(docs, path, doc, text)
            elif path.startswith(f"{layout.AMENDMENTS}/"):
                _keep(amendment_docs, path, doc, text)
            elif path.startswith(f"{layout.REPORTS}/"):
                _keep_report(reports, reader, version, path, doc, text)
        if units_changed or index is None:
            index = UnitIndex(units)
        for path in sorted(docs):
            stale = units_changed or path in version.changed or path not in programmes
            if stale and (read := reader.read(version, path, read_programme, docs[path], index)):
                programmes[path] = read
        for path in set(programmes) - set(docs):
            del programmes[path]
        ids = (*map(id, programmes.values()), *map(id, amendment_docs.values()), id(index))
        if ids not in amended:  # the same programmes and amendments: the same objects
            kept = (tuple(programmes.values()), tuple(amendment_docs.values()), index)
            found = _amended(reader, version, amendment_docs, programmes.values(), index)
            amended[ids] = (found, kept)
        by_year = tuple(sorted(amended[ids][0], key=lambda p: p.year))
        key = (id(ward), id(units), *map(id, by_year), *map(id, reports.values()))
        if key not in made:  # a version seen before (a reverted edit) is the same object
            parts = (ward, units, by_year, tuple(reports.values()))  # keeps the ids theirs
            made[key] = (attach(Content(ward, units, by_year), list(reports.values())), parts)
        content = made[key][0]
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
        stem = path.removeprefix(f"{layout.AMENDMENTS}/").removesuffix(".yaml")
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
        self._parsed: dict[tuple[str, str], Mapping | None] = {}
        self._read: dict[tuple, tuple] = {}

    def parse(self, version: Version, path: str, text: str) -> Mapping | None:
        """The file's text as YAML; a text seen before (a reverted edit) is parsed once."""
        if (path, text) in self._parsed:
            return self._parsed[path, text]
        scratch = Problems()
        doc = parse_yaml(text, self._label(version, path), scratch)
        if doc is None:
            self._skip(version, path, scratch)
        self._parsed[path, text] = doc
        return doc

    def read(self, version: Version, path: str, how: Callable, doc: Mapping, *more: object):
        """`how(doc, reader, *more)`: one of the record readers of today's content; the same
        document read against the same units again gives the same record, read once."""
        key = (how, id(doc), *(m if isinstance(m, str) else id(m) for m in more))
        if key in self._read:
            return self._read[key][0]
        scratch = Problems()
        value = how(doc, FileReader(self._label(version, path), scratch), *more)
        if value is None:
            self._skip(version, path, scratch)
        self._read[key] = (value, doc, more)  # doc and more kept, so their ids stay theirs
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
