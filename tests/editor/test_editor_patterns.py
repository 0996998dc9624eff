"""The editor's field patterns are the loader's rules: the form refuses what `check` refuses."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from generator.common.dates import DateError, parse_date, parse_deadline
from generator.editor import fields as ed
from generator.load.fields import is_identifier, url_problem

from ..conftest import ROOT


def matches(pattern: list[str], value: str) -> bool:
    """As Decap tests a field: `RegExp(pattern).test(value)` (these patterns read alike)."""
    return re.search(pattern[0], value) is not None


IDS = ["2026-01-10-1", "a", "ban-chi-huy", "A-1", "2026--01", "-x", "x-", "ủy-ban", "a b", "a" * 81]


@pytest.mark.parametrize("value", IDS)
def test_id_pattern_is_the_loaders_rule(value):
    assert matches(ed.ID, value) is is_identifier(value)


DATES = [
    "15/01/2026",
    "1/3/2026",
    "2026-01-15",
    "31/02/2026",
    "29/02/2028",
    "29/02/2026",
    "2026-02-30",
    "00/01/2026",
    "1/13/2026",
    "31/12/1944",
    "01/01/1945",
    "31/12/2100",
    "01/01/2101",
    "15-01-2026",
    "15/1/26",
    "2026-1-5",
    " 15/01/2026 ",
    "hôm nay",
    "",
]
SCRIPT = ROOT / "generator" / "editor" / "static" / "ctct-editor.js"


def python_rule(value: str) -> str | None:
    try:
        return parse_date(value).isoformat()
    except DateError:
        return None


def test_the_editors_date_rule_is_checks_rule_run_in_node():
    """The script's `readDate` (run in Node) reads each case as `parse_date` does."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is not installed – under CI the editor's rules must be tested")
        pytest.skip("node is not installed")
    years = ed.DATE_WIDGET["years"]
    code = (
        "const r=require(process.argv[1]);const [cases,years]=JSON.parse(process.argv[2]);"
        "console.log(JSON.stringify(cases.map(c=>r.readDate(c,years,false))))"
    )
    out = subprocess.run(
        [node, "-e", code, str(SCRIPT), json.dumps([DATES, years])],
        capture_output=True,
        text=True,
        check=True,
    )
    assert dict(zip(DATES, json.loads(out.stdout), strict=True)) == {
        value: python_rule(value) for value in DATES
    }
    assert python_rule("31/02/2026") is None  # the cases can fail


DEADLINES = [
    "15/01/2026",
    "10-20/3/2026",
    "10 – 20/3/2026",
    "28/2-3/3/2026",
    "28/02/2026 - 03/03/2026",
    "theo KH",
    "Theo kế hoạch",
    "theo kh.",
    "trước Tết",
    "15/01",
    "2026",
]


@pytest.mark.parametrize("value", DEADLINES)
def test_deadline_pattern_accepts_what_check_reads(value):
    try:
        parse_deadline(value)
        readable = True
    except DateError:
        readable = False
    if matches(ed.DEADLINE, value):
        assert readable, value
    else:
        assert not readable, value


LINKS = [
    "https://haiphong.gov.vn/van-ban/12",
    "https://haiphong.gov.vn",
    "https://a.b/x?y=1#z",
    "http://haiphong.gov.vn/x",
    "https://localhost/x",
    "https://user@haiphong.gov.vn/",
    "https://haiphong.gov.vn/a b",
    'https://haiphong.gov.vn/"x',
    "javascript:alert(1)",
    "https://.gov.vn/",
]


@pytest.mark.parametrize("value", LINKS)
def test_link_pattern_is_the_loaders_rule(value):
    assert matches(ed.HTTPS, value) is (url_problem(value) is None)


@pytest.mark.parametrize("value", ["Bình Minh", "Hải Phòng", "A & B", "<b>", 'x"y', "a`b"])
def test_plain_name_pattern_refuses_markup_characters(value):
    assert matches(ed.PLAIN_NAME, value) is not any(c in value for c in "<>\"'&`")


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("10-25/3/2026", True),
        ("theo KH", True),
        ("28/12/2025 - 10/01/2026", True),  # due in the programme's year
        ("10-25/3/2025", False),
        ("25/03/2024", False),
        ("15/01/1945", False),
    ],
)
def test_an_amendment_deadline_before_the_programme_year_is_refused(value, accepted):
    pattern = ed.deadline_from(2026)
    assert matches(pattern, value) is accepted
    assert "2026" in pattern[1] and "2025" not in pattern[1]
