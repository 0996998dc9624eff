"""Calendar feeds (.ics) and XML files (Atom feeds, the sitemap) as a reader would take them.

An .ics file must be one VCALENDAR that `icalendar` reads, with VERSION and PRODID, each VEVENT
with UID, DTSTAMP and DTSTART and no UID twice, its lines ended by CRLF and folded at 75 octets
(RFC 5545 §3.1). An XML file must parse; an Atom feed, and each of its entries, must have
id, title and updated (RFC 4287 §4.1).
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import icalendar

CALENDAR_NEEDS = ("VERSION", "PRODID")
EVENT_NEEDS = ("UID", "DTSTAMP", "DTSTART")
MAX_OCTETS = 75
ATOM = "{http://www.w3.org/2005/Atom}"
ATOM_NEEDS = ("id", "title", "updated")


def ics_problems(data: bytes) -> list[tuple[int, str]]:
    """(line, message) of each problem of one .ics file."""
    lines = data.split(b"\n")
    found = _line_problems(lines)
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, IndexError, KeyError, TypeError) as exc:
        return [*found, (0, f"icalendar không đọc được tệp: {exc}")]
    if len(calendars) != 1 or calendars[0].name != "VCALENDAR":
        return [*found, (1, "tệp phải là đúng một lịch BEGIN:VCALENDAR … END:VCALENDAR")]
    calendar = calendars[0]
    found += [(1, f"lịch thiếu {name}") for name in CALENDAR_NEEDS if name not in calendar]
    starts = [n + 1 for n, line in enumerate(lines) if line.rstrip(b"\r") == b"BEGIN:VEVENT"]
    seen: dict[tuple[str, str], int] = {}
    for event, line in zip(
        calendar.walk("VEVENT"), itertools.chain(starts, itertools.repeat(0)), strict=False
    ):
        found += [(line, f"sự kiện thiếu {name}") for name in EVENT_NEEDS if name not in event]
        for name, value in event.property_items(recursive=False):
            if isinstance(value, icalendar.prop.vBroken):
                found.append((line, f"sự kiện có {name} không đọc được: {value}"))
        if "UID" in event:
            key = (str(event["UID"]), str(event.get("RECURRENCE-ID", "")))
            if key[0] and key in seen:
                found.append((line, f"UID {key[0]} trùng với sự kiện ở dòng {seen[key]}"))
            seen.setdefault(key, line)
    return found


def _line_problems(lines: list[bytes]) -> list[tuple[int, str]]:
    """The first line not ended by CRLF, and the first longer than 75 octets."""
    found = []
    bare = next((n for n, line in enumerate(lines[:-1], 1) if not line.endswith(b"\r")), None)
    if bare is not None:
        found.append((bare, "dòng phải kết thúc bằng CRLF (\\r\\n), không phải chỉ \\n"))
    elif lines[-1]:
        found.append((len(lines), "dòng cuối phải kết thúc bằng CRLF (\\r\\n)"))
    long = next(
        (n for n, line in enumerate(lines, 1) if len(line.rstrip(b"\r")) > MAX_OCTETS), None
    )
    if long is not None:
        found.append((long, f"dòng dài quá {MAX_OCTETS} byte, phải gập dòng (RFC 5545 §3.1)"))
    return found


def xml_problems(data: bytes) -> list[tuple[int, str]]:
    """(line, message) of each problem of one XML file; Atom feeds are checked further."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return [(exc.position[0], f"XML không hợp lệ: {exc}")]
    except (LookupError, ValueError) as exc:  # an encoding Python does not know
        return [(1, f"XML không hợp lệ: {exc}")]
    if root.tag != f"{ATOM}feed":
        return []
    found = [(0, f"nguồn tin Atom thiếu <{name}>") for name in _missing(root)]
    for n, entry in enumerate(root.iter(f"{ATOM}entry"), 1):
        found += [(0, f"mục thứ {n} của nguồn tin thiếu <{name}>") for name in _missing(entry)]
    return found


def _missing(element: ET.Element) -> list[str]:
    return [name for name in ATOM_NEEDS if not (element.findtext(f"{ATOM}{name}") or "").strip()]
