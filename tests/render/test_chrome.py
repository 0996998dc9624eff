"""The frame of every page (generator/render/chrome.py): the footer's facts and contacts, and
ward.yaml's optional contact fields as `check` reads them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from generator.load.content import check_content
from generator.render.chrome import chrome, contacts, document_line, portals

from ..conftest import AS_OF, copy_fixture


def ward_with(tmp_path: Path, extra: str) -> Path:
    content = copy_fixture(tmp_path)
    path = content / "ward.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return content


def test_without_contacts_the_footer_says_where_to_ask_and_invents_nothing(mini_content):
    facts = chrome(mini_content, AS_OF)
    assert facts["contacts"] == []
    assert facts["ask_instead"] == (
        f"Hỏi hoặc góp ý về chương trình: liên hệ trực tiếp {mini_content.ward.issuer}."
    )
    assert facts["issuer"] == mini_content.ward.issuer
    assert facts["updated"] == "", "no git history: no date rather than the build's"


def test_the_contacts_the_ward_gave_and_only_those(mini_content):
    ward = dataclasses.replace(
        mini_content.ward, phone="0225 3.123-456", feedback_link="https://example.gov.vn/gop-y"
    )
    assert contacts(ward) == [
        {"label": "Điện thoại", "text": "0225 3.123-456", "href": "tel:02253123456"},
        {"label": "Góp ý", "text": "Gửi góp ý trực tuyến", "href": "https://example.gov.vn/gop-y"},
    ]
    facts = chrome(dataclasses.replace(mini_content, ward=ward), AS_OF)
    assert facts["ask_instead"] == ""


def test_the_data_date_is_the_last_change_in_vietnam(mini_content):
    changed = dataclasses.replace(mini_content, updated=dt.datetime(2026, 1, 5, 18, tzinfo=dt.UTC))
    assert chrome(changed, AS_OF)["updated"] == "06/01/2026"


def test_the_document_line_says_only_what_is_known(mini_content):
    programme = mini_content.programmes[0]
    bare = dataclasses.replace(programme, document_number="", issued_on=None)
    assert document_line(bare) == programme.title
    full = dataclasses.replace(
        programme, document_number="12/CTr-UBND", issued_on=dt.date(2026, 1, 5)
    )
    assert document_line(full) == f"{programme.title} (số 12/CTr-UBND, ngày 05/01/2026)"


def test_check_reads_the_focal_point_for_requests_for_information(tmp_path):
    content = ward_with(
        tmp_path,
        "info_contact_name: Nguyễn Văn A\ninfo_contact_title: Chánh Văn phòng\n"
        "info_contact_phone: 0225 3 123 456\ninfo_contact_email: tiepcan@phuong.gov.vn\n",
    )
    model, problems = check_content(content, AS_OF, history=False)
    assert model is not None, [str(p) for p in problems]
    contact = model.ward.info_contact
    assert (contact.name, contact.title) == ("Nguyễn Văn A", "Chánh Văn phòng")
    assert (contact.phone, contact.email) == ("0225 3 123 456", "tiepcan@phuong.gov.vn")


def test_check_reads_valid_contacts(tmp_path):
    content = ward_with(
        tmp_path,
        "address: Số 1 đường Trần Phú\nphone: +84 225 3123456\nemail: vp@phuong.gov.vn\n"
        "feedback_link: https://phuong.gov.vn/gop-y\n",
    )
    model, problems = check_content(content, AS_OF, history=False)
    assert model is not None, [str(p) for p in problems]
    assert model.ward.email == "vp@phuong.gov.vn" and model.ward.phone == "+84 225 3123456"


@pytest.mark.parametrize(
    ("extra", "field", "words"),
    [
        ("email: vp@phuong\n", "email", "không đúng dạng"),
        ("email: '<a>@x.vn'\n", "email", "không đúng dạng"),
        ("phone: '0225 ABC'\n", "phone", "chỉ gồm chữ số"),
        ("phone: '12'\n", "phone", "chỉ gồm chữ số"),
        ("feedback_link: http://phuong.gov.vn/\n", "feedback_link", "https://"),
        ("feedback_link: javascript:alert(1)\n", "feedback_link", "https://"),
        ("address: '<script>x</script>'\n", "address", "không được chứa ký tự"),
        ("info_contact_name: '<b>An</b>'\n", "info_contact_name", "không được chứa ký tự"),
        ("info_contact_title: 'Chánh & VP'\n", "info_contact_title", "không được chứa ký tự"),
        ("info_contact_phone: '0225 ABC'\n", "info_contact_phone", "chỉ gồm chữ số"),
        ("info_contact_email: vp@phuong\n", "info_contact_email", "không đúng dạng"),
        ("province_portal: http://x.gov.vn/\n", "province_portal", "https://"),
        ("public_service_portal: javascript:x\n", "public_service_portal", "https://"),
    ],
)
def test_check_refuses_bad_contacts_at_their_line(tmp_path, extra, field, words):
    content = ward_with(tmp_path, extra)
    model, problems = check_content(content, AS_OF, history=False)
    assert model is None
    found = [p for p in problems if p.field == field]
    assert found and words in found[0].message, [str(p) for p in problems]
    assert found[0].file.endswith("ward.yaml") and found[0].line == 6


def test_related_portals_only_as_declared(mini_content):
    assert chrome(mini_content, AS_OF)["portals"] == []
    ward = dataclasses.replace(mini_content.ward, public_service_portal="https://dvc.example.vn/")
    assert portals(ward) == [
        {"text": "Cổng Dịch vụ công quốc gia", "href": "https://dvc.example.vn/"}
    ]
