"""iCalendar plumbing shared by the feeds: calendar headers, the time zone, exact serialisation.

icalendar builds and escapes the properties; it does not know NAME and X-WR-* as text, so the
calendar's names are given as `vText` and escaped too (RFC 5545 §3.3.11: commas, semicolons,
backslashes, newlines). `serialise` then owns the bytes: text in NFC, CRLF line ends, lines
folded at 75 octets (the leading space of a continuation line included) without splitting a
UTF-8 character, a combining mark from its letter, or a backslash escape.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain

from icalendar import Calendar, Component, Timezone, TimezoneStandard, vText

PRODID = "-//ctct-site//Lich cong tac phuong//VI"
TZID = "Asia/Ho_Chi_Minh"
REFRESH = dt.timedelta(hours=12)
LIMIT = 75
"""Octets per physical line, CRLF excluded."""


def subscription_calendar(name: str, description: str, url: str, source: str) -> Calendar:
    """A feed to subscribe to: named, described, with its refresh interval (and no METHOD)."""
    cal = event_file()
    cal.add("name", vText(name))
    cal.add("x-wr-calname", vText(name))
    cal.add("description", vText(description))
    cal.add("x-wr-caldesc", vText(description))
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    cal.add("url", url)
    cal.add("source", source)
    return cal


def event_file() -> Calendar:
    """A file of events to add ('Thêm vào lịch'): no name, no refresh, nothing that would make
    Outlook or iOS create or subscribe to a calendar (MS-OXCICAL: no X-WR-CALNAME for one
    appointment)."""
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    return cal


def vtimezone() -> Timezone:
    """Asia/Ho_Chi_Minh as it has been since 1975: UTC+7 all year, no daylight saving.

    Written out rather than generated from the tz database, so the bytes never depend on the
    tzdata installed on the build machine.
    """
    tz = Timezone()
    tz.add("tzid", TZID)
    standard = TimezoneStandard()
    standard.add("dtstart", dt.datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", dt.timedelta(hours=7))
    standard.add("tzoffsetto", dt.timedelta(hours=7))
    standard.add("tzname", "+07")
    tz.add_component(standard)
    return tz


def serialise(cal: Calendar, components: Iterable[tuple[str, ...]] = ()) -> bytes:
    """The calendar's bytes: NFC, CRLF, folded at 75 octets on character boundaries.

    `components` are already serialised components (see `component_lines`), placed after the
    calendar's own; an event carried by several feeds is thus serialised once per build.
    """
    own = component_lines(cal)
    lines = [*own[:-1], *chain.from_iterable(components), own[-1]]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def component_lines(component: Component) -> tuple[str, ...]:
    """The folded physical lines of a component, from its BEGIN line to its END line."""
    return tuple(
        part for line in component.content_lines(sorted=False) if line for part in fold_line(line)
    )


def with_property(lines: tuple[str, ...], name: str, value: object) -> tuple[str, ...]:
    """A serialised component (see `component_lines`) with property `name` set to `value`:
    its physical lines, continuations included, replaced by those of the new value."""
    probe = Component()
    probe.name = "X"
    probe.add(name, value)
    new = component_lines(probe)[1:-1]
    key = name.upper()
    start = next(i for i, line in enumerate(lines) if line.partition(":")[0].split(";")[0] == key)
    end = start + 1
    while end < len(lines) and lines[end].startswith(" "):
        end += 1
    return (*lines[:start], *new, *lines[end:])


@lru_cache(maxsize=8192)
def fold_line(line: str) -> tuple[str, ...]:
    """Physical lines of one (NFC-normalised) content line; continuation lines begin with a space.

    Each physical line holds as many whole pieces as fit (see `_may_cut`); a piece longer than a
    line has one of its own. Cached: an event appears in several feeds, so most lines are folded
    once per build.
    """
    line = unicodedata.normalize("NFC", line)
    data = line.encode("utf-8")
    if len(data) <= LIMIT:
        return (line,)
    cuts = [0]
    while len(data) - cuts[-1] > (room := LIMIT - (1 if len(cuts) > 1 else 0)):
        if (cut := _last_cut(data, cuts[-1], cuts[-1] + room)) == len(data):
            break  # the rest is one piece
        cuts.append(cut)
    cuts.append(len(data))
    parts = [data[a:b].decode("utf-8") for a, b in zip(cuts, cuts[1:], strict=False)]
    return (parts[0], *(" " + part for part in parts[1:]))


def _last_cut(data: bytes, start: int, limit: int) -> int:
    """The last place after `start` and at most `limit` where the line may be cut; past `limit`
    only when the piece at `start` is itself longer than a line."""
    for cut in range(limit, start, -1):
        if _may_cut(data, cut):
            return cut
    return next((cut for cut in range(start + 1, len(data)) if _may_cut(data, cut)), len(data))


def _may_cut(data: bytes, cut: int) -> bool:
    """Not inside a UTF-8 character, not before a combining mark, not inside an escape pair
    (a backslash and the character after it; pairs are taken from the left)."""
    if data[cut] & 0xC0 == 0x80:
        return False
    if unicodedata.combining(data[cut : cut + 4].decode("utf-8", "ignore")[:1] or "a"):
        return False
    backslashes = 0
    while cut - backslashes > 0 and data[cut - backslashes - 1] == 0x5C:
        backslashes += 1
    return backslashes % 2 == 0
