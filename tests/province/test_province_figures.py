"""The portal's figures are the wards' own: each ward's current programme counted as its own
site counts it, every year's tasks searchable, the administration's words known, the open data
valid against its own Data Package, and no two wards the portal cannot tell apart."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from generator.output import SiteInfo
from generator.province import manifest
from generator.province.digest import WardDigest
from generator.province.distinct import clashes
from generator.province.portal import PORTAL_PAGE, PortalAssets, render_portal
from generator.province.provincefile import Province, read_province
from generator.search.text import shard_of, terms, words

from ..conftest import AS_OF, MINI
from ..helpers import edit_file
from ..province_kit import build_all, make_province, state_of, with_next_year

BUILD_YEAR = 2026
"""The year of the province kit's build day (`province_kit.PROVINCE_EPOCH`)."""


@pytest.fixture(scope="module")
def two_years(tmp_path_factory) -> Path:
    """One ward with this year's programme only, one that has imported next year's too."""
    root = tmp_path_factory.mktemp("hai-nam")
    both = with_next_year(MINI, root / "both")
    wards = {"mot-nam": ("An Biên", MINI, "31006"), "hai-nam": ("Đông Hưng", both, "31007")}
    site = root / "site"
    done = build_all(make_province(root / "repo", wards), site)
    assert done.returncode == 0, done.stderr
    return site


def _own_figures(ward_site: Path) -> dict[str, int]:
    """The ward's figures as its own site shows them: the year and the overdue tasks on
    /tien-do/, the tasks and those without a report in the home page's chart."""
    progress = (ward_site / "tien-do" / "index.html").read_text(encoding="utf-8")
    home = (ward_site / "index.html").read_text(encoding="utf-8")
    overdue = re.search(r'<h2 id="qua-han">[^<]*<span class="ctct-count">\((\d+)\)', progress)
    chart = re.search(r"Tổng số <strong>(\d+)</strong> nhiệm vụ ·[^<]*tiến độ: (\d+)/", home)
    return {
        "year": int(re.search(r"<h1>Tiến độ năm (\d{4})", progress)[1]),
        "tasks": int(chart[1]),
        "reported": int(chart[1]) - int(chart[2]),
        "overdue": int(overdue[1]),
    }


