"""The pages the law asks for: the list of the information published, how to ask for
information, and the English pages. Model in, HTML bodies out."""

from __future__ import annotations

from generator.disclosure.catalogue import CATALOGUE_FILE, Row
from generator.model import Content
from generator.output import Page, SiteInfo
from generator.render.templating import render_page
from generator.urls import CATALOGUE_PAGE, DATA_URL


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
    )
