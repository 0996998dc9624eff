"""The English pages (Nghị định 42/2022: at least the organisation, its functions and its
contacts in English): `/en/` (the People's Committee, its units, contacts) and `/en/programme/`
(the programme and how this site works). Only declared English is English: a unit without a
declared `name_en` is listed by its Vietnamese name, marked so; the programme's texts stay
Vietnamese (`lang="vi"`), under English headings. Nothing is machine-translated.
"""

from __future__ import annotations

from generator.common.urls import (
    ACCESS_URL,
    CATALOGUE_URL,
    CHANGES_URL,
    ENGLISH_PAGE,
    ENGLISH_SITE_PAGE,
    ENGLISH_SITE_URL,
    ENGLISH_URL,
    SEARCH_URL,
    UNITS_URL,
)
from generator.domain.model import Content
from generator.output import Page, SiteInfo
from generator.render.chrome import contacts, focal_point
from generator.render.context import current_programme
from generator.render.templating import render_page

KINDS_EN = {"phường": "ward", "xã": "commune", "thị trấn": "township", "đặc khu": "special zone"}
"""The kinds of commune-level unit, in English (`contentformat.choices.WARD_KINDS`)."""
CONTACT_LABELS = {
    "Địa chỉ": "Address",
    "Điện thoại": "Phone",
    "Thư điện tử": "E-mail",
    "Họ tên": "Name",
    "Chức vụ": "Position",
}


def _english(found: list[dict[str, str]]) -> list[dict[str, str]]:
    """Contacts with English labels; the values as the ward wrote them."""
    return [{**x, "label": CONTACT_LABELS[x["label"]]} for x in found if x["label"] != "Góp ý"]


def english_pages(content: Content, site: SiteInfo) -> list[Page]:
    ward = content.ward
    place = f"{ward.name} {KINDS_EN.get(ward.kind, ward.kind)}"
    common = {"ward": ward, "place": place, "en_url": ENGLISH_URL, "site_url": ENGLISH_SITE_URL}
    programme = current_programme(content, site.as_of)
    return [
        render_page(
            ENGLISH_PAGE,
            f"People's Committee of {place}, {ward.city}",
            "english.html.j2",
            searchable=False,
            lang="en",
            description=f"The People's Committee of {place}: what it is, its units, contacts.",
            units=[u for u in content.units if not u.is_all],
            office=_english(contacts(ward)),
            focal=_english(focal_point(ward)),
            feedback=ward.feedback_link,
            access_url=ACCESS_URL,
            **common,
        ),
        render_page(
            ENGLISH_SITE_PAGE,
            f"Work programme {programme.year}: how this site works",
            "english_site.html.j2",
            searchable=False,
            lang="en",
            description=f"The work programme of the People's Committee of {place}: pages, "
            "calendars, open data.",
            programme=programme,
            units_page=UNITS_URL,
            changes_url=CHANGES_URL,
            catalogue_url=CATALOGUE_URL,
            search_url=SEARCH_URL,
            **common,
        ),
    ]
