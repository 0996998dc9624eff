"""Load a content directory: read every file, build the model, validate; report all at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .errors import ContentError, Problem, Problems
from .fields import FileReader
from .model import Content, Programme, Ward
from .schema import read_programme, read_units, read_ward
from .units import UnitIndex
from .validate import validate
from .yamlsrc import load_yaml


def check_content(
    content_dir: Path, as_of: dt.date | None = None
) -> tuple[Content | None, list[Problem]]:
    """Load and validate; the model is None when there are errors. Never raises for bad content."""
    as_of = as_of or dt.date.today()
    problems = Problems()
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        problems.error(str(content_dir), 1, "thư mục", "không tìm thấy thư mục dữ liệu")
        return None, problems.sorted()

    def reader(path: Path) -> tuple[FileReader, object]:
        label = _label(path, content_dir)
        if not path.is_file():
            problems.error(label, 1, "tệp", "thiếu tệp này trong thư mục dữ liệu")
            return FileReader(label, problems), None
        return FileReader(label, problems), load_yaml(path, label, problems)

    r, doc = reader(content_dir / "ward.yaml")
    ward = read_ward(doc, r) if doc is not None else Ward("", "", "", "", "")
    r, doc = reader(content_dir / "units.yaml")
    units = read_units(doc, r) if doc is not None else ()
    index = UnitIndex(units)
    programmes: list[Programme] = []
    files = sorted((content_dir / "programmes").glob("*.yaml"))
    if not files:
        problems.error(
            _label(content_dir / "programmes", content_dir),
            1,
            "tệp",
            "chưa có chương trình nào (programmes/<năm>.yaml)",
        )
    for path in files:
        r, doc = reader(path)
        if doc is not None and (programme := read_programme(doc, r, index)) is not None:
            programmes.append(programme)
    content = Content(ward, units, tuple(sorted(programmes, key=lambda p: p.year)))
    if not problems.has_errors:
        validate(content, as_of, problems)
    return (None if problems.has_errors else content), problems.sorted()


def load_content(content_dir: Path, as_of: dt.date | None = None) -> Content:
    """The validated model; raises ContentError (with every problem) when there are errors."""
    content, problems = check_content(content_dir, as_of)
    if content is None:
        raise ContentError(problems)
    return content


def _label(path: Path, content_dir: Path) -> str:
    base = content_dir.resolve().parent
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
