"""Open data: CSV (BOM, one row per task), JSON against its schema, the Data Package, JSON-LD."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from generator.domain.model import Content, Programme
from generator.load.content import load_content
from generator.opendata.csvdata import CSV_FIELDS
from generator.opendata.export import content_to_data, to_json
from generator.opendata.page import add_open_data, export_schema, human_size, official_url
from generator.output import SiteInfo, SiteOutput
from generator.render.jsonld import task_jsonld

ROOT = Path(__file__).parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
AS_OF = dt.date(2026, 3, 1)
SITE = SiteInfo("https://example.org/ctct/", AS_OF)
HOSTILE = '</script><script>alert(1)</script> <!-- "trích", dấu phẩy\r\ndòng mới & <b>'


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(MINI, AS_OF, history=False)


def build(content: Content) -> SiteOutput:
    output = SiteOutput()
    add_open_data(output, content, SITE)
    return output


@pytest.fixture(scope="module")
def output(content: Content) -> SiteOutput:
    return build(content)


def with_first_task_content(content: Content, text: str) -> Content:
    """The content with the first task's wording replaced (to try hostile text)."""
    programme = content.programmes[0]
    month = programme.months[0]
    first = dataclasses.replace(month.tasks[0], content=text)
    month = dataclasses.replace(month, tasks=(first, *month.tasks[1:]))
    programme = dataclasses.replace(programme, months=(month, *programme.months[1:]))
    return Content(content.ward, content.units, (programme, *content.programmes[1:]))


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(data.decode("utf-8-sig").splitlines(keepends=True)))


def validator() -> Draft202012Validator:
    schema = json.loads(export_schema())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


# Files --------------------------------------------------------------------------------------


def test_files_and_page(output: SiteOutput, content: Content) -> None:
    assert sorted(output.files) == [
        "du-lieu/chuong-trinh.csv",
        "du-lieu/chuong-trinh.json",
        "du-lieu/chuong-trinh.schema.json",
        "du-lieu/danh-muc-thong-tin.csv",
        "du-lieu/datapackage.json",
        "du-lieu/lich-su.csv",
    ]
    assert output.files["du-lieu/chuong-trinh.json"] == to_json(content).encode("utf-8")
    assert (
        output.files["du-lieu/chuong-trinh.schema.json"]
        == (ROOT / "generator" / "opendata" / "schema" / "chuong-trinh.schema.json").read_bytes()
    )
    assert [p.path for p in output.pages] == ["du-lieu/index.md"]


def test_output_is_deterministic(content: Content, output: SiteOutput) -> None:
    again = build(content)
    assert again.files == output.files
    assert again.pages[0].body == output.pages[0].body


# CSV ----------------------------------------------------------------------------------------


def test_csv_has_bom_crlf_and_one_row_per_task(output: SiteOutput, content: Content) -> None:
    data = output.files["du-lieu/chuong-trinh.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    rows = read_csv(data)
    assert rows[0] == [f.name for f in CSV_FIELDS]
    assert [row[0] for row in rows[1:]] == [t.id for t in content.tasks]
    assert all(len(row) == len(CSV_FIELDS) for row in rows)


def test_csv_opens_with_vietnamese_characters(output: SiteOutput, tmp_path: Path) -> None:
    path = tmp_path / "chuong-trinh.csv"
    path.write_bytes(output.files["du-lieu/chuong-trinh.csv"])
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    first = rows[0]
    assert list(first)[0] == "Mã"  # the BOM is not glued to the first header
    assert first["Nội dung"] == "Kế hoạch cải cách hành chính năm 2026"
    assert first["Đơn vị chủ trì"] == "Phòng Văn hóa - Xã hội"
    assert first["Trạng thái"] == "Đã hoàn thành"
    assert first["Ngày hoàn thành"] == "2026-01-14"
    assert first["Văn bản kết quả"] == "Kế hoạch số 12/KH-UBND ngày 14/01/2026"
    assert first["Địa chỉ trang"] == "https://example.org/ctct/nhiem-vu/2026-01-01/"
    by_id = {row["Mã"]: row for row in rows}
    assert by_id["2026-01-02"]["Trạng thái"] == "Chưa cập nhật tiến độ"
    assert by_id["2026-01-02-1"]["Mã mục cha"] == "2026-01-02"
    assert by_id["2026-01-02-1"]["Loại thời hạn"] == "Khoảng ngày"
    assert (by_id["2026-01-02-1"]["Từ ngày"], by_id["2026-01-02-1"]["Đến ngày"]) == (
        "2026-01-10",
        "2026-01-20",
    )
    assert by_id["2026-01-03"]["Loại thời hạn"] == "Theo kế hoạch"
    assert by_id["2026-01-03"]["Đến ngày"] == ""
    assert "«25/02/2025», đọc là «25/02/2026»" in by_id["2026-02-01"]["Đính chính"]


def test_csv_keeps_hostile_text_exactly(content: Content) -> None:
    data = build(with_first_task_content(content, HOSTILE)).files["du-lieu/chuong-trinh.csv"]
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines(keepends=True)))
    assert rows[1][5] == HOSTILE
    assert len(rows) == len(content.tasks) + 1


