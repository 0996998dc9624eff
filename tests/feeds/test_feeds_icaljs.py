"""Every feed read whole by ical.js, the parser of Thunderbird and many web calendars.

ical.js is pinned in tests/js/package.json and package-lock.json; `make test` installs it with
`npm ci` when node is present. Without node or the package the test is skipped on a developer's
machine and fails under CI (`CI=true`), where `.ci/run` installs node first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest

from generator.domain.model import Cadence, MeetingSchedule
from generator.load.content import load_content

from ..conftest import MINI, ROOT
from ..helpers import AS_OF, feeds_of, unescape, with_meetings

JS = ROOT / "tests" / "js"


@pytest.fixture(scope="module")
def content():
    return load_content(MINI, AS_OF, history=False)


@pytest.fixture(scope="module")
def icaljs():
    """Run ical.js over files; a missing node or package skips, or fails under CI."""
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "ical.js").is_dir():
        missing = "node is not installed" if node is None else "ical.js is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} – under CI a missing parser is a failure", pytrace=False)
        pytest.skip(f"{missing} (make test runs `npm ci --prefix tests/js` when node exists)")

    def parse(files: dict[str, bytes], folder: Path) -> dict[str, dict]:
        for path, data in files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
        done = subprocess.run(
            [node, str(JS / "parse.mjs"), *files],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout)

    return parse


def hostile(content):
    """The fixture with a unit name full of what TEXT must escape, and a meeting on the 31st."""
    name = "Phòng Kinh tế, Hạ tầng; và\\Đô thị\nmới"
    units = tuple(
        dataclasses.replace(u, name=name, short="KT, HT; ĐT") if u.id == "tram-y-te" else u
        for u in content.units
    )
    meeting = MeetingSchedule(dt.date(2026, 1, 31), dt.time(8, 0), 60)
    return dataclasses.replace(with_meetings(content, meeting, Cadence.MONTHLY), units=units)


@pytest.mark.parametrize("variant", ["fixture", "hostile"])
def test_every_feed_parses_whole_with_icaljs(icaljs, content, tmp_path, variant):
    files = feeds_of(content if variant == "fixture" else hostile(content))
    read = icaljs(files, tmp_path)
    assert read.keys() == files.keys()
    for path, data in files.items():
        cal = icalendar.Calendar.from_ical(data)
        mine = cal.walk("VEVENT")
        theirs = read[path]["events"]
        assert [e["uid"] for e in theirs] == [str(e["UID"]) for e in mine], path
        assert [e["summary"] for e in theirs] == [str(e["SUMMARY"]) for e in mine], path
        assert [e["description"] for e in theirs] == [str(e["DESCRIPTION"]) for e in mine], path
        assert [e["sequence"] for e in theirs] == [int(e["SEQUENCE"]) for e in mine], path
        if "X-WR-CALNAME" in cal:
            for key, prop in (
                ("name", "NAME"),
                ("calname", "X-WR-CALNAME"),
                ("caldesc", "X-WR-CALDESC"),
            ):
                assert read[path][key] == unescape(cal[prop]), (path, key)
            assert read[path]["description"] == str(cal["DESCRIPTION"]), path
        else:
            assert read[path]["calname"] is None and read[path]["name"] is None, path
    if variant == "hostile":
        assert read["lich/tram-y-te.ics"]["calname"].endswith("Hạ tầng; và\\Đô thị\nmới")
        starts = read["lich/giao-ban.ics"]["events"][0]["starts"]
        assert [s[8:10] for s in starts] == [
            "31",
            "28",
            "31",
            "30",
            "31",
            "30",
            "31",
            "31",
            "30",
            "31",
            "30",
            "31",
        ]
