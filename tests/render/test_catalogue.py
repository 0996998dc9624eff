"""The list of the information the site publishes (Luật Tiếp cận thông tin, art. 19(1)(g)):
drawn from the build's own outputs, every output one kind's, published as data too."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json

import pytest

from generator.disclosure.catalogue import (
    CATALOGUE_FIELDS,
    CATALOGUE_FILE,
    KINDS,
    catalogue,
    kinds_of,
)
from generator.domain.model import Content
from generator.load.content import load_content
from generator.output import SiteInfo, SiteOutput
from generator.site import render_site

from ..conftest import CONTENT, MINI

AS_OF = dt.date(2026, 3, 1)
SITE = SiteInfo("https://example.org/ctct/", AS_OF)


def build(content: Content) -> SiteOutput:
    return render_site(content, SITE)


@pytest.fixture(scope="module", params=[MINI, CONTENT], ids=["mini", "year"])
def content(request) -> Content:
    return load_content(request.param, AS_OF, history=False)


@pytest.fixture(scope="module")
def output(content) -> SiteOutput:
    return build(content)


def listed(output: SiteOutput) -> list[dict[str, str]]:
    data = output.files["du-lieu/" + CATALOGUE_FILE].decode("utf-8-sig")
    return list(csv.DictReader(data.splitlines()))


def test_every_output_of_the_build_is_one_kind_of_the_list(output):
    """A new kind of output (a page, a feed, a file) fails here until the list has its row."""
    unclaimed = [p for p in output.paths if not kinds_of(p)]
    twice = {p: [k.id for k in kinds_of(p)] for p in output.paths if len(kinds_of(p)) > 1}
    assert not unclaimed, f"thêm một dòng vào disclosure/catalogue.KINDS cho: {unclaimed}"
    assert not twice


def test_a_new_output_without_a_row_is_noticed(content):
    output = build(content)
    output.add_page(dataclasses.replace(output.pages[0], path="bao-cao-moi/index.md"))
    assert [p for p in output.paths if not kinds_of(p)] == ["bao-cao-moi/index.html"]


def test_the_list_shows_every_kind_the_outputs_hold_and_no_other(output):
    present = {kinds_of(p)[0].id for p in output.paths}
    assert [row["Mã"] for row in listed(output)] == [k.id for k in KINDS if k.id in present]


def test_the_page_and_the_data_say_the_same(output):
    page = next(p for p in output.pages if p.path == "danh-muc-thong-tin/index.md")
    for row in listed(output):
        assert f'id="{row["Mã"]}"' in page.body
        for column in ("Hình thức", "Thời điểm công khai", "Thời hạn công khai"):
            assert row[column] in page.body.replace("&#34;", '"'), (row["Mã"], column)
        assert all(a.startswith(SITE.url) for a in row["Địa chỉ"].split(", "))


def test_the_list_is_a_resource_of_the_data_package_with_its_schema(output):
    package = json.loads(output.files["du-lieu/datapackage.json"])
    resource = next(r for r in package["resources"] if r["path"] == CATALOGUE_FILE)
    names = [f["name"] for f in resource["schema"]["fields"]]
    assert names == [f.name for f in CATALOGUE_FIELDS] == list(listed(output)[0])


def test_when_comes_from_the_data_never_the_clock(content):
    """The issue date, else 'not stated'; the latest report's day, else 'none yet'."""
    programme = content.programmes[-1]
    undated = dataclasses.replace(programme, issued_on=None)
    plain = dataclasses.replace(content, programmes=(undated,), changes=())
    for row in catalogue(plain, ["nhiem-vu/x/index.html", "tien-do/index.html"]):
        if row.kind.id == "nhiem-vu":
            assert row.when == f"{programme.title}: văn bản không ghi ngày ban hành"
    dated = dataclasses.replace(programme, issued_on=dt.date(2026, 1, 5))
    rows = catalogue(dataclasses.replace(plain, programmes=(dated,)), ["nhiem-vu/x/index.html"])
    assert next(r for r in rows if r.kind.id == "nhiem-vu").when.endswith("ngày 05/01/2026")
    days = [r.reported_on for t in content.tasks for r in t.reports]
    progress = next(r for r in catalogue(content, ["tien-do/index.html"]) if r.kind.id == "tien-do")
    expected = f"ngày {max(days):%d/%m/%Y}" if days else "Chưa có báo cáo tiến độ"
    assert progress.when.endswith(expected)
