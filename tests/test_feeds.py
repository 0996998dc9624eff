"""Calendar feeds and the subscribe page of the fixture programme.

The feeds are compared with golden files in tests/golden/feeds/ (built without git history, so
every stamp is the programme's issue date). After an intended change, rewrite them with
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_feeds.py
and review the diff before committing. Every feed is also parsed with two independent parsers
(icalendar, vobject) and checked byte by byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from urllib.parse import quote

import icalendar
import pytest
import vobject

from generator.feeds.calendars import add_feeds, build_feeds, dated_tasks, task_feed_path
from generator.feeds.ics import fold
from generator.load.content import load_content
from generator.model import Cadence, Content, MeetingSchedule
from generator.output import SiteInfo, SiteOutput

MINI = Path(__file__).parent / "fixtures" / "mini"
GOLDEN = Path(__file__).parent / "golden" / "feeds"
SITE = SiteInfo(url="https://example.org/ctct/", as_of=dt.date(2026, 11, 24))
AS_OF = SITE.as_of


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(MINI, AS_OF, history=False)


@pytest.fixture(scope="module")
def output(content) -> SiteOutput:
    out = SiteOutput()
    add_feeds(out, content, SITE)
    return out


def feeds_of(content: Content) -> dict[str, bytes]:
    out = SiteOutput()
    add_feeds(out, content, SITE)
    return out.files


def events(data: bytes) -> dict[str, str]:
    """The VEVENT blocks of a feed, by UID, as text."""
    blocks = re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data.decode(), re.S)
    return {re.search(r"^UID:(.*)\r$", b, re.M)[1]: b for b in blocks}


def with_meetings(content: Content, meeting: MeetingSchedule | None, cadence=None) -> Content:
    programmes = tuple(
        dataclasses.replace(
            p,
            key_tasks=tuple(
                dataclasses.replace(
                    k, meeting=meeting if k.number == 1 else None, cadence=cadence or k.cadence
                )
                for k in p.key_tasks
            ),
        )
        for p in content.programmes
    )
    return Content(content.ward, content.units, programmes)


# --- golden files, parsers, bytes -------------------------------------------------------------


def test_feeds_match_golden_files(output):
    feeds = {path.removeprefix("lich/"): data for path, data in output.files.items()}
    page = next(p for p in output.pages if p.path == "lich/index.md").body.encode()
    feeds["index.html"] = page
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in feeds.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
        (GOLDEN / ".gitattributes").write_text("* -text\n")
    stored = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert stored - {".gitattributes"} == set(feeds)
    for name, data in feeds.items():
        assert data == (GOLDEN / name).read_bytes(), name


def test_every_feed_parses_with_icalendar_and_vobject(output):
    for path, data in output.files.items():
        cal = icalendar.Calendar.from_ical(data)
        parsed = vobject.readOne(data.decode("utf-8"))
        assert len(cal.walk("VEVENT")) == len(parsed.contents.get("vevent", [])), path
        for event in cal.walk("VEVENT"):
            assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"} <= set(event)


def test_bytes_crlf_folded_utf8_nfc(output):
    for path, data in output.files.items():
        text = data.decode("utf-8")  # valid UTF-8 or raises
        assert data.endswith(b"\r\n"), path
        assert b"\n" not in data.replace(b"\r\n", b""), path
        assert b"\r" not in data.replace(b"\r\n", b""), path
        for line in data.split(b"\r\n")[:-1]:
            assert 0 < len(line) <= 75, (path, line)
            line.decode("utf-8")  # no character split by a fold
        assert unicodedata.is_normalized("NFC", text), path


def test_fold_keeps_characters_escapes_and_marks_whole():
    line = "DESCRIPTION:" + "Kế hoạch cải cách hành chính\\, năm 2026 " * 6 + "e\u0301\u0323" * 40
    parts = fold(line)
    unfolded = "".join(p[1:] if i else p for i, p in enumerate(parts))
    assert unfolded == unicodedata.normalize("NFC", line)
    for i, part in enumerate(parts):
        assert len(part.encode()) <= 75
        assert not part.endswith("\\") or part.endswith("\\\\")
        if i:
            assert part[0] == " " and not unicodedata.combining(part[1])


def test_calendar_headers_and_no_method(output, content):
    for path, data in output.files.items():
        cal = icalendar.Calendar.from_ical(data)
        assert "METHOD" not in cal
        assert cal["VERSION"] == "2.0" and cal["PRODID"]
        assert cal["NAME"] == cal["X-WR-CALNAME"] and "Lịch" in cal["NAME"]
        assert cal["DESCRIPTION"] == cal["X-WR-CALDESC"]
        assert cal["X-WR-TIMEZONE"] == "Asia/Ho_Chi_Minh"
        assert cal["SOURCE"] == SITE.absolute(path)
        assert str(cal["URL"]).startswith("https://example.org/ctct/")
        text = data.decode()
        assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in text
        assert "\r\nX-PUBLISHED-TTL:PT12H\r\n" in text
    tat_ca = icalendar.Calendar.from_ical(output.files["lich/tat-ca.ics"])
    assert tat_ca["NAME"] == "Lịch công tác – phường An Biên (tất cả)"
    unit = icalendar.Calendar.from_ical(output.files["lich/phong-van-hoa-xa-hoi.ics"])
    assert unit["NAME"] == "Lịch công tác – Phòng Văn hóa - Xã hội"


def test_all_day_events_carry_the_task(output, content):
    cal = icalendar.Calendar.from_ical(output.files["lich/tat-ca.ics"])
    by_uid = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    for task in dated_tasks(content.tasks):
        event = by_uid[f"{task.id}@example.org"]
        assert event.decoded("DTSTART") == task.deadline.start
        assert event.decoded("DTEND") == task.deadline.end + dt.timedelta(days=1)
        assert event["TRANSP"] == "TRANSPARENT"
        assert str(event["URL"]) == SITE.absolute(f"nhiem-vu/{task.id}/")
        description = str(event["DESCRIPTION"])
        assert task.content in description and task.deadline.as_written in description
        assert SITE.absolute(f"nhiem-vu/{task.id}/") in description
        if task.lead_unit_id:
            assert event["CATEGORIES"].cats == [content.unit(task.lead_unit_id).short]
            assert f"Chủ trì: {content.unit(task.lead_unit_id).name}" in description
        assert len(str(event["SUMMARY"])) <= 90
    done = by_uid["2026-01-01@example.org"]
    assert "Đã hoàn thành ngày 14/01/2026" in str(done["DESCRIPTION"])
    corrected = by_uid["2026-02-01@example.org"]
    assert "Đính chính" in str(corrected["DESCRIPTION"])
    assert corrected.decoded("DTSTART") == dt.date(2026, 2, 25)
    ranged = by_uid["2026-01-02-1@example.org"]
    assert ranged.decoded("DTSTART") == dt.date(2026, 1, 10)
    assert ranged.decoded("DTEND") == dt.date(2026, 1, 21)
    assert "DTSTART;VALUE=DATE:20260110\r\n" in output.files["lich/tat-ca.ics"].decode()
    assert not cal.walk("VTODO")


# --- counts and UIDs --------------------------------------------------------------------------


def test_event_counts_follow_the_model(output, content):
    def count(path: str) -> int:
        return len(icalendar.Calendar.from_ical(output.files[path]).walk("VEVENT"))

    dated = [t for t in content.tasks if t.deadline.is_dated]
    assert count("lich/tat-ca.ics") == len(dated)
    for unit in content.units:
        expected = [t for t in content.tasks_of_unit(unit) if t.deadline.is_dated]
        assert count(f"lich/{unit.id}.ics") == len(expected), unit.id
    meetings = [k for p in content.programmes for k in p.key_tasks if k.meeting]
    assert count("lich/giao-ban.ics") == len(meetings)
    task_files = {p for p in output.files if p.startswith("lich/nhiem-vu/")}
    assert task_files == {task_feed_path(t) for t in dated}
    for task in content.tasks:
        assert (task_feed_path(task) is None) == (not task.deadline.is_dated)
    assert task_feed_path(next(t for t in content.tasks if t.id == "2026-01-03")) is None


def test_uids_unique_per_feed_and_shared_across_feeds(output):
    seen: dict[str, str] = {}
    for path, data in output.files.items():
        cal = icalendar.Calendar.from_ical(data)
        uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
        assert len(uids) == len(set(uids)), path
        for uid, block in events(data).items():
            assert uid.endswith("@example.org")
            assert seen.setdefault(uid, block) == block, (path, uid)


# --- determinism and change stamps ------------------------------------------------------------


def test_two_builds_and_reordered_data_give_identical_bytes(content, output):
    assert feeds_of(content) == output.files
    shuffled = Content(
        content.ward,
        tuple(reversed(content.units)),
        tuple(
            dataclasses.replace(
                p,
                months=tuple(
                    dataclasses.replace(m, tasks=tuple(reversed(m.tasks)))
                    for m in reversed(p.months)
                ),
            )
            for p in content.programmes
        ),
    )
    again = feeds_of(shuffled)
    assert again == output.files


def test_without_git_stamps_are_the_issue_date(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(MINI, copy)
    content = load_content(copy, AS_OF)
    assert content.stamps == {}
    issued = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    stamps = [content.stamp(t.id, t.programme_id) for t in content.tasks]
    assert {s.sequence for s in stamps} == {0}
    assert {s.modified for s in stamps} == {issued}
    assert "DTSTAMP:20260105T000000Z\r\n" in feeds_of(content)["lich/tat-ca.ics"].decode()


def git(repo: Path, *args: str, when: str = "2026-01-06T08:00:00+07:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "Cán bộ",
        "GIT_AUTHOR_EMAIL": "cb@example.org",
        "GIT_COMMITTER_NAME": "Cán bộ",
        "GIT_COMMITTER_EMAIL": "cb@example.org",
    }
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changing_one_date_raises_only_that_events_sequence(tmp_path):
    repo = tmp_path / "repo"
    content_dir = repo / "content"
    shutil.copytree(MINI, content_dir)
    (repo / "README.md").write_text("x\n")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Chương trình 2026")

    def build() -> dict[str, bytes]:
        return feeds_of(load_content(content_dir, AS_OF))

    def edit(old: str, new: str) -> None:
        path = content_dir / "programmes" / "2026.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        path.write_text(text.replace(old, new), encoding="utf-8")

    first = build()
    assert "DTSTAMP:20260106T010000Z\r\n" in first["lich/tat-ca.ics"].decode()
    assert first == build()

    # An unrelated commit outside programmes/ changes nothing.
    (repo / "README.md").write_text("y\n")
    git(repo, "commit", "-q", "-am", "README", when="2026-02-01T08:00:00+07:00")
    assert build() == first

    edit("deadline: 28/02/2026", "deadline: 27/02/2026")
    git(repo, "commit", "-q", "-am", "Đổi hạn", when="2026-02-10T09:30:00+07:00")
    second = build()
    changed = "2026-02-03@example.org"
    for path, data in first.items():
        before, after = events(data), events(second[path])
        assert before.keys() == after.keys()
        for uid in before:
            if uid != changed:
                assert before[uid] == after[uid], (path, uid)
        if changed in before:
            assert "SEQUENCE:0\r\n" in before[changed]
            block = after[changed]
            assert "SEQUENCE:1\r\n" in block and "DTSTART;VALUE=DATE:20260227\r\n" in block
            assert "DTSTAMP:20260210T023000Z\r\n" in block
            assert "LAST-MODIFIED:20260210T023000Z\r\n" in block
        header = lambda d: d.decode().split("BEGIN:VEVENT")[0]  # noqa: E731
        assert header(data) == header(second[path])

    # A change that is not a date moves the time but not the sequence.
    edit("Kế hoạch cải cách hành chính năm 2026", "Kế hoạch cải cách hành chính năm 2026 (bổ sung)")
    git(repo, "commit", "-q", "-am", "Sửa văn bản", when="2026-03-01T07:00:00+07:00")
    third = events(build()["lich/tat-ca.ics"])
    assert "SEQUENCE:0\r\nDTSTART" in third["2026-01-01@example.org"]
    assert "DTSTAMP:20260301T000000Z" in third["2026-01-01@example.org"]

    # Uncommitted edits count as a change at the newest commit's time, never the clock.
    edit("deadline: 20/01/2026", "deadline: 21/01/2026")
    dirty = events(build()["lich/tat-ca.ics"])["2026-01-02@example.org"]
    assert "SEQUENCE:1\r\n" in dirty and "DTSTAMP:20260301T000000Z\r\n" in dirty


# --- review meetings --------------------------------------------------------------------------


def test_meeting_feed_recurs_in_vietnam_time(output):
    data = output.files["lich/giao-ban.ics"].decode()
    assert "RRULE:FREQ=MONTHLY;UNTIL=20261231T165959Z\r\n" in data
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20260107T140000\r\n" in data
    assert "DTEND;TZID=Asia/Ho_Chi_Minh:20260107T153000\r\n" in data
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n" in data
    assert "TZOFFSETTO:+0700\r\n" in data and "DAYLIGHT" not in data
    event = vobject.readOne(data).vevent
    starts = list(event.getrruleset())
    assert len(starts) == 12 and starts[-1].date() == dt.date(2026, 12, 7)
    assert starts[0].utcoffset() == dt.timedelta(hours=7)


@pytest.mark.parametrize(
    ("cadence", "rule"),
    [
        (Cadence.WEEKLY, "FREQ=WEEKLY"),
        (Cadence.EVERY_2_WEEKS, "FREQ=WEEKLY;INTERVAL=2"),
        (Cadence.MONTHLY, "FREQ=MONTHLY"),
        (Cadence.QUARTERLY, "FREQ=MONTHLY;INTERVAL=3"),
    ],
)
def test_each_cadence_gives_its_rule(content, cadence, rule):
    meeting = MeetingSchedule(dt.date(2026, 1, 7), dt.time(8, 0), 60)
    data = feeds_of(with_meetings(content, meeting, cadence))["lich/giao-ban.ics"].decode()
    assert f"\r\nRRULE:{rule}\r\n" in data


def test_no_meeting_feed_without_a_schedule(content):
    files = feeds_of(with_meetings(content, None))
    assert "lich/giao-ban.ics" not in files
    assert "lich/tat-ca.ics" in files


def test_a_feed_without_dated_tasks_is_still_valid(content):
    programmes = tuple(
        dataclasses.replace(
            p,
            months=tuple(
                dataclasses.replace(m, tasks=tuple(t for t in m.tasks if not t.deadline.is_dated))
                for m in p.months
            ),
        )
        for p in content.programmes
    )
    data = feeds_of(Content(content.ward, content.units, programmes))
    assert not [p for p in data if p.startswith("lich/nhiem-vu/")]
    for unit in content.units:
        feed = data[f"lich/{unit.id}.ics"]
        assert icalendar.Calendar.from_ical(feed).walk("VEVENT") == []
        assert vobject.readOne(feed.decode()).contents.get("vevent") is None
        assert b"BEGIN:VTIMEZONE" in feed  # RFC 5545: a calendar holds at least one component


# --- text -------------------------------------------------------------------------------------


def test_vietnamese_text_is_nfc_in_feeds(content):
    decomposed = unicodedata.normalize("NFD", "Tổ chức Hội nghị tổng kết công tác năm")
    programmes = tuple(
        dataclasses.replace(
            p,
            months=tuple(
                dataclasses.replace(
                    m,
                    tasks=tuple(
                        dataclasses.replace(t, content=decomposed) if t.id == "2026-01-01" else t
                        for t in m.tasks
                    ),
                )
                for m in p.months
            ),
        )
        for p in content.programmes
    )
    data = feeds_of(Content(content.ward, content.units, programmes))["lich/tat-ca.ics"]
    composed = unicodedata.normalize("NFC", decomposed)
    assert composed.encode() in data.replace(b"\r\n ", b"")
    event = next(
        e
        for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
        if str(e["UID"]).startswith("2026-01-01@")
    )
    assert str(event["SUMMARY"]) == "Hạn: " + composed


# --- subscribe page ---------------------------------------------------------------------------


def test_subscribe_page_links_every_feed(output, content):
    page = next(p for p in output.pages if p.path == "lich/index.md")
    body = page.body
    hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]*)"', body)]
    copies = [html.unescape(v) for v in re.findall(r'data-copy="([^"]*)"', body)]
    sections = re.findall(r'<section class="ctct-feed" id="([^"]+)">(.*?)</section>', body, re.S)
    feeds = [f for f in build_feeds(content, SITE) if not f.path.startswith("lich/nhiem")]
    assert [anchor for anchor, _ in sections] == [f.anchor for f in feeds]
    assert {"tat-ca", "giao-ban"} | {u.id for u in content.units} == {f.anchor for f in feeds}
    for (_, section), feed in zip(sections, feeds, strict=True):
        https = SITE.absolute(feed.path)
        webcal = "webcal://" + https.removeprefix("https://")
        assert https in copies and webcal in hrefs
        assert "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe="") in hrefs
        assert (
            "https://outlook.live.com/calendar/0/addfromweb?url="
            + quote(https, safe="")
            + "&name="
            + quote(feed.name, safe="")
        ) in hrefs
        assert "&name=" not in body  # the ampersand is escaped in the HTML
        assert section.count("<svg") == 1 and "</svg>" in section
        assert html.escape(feed.name, quote=False) in section
        assert f"{feed.events} " in section
    assert "8–24 giờ" in body and "Thunderbird" in body and "iPhone" in body
    assert "../lich/tat-ca.ics" in hrefs  # the download link is relative to lich/
