"""The subscribe page `lich/`: each feed's addresses for every calendar app, and a QR code.

QR codes are made at build time (segno, inline SVG): no web service sees who subscribes.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import segno
from markupsafe import Markup, escape

from generator.feeds.feed import Feed
from generator.model import Cadence, Content
from generator.output import Page, SiteInfo
from generator.render.templating import render_page
from generator.urls import SUBSCRIBE_PAGE

GOOGLE = "https://calendar.google.com/calendar/render?cid="
OUTLOOK = "https://outlook.live.com/calendar/0/addfromweb?url="


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
    qr: Markup
    """An inline SVG QR code of the webcal address (iPhone camera → subscribe)."""


def webcal_url(url: str) -> str:
    """'https://x/a.ics' → 'webcal://x/a.ics'."""
    scheme, sep, rest = url.partition("://")
    return f"webcal://{rest}" if sep and scheme in ("http", "https") else url


def google_url(url: str) -> str:
    return GOOGLE + quote(webcal_url(url), safe="")


def outlook_url(url: str, name: str) -> str:
    return f"{OUTLOOK}{quote(url, safe='')}&name={quote(name, safe='')}"


def qr_svg(text: str, label: str) -> Markup:
    """A QR code as inline SVG, dark on a white quiet zone (readable in a dark theme too)."""
    svg = segno.make(text, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", svgclass="ctct-qr", title=label
    )
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


def feed_links(feed: Feed, site: SiteInfo) -> FeedLinks:
    url = site.absolute(feed.path)
    return FeedLinks(
        feed,
        url,
        webcal_url(url),
        google_url(url),
        outlook_url(url, feed.name),
        qr_svg(webcal_url(url), f"Mã QR đăng ký {feed.name}"),
    )


def subscribe_page(feeds: list[Feed], content: Content, site: SiteInfo) -> Page:
    per_plan = sum(not t.deadline.is_dated for t in content.tasks)
    unscheduled = sum(
        k.meeting is None and k.cadence is not Cadence.NONE
        for p in content.programmes
        for k in p.key_tasks
    )
    return render_page(
        SUBSCRIBE_PAGE,
        "Đăng ký lịch công tác",
        "lich.html.j2",
        description="Đăng ký lịch công tác của phường và từng đơn vị vào Google Calendar, "
        "Outlook, iPhone, Thunderbird.",
        feeds=[feed_links(f, site) for f in feeds],
        per_plan=per_plan,
        unscheduled=unscheduled,
        has_meetings=any(f.recurring for f in feeds),
        ward=content.ward,
    )