# JSON and its schema ------------------------------------------------------------------------


def test_json_validates_against_the_schema(output: SiteOutput) -> None:
    data = json.loads(output.files["du-lieu/chuong-trinh.json"])
    assert list(validator().iter_errors(data)) == []


def test_any_wards_content_validates_against_the_schema(ward_content) -> None:
    data = content_to_data(load_content(ward_content))
    assert list(validator().iter_errors(data)) == []


def test_the_wards_official_code_is_in_its_data_when_given(content: Content) -> None:
    coded = dataclasses.replace(content, ward=dataclasses.replace(content.ward, code="31006"))
    for given, expected in ((content, None), (coded, "31006")):
        data = content_to_data(given)
        assert data["ward"]["code"] == expected
        assert list(validator().iter_errors(data)) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("tasks", 0, "progress", "status"), "finished"),
        (("tasks", 0, "progress", "done_on"), "14/01/2026"),
        (("tasks", 1, "unknown"), 1),
        (("tasks", 0, "deadline", "end"), None),
        (("tasks", 0, "progress", "done_on"), None),
        (("schema_version",), "2.0"),
        (("ward", "code"), "3100"),
    ],
)
def test_schema_rejects_what_the_export_never_writes(content: Content, path, value) -> None:
    data = content_to_data(content)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert list(validator().iter_errors(data)) != []


