"""Open data as a reuser reads it: every JSON file, every CSV (UTF-8 with BOM), the Data Package.

The programme's JSON is checked against the JSON Schema shipped in the package when `jsonschema`
is installed (a test dependency, not the generator's); without it, only its top-level fields.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
from typing import Any
from urllib.parse import urlsplit

from generator.opendata.page import DIR, JSON_FILE, PACKAGE_FILE, SCHEMA_FILE, export_schema

Problems = list[tuple[int, str]]
"""(line, message) of each problem of one file; line 0 for the whole file."""
OPEN_DATA_JSON = DIR + JSON_FILE
MAX_SCHEMA_ERRORS = 20
BOM = b"\xef\xbb\xbf"


def json_problems(data: bytes) -> tuple[Any, Problems]:
    """The parsed value (None when it does not parse) and the problems of one JSON file."""
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_not_json), []
    except UnicodeDecodeError as exc:
        return None, [(0, f"không phải UTF-8 (byte {exc.start})")]
    except json.JSONDecodeError as exc:
        return None, [(exc.lineno, f"JSON không hợp lệ: {exc.msg} (cột {exc.colno})")]
    except ValueError as exc:
        return None, [(0, f"JSON không hợp lệ: {exc}")]
    except RecursionError:
        return None, [(0, "JSON không hợp lệ: lồng nhau quá sâu")]


def _not_json(name: str) -> None:
    raise ValueError(f"{name} không có trong JSON")  # Python reads NaN, Infinity; JSON has none


def is_open_data(rel: str) -> bool:
    """Whether `rel` is the programme's JSON (of the site, or of a ward's site in a province)."""
    return rel == OPEN_DATA_JSON or rel.endswith("/" + OPEN_DATA_JSON)


def schema_problems(value: Any) -> Problems:
    """Where the programme's JSON departs from its schema."""
    schema = json.loads(export_schema())
    try:
        import jsonschema
    except ImportError:
        return _top_level_problems(value, schema)
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(value), key=lambda e: [str(p) for p in e.absolute_path])
    found = [
        (0, f"không đúng lược đồ {SCHEMA_FILE} tại {_where(e.absolute_path)}: {e.message}")
        for e in errors[:MAX_SCHEMA_ERRORS]
    ]
    if len(errors) > MAX_SCHEMA_ERRORS:
        found.append((0, f"và {len(errors) - MAX_SCHEMA_ERRORS} chỗ khác không đúng lược đồ"))
    return found


def _top_level_problems(value: Any, schema: dict[str, Any]) -> Problems:
    if not isinstance(value, dict):
        return [(0, f"không đúng lược đồ {SCHEMA_FILE}: phải là một đối tượng JSON")]
    missing = [name for name in schema.get("required", ()) if name not in value]
    return [(0, f"không đúng lược đồ {SCHEMA_FILE}: thiếu trường {name}") for name in missing]


def _where(path: Any) -> str:
    return "/" + "/".join(str(p) for p in path)


def csv_problems(data: bytes) -> Problems:
    """A CSV as published: UTF-8 with BOM, strict quoting, every row as wide as the header."""
    if not data.startswith(BOM):
        return [(1, "tệp CSV phải là UTF-8 có BOM (để Excel đọc đúng tiếng Việt)")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [(0, f"không phải UTF-8 (byte {exc.start})")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        return [(reader.line_num, f"CSV không đọc được: {exc}")]
    if not rows:
        return [(0, "tệp CSV trống, thiếu dòng tiêu đề")]
    width = len(rows[0][1])
    return [
        (line, f"dòng có {len(row)} cột, tiêu đề có {width}")
        for line, row in rows[1:]
        if len(row) != width
    ]


def is_package(rel: str) -> bool:
    return posixpath.basename(rel) == PACKAGE_FILE


def package_problems(rel: str, value: Any, files: set[str]) -> Problems:
    """Each resource of a Data Package that names no file beside it (URLs are left alone)."""
    resources = value.get("resources") if isinstance(value, dict) else None
    if not isinstance(resources, list) or not resources:
        return [(0, "Data Package thiếu danh sách resources")]
    here = posixpath.dirname(rel)
    found = []
    for n, resource in enumerate(resources, 1):
        paths = resource.get("path") if isinstance(resource, dict) else None
        paths = paths if isinstance(paths, list) else [paths]
        if not paths or not all(isinstance(p, str) and p for p in paths):
            found.append((0, f"resource thứ {n} thiếu path"))
            continue
        for path in paths:
            if urlsplit(path).scheme:
                continue
            target = posixpath.normpath(posixpath.join(here, path))
            if target not in files:
                found.append((0, f"resource thứ {n}: trang không có tệp {path}"))
    return found
