"""The document's metadata (Nghị định 42/2022) on the about page: what the data gives, and
"không ghi" for the rest, for the programme and each amending decision."""

from __future__ import annotations

import dataclasses
import datetime as dt

from generator.domain.model import Amendment, Source
from generator.render.context import PageContext
from generator.render.pages import about_page


def test_what_the_document_does_not_give_is_marked_not_stated(mini_content, site_info):
    programme = dataclasses.replace(mini_content.programmes[0], document_number="", issued_on=None)
    decision = Amendment(
        "qd-15", dt.date(2026, 3, 10), "Quyết định số 15/QĐ-UBND <b>", "Lùi hạn.", (), "",
        Source("amendments/qd-15.yaml", 1), programme.id,
    )  # fmt: skip
    programme = dataclasses.replace(programme, amendments=(decision,))
    content = dataclasses.replace(mini_content, programmes=(programme,))
    body = about_page(PageContext(content, site_info)).body
    assert "<dt>Số, ký hiệu</dt><dd>không ghi</dd>" in body
    assert "<dt>Ngày ban hành</dt><dd>không ghi</dd>" in body
    assert "<dt>Ngày có hiệu lực</dt><dd>không ghi</dd>" in body
    assert f"<dt>Trích yếu</dt><dd>{programme.title}</dd>" in body
    section = body[body.index('id="van-ban-qd-15"') :]
    assert "Quyết định số 15/QĐ-UBND &lt;b&gt;" in section
    assert "<dt>Ngày ban hành</dt><dd>10/03/2026</dd>" in section
    assert "<dt>Bản gốc</dt><dd>không ghi</dd>" in section
