"""Open data: the programme as JSON and CSV, a Frictionless Data Package, and the /du-lieu/ page.

Files, all under `du-lieu/`, byte-identical for the same content (no clock is read):

- `chuong-trinh.json`: exactly `export.to_json(content)`, UTF-8; its JSON Schema is published
  beside it as `chuong-trinh.schema.json` (the file in `generator/opendata/schema/`);
- `chuong-trinh.csv`: one row per task (see `csvdata`);
- `datapackage.json`: a Frictionless Data Package (v1) describing the three files, with the CSV's
  Table Schema built from the same `CSV_FIELDS` that write the header, so the two cannot drift.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from generator.common.urls import DATA_PAGE, DATA_URL, source_file_path, source_file_url
from generator.disclosure.catalogue import CATALOGUE_FIELDS, CATALOGUE_FILE, Row, catalogue_csv
from generator.domain.model import Content, Programme
from generator.opendata.csvdata import CSV_FIELDS, to_csv
from generator.opendata.export import to_json
from generator.opendata.history import HISTORY_FIELDS, HISTORY_FILE, history_csv
from generator.output import Page, SiteInfo, SiteOutput
from generator.render.templating import render_page

DIR = DATA_URL
JSON_FILE, CSV_FILE, SCHEMA_FILE, PACKAGE_FILE = (
    "chuong-trinh.json",
    "chuong-trinh.csv",
    "chuong-trinh.schema.json",
    "datapackage.json",
)
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 (CC BY 4.0)",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def add_open_data(
    output: SiteOutput, content: Content, site: SiteInfo, rows: tuple[Row, ...] = ()
) -> None:
    """The data files and their page; `rows`, the list of the information the site publishes
    (`disclosure.catalogue`), is published with them."""
    files = {
        JSON_FILE: to_json(content).encode("utf-8"),
        CSV_FILE: to_csv(content, site),
        HISTORY_FILE: history_csv(content, site),
        SCHEMA_FILE: export_schema(),
        CATALOGUE_FILE: catalogue_csv(rows, site),
    }
    files[PACKAGE_FILE] = package_json(content, site, files)
    for name, data in files.items():
        output.add_file(DIR + name, data)
    output.add_page(data_page(content, site, files))


def export_schema() -> bytes:
    """The JSON Schema of `chuong-trinh.json`, as shipped in the package."""
    return resources.files("generator.opendata").joinpath("schema", SCHEMA_FILE).read_bytes()


def package_json(content: Content, site: SiteInfo, files: dict[str, bytes]) -> bytes:
    return (json.dumps(package(content, site, files), ensure_ascii=False, indent=2) + "\n").encode()


def package(content: Content, site: SiteInfo, files: dict[str, bytes]) -> dict[str, Any]:
    """The Data Package descriptor (Frictionless Data Package v1).

    `type` (from v2, an extra property for v1 readers) is set on every resource: without it
    frictionless-py guesses what a JSON file is from its keys, and takes `tasks` for an Inquiry.
    """
    ward = content.ward
    fields = [f.table_schema() for f in CSV_FIELDS]
    csv_resource = {
        "name": "chuong-trinh-csv",
        "path": CSV_FILE,
        "type": "table",
        "profile": "tabular-data-resource",
        "title": "Nhiệm vụ cụ thể, mỗi nhiệm vụ một dòng / one row per task",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "dialect": {
            "delimiter": ",",
            "lineTerminator": "\r\n",
            "quoteChar": '"',
            "doubleQuote": True,
            "header": True,
        },
        "schema": {
            "fields": fields,
            "primaryKey": ["Mã"],
            "missingValues": [""],
            "foreignKeys": [
                {"fields": ["Mã mục cha"], "reference": {"resource": "", "fields": ["Mã"]}}
            ],
        },
    }
    json_resource = {
        "name": "chuong-trinh-json",
        "path": JSON_FILE,
        "type": "json",
        "profile": "data-resource",
        "title": "Toàn bộ dữ liệu chương trình / the whole programme data",
        "description": f"Chương trình, nhiệm vụ, đơn vị, tiến độ và đính chính. Cấu trúc theo "
        f"JSON Schema {SCHEMA_FILE} / structure described by the JSON Schema {SCHEMA_FILE}.",
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
    }
    schema_resource = {
        "name": "chuong-trinh-schema",
        "path": SCHEMA_FILE,
        "type": "json",
        "profile": "data-resource",
        "title": f"JSON Schema (draft 2020-12) của {JSON_FILE} / JSON Schema of {JSON_FILE}",
        "format": "json",
        "mediatype": "application/schema+json",
        "encoding": "utf-8",
    }
    history_resource = {
        **csv_resource,
        "name": "lich-su-csv",
        "path": HISTORY_FILE,
        "title": "Thay đổi và báo cáo tiến độ, mỗi sự kiện một dòng / one row per event",
        "schema": {"fields": [f.table_schema() for f in HISTORY_FIELDS], "missingValues": [""]},
    }
    catalogue_resource = {
        **csv_resource,
        "name": "danh-muc-thong-tin-csv",
        "path": CATALOGUE_FILE,
        "title": "Danh mục thông tin công khai: địa chỉ, hình thức, thời điểm, thời hạn / "
        "the list of the information published",
        "schema": {
            "fields": [f.table_schema() for f in CATALOGUE_FIELDS],
            "primaryKey": ["Mã"],
            "missingValues": [""],
        },
    }
    resources_ = [csv_resource, history_resource, catalogue_resource, json_resource]
    resources_.append(schema_resource)
    for resource in resources_:
        data = files[resource["path"]]
        resource.update(bytes=len(data), hash="sha256:" + hashlib.sha256(data).hexdigest())
    return {
        "profile": "data-package",
        "name": f"chuong-trinh-cong-tac-{ward.id}",
        "title": f"Chương trình công tác – {ward.issuer}",
        "description": f"Chương trình công tác năm của {ward.issuer}, {ward.city}: nhiệm vụ, "
        "đơn vị chủ trì, thời hạn và tiến độ. Lời văn giữ nguyên như văn bản gốc; mọi đính chính "
        "được ghi riêng.",
        "homepage": site.absolute(DIR),
        "licenses": [LICENCE],
        "sources": [source(p, site) for p in content.programmes],
        "resources": resources_,
    }


def source(programme: Programme, site: SiteInfo) -> dict[str, str]:
    title = programme.title
    if programme.document_number:
        title += f", số {programme.document_number}"
    url = official_url(programme)
    if url is None:
        return {"title": f"{title} ({programme.source_document})"}
    return {"title": title, "path": url if "://" in url else site.absolute(url)}


def official_url(programme: Programme) -> str | None:
    """Link to the official document: its URL, or the copy the build publishes at
    `van-ban/<file name>` (`pages.source_file_url`); None when `source_document` only says where
    the paper is kept."""
    where = programme.source_document.strip()
    if where.startswith(("https://", "http://")):
        return where
    return source_file_url(programme)


@dataclass(frozen=True)
class FileInfo:
    """One download on the page."""

    name: str
    kind: str
    size: str
    about: str


def data_page(content: Content, site: SiteInfo, files: dict[str, bytes]) -> Page:
    tasks = content.tasks
    reports = sum(len(t.reports) for t in tasks)
    infos = [
        FileInfo(
            CSV_FILE,
            "CSV (bảng tính)",
            human_size(len(files[CSV_FILE])),
            f"{len(tasks)} dòng, mỗi nhiệm vụ một dòng; {len(CSV_FIELDS)} cột.",
        ),
        FileInfo(
            HISTORY_FILE,
            "CSV (bảng tính)",
            human_size(len(files[HISTORY_FILE])),
            f"{len(content.changes)} dòng: mỗi thay đổi hay báo cáo tiến độ một dòng, mới nhất "
            "trước (như trang Thay đổi).",
        ),
        FileInfo(
            CATALOGUE_FILE,
            "CSV (bảng tính)",
            human_size(len(files[CATALOGUE_FILE])),
            "Danh mục thông tin công khai: mỗi loại thông tin một dòng, với địa chỉ, hình "
            "thức, thời điểm và thời hạn công khai.",
        ),
        FileInfo(
            JSON_FILE,
            "JSON",
            human_size(len(files[JSON_FILE])),
            f"{len(content.programmes)} chương trình, {len(tasks)} nhiệm vụ, "
            f"{len(content.units)} đơn vị, {reports} báo cáo tiến độ, lịch sử thay đổi, kèm mọi "
            "đính chính.",
        ),
        FileInfo(
            SCHEMA_FILE,
            "mô tả cấu trúc",
            human_size(len(files[SCHEMA_FILE])),
            f"Mô tả cấu trúc và ý nghĩa từng trường của {JSON_FILE}, cho người viết phần mềm.",
        ),
        FileInfo(
            PACKAGE_FILE,
            "mô tả gói dữ liệu",
            human_size(len(files[PACKAGE_FILE])),
            "Mô tả gói dữ liệu theo chuẩn Frictionless Data Package: các tệp, các cột, "
            "kiểu dữ liệu, giấy phép và nguồn.",
        ),
    ]
    official = [(p, official_url(p)) for p in content.programmes]
    return render_page(
        DATA_PAGE,
        "Dữ liệu mở",
        "du-lieu.html.j2",
        description=f"Tải dữ liệu chương trình công tác của {content.ward.issuer} (CSV, JSON), "
        "giấy phép CC BY 4.0.",
        ward=content.ward,
        files=infos,
        columns=CSV_FIELDS,
        official=official,
        licence=LICENCE,
        folder=DIR,
        site=site,
    )


def human_size(n: int) -> str:
    """'850 byte', '12,3 kB', '1,2 MB' (SI units, Vietnamese decimal comma)."""
    if n < 1000:
        return f"{n} byte"
    value, unit = (n / 1000, "kB") if n < 1_000_000 else (n / 1_000_000, "MB")
    return f"{value:.1f} {unit}".replace(".", ",")


def add_source_documents(output: SiteOutput, content: Content) -> None:
    """Publish the official texts beside the data, at 'van-ban/<file name>'."""
    for document in content.documents:
        output.add_file(source_file_path(document.name), document.data)
