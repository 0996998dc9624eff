"""What every page's frame shows around its body: header names, footer, printed extract, meta.

Plain text and site paths only (the theme escapes every value and makes each path relative to
the page, `theme/main.html` and `theme/partials/footer.html`). Facts come from the content and
its git history, never from the build's clock, and nothing is invented: a contact the ward did
not give is not shown; the footer says where to ask instead.
"""

from __future__ import annotations

import datetime as dt

from generator.common.dates import format_date, vietnam_date
from generator.common.urls import (
    ABOUT_URL,
    ACCESS_URL,
    CATALOGUE_URL,
    DATA_URL,
    ENGLISH_URL,
    SEARCH_URL,
    source_file_url,
)
from generator.common.wording import SITE_KIND, ward_place
from generator.domain.model import Content, Programme, Ward
from generator.render.pages import current_programme

ASK_INSTEAD = "Hỏi hoặc góp ý về chương trình: liên hệ trực tiếp {issuer}."
"""What the footer says where the ward gave no way to reach it."""


def chrome(content: Content, as_of: dt.date) -> dict[str, object]:
    """The frame's facts, as plain values the theme reads from `config.extra.ctct`."""
    programme = current_programme(content, as_of)
    ward = content.ward
    return {
        "site_kind": SITE_KIND,
        "place": ward_place(ward),
        "issuer": ward.issuer,
        "document": document_line(programme),
        "document_link": source_file_url(programme) or ABOUT_URL,
        "updated": format_date(vietnam_date(content.updated)) if content.updated else "",
        "data_url": DATA_URL,
        "search_url": SEARCH_URL,
        "catalogue_url": CATALOGUE_URL,
        "access_url": ACCESS_URL,
        "english_url": ENGLISH_URL,
        "contacts": contacts(ward),
        "portals": portals(ward),
        "ask_instead": "" if ward.email or ward.phone or ward.feedback_link else ask_instead(ward),
    }


def document_line(programme: Programme) -> str:
    """'Chương trình công tác năm 2026 (số 12/CTr-UBND, ngày 05/01/2026)', what is known."""
    known = [f"số {programme.document_number}" if programme.document_number else ""]
    known.append(f"ngày {format_date(programme.issued_on)}" if programme.issued_on else "")
    said = ", ".join(part for part in known if part)
    return f"{programme.title} ({said})" if said else programme.title


def contacts(ward: Ward) -> list[dict[str, str]]:
    """[{label, text, href}] of the ways to reach the ward it gave; href '' for plain text."""
    found = [
        ("Địa chỉ", ward.address, ""),
        ("Điện thoại", ward.phone, _tel(ward.phone)),
        ("Thư điện tử", ward.email, f"mailto:{ward.email}"),
        ("Góp ý", "Gửi góp ý trực tuyến", ward.feedback_link),
    ]
    return [
        {"label": label, "text": text, "href": href}
        for label, text, href in found
        if (href if label == "Góp ý" else text)
    ]


def portals(ward: Ward) -> list[dict[str, str]]:
    """[{text, href}] of the related portals ward.yaml names; none is built in."""
    found = [
        (f"Cổng thông tin điện tử {ward.city}", ward.province_portal),
        ("Cổng Dịch vụ công quốc gia", ward.public_service_portal),
    ]
    return [{"text": text, "href": href} for text, href in found if href]


def focal_point(ward: Ward) -> list[dict[str, str]]:
    """[{label, text, href}] of who receives requests for information, as the ward gave it."""
    contact = ward.info_contact
    if contact is None:
        return []
    found = [
        ("Họ tên", contact.name, ""),
        ("Chức vụ", contact.title, ""),
        ("Điện thoại", contact.phone, _tel(contact.phone)),
        ("Thư điện tử", contact.email, f"mailto:{contact.email}"),
    ]
    return [{"label": label, "text": text, "href": href} for label, text, href in found if text]


def _tel(phone: str) -> str:
    return "tel:" + "".join(c for c in phone if c in "+0123456789")


def ask_instead(ward: Ward) -> str:
    return ASK_INSTEAD.format(issuer=ward.issuer)
