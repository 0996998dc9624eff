"""The province's open data and feed, from the wards' digests: pure, byte-identical for the
same digests.

    du-lieu/tinh.json         every ward (with its counts) and every task, each task naming
                              its ward and the ward's official administrative unit code, with
                              its overdue flag and report dates (`wardparts.task_standing`)
    du-lieu/tinh.csv          one row per task of every ward: the ward's columns, then the
                              ward's own CSV columns (`opendata.csvdata.CSV_FIELDS`); a task
                              is known by its ward and its id together (`TASK_KEY`)
    du-lieu/phuong.csv        one row per ward: what the portal's table shows
    du-lieu/datapackage.json  a Frictionless Data Package describing the three
    thay-doi/atom.xml         every ward's changes and progress reports, newest first
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import replace
from typing import Any

from generator.feeds.atom import DatedFeed
from generator.opendata.csvdata import CSV_FIELDS, CsvField
from generator.opendata.page import LICENCE
from generator.output import SiteInfo
from generator.province.digest import WardDigest
from generator.province.wardparts import WARD_FIELDS, csv_lines, json_text, ward_cells

DATA_DIR = "du-lieu/"
JSON_FILE, TASKS_CSV, WARDS_CSV, PACKAGE_FILE = (
    DATA_DIR + "tinh.json",
    DATA_DIR + "tinh.csv",
    DATA_DIR + "phuong.csv",
    DATA_DIR + "datapackage.json",
)
FEED = "thay-doi/atom.xml"
COUNT_FIELDS = (
    CsvField(
        "Năm",
        "integer",
        "Năm của chương trình hiện hành: năm của ngày tính số liệu, "
        "hoặc năm mới nhất nếu phường chưa có chương trình năm đó",
        "current programme's year: the year of the figures' date, else the newest",
    ),
    CsvField("Nhiệm vụ", "integer", "Số nhiệm vụ của chương trình đó", "its tasks"),
    CsvField("Đã báo cáo", "integer", "Số nhiệm vụ đã có báo cáo tiến độ", "tasks reported"),
    CsvField("Quá hạn", "integer", "Quá hạn, chưa báo cáo hoàn thành", "overdue tasks"),
    CsvField("Báo cáo gần nhất", "date", "Ngày của báo cáo tiến độ mới nhất", "last report"),
    CsvField("Địa chỉ trang", "string", "Trang của phường", "ward site", (("format", "uri"),)),
)


WARD_KEY = WARD_FIELDS[0].name
"""phuong.csv's primary key: the ward id."""
TASK_KEY = (WARD_KEY, CSV_FIELDS[0].name)
"""tinh.csv's primary key: the ward id and the task id (each ward numbers its own tasks)."""
TASK_ID = replace(CSV_FIELDS[0], extra=(("constraints", {"required": True}),))
"""The task id column of tinh.csv: unique within its ward only."""
TASK_FIELDS = (*WARD_FIELDS, TASK_ID, *CSV_FIELDS[1:])


def data_files(province: str, wards: list[WardDigest], site: SiteInfo) -> dict[str, bytes]:
    """The wards' tasks are joined from each ward's part (`wardparts`), as the worker wrote it."""
    files = {
        JSON_FILE: province_json(province, wards, site),
        TASKS_CSV: _csv(TASK_FIELDS, "".join(w.task_lines for w in wards)),
        WARDS_CSV: _csv(
            WARD_FIELDS + COUNT_FIELDS, csv_lines(_ward_row(w) + _counts(w) for w in wards)
        ),
    }
    files[PACKAGE_FILE] = _json(package(province, site, files))
    return files


def province_json(province: str, wards: list[WardDigest], site: SiteInfo) -> bytes:
    """{"province", "as_of", "wards": [...], "tasks": [...]}, compact: the tasks are the
    wards' items as they are."""
    head = json_text(
        {"province": province, "as_of": site.as_of.isoformat(), "wards": _wards(wards)}
    )
    tasks = ",".join(w.task_items for w in wards if w.task_items)
    return f'{head[:-1]},"tasks":[{tasks}]}}\n'.encode()


