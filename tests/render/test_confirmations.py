"""A programme read by OCR says so on every page showing its text, until a confirmation file in
`content/confirmations/` says a person checked the rows against the paper (issue 30, item 5)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.contentformat import layout
from generator.load.content import check_content
from generator.output import SiteInfo, SiteOutput
from generator.render.pages import add_pages

from ..conftest import AS_OF, FIXTURES, copy_fixture
from ..helpers import edit_file

SCAN = FIXTURES / "scans" / "hang-qua-trang.pdf"
NOTICE = "Chữ do máy đọc, chưa được đối chiếu"


def ocr_read(tmp_path: Path) -> Path:
    """The mini fixture as if imported from a signed scan: `read_by_ocr`, the PDF as source."""
    content = copy_fixture(tmp_path)
    (content / layout.SOURCES).mkdir()
    shutil.copy(SCAN, content / layout.SOURCES / "ctct-2026.pdf")
    edit_file(
        content / "programmes" / "2026.yaml",
        "source_document: Bản giấy lưu tại Văn phòng HĐND và UBND phường\n",
        "source_document: sources/ctct-2026.pdf\n"
        "read_by_ocr: Đọc bằng nhận dạng chữ (OCR) từ bản quét; 3 ô cần kiểm tra.\n",
    )
    return content


def confirm(content: Path, text: str, name: str = "2026-01-20-van-phong.yaml") -> Path:
    folder = content / layout.CONFIRMATIONS
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


CHECKED = """programme: "2026"
checked_on: 20/01/2026
checked_by: Nguyễn Văn A, Văn phòng HĐND và UBND
rows:
  - 2026-01-01
"""


def pages(content_dir: Path) -> dict[str, str]:
    content, problems = check_content(content_dir, AS_OF, history=False)
    assert content is not None, [str(p) for p in problems]
    output = SiteOutput()
    add_pages(output, content, SiteInfo(url="https://example.org/ctct/", as_of=AS_OF))
    return {page.path: page.body for page in output.pages}


def test_every_page_showing_an_ocr_read_programme_says_so(tmp_path):
    bodies = pages(ocr_read(tmp_path))
    for path in (
        "index.md",
        "thang/2026-01.md",
        "nhiem-vu/2026-01-01.md",
        "trong-tam.md",
        "gioi-thieu.md",
    ):
        assert NOTICE in bodies[path], path
    assert 'href="../../van-ban/ctct-2026.pdf"' in bodies["nhiem-vu/2026-01-01.md"]


def test_a_programme_not_read_by_ocr_has_no_notice(tmp_path):
    bodies = pages(copy_fixture(tmp_path))
    assert not [path for path, body in bodies.items() if NOTICE in body]


def test_a_row_checked_against_the_paper_loses_the_notice_the_others_keep_it(tmp_path):
    content = ocr_read(tmp_path)
    confirm(content, CHECKED)
    bodies = pages(content)
    assert NOTICE not in bodies["nhiem-vu/2026-01-01.md"]
    checked = "Nguyễn Văn A, Văn phòng HĐND và UBND đã đối chiếu với bản giấy ngày 20/01/2026"
    assert checked in bodies["nhiem-vu/2026-01-01.md"]
    assert NOTICE in bodies["nhiem-vu/2026-01-02.md"]
    assert NOTICE in bodies["thang/2026-01.md"]  # other rows of the month are unchecked


def test_all_rows_checked_removes_every_notice(tmp_path):
    content = ocr_read(tmp_path)
    confirm(content, CHECKED.replace("  - 2026-01-01\n", "  - all\n"))
    assert not [path for path, body in pages(content).items() if NOTICE in body]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("  - 2026-01-01\n", "  - 2026-01-99\n", 4, "không có nhiệm vụ '2026-01-99'"),
        ("20/01/2026", "20/02/2026", 4, "ngày 20/02/2026 ở tương lai"),
        ("20/01/2026", "01/01/2026", 4, "trước khi ban hành"),
        ('programme: "2026"', 'programme: "2025"', 4, "không có chương trình '2025'"),
        ("  - 2026-01-01\n", "  - all\n  - 2026-01-01\n", 4, "ghi riêng `all`"),
        ("checked_by: Nguyễn Văn A, Văn phòng HĐND và UBND\n", "", 1, "checked_by"),
    ],
)
def test_a_wrong_confirmation_is_an_error_at_its_line(tmp_path, old, new, line, message):
    content = ocr_read(tmp_path)
    confirm(content, CHECKED.replace(old, new))
    found, problems = check_content(content, AS_OF, history=False)
    assert found is None
    errors = [p for p in problems if p.severity.name == "ERROR"]
    assert [(p.file, p.line) for p in errors] == [
        ("content/confirmations/2026-01-20-van-phong.yaml", line)
    ], [str(p) for p in problems]
    assert message in str(errors[0])


def test_confirming_a_programme_not_read_by_ocr_is_a_warning(tmp_path):
    content = copy_fixture(tmp_path)
    confirm(content, CHECKED)
    found, problems = check_content(content, AS_OF, history=False)
    assert found is not None
    assert any("không được đọc bằng OCR" in str(p) for p in problems)


def test_the_latest_check_of_a_row_is_the_one_shown(tmp_path):
    content = ocr_read(tmp_path)
    confirm(content, CHECKED)
    later = CHECKED.replace("20/01/2026", "22/01/2026").replace("Nguyễn Văn A", "Trần Thị B")
    confirm(content, later, "2026-01-22-tran-thi-b.yaml")
    found, _ = check_content(content, AS_OF, history=False)
    programme = found.programmes[0]
    assert programme.confirmation("2026-01-01").checked_on == dt.date(2026, 1, 22)
    assert not programme.machine_read("2026-01-01")
    assert programme.machine_read("2026-01-02")


def test_the_editor_offers_the_declared_confirmation_form_for_an_ocr_read_programme(tmp_path):
    from generator.contentformat import records as fmt
    from generator.editor.config import editor_config
    from generator.editor.settings import editor_settings

    settings = editor_settings(repo="ubnd-example/chuong-trinh", auth_url="https://a.example.org")
    content, _ = check_content(ocr_read(tmp_path), AS_OF, history=False)
    found = [c for c in editor_config(content, settings)["collections"] if c["name"] == "doi-chieu"]
    assert found and found[0]["folder"] == f"content/{layout.CONFIRMATIONS}"
    fields = {f["name"]: f for f in found[0]["fields"]}
    assert list(fields) == list(fmt.CONFIRMATION.names)
    offered = [o["value"] for o in fields["rows"]["options"]]
    assert offered[0] == "all" and "2026-01-01" in offered and "2026-trong-tam-01" in offered
    plain, _ = check_content(copy_fixture(tmp_path / "plain"), AS_OF, history=False)
    assert "doi-chieu" not in [c["name"] for c in editor_config(plain, settings)["collections"]]
