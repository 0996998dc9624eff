"""Calendar feeds and the subscribe page of the fixture programme.

The feeds are compared with golden files in tests/golden/feeds/ (built without git history, so
every stamp is the programme's issue date). After an intended change, rewrite them with
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/feeds/test_feeds.py
and review the diff before committing. Every feed is also parsed whole, names included, with
icalendar and vobject (ical.js: tests/feeds/test_feeds_icaljs.py) and checked byte by byte. Stamps,
tombstones and shallow clones, which need git: tests/feeds/test_feed_history.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import os
import random
import re
import shutil
import unicodedata
from urllib.parse import quote

import icalendar
import pytest
import vobject

from generator.common.urls import task_feed_path
from generator.common.wording import event_title
from generator.domain.model import Cadence, Content, MeetingSchedule
from generator.feeds.calendars import add_feeds, build_feeds, dated_tasks
from generator.feeds.ics import fold_line
from generator.load.content import load_content
from generator.output import SiteInfo, SiteOutput

from ..conftest import CONTENT, MINI, ROOT
from ..helpers import AS_OF, SITE, events, feeds_of, unescape, with_meetings

GOLDEN = ROOT / "tests" / "golden" / "feeds"


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(MINI, AS_OF, history=False)


@pytest.fixture(scope="module")
def output(content) -> SiteOutput:
    out = SiteOutput()
    add_feeds(out, content, SITE)
    return out


def subscribed(files: dict[str, bytes]) -> dict[str, bytes]:
    """The calendars to subscribe to (not the one-task files)."""
    return {p: d for p, d in files.items() if not p.startswith("lich/nhiem-vu/")}


def uid(task_id: str) -> str:
    return f"{task_id}@an-bien.ctct"


# --- golden files, parsers, bytes -------------------------------------------------------------


_QR = re.compile(rb'(<svg role="img" aria-label="M\xc3\xa3 QR [^"]*")[^>]*>.*?</svg>', re.S)


def readable(page: bytes) -> bytes:
    """The subscribe page as its golden file keeps it: each inline QR image as one short line
    with its digest, so that a person can read the page (the QR test reads the images)."""
    return _QR.sub(
        lambda m: m[1] + b" sha256=" + hashlib.sha256(m[0]).hexdigest()[:16].encode() + b">", page
    )


def test_each_qr_code_is_its_feeds_webcal_address(output, content):
    """The golden file holds the QR images by digest; here each is the one for its feed."""
    from generator.feeds.subscribe import qr_svg, webcal_url

    page = next(p for p in output.pages if p.path == "lich/index.md").body
    drawn = _QR.findall(page.encode())
    names = {f"Lịch công tác – {u.name}": f"lich/{u.id}.ics" for u in content.units}
    assert len(drawn) >= 2
    for feed_name, path in names.items():
        label = f"Mã QR đăng ký {feed_name}"
        svg = str(qr_svg(webcal_url(SITE.absolute(path)), label)).encode()
        assert svg in page.encode(), feed_name


def test_feeds_match_golden_files(output):
    feeds = {path.removeprefix("lich/"): data for path, data in output.files.items()}
    page = next(p for p in output.pages if p.path == "lich/index.md").body.encode()
    feeds["index.html"] = readable(page)
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


def test_every_feed_parses_whole_with_icalendar_and_vobject(output):
    for path, data in output.files.items():
        cal = icalendar.Calendar.from_ical(data)
        parsed = vobject.readOne(data.decode("utf-8"))
        assert len(cal.walk("VEVENT")) == len(parsed.contents.get("vevent", [])), path
        for event in cal.walk("VEVENT"):
            assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"} <= set(event)
        for vevent, event in zip(
            parsed.contents.get("vevent", []), cal.walk("VEVENT"), strict=True
        ):
            assert vevent.summary.value == str(event["SUMMARY"]), path
            assert vevent.description.value == str(event["DESCRIPTION"]), path
    for path, data in subscribed(output.files).items():
        cal = icalendar.Calendar.from_ical(data)
        parsed = vobject.readOne(data.decode("utf-8"))
        for name in ("NAME", "X-WR-CALNAME", "X-WR-CALDESC"):
            value = unescape(cal[name])
            assert parsed.contents[name.lower()][0].value == value, (path, name)
    unit = vobject.readOne(output.files["lich/cac-phong-don-vi.ics"].decode())
    assert unit.contents["x-wr-calname"][0].value == "Lịch công tác – Các phòng, đơn vị"


def test_calendar_names_are_escaped_text(content):
    name = "Phòng Kinh tế, Hạ tầng; và\\Đô thị\nmới"
    units = tuple(
        dataclasses.replace(u, name=name) if u.id == "tram-y-te" else u for u in content.units
    )
    data = feeds_of(dataclasses.replace(content, units=units))["lich/tram-y-te.ics"]
    text = data.decode().replace("\r\n ", "")
    escaped = "Phòng Kinh tế\\, Hạ tầng\\; và\\\\Đô thị\\nmới"
    for prop in ("NAME", "X-WR-CALNAME"):
        assert f"\r\n{prop}:Lịch công tác – {escaped}\r\n" in text
    cal = icalendar.Calendar.from_ical(data)
    assert unescape(cal["X-WR-CALNAME"]) == f"Lịch công tác – {name}"
    assert "\\, Hạ tầng\\; và" in text.split("X-WR-CALDESC:")[1].split("\r\n")[0]


def test_bytes_crlf_folded_utf8_nfc(output):
    for path, data in output.files.items():
        text = data.decode("utf-8")  # valid UTF-8 or raises
        assert data.endswith(b"\r\n"), path
        assert b"\n" not in data.replace(b"\r\n", b""), path
        assert b"\r" not in data.replace(b"\r\n", b""), path
        for line in data.split(b"\r\n")[:-1]:
            assert 0 < len(line) <= 75, (path, line)
            line.decode("utf-8")  # no character split by a fold_line
        assert unicodedata.is_normalized("NFC", text), path


def test_fold_keeps_characters_escapes_and_marks_whole():
    line = "DESCRIPTION:" + "Kế hoạch cải cách hành chính\\, năm 2026 " * 6 + "e\u0301\u0323" * 40
    parts = fold_line(line)
    unfolded = "".join(p[1:] if i else p for i, p in enumerate(parts))
    assert unfolded == unicodedata.normalize("NFC", line)
    for i, part in enumerate(parts):
        assert len(part.encode()) <= 75
        assert not part.endswith("\\") or part.endswith("\\\\")
        if i:
            assert part[0] == " " and not unicodedata.combining(part[1])


def _fold_by_pieces(line: str) -> tuple[str, ...]:
    """The folding rule written the slow, obvious way: whole pieces packed greedily."""
    pieces: list[str] = []
    escape = False
    for char in unicodedata.normalize("NFC", line):
        if pieces and (escape or unicodedata.combining(char)):
            pieces[-1] += char
            escape = False
        else:
            pieces.append(char)
            escape = char == "\\"
    parts: list[str] = []
    current, size = "", 0
    for piece in pieces:
        width = len(piece.encode())
        if current and size + width > 75 - (1 if parts else 0):
            parts.append(current)
            current, size = "", 0
        current, size = current + piece, size + width
    parts.append(current)
    return (parts[0], *(" " + part for part in parts[1:]))


def test_fold_agrees_with_the_rule_on_hostile_lines():
    alphabet = ["a", "ế", "\\", ",", ";", "n", " ", "\u0301", "\u0323", "😀", "\u20ac", "ư"]
    rng = random.Random(2026)
    lines = ["X:" + "".join(rng.choices(alphabet, k=rng.randrange(60, 400))) for _ in range(400)]
    lines += ["X:" + "\\" * 200, "X:" + "a" + "\u0301" * 100 + "b", "X:e" + "\u0323" * 80]
    for line in lines:
        assert fold_line(line) == _fold_by_pieces(line), line


def test_subscription_headers_and_no_method(output):
    for path, data in subscribed(output.files).items():
        cal = icalendar.Calendar.from_ical(data)
        assert "METHOD" not in cal
        assert cal["VERSION"] == "2.0" and cal["PRODID"]
        assert cal["NAME"] == cal["X-WR-CALNAME"] and "Lịch" in cal["NAME"]
        assert unescape(cal["DESCRIPTION"]) == unescape(cal["X-WR-CALDESC"])
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


CALENDAR_LEVEL = (
    "NAME",
    "X-WR-CALNAME",
    "X-WR-CALDESC",
    "DESCRIPTION",
    "REFRESH-INTERVAL",
    "X-PUBLISHED-TTL",
    "SOURCE",
    "URL",
    "X-WR-TIMEZONE",
    "METHOD",
)


def test_one_task_files_are_plain_events_to_add(output, content):
    files = {p: d for p, d in output.files.items() if p.startswith("lich/nhiem-vu/")}
    assert files
    for path, data in files.items():
        cal = icalendar.Calendar.from_ical(data)
        assert [name for name in CALENDAR_LEVEL if name in cal] == [], path
        assert cal["VERSION"] == "2.0" and cal["PRODID"]
        assert [c.name for c in cal.subcomponents] == ["VEVENT"], path
        header = data.decode().split("BEGIN:VEVENT")[0]
        assert header == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" + str(cal["PRODID"]) + "\r\n"


def test_all_day_events_carry_the_task(output, content):
    cal = icalendar.Calendar.from_ical(output.files["lich/tat-ca.ics"])
    by_uid = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    for task in dated_tasks(content.tasks):
        event = by_uid[uid(task.id)]
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
        assert "STATUS" not in event
    done = by_uid[uid("2026-01-01")]
    assert "Đã hoàn thành ngày 14/01/2026" in str(done["DESCRIPTION"])
    corrected = by_uid[uid("2026-02-01")]
    assert "Đính chính" in str(corrected["DESCRIPTION"])
    assert corrected.decoded("DTSTART") == dt.date(2026, 2, 25)
    ranged = by_uid[uid("2026-01-02-1")]
    assert ranged.decoded("DTSTART") == dt.date(2026, 1, 10)
    assert ranged.decoded("DTEND") == dt.date(2026, 1, 21)
    assert "DTSTART;VALUE=DATE:20260110\r\n" in output.files["lich/tat-ca.ics"].decode()
    assert not cal.walk("VTODO")


# --- titles -----------------------------------------------------------------------------------


def summaries(data: bytes) -> dict[str, str]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): str(e["SUMMARY"]) for e in cal.walk("VEVENT")}


def test_titles_are_short_and_never_say_deadline(output, content):
    for path, data in output.files.items():
        for title in summaries(data).values():
            assert not title.startswith("Hạn") and len(title) <= 64, (path, title)
    ranged = summaries(output.files["lich/tat-ca.ics"])[uid("2026-01-02-1")]
    assert "hạn" not in ranged.lower()


def test_titles_name_the_lead_unit_except_in_its_own_feed(output, content):
    shared = next(u for u in content.units if u.is_all)
    for task in dated_tasks(content.tasks):
        lead = content.unit(task.lead_unit_id).short if task.lead_unit_id else None
        ward_wide = summaries(output.files["lich/tat-ca.ics"])[uid(task.id)]
        alone = summaries(output.files[task_feed_path(task)])[uid(task.id)]
        assert ward_wide == alone == event_title(task.content, lead or "")
        if lead:
            assert ward_wide.endswith(f" · {lead}")
        for unit in content.units:
            own = summaries(output.files[f"lich/{unit.id}.ics"]).get(uid(task.id))
            if own is None:
                continue
            named = task.lead_unit_id != unit.id
            assert own.endswith(f" · {lead}") == named, (unit.id, own)
            assert not named or task.lead_unit_id == shared.id


@pytest.mark.parametrize(
    ("text", "lead", "expected"),
    [
        (
            "Kế hoạch cải cách hành chính năm 2026",
            "Phòng VH-XH",
            "Cải cách hành chính năm 2026 (KH) · Phòng VH-XH",
        ),
        ("Báo cáo tình hình tháng 02", "", "Tình hình tháng 02 (BC)"),
        ("Xây dựng và ban hành Kế hoạch tổ chức Lễ Khai bút", "", "Lễ Khai bút (KH)"),
        ("Kế hoạch, Báo cáo sơ kết", "", "Kế hoạch, Báo cáo sơ kết"),
        ("Kiểm tra an toàn thực phẩm", "Trạm Y tế", "Kiểm tra an toàn thực phẩm · Trạm Y tế"),
    ],
)
def test_title_rule(text, lead, expected):
    assert event_title(text, lead) == expected


def test_titles_of_one_day_start_apart():
    """On 20/01/2026 the real programme has eleven tasks; their first ten characters (what a
    phone's month view shows) now tell them apart."""
    real = load_content(CONTENT, AS_OF, history=False)
    for day in {t.deadline.end for t in real.tasks if t.deadline.is_dated}:
        titles = [event_title(t.content) for t in real.tasks if t.deadline.end == day]
        assert all(
            len(event_title(t.content, "Trung tâm Phục vụ hành chính công")) <= 64
            for t in real.tasks
        )
        starts = [title[:10] for title in titles]
        assert len(set(starts)) >= len(starts) - 1, (day, starts)


# --- counts, windows, archives, UIDs ----------------------------------------------------------


def test_event_counts_follow_the_model(output, content):
    def count(path: str) -> int:
        return len(icalendar.Calendar.from_ical(output.files[path]).walk("VEVENT"))

    dated = [t for t in content.tasks if t.deadline.is_dated]
    assert count("lich/tat-ca.ics") == count("lich/2026/tat-ca.ics") == len(dated)
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


@pytest.mark.parametrize(
    ("as_of", "start"),
    [
        (dt.date(2027, 1, 16), dt.date(2026, 1, 16)),
        (dt.date(2027, 2, 20), dt.date(2026, 2, 20)),
        (dt.date(2028, 2, 29), dt.date(2027, 2, 28)),
    ],
)
def test_year_free_feeds_keep_twelve_months_archives_keep_all(content, as_of, start):
    files = feeds_of(content, SiteInfo(SITE.url, as_of))
    dated = dated_tasks(content.tasks)
    recent = {uid(t.id) for t in dated if t.deadline.end >= start}
    assert set(events(files["lich/tat-ca.ics"])) == recent
    assert set(events(files["lich/2026/tat-ca.ics"])) == {uid(t.id) for t in dated}
    for unit in content.units:
        assert set(events(files[f"lich/{unit.id}.ics"])) <= recent
    meetings = events(files["lich/giao-ban.ics"])  # the address stays, even when empty
    assert len(meetings) == (1 if as_of < dt.date(2028, 1, 1) else 0)
    for data in subscribed(files).values():
        icalendar.Calendar.from_ical(data)
        vobject.readOne(data.decode())


def test_uids_unique_per_feed_and_shared_across_feeds(output):
    seen: dict[str, str] = {}
    for path, data in output.files.items():
        cal = icalendar.Calendar.from_ical(data)
        uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
        assert len(uids) == len(set(uids)), path
        for key, block in events(data).items():
            assert key.endswith("@an-bien.ctct")
            same = re.sub(r"SUMMARY:.*?\r\n(?! )", "", block, flags=re.S)
            assert seen.setdefault(key, same) == same, (path, key)


def test_two_site_addresses_give_the_same_uids(content):
    here, there = feeds_of(content), feeds_of(content, SiteInfo("https://lich.phuong.vn/", AS_OF))
    assert here.keys() == there.keys()
    for path in here:
        assert events(here[path]).keys() == events(there[path]).keys(), path
        assert here[path] != there[path] and b"example.org" not in there[path]


# --- determinism ----------------------------------------------------------------------------


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


# --- review meetings --------------------------------------------------------------------------


def test_meeting_feed_recurs_in_vietnam_time(output):
    data = output.files["lich/giao-ban.ics"].decode()
    assert "RRULE:FREQ=MONTHLY;UNTIL=20261231T165959Z\r\n" in data
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20260107T140000\r\n" in data
    assert "DTEND;TZID=Asia/Ho_Chi_Minh:20260107T153000\r\n" in data
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n" in data
    assert "TZOFFSETTO:+0700\r\n" in data and "DAYLIGHT" not in data
    assert "UID:giao-ban-2026-trong-tam-01@an-bien.ctct\r\n" in data
    event = vobject.readOne(data).vevent
    assert not event.summary.value.startswith("Giao ban") and "(giao ban)" in event.summary.value
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
def test_each_cadence_gives_its_rule_ending_with_the_year(content, cadence, rule):
    meeting = MeetingSchedule(dt.date(2026, 1, 7), dt.time(8, 0), 60)
    data = feeds_of(with_meetings(content, meeting, cadence))["lich/giao-ban.ics"].decode()
    written = re.search(r"\r\nRRULE:(.*)\r\n", data)[1].split(";")
    assert sorted(written) == sorted([*rule.split(";"), "UNTIL=20261231T165959Z"])
    last = list(vobject.readOne(data).vevent.getrruleset())[-1]
    assert last.year == 2026 and last.month >= 12 - (2 if cadence is Cadence.QUARTERLY else 0)


@pytest.mark.parametrize(
    ("day", "cadence", "expected"),
    [
        (31, Cadence.MONTHLY, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]),
        (30, Cadence.MONTHLY, [30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]),
        (29, Cadence.MONTHLY, [29, 28, 29, 29, 29, 29, 29, 29, 29, 29, 29, 29]),
        (31, Cadence.QUARTERLY, [31, 30, 31, 31]),
    ],
)
def test_meeting_late_in_the_month_falls_on_the_last_day_of_shorter_months(
    content, day, cadence, expected
):
    meeting = MeetingSchedule(dt.date(2026, 1, day), dt.time(8, 0), 60)
    data = feeds_of(with_meetings(content, meeting, cadence))["lich/giao-ban.ics"].decode()
    starts = list(vobject.readOne(data).vevent.getrruleset())
    assert [s.day for s in starts] == expected
    assert len({(s.year, s.month) for s in starts}) == len(expected)


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
    assert str(event["SUMMARY"]) == event_title(composed, "Phòng VH-XH")