def _wards(wards: list[WardDigest]) -> list[dict[str, Any]]:
    return [
        {
            "id": w.id, "name": w.name, "kind": w.kind, "city": w.city, "issuer": w.issuer,
            "code": w.code or None, "url": w.url, "year": w.year, "tasks": w.tasks,
            "reported": w.reported, "overdue": w.overdue, "last_report": w.last_report or None,
        }
        for w in wards
    ]  # fmt: skip


def package(province: str, site: SiteInfo, files: dict[str, bytes]) -> dict[str, Any]:
    def table(
        path: str, name: str, title: str, fields: tuple[CsvField, ...], key: tuple[str, ...]
    ) -> dict[str, Any]:
        return {
            "name": name, "path": path.removeprefix(DATA_DIR), "type": "table",
            "profile": "tabular-data-resource", "title": title, "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8-sig",
            "schema": {"fields": [f.table_schema() for f in fields], "primaryKey": list(key),
                       "missingValues": [""]},
        }  # fmt: skip

    tasks = table(TASKS_CSV, "nhiem-vu-csv", "Nhiệm vụ của mọi phường, xã / every ward's tasks",
                  TASK_FIELDS, TASK_KEY)  # fmt: skip
    tasks["schema"]["foreignKeys"] = [
        {"fields": [WARD_KEY], "reference": {"resource": "phuong-csv", "fields": [WARD_KEY]}}
    ]
    resources = [
        tasks,
        table(WARDS_CSV, "phuong-csv", "Các phường, xã / the wards", WARD_FIELDS + COUNT_FIELDS,
              (WARD_KEY,)),
        {"name": "tinh-json", "path": JSON_FILE.removeprefix(DATA_DIR), "type": "json",
         "profile": "data-resource", "title": "Phường, xã và nhiệm vụ / wards and tasks",
         "format": "json", "mediatype": "application/json", "encoding": "utf-8"},
    ]  # fmt: skip
    for resource in resources:
        data = files[DATA_DIR + resource["path"]]
        resource.update(bytes=len(data), hash="sha256:" + hashlib.sha256(data).hexdigest())
    return {
        "profile": "data-package",
        "name": "chuong-trinh-cong-tac-tinh",
        "title": f"Chương trình công tác các phường, xã – {province}",
        "homepage": site.absolute(""),
        "licenses": [LICENCE],
        "resources": resources,
    }


def change_feed(province: str, wards: list[WardDigest], site: SiteInfo) -> bytes:
    """Every announced change of every ward, newest first; ids as in the wards' own feeds."""
    entries = sorted(
        (
            (when, title, link, text, uid)
            for w in wards
            for when, title, link, text, uid in w.changes
        ),
        key=lambda entry: (entry[0], entry[4]),
        reverse=True,
    )
    feed = DatedFeed(
        title=f"Thay đổi – các phường, xã {province}",
        link=site.absolute(""),
        description="Điều chỉnh chương trình công tác và báo cáo tiến độ của các phường, xã "
        f"{province}.",
        language="vi",
        feed_url=site.absolute(FEED),
        feed_guid="urn:uuid:" + _uuid(f"province/{province}"),
        empty_updated=dt.datetime(site.as_of.year, 1, 1, tzinfo=dt.UTC),
    )
    for when, title, link, text, uid in entries:
        moment = dt.datetime.fromisoformat(when)
        feed.add_item(title=title, link=link, description=text, unique_id=uid,
                      updateddate=moment, pubdate=moment)  # fmt: skip
    return feed.writeString("utf-8").encode("utf-8")


def _uuid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "ctct:" + name))


def _ward_row(w: WardDigest) -> tuple[str, ...]:
    return ward_cells(w.id, w.code, w.place)


def _counts(w: WardDigest) -> tuple[str, ...]:
    return (str(w.year), str(w.tasks), str(w.reported), str(w.overdue), w.last_report, w.url)


def _csv(fields: tuple[CsvField, ...], lines: str) -> bytes:
    """A header of the fields' names, then the lines (`wardparts.csv_lines`)."""
    return (csv_lines([tuple(f.name for f in fields)]) + lines).encode("utf-8-sig")


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode()