def _portal_row(site: Path, ward_id: str) -> dict[str, int]:
    page = (site / "index.html").read_text(encoding="utf-8")
    row = re.search(rf'<tr[^>]*><th scope="row"><a href="{ward_id}/">.*?</tr>', page)[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    return dict(zip(("year", "tasks", "reported", "overdue"), map(int, cells[1:5]), strict=True))


@pytest.mark.parametrize("ward_id", ["mot-nam", "hai-nam"])
def test_each_ward_is_counted_as_its_own_progress_page_counts_it(two_years, ward_id):
    own = _own_figures(two_years / ward_id)
    assert own["year"] == BUILD_YEAR and own["overdue"] > 0 and own["reported"] > 0
    assert _portal_row(two_years, ward_id) == own
    wards = json.loads((two_years / "du-lieu" / "tinh.json").read_text(encoding="utf-8"))["wards"]
    ward = next(w for w in wards if w["id"] == ward_id)
    assert {k: ward[k] for k in own} == own
    rows = csv.DictReader(
        io.StringIO((two_years / "du-lieu" / "phuong.csv").read_text("utf-8-sig"))
    )
    row = next(r for r in rows if r["Mã phường"] == ward_id)
    assert [row["Năm"], row["Nhiệm vụ"], row["Đã báo cáo"], row["Quá hạn"]] == [
        str(own[k]) for k in ("year", "tasks", "reported", "overdue")
    ]


def _portal_results(site: Path) -> list[str]:
    """The address of every result of the portal's search, in index order."""
    search = site / "tim-kiem"
    count = json.loads((search / "chi-muc.json").read_text(encoding="utf-8"))["docs"]
    return [json.loads((search / "d" / f"{n}.json").read_text("utf-8"))[0] for n in range(count)]


def _portal_finds(site: Path, query: str) -> set[str]:
    """The results holding every word of `query`, read from the portal's index files as
    search.js reads them (`generator/search/index.py`)."""
    search = site / "tim-kiem"
    shards = json.loads((search / "chi-muc.json").read_text(encoding="utf-8"))["shards"]
    results, found = _portal_results(site), None
    for term in terms(words(query)):
        part = json.loads((search / "t" / f"{shard_of(term, shards)}.json").read_text("utf-8"))
        docs, doc = set(), 0
        for step, *_ in part.get(term, [[], []])[1]:
            doc += step
            docs.add(doc)
        found = docs if found is None else found & docs
    return {results[n] for n in found or ()}


def test_every_years_tasks_stay_searchable_and_in_the_data(two_years):
    results = _portal_results(two_years)
    for year in (BUILD_YEAR, BUILD_YEAR + 1):
        assert f"hai-nam/nhiem-vu/{year}-01-01/" in results
    assert results.index("hai-nam/nhiem-vu/2026-01-01/") < results.index(
        "hai-nam/nhiem-vu/2027-01-01/"
    ), "the current year's first"
    assert "mot-nam/nhiem-vu/2027-01-01/" not in results
    data = json.loads((two_years / "du-lieu" / "tinh.json").read_text(encoding="utf-8"))
    years = {t["programme"] for t in data["tasks"] if t["ward"] == "hai-nam"}
    assert years == {BUILD_YEAR, BUILD_YEAR + 1}
    rows = csv.DictReader(io.StringIO((two_years / "du-lieu" / "tinh.csv").read_text("utf-8-sig")))
    assert {r["Năm"] for r in rows if r["Mã phường"] == "hai-nam"} == {"2026", "2027"}


@pytest.mark.parametrize(
    ("query", "task"),
    [
        ("gpmb", "hai-nam/nhiem-vu/2027-02-03/"),  # "Giải phóng mặt bằng đường ven sông"
        ("cchc", "hai-nam/nhiem-vu/2026-01-01/"),  # "Kế hoạch cải cách hành chính năm 2026"
        ("cchc", "mot-nam/nhiem-vu/2026-01-01/"),
        ("giai phong mat bang", "hai-nam/nhiem-vu/2027-02-03/"),
    ],
)
def test_the_portal_search_knows_the_administrations_words(two_years, query, task):
    assert task in _portal_finds(two_years, query)


def test_the_province_data_is_valid_against_its_own_data_package(two_years):
    """Task ids repeat across wards (each numbers its own): the key is the ward and the id."""
    from frictionless import validate

    package = json.loads((two_years / "du-lieu" / "datapackage.json").read_text("utf-8"))
    tasks = next(r for r in package["resources"] if r["path"] == "tinh.csv")
    assert tasks["schema"]["primaryKey"] == ["Mã phường", "Mã"]
    report = validate(two_years / "du-lieu" / "datapackage.json")
    errors = [(t.name, e.type, e.note) for t in report.tasks for e in t.errors]
    assert report.valid, errors[:10]
    assert [t.stats["rows"] for t in report.tasks if t.name == "phuong-csv"] == [2]


def test_each_task_says_whether_it_is_overdue_and_when_it_was_reported(two_years):
    data = json.loads((two_years / "du-lieu" / "tinh.json").read_text(encoding="utf-8"))
    tasks = {(t["ward"], t["id"]): t for t in data["tasks"]}
    done = tasks["mot-nam", "2026-01-01"]  # reported on 08/01, done on 14/01 (fixtures/mini)
    assert (done["overdue"], done["last_report"], done["done_on"]) == (
        False,
        "2026-01-14",
        "2026-01-14",
    )
    late = tasks["mot-nam", "2026-01-02"]  # due 20/01/2026, never reported
    assert (late["overdue"], late["last_report"], late["done_on"]) == (True, None, None)
    assert tasks["hai-nam", "2027-01-02"]["overdue"] is False, "next year's is not due"
    for ward in data["wards"]:
        counted = [
            t["overdue"]
            for t in data["tasks"]
            if t["ward"] == ward["id"] and t["programme"] == ward["year"]
        ]
        assert sum(counted) == ward["overdue"]


# --- wards the portal could not tell apart ---------------------------------------------------


def _digests(site: Path) -> list[WardDigest]:
    found = []
    for ward_id in ("mot-nam", "hai-nam"):
        data = json.loads(manifest.digest_path(state_of(site), ward_id).read_text("utf-8"))
        found.append(WardDigest.from_json(data, ward_id, "https://tinh.example.org/"))
    return found


def _province_of(site: Path) -> Province:
    province, problems = read_province(site.parent / "repo")
    assert province is not None, problems
    return province


@pytest.mark.parametrize(
    ("first", "second", "field", "said"),
    [
        (("An Biên", "31006"), ("Đông Hưng", "31006"), "code", "cùng mã đơn vị hành chính 31006"),
        (("An Biên", ""), ("An Biên", ""), "name", "cùng tên"),
        (("An Biên", "31006"), ("an  biên", ""), "name", "cùng tên"),
    ],
)
def test_two_wards_of_one_code_or_one_name_are_named_together(
    two_years, first, second, field, said
):
    mot, hai = _digests(two_years)
    wards = [
        replace(mot, name=first[0], code=first[1]),
        replace(hai, name=second[0], code=second[1]),
    ]
    [problem] = clashes(_province_of(two_years), wards)
    assert problem.field == field and said in problem.message
    assert "(mã phường mot-nam)" in problem.message and "(mã phường hai-nam)" in problem.message
    assert problem.file == "wards/hai-nam/content/ward.yaml"


def test_two_wards_of_one_name_and_two_codes_are_told_apart_by_their_code(two_years):
    mot, hai = _digests(two_years)
    wards = [replace(mot, name="An Biên"), replace(hai, name="An Biên")]
    assert not clashes(_province_of(two_years), wards)
    site = SiteInfo("https://tinh.example.org/", AS_OF)
    page = render_portal("Hải Phòng", wards, [], site, PortalAssets({}))[PORTAL_PAGE].decode()
    rows = re.findall(r'<tr[^>]*><th scope="row"><a .*?</tr>', page)
    assert len(rows) == 2 and rows[0] != rows[1]
    assert ">phường An Biên (mã 31006)</a>" in rows[0]
    assert ">phường An Biên (mã 31007)</a>" in rows[1]


def test_build_all_refuses_two_wards_of_one_code_and_keeps_the_last_portal(tmp_path):
    wards = {"an-bien": ("An Biên", MINI, "31006"), "dong-hung": ("Đông Hưng", MINI, "31007")}
    root = make_province(tmp_path / "repo", wards)
    site = tmp_path / "site"
    assert build_all(root, site).returncode == 0
    portal = (site / "index.html").read_bytes()
    (root / "province.yaml").write_text(
        "name: Hải Phòng\nwards:\n  - id: an-bien\n  - id: dong-hung\n", encoding="utf-8"
    )
    edit_file(root / "wards" / "dong-hung" / "content" / "ward.yaml", "31007", "31006")
    done = build_all(root, site)
    assert done.returncode == 1
    assert (
        "province.yaml:4: code: Lỗi: phường Đông Hưng (mã phường dong-hung) cùng mã đơn vị "
        "hành chính 31006 với phường An Biên (mã phường an-bien)" in done.stderr
    ), done.stderr
    assert "Traceback" not in done.stderr
    assert (site / "index.html").read_bytes() == portal
