"""The subscribe page `lich/`: each feed's addresses for every calendar app, and a QR code.

It walks a clerk through Android (ICSx⁵, or Google Calendar subscribed once from a browser),
iPhone, Google Calendar, Outlook (personal and work accounts) and Thunderbird, and through
setting a reminder before a deadline: the feeds carry no VALARM, so each person sets a default
notification for the subscribed calendar. Archive feeds (one per programme year) are listed
after the year-free ones. QR codes are made at build time (segno, inline SVG): no web service
sees who subscribes.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import segno
from markupsafe import Markup, escape

from generator.common.urls import CHANGES_FEED, CHANGES_URL, SUBSCRIBE_PAGE, unit_changes_feed
from generator.domain.model import Cadence, Content
from generator.feeds.feed import Feed
from generator.output import Page, SiteInfo
from generator.render.templating import render_page

GOOGLE = "https://calendar.google.com/calendar/render?cid="
OUTLOOK = "https://outlook.live.com/calendar/0/addfromweb?url="
OUTLOOK_WORK = "https://outlook.office.com/calendar/0/addfromweb?url="
"""Outlook on the web for work and school accounts (Microsoft 365)."""
ICSX5_FDROID = "https://f-droid.org/packages/at.bitfire.icsdroid/"
ICSX5_PLAY = "https://play.google.com/store/apps/details?id=at.bitfire.icsdroid"


@dataclass(frozen=True)
class FeedLinks:
    """One feed with every way to reach it."""

    feed: Feed
    https: str
    """The feed's absolute address, e.g. 'https://example.org/ctct/lich/tat-ca.ics'."""
    webcal: str
    """The same with the webcal:// scheme, which calendar apps open as a subscription."""
    google: str
    outlook: str
    """Outlook.com (personal accounts)."""
    outlook_work: str
    """Outlook for work or school accounts (Microsoft 365)."""
    qr: Markup | None
    """An inline SVG QR code of the webcal address (iPhone camera → subscribe); None for the
    yearly archives, which the page lists without one (each code costs the build ~15 ms)."""
    news: str
    """The Atom feed of changes and reports that goes with it (the unit's, or the ward's)."""


def webcal_url(url: str) -> str:
    """'https://x/a.ics' → 'webcal://x/a.ics'."""
    scheme, sep, rest = url.partition("://")
    return f"webcal://{rest}" if sep and scheme in ("http", "https") else url


def google_url(url: str) -> str:
    return GOOGLE + quote(webcal_url(url), safe="")


def outlook_url(url: str, name: str, base: str = OUTLOOK) -> str:
    return f"{base}{quote(url, safe='')}&name={quote(name, safe='')}"


def qr_svg(text: str, label: str) -> Markup:
    """A QR code as inline SVG, dark on a white quiet zone (readable in a dark theme too)."""
    svg = segno.make(text, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", svgclass="ctct-qr", title=label
    )
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


def feed_links(
    feed: Feed, site: SiteInfo, units: frozenset[str] = frozenset(), *, qr: bool = True
) -> FeedLinks:
    """Every way to reach `feed`; `units` are the unit ids, whose feeds have their own news."""
    url = site.absolute(feed.path)
    return FeedLinks(
        feed,
        url,
        webcal_url(url),
        google_url(url),
        outlook_url(url, feed.name),
        outlook_url(url, feed.name, OUTLOOK_WORK),
        qr_svg(webcal_url(url), f"Mã QR đăng ký {feed.name}") if qr else None,
        unit_changes_feed(feed.anchor) if feed.anchor in units else CHANGES_FEED,
    )


def subscribe_page(feeds: list[Feed], content: Content, site: SiteInfo) -> Page:
    per_plan = sum(not t.deadline.is_dated for t in content.tasks)
    unit_ids = frozenset(unit.id for unit in content.units)
    unscheduled = sum(
        k.meeting is None and k.cadence is not Cadence.NONE
        for p in content.programmes
        for k in p.key_tasks
    )
    return render_page(
        SUBSCRIBE_PAGE,
        "Đăng ký lịch công tác",
        "lich.html.j2",
        description=f"Đăng ký lịch công tác của {content.ward.kind} và từng đơn vị vào điện "
        "thoại Android, iPhone, Google Calendar, Outlook, Thunderbird; đặt lời nhắc trước hạn.",
        feeds=[feed_links(f, site, unit_ids) for f in feeds if f.year is None],
        changes_url=CHANGES_URL,
        archives=[feed_links(f, site, qr=False) for f in feeds if f.year is not None],
        icsx5=(ICSX5_FDROID, ICSX5_PLAY),
        per_plan=per_plan,
        unscheduled=unscheduled,
        has_meetings=any(f.recurring for f in feeds),
        ward=content.ward,
    )