# --- subscribe page ---------------------------------------------------------------------------


def test_subscribe_page_links_every_feed(output, content):
    page = next(p for p in output.pages if p.path == "lich/index.md")
    body = page.body
    hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]*)"', body)]
    copies = [html.unescape(v) for v in re.findall(r'data-copy="([^"]*)"', body)]
    sections = re.findall(r'<section class="ctct-feed" id="([^"]+)">(.*?)</section>', body, re.S)
    feeds = [f for f in build_feeds(content, SITE) if not f.path.startswith("lich/nhiem")]
    year_free = [f for f in feeds if f.year is None]
    assert [anchor for anchor, _ in sections] == [f.anchor for f in year_free]
    assert {"tat-ca", "giao-ban"} | {u.id for u in content.units} == {f.anchor for f in year_free}
    for (_, section), feed in zip(sections, year_free, strict=True):
        https = SITE.absolute(feed.path)
        webcal = "webcal://" + https.removeprefix("https://")
        assert https in copies and webcal in hrefs
        assert "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe="") in hrefs
        for outlook in ("outlook.live.com", "outlook.office.com"):
            assert (
                f"https://{outlook}/calendar/0/addfromweb?url="
                + quote(https, safe="")
                + "&name="
                + quote(feed.name, safe="")
            ) in hrefs
        assert "&name=" not in body  # the ampersand is escaped in the HTML
        assert section.count("<svg") == 1 and "</svg>" in section
        assert html.escape(feed.name, quote=False) in section
        assert f"{feed.events} " in section
    archive = re.search(r'<section class="ctct-archive" id="luu-tru">(.*?)</section>', body, re.S)
    assert archive and "Năm 2026" in archive[1]
    assert SITE.absolute("lich/2026/tat-ca.ics") in copies
    assert "../lich/2026/tat-ca.ics" in hrefs and "../lich/tat-ca.ics" in hrefs


def test_subscribe_page_walks_through_every_app_and_reminders(output):
    body = next(p for p in output.pages if p.path == "lich/index.md").body
    steps = body[body.index('id="cach-dang-ky"') :]
    for words in (
        "Android",
        "ICSx⁵",
        "F-Droid",
        "Google Play",
        "iPhone",
        "Thêm lịch đã đăng ký",
        "Google Calendar",
        "Outlook.com",
        "Microsoft 365",
        "Thunderbird",
        "8–24 giờ",
    ):
        assert words in steps, words
    reminders = body[body.index('id="nhac-han"') :]
    for app in ("ICSx⁵", "Google Calendar", "iPhone", "Outlook"):
        assert app in reminders, app
    assert "VALARM" not in b"".join(output.files.values()).decode()


def test_subscribe_page_names_the_kind_of_the_ward(content):
    commune = Content(
        dataclasses.replace(content.ward, kind="xã"), content.units, content.programmes
    )
    out = SiteOutput()
    add_feeds(out, commune, SITE)
    page = next(p for p in out.pages if p.path == "lich/index.md")
    assert "lịch công tác của xã và từng đơn vị" in page.description
    assert "phường" not in page.description
