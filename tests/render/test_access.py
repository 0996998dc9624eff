"""How to ask for information, and who receives requests (Luật Tiếp cận thông tin, art.
19(1)(đ); Nghị định 13/2018, art. 11): only as ward.yaml gives it, else where to ask."""

from __future__ import annotations

import dataclasses

from generator.disclosure.pages import access_page
from generator.domain.model import InfoContact


def test_without_a_focal_point_the_page_says_to_ask_the_peoples_committee(mini_content):
    body = access_page(mini_content).body
    ward = mini_content.ward
    assert f"Hỏi hoặc góp ý về chương trình: liên hệ trực tiếp {ward.issuer}." in body
    assert "Đầu mối tiếp nhận" not in body and "mailto:" not in body and "tel:" not in body


def test_the_focal_point_as_given_escaped_and_only_what_is_given(mini_content):
    contact = InfoContact(name="Trần <b>B</b>", phone="0225 3.123-456")
    ward = dataclasses.replace(mini_content.ward, info_contact=contact)
    body = access_page(dataclasses.replace(mini_content, ward=ward)).body
    assert "Trần &lt;b&gt;B&lt;/b&gt;" in body and 'href="tel:02253123456"' in body
    assert "Chức vụ" not in body and "Thư điện tử" not in body
    assert "liên hệ trực tiếp" not in body
