"""The pages the law asks for: the list of the information published, how to ask for
information, and the English pages. Model in, HTML bodies out."""

from __future__ import annotations

from generator.common.urls import ACCESS_PAGE, ACCESS_URL, CATALOGUE_PAGE, CATALOGUE_URL, DATA_URL
from generator.disclosure.catalogue import CATALOGUE_FILE, Row
from generator.domain.model import Content
from generator.output import Page, SiteInfo
from generator.render.chrome import ask_instead, contacts, focal_point
from generator.render.templating import render_page


def catalogue_page(content: Content, site: SiteInfo, rows: tuple[Row, ...]) -> Page:
    return render_page(
        CATALOGUE_PAGE,
        "Danh mục thông tin công khai",
        "catalogue.html.j2",
        description=f"Thông tin {content.ward.issuer} công khai trên trang: địa chỉ, hình thức, "
        "thời điểm và thời hạn công khai.",
        issuer=content.ward.issuer,
        rows=rows,
        site=site,
        data_file=DATA_URL + CATALOGUE_FILE,
        access_url=ACCESS_URL,
    )


def access_page(content: Content) -> Page:
    """How to ask for information, and who receives requests: only as ward.yaml says it;
    without a focal point, where to ask, in the footer's words."""
    ward = content.ward
    return render_page(
        ACCESS_PAGE,
        "Tiếp cận thông tin",
        "access.html.j2",
        description=f"Cách yêu cầu {ward.issuer} cung cấp thông tin, đầu mối tiếp nhận.",
        issuer=ward.issuer,
        focal=focal_point(ward),
        office=[c for c in contacts(ward) if c["label"] != "Góp ý"],
        ask_instead=ask_instead(ward),
        catalogue_url=CATALOGUE_URL,
    )