def test_every_schema_property_is_described_in_both_languages() -> None:
    schema = json.loads(export_schema())
    missing = []

    def walk(node, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                described = "description" in sub or "$ref" in sub and "/$defs/" in sub["$ref"]
                if not described:
                    missing.append(f"{where}.{name}")
            if " / " not in node.get("description", " / "):
                missing.append(f"{where} (one language)")
            for key, sub in node.items():
                if key not in ("if", "then", "else"):  # conditions restate described fields
                    walk(sub, f"{where}.{key}")
        elif isinstance(node, list):
            for sub in node:
                walk(sub, where)

    walk(schema, "$")
    assert missing == []


# Data Package -------------------------------------------------------------------------------


def is_valid(value: str, kind: str) -> bool:
    try:
        {"integer": int, "date": dt.date.fromisoformat, "string": str}[kind](value)
    except ValueError:
        return False
    return kind != "integer" or str(int(value)) == value


def test_datapackage_describes_both_files(output: SiteOutput) -> None:
    package = json.loads(output.files["du-lieu/datapackage.json"])
    assert re.fullmatch(r"[a-z0-9._-]+", package["name"])
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["sources"] and all(s["title"] for s in package["sources"])
    resources = {r["name"]: r for r in package["resources"]}
    assert {r["path"] for r in resources.values()} == {
        "chuong-trinh.csv",
        "lich-su.csv",
        "danh-muc-thong-tin.csv",
        "chuong-trinh.json",
        "chuong-trinh.schema.json",
    }
    for resource in resources.values():
        data = output.files["du-lieu/" + resource["path"]]
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert re.fullmatch(r"[a-z0-9._-]+", resource["name"])
    table = resources["chuong-trinh-csv"]
    assert (table["format"], table["mediatype"], table["encoding"]) == (
        "csv",
        "text/csv",
        "utf-8-sig",
    )
    assert table["dialect"]["lineTerminator"] == "\r\n" and table["dialect"]["header"] is True
    document = resources["chuong-trinh-json"]
    assert (document["format"], document["mediatype"], document["encoding"]) == (
        "json",
        "application/json",
        "utf-8",
    )


def test_datapackage_fields_match_the_csv(output: SiteOutput) -> None:
    package = json.loads(output.files["du-lieu/datapackage.json"])
    table = next(r for r in package["resources"] if r["path"] == "chuong-trinh.csv")
    fields = table["schema"]["fields"]
    rows = read_csv(output.files["du-lieu/chuong-trinh.csv"])
    assert [f["name"] for f in fields] == rows[0]
    assert {f["type"] for f in fields} <= {"string", "integer", "date"}
    missing = table["schema"]["missingValues"]
    for row in rows[1:]:
        for field, value in zip(fields, row, strict=True):
            constraints = field.get("constraints", {})
            if value in missing:
                assert not constraints.get("required"), field["name"]
                continue
            assert is_valid(value, field["type"]), (field["name"], value)
            if "enum" in constraints:
                assert value in constraints["enum"], (field["name"], value)
    keys = [row[0] for row in rows[1:]]
    assert len(set(keys)) == len(keys) and table["schema"]["primaryKey"] == ["Mã"]


# The page -----------------------------------------------------------------------------------


def test_page_explains_and_links_every_file(output: SiteOutput, content: Content) -> None:
    body = output.pages[0].body
    for name in (
        "chuong-trinh.csv",
        "chuong-trinh.json",
        "chuong-trinh.schema.json",
        "datapackage.json",
    ):
        assert f'href="../du-lieu/{name}"' in body
    assert f"{len(content.tasks)} dòng, mỗi nhiệm vụ một dòng" in body
    assert "Creative Commons Attribution 4.0 (CC BY 4.0)" in body
    assert "https://creativecommons.org/licenses/by/4.0/" in body
    assert "Bản giấy lưu tại Văn phòng HĐND và UBND phường" in body
    assert "số 03/CTr-UBND" in body


def test_official_document_link() -> None:
    def programme(where: str) -> Programme:
        return Programme(
            "2026", 2026, "", "", "", None, where, (), "", (), (), (), "", (), None, None
        )

    assert official_url(programme("https://example.gov.vn/ctct.pdf")) == (
        "https://example.gov.vn/ctct.pdf"
    )
    assert official_url(programme("content/sources/ctct-2026.txt")) == "van-ban/ctct-2026.txt"
    assert official_url(programme("Bản giấy lưu tại Văn phòng")) is None


def test_human_size() -> None:
    assert human_size(850) == "850 byte"
    assert human_size(12_345) == "12,3 kB"
    assert human_size(1_234_567) == "1,2 MB"


# JSON-LD ------------------------------------------------------------------------------------


def jsonld(html: str) -> dict:
    match = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', html, re.S)
    assert match, html
    return json.loads(match[1])


def test_task_jsonld_describes_the_task(content: Content) -> None:
    done, open_task = content.tasks[0], content.tasks[1]
    data = jsonld(str(task_jsonld(done, content, SITE)))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Action"
    assert data["name"] == "Kế hoạch cải cách hành chính năm 2026"
    assert data["url"] == "https://example.org/ctct/nhiem-vu/2026-01-01/"
    assert data["agent"]["@type"] == "GovernmentOrganization"
    assert data["agent"]["name"] == "Phòng Văn hóa - Xã hội"
    assert data["agent"]["parentOrganization"]["name"] == "Ủy ban nhân dân phường An Biên"
    assert data["actionStatus"] == "https://schema.org/CompletedActionStatus"
    assert data["endTime"] == "2026-01-14"
    assert data["result"]["name"] == "Kế hoạch số 12/KH-UBND ngày 14/01/2026"
    other = jsonld(str(task_jsonld(open_task, content, SITE)))
    assert "actionStatus" not in other  # no record: no status is invented
    assert other["endTime"] == "2026-01-20"
    ranged = jsonld(str(task_jsonld(content.tasks[2], content, SITE)))
    assert (ranged["startTime"], ranged["endTime"]) == ("2026-01-10", "2026-01-20")
    per_plan = jsonld(str(task_jsonld(content.tasks[3], content, SITE)))
    assert "endTime" not in per_plan and "agent" not in per_plan


def test_task_jsonld_cannot_be_broken_by_content(content: Content) -> None:
    hostile = with_first_task_content(content, HOSTILE)
    html = task_jsonld(hostile.tasks[0], hostile, SITE)
    assert hasattr(html, "__html__")  # Markup: Jinja prints it as is
    inner = str(html).removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not re.search(r"[<>&]", inner)
    assert str(html).count("</script>") == 1
    assert jsonld(str(html))["name"] == HOSTILE
