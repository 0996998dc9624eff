"""The importer on Word documents: the same tasks as the text form, problems placed by table and
row, and one clear error for a file that is not a .docx. Every document is built here."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest

from generator.cli import main as cli_main
from generator.common.errors import Problem
from generator.domain.model import Cadence, Content
from generator.importer.run import run_import
from generator.load.content import load_content
from tests.word import HEADER, Row, WordDoc, month_row, word_from_text

from ..helpers import SOURCE_2026, errors, import_ok, import_pair, replaced, task_rows

AS_OF = dt.date(2026, 1, 1)
HEADER_2026 = (
    [["UBND THÀNH PHỐ HẢI PHÒNG", "ỦY BAN NHÂN DÂN PHƯỜNG BÌNH MINH"], ["Số: 05/CTr-UBND"]],
    [
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        ["Bình Minh, ngày 08 tháng 01 năm 2026"],
    ],
)


# --- the real 2026 programme as Word gives what its text form gives ----------------------------


@pytest.fixture(scope="module")
def both_2026(tmp_path_factory) -> dict[str, tuple[Content, list[Problem], Path]]:
    """The 2026 programme imported from its text and from the same text laid out as Word."""
    tmp = tmp_path_factory.mktemp("both")
    word = word_from_text(SOURCE_2026.read_text(encoding="utf-8"), HEADER_2026)
    return import_pair(tmp, "docx", word.save(tmp / "ctct-2026-phuong-binh-minh.docx"))


def test_the_word_document_is_laid_out_as_word_does():
    """The mirror holds what the key test must get through: merges both ways, header rows
    marked to repeat, one table per page, Word lists and formatting instead of markup."""
    word = word_from_text(SOURCE_2026.read_text(encoding="utf-8"), HEADER_2026)
    xml = word.document.element.xml
    assert len(word.document.tables) == 14  # header, 12 pages of tasks, signature
    for mark in ("<w:vMerge/>", '<w:vMerge w:val="restart"/>', '<w:gridSpan w:val="4"/>'):
        assert mark in xml, mark
    assert '<w:gridSpan w:val="3"/>' in xml  # 'Tháng 4/2025' written in the content column
    assert xml.count("<w:tblHeader/>") == 12
    assert '<w:pStyle w:val="ListNumber"/>' in xml and '<w:pStyle w:val="ListBullet"/>' in xml
    assert "<w:u " in xml and "<w:i/>" in xml and "<w:b/>" in xml
    assert not re.search(r"<w:t[^>]*>[^<]*(\*\*|&lt;[ui]&gt;)", xml)


def test_word_and_text_give_identical_tasks(both_2026):
    text, _, _ = both_2026["text"]
    word, _, _ = both_2026["docx"]
    assert len(word.tasks) == 133
    assert task_rows(word) == task_rows(text)
    shared = [t for t in word.tasks if t.id in ("2026-01-10-1", "2026-01-10-2")]
    assert {t.lead_unit_id for t in shared} == {"phong-van-hoa-xa-hoi"}  # one merged cell


def test_word_and_text_give_the_same_programme_besides_the_header(both_2026):
    (text, _, text_out), (word, _, word_out) = both_2026["text"], both_2026["docx"]
    (t,), (w,) = text.programmes, word.programmes
    for name in ("title", "legal_bases", "preamble", "organisation", "closing", "recipients"):
        assert getattr(w, name) == getattr(t, name), name
    assert w.signer == t.signer
    assert [(k.number, k.content, k.cadence, k.cadence_as_written) for k in w.key_tasks] == [
        (k.number, k.content, k.cadence, k.cadence_as_written) for k in t.key_tasks
    ]
    assert [(m.heading, m.corrections) for m in w.months] == [
        (m.heading, m.corrections) for m in t.months
    ]
    assert word.units == text.units and word.ward == text.ward
    assert (w.document_number, w.issued_on) == ("05/CTr-UBND", dt.date(2026, 1, 8))
    assert (t.document_number, t.issued_on) == ("", None)  # the text form has no header
    assert (word.ward.name, word.ward.city) == ("Bình Minh", "Hải Phòng")

    def yaml_body(out: Path) -> list[str]:
        lines = (out / "programmes" / "2026.yaml").read_text(encoding="utf-8").split("\n")
        return [x for x in lines if not x.startswith(("document_number:", "issued_on:", "source"))]

    assert yaml_body(word_out) == yaml_body(text_out)
    assert w.source_document == "sources/ctct-2026-phuong-binh-minh.docx"
    copied = word_out / "sources" / "ctct-2026-phuong-binh-minh.docx"
    assert copied.read_bytes()[:4] == b"PK\x03\x04"


def test_word_warnings_are_the_text_warnings_placed_by_table_and_row(both_2026):
    (_, text_problems, _), (_, word_problems, _) = both_2026["text"], both_2026["docx"]
    leftovers = [p for p in text_problems if "định dạng" in p.message]
    assert len(leftovers) == 4  # <u>, <i>, ** in the text; formatting in Word, no warning

    # A message naming another place says it in the file's own terms (dòng 34; bảng 2, dòng 3).
    def unplaced(problem: Problem) -> tuple[str, str]:
        return problem.field, re.sub(r"\((?:bảng \d+, )?dòng \d+\)", "(…)", problem.message)

    expected = [unplaced(p) for p in text_problems if p not in leftovers]
    assert [unplaced(p) for p in word_problems] == expected
    for problem in word_problems:
        assert re.fullmatch(r"bảng \d+, dòng \d+", problem.place), problem
    year = next(p for p in word_problems if p.field == "heading")
    assert str(year).startswith("ctct-2026-phuong-binh-minh.docx: bảng 6, dòng 2: heading: ")


# --- a small programme: every Word layout, each anomaly at its table and row -----------------

ROWS = [
    Row(HEADER, repeat=True),  # bảng 2, dòng 1
    month_row("Tháng 1/2027"),
    Row(["1", "Kế hoạch cải cách hành chính", "Văn phòng HĐND và UBND", "15/01/2027"]),
    Row(["2", "Kế hoạch thu ngân sách", "Phòng Tài chính - Kế hoạch", "20/01/2027"]),
    Row(["2.1", "Giao chỉ tiêu thu các thôn", "Phòng Tài chính - Kế hoạch", "20/01/2027"]),
    Row(HEADER),  # the header typed again at a page break
    Row(["3", "Tổ chức <b>Tết trồng cây</b>", "", "theo KH"]),  # dòng 7: no lead
    month_row("Tháng 2/2026"),  # dòng 8: the year typed wrong
    Row(["1", "Báo cáo tình hình <u>tháng 01</u>", "Văn phòng HĐND và UBND", "25/02/2026"]),
]


def an_hoa(
    tmp_path: Path,
    rows: list[Row] = ROWS,
    left: list[str] | None = None,
    number: str = "Số: 07/CTr-UBND",
    merge_down: tuple[tuple[int, int], ...] = ((3, 2),),
) -> Path:
    """A commune's programme whose header alone names the commune and the province; its title
    in two paragraphs."""
    doc = WordDoc()
    doc.header(
        [left or ["UBND TỈNH BẮC NINH", "ỦY BAN NHÂN DÂN XÃ AN HÒA"], [number]],
        [["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["An Hòa, ngày 06 tháng 01 năm 2027"]],
    )
    doc.paragraph("CHƯƠNG TRÌNH", bold=True)
    doc.paragraph("Công tác năm 2027 của Ủy ban nhân dân xã", bold=True)
    doc.paragraph("Căn cứ Quy chế làm việc của Ủy ban nhân dân xã;", "List Bullet")
    doc.paragraph("Ủy ban nhân dân xã xây dựng Chương trình công tác năm 2027 như sau:")
    doc.paragraph("Nhiệm vụ trọng tâm", "List Bullet", bold=True)
    doc.paragraph("Khám chữa bệnh ban đầu (*Giao ban chuyên đề hằng tuần*)", "List Number")
    doc.paragraph("Xây dựng nông thôn mới nâng cao.", "List Number")
    doc.paragraph("Nhiệm vụ cụ thể", bold=True)
    doc.table(rows, merge_down)
    doc.paragraph("II. TỔ CHỨC THỰC HIỆN", bold=True)
    doc.paragraph("1. Các phòng, đơn vị tổ chức thực hiện đúng tiến độ.")
    doc.signature(
        ["Nơi nhận:", "- UBND tỉnh;", "- Lưu: VT."],
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Trần Thị Bình"],
    )
    return doc.save(tmp_path / "ctct-2027.docx")


def test_small_programme_in_word(tmp_path):
    problems = import_ok(an_hoa(tmp_path), tmp_path / "out")
    content = load_content(tmp_path / "out", as_of=AS_OF)
    ward, (programme,) = content.ward, content.programmes
    assert (ward.name, ward.kind, ward.city) == ("An Hòa", "xã", "Bắc Ninh")
    assert (programme.document_number, programme.issued_on) == ("07/CTr-UBND", dt.date(2027, 1, 6))
    assert programme.title == "Chương trình công tác năm 2027 của Ủy ban nhân dân xã"
    assert programme.legal_bases == ("Căn cứ Quy chế làm việc của Ủy ban nhân dân xã;",)
    assert [(k.number, k.cadence) for k in programme.key_tasks] == [
        (1, Cadence.WEEKLY),
        (2, Cadence.NONE),
    ]
    assert programme.key_tasks[0].content == "Khám chữa bệnh ban đầu"
    assert [(t.id, t.parent_id, t.lead_as_written, t.content) for t in content.tasks] == [
        ("2027-01-01", None, "Văn phòng HĐND và UBND", "Kế hoạch cải cách hành chính"),
        ("2027-01-02", None, "Phòng Tài chính - Kế hoạch", "Kế hoạch thu ngân sách"),
        ("2027-01-02-1", "2027-01-02", "Phòng Tài chính - Kế hoạch", "Giao chỉ tiêu thu các thôn"),
        ("2027-01-03", None, "", "Tổ chức Tết trồng cây"),
        ("2027-02-01", None, "Văn phòng HĐND và UBND", "Báo cáo tình hình tháng 01"),
    ]  # fmt: skip
    assert programme.recipients == ("UBND tỉnh;", "Lưu: VT.")
    assert (programme.signer.title, programme.signer.name) == ("PHÓ CHỦ TỊCH", "Trần Thị Bình")
    assert [(p.place, p.field) for p in problems] == [
        ("bảng 2, dòng 7", "lead"),
        ("bảng 2, dòng 8", "heading"),
        ("bảng 2, dòng 9", "deadline"),
    ]


@pytest.mark.parametrize(
    "left",
    [
        ["ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "ỦY BAN NHÂN DÂN", "XÃ AN HÒA"],
        ["TỈNH BẮC NINH", "UBND XÃ AN HÒA"],
    ],
)
def test_other_header_layouts_name_the_commune_and_province(tmp_path, left):
    import_ok(an_hoa(tmp_path, left=left), tmp_path / "out")
    ward = load_content(tmp_path / "out", as_of=AS_OF).ward
    assert (ward.id, ward.kind, ward.city) == ("an-hoa", "xã", "Bắc Ninh")


def test_draft_without_a_number_is_warned_at_the_header(tmp_path):
    problems = import_ok(an_hoa(tmp_path, number="Số:      /CTr-UBND"), tmp_path / "out")
    (draft,) = [p for p in problems if p.field == "document_number"]
    assert draft.place == "bảng 1, dòng 2, cột 1" and "chưa ghi số" in draft.message
    assert load_content(tmp_path / "out", as_of=AS_OF).programmes[0].document_number == ""


def test_words_typed_decomposed_read_as_precomposed(tmp_path):
    """'Unicode tổ hợp' (NFD) in Word gives the same words and unit as precomposed text."""
    decomposed = unicodedata.normalize("NFD", "Phòng Tài chính - Kế hoạch")
    rows = [*ROWS[:4], Row(["2.1", "Giao chỉ tiêu", decomposed, "20/01/2027"]), *ROWS[5:]]
    import_ok(an_hoa(tmp_path, rows), tmp_path / "out")
    content = load_content(tmp_path / "out", as_of=AS_OF)
    sub = next(t for t in content.tasks if t.id == "2027-01-02-1")
    assert sub.lead_as_written == "Phòng Tài chính - Kế hoạch"
    assert sub.lead_unit_id == next(t for t in content.tasks if t.id == "2027-01-02").lead_unit_id


@pytest.mark.parametrize("char", ["\u202e", "\u200e", "\u200f", "\u061c"])
def test_invisible_direction_character_is_an_error_at_its_row(tmp_path, char):
    rows = [*ROWS[:2], Row(["1", "Kế hoạch", "Trạm Y tế", f"15/01{char}/2027"])]
    problems = run_import(an_hoa(tmp_path, rows, merge_down=()), tmp_path / "out")
    assert [(p.place, p.field) for p in problems] == [("bảng 2, dòng 3", "tệp")]
    assert f"U+{ord(char):04X}" in problems[0].message
    assert not (tmp_path / "out").exists()


def test_unreadable_row_in_word_is_an_error_at_its_row(tmp_path, capsys):
    rows = [*ROWS[:-1], Row(["1", "Báo cáo", "Văn phòng HĐND và UBND", "30/02/2027"])]
    source = an_hoa(tmp_path, rows)
    assert cli_main(["import", str(source), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "ctct-2027.docx: bảng 2, dòng 9: deadline: Lỗi: " in err
    assert not (tmp_path / "out").exists()


def test_formatting_is_never_markup(tmp_path):
    problems = import_ok(an_hoa(tmp_path), tmp_path / "out")
    assert not [p for p in problems if "định dạng" in p.message]
    text = (tmp_path / "out" / "programmes" / "2027.yaml").read_text(encoding="utf-8")
    assert "<" not in text and "**" not in text


# --- odd and hostile Word files ----------------------------------------------------------------


def test_huge_table_and_nested_tables_are_read(tmp_path):
    rows = [Row(HEADER), month_row("Tháng 1/2027")]
    rows += [Row([str(n), f"Việc số {n}", "Trạm Y tế", "20/01/2027"]) for n in range(1, 501)]
    source = an_hoa(tmp_path, rows)
    document = zipfile.ZipFile(source).read("word/document.xml").decode()
    nested = ""
    for _ in range(3):  # a table in a table in a table, inside the content cell
        nested = f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>lồng</w:t></w:r></w:p>{nested}<w:p/>"
        nested += "</w:tc></w:tr></w:tbl>"
    marker = "<w:t>Việc số 7</w:t></w:r></w:p>"
    rewrite(source, replaced(document, marker, marker + nested))
    import_ok(source, tmp_path / "out")
    content = load_content(tmp_path / "out", as_of=AS_OF)
    assert len(content.tasks) == 500
    assert content.tasks[6].content == "Việc số 7 lồng lồng lồng"


def test_hostile_spans_and_merges_are_bounded(tmp_path):
    source = an_hoa(tmp_path)
    document = zipfile.ZipFile(source).read("word/document.xml").decode()
    spans = re.sub(r'<w:gridSpan w:val="4"/>', '<w:gridSpan w:val="2000000000"/>', document)
    tt = spans.rindex("<w:tcPr>", 0, spans.index("<w:t>TT</w:t>"))
    merged = f"{spans[:tt]}<w:tcPr><w:vMerge/>{spans[tt + 8 :]}"  # merged down from nothing
    rewrite(source, merged)
    problems = run_import(source, tmp_path / "out")
    # The header's TT cell reads empty: 'Nội dung' and 'Chủ trì' beside it still tell it.
    assert errors(problems) == []
    assert [p.place for p in problems if p.field == "heading"] == ["bảng 2, dòng 8"]


def rewrite(source: Path, document_xml: str) -> None:
    """Replace word/document.xml inside a .docx."""
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = document_xml.encode()
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def zip_of(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
HOSTILE = {
    "empty": (b"", "tệp rỗng"),
    "renamed .doc": (OLE + b"WordDocument", "Word 97–2003 (.doc)"),
    "password": (OLE + "EncryptedPackage".encode("utf-16-le"), "mật khẩu"),
    "pdf": (b"%PDF-1.7\n1 0 obj\n", "tệp PDF"),
    "rtf": (b"{\\rtf1\\ansi Chuong trinh}", "tệp RTF"),
    "plain bytes": (b"not a word file", "không nhận ra loại tệp"),
    "not a zip": (b"PK\x03\x04 broken beyond repair", "bị hỏng"),
    "zip without document": (zip_of({"readme.txt": "x"}), "word/document.xml"),
    "spreadsheet": (zip_of({"xl/workbook.xml": "<x/>"}), "Excel"),
    "broken xml": (
        zip_of({"[Content_Types].xml": "<Types", "word/document.xml": "<w:document"}),
        "bị hỏng",
    ),
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_file_that_is_not_a_docx_gets_one_clear_error(tmp_path, capsys, kind):
    raw, words = HOSTILE[kind]
    source = tmp_path / "ctct-2027.docx"
    source.write_bytes(raw)
    assert cli_main(["import", str(source), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    (line, summary) = err.strip().split("\n")
    assert line.startswith("ctct-2027.docx: tệp: Lỗi: ") and words in line
    assert "rồi nhập lại" in line  # what to do
    assert summary == "1 lỗi, 0 cảnh báo."
    assert not (tmp_path / "out").exists()


def test_pdf_named_txt_is_recognised_by_its_content(tmp_path):
    source = tmp_path / "ctct-2027.txt"
    source.write_bytes(b"%PDF-1.4\n")
    (problem,) = run_import(source, tmp_path / "out")
    assert "tệp PDF" in problem.message


def test_too_deep_nesting_and_too_big_unpacked_are_refused(tmp_path, monkeypatch):
    source = an_hoa(tmp_path)
    document = zipfile.ZipFile(source).read("word/document.xml").decode()
    deep = "<w:tbl><w:tr><w:tc>" * 100 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 100
    rewrite(source, replaced(document, "<w:sectPr", deep + "<w:p/><w:sectPr"))
    (problem,) = run_import(source, tmp_path / "deep")
    assert "lồng nhau quá sâu" in problem.message
    monkeypatch.setattr("generator.importer.docx_file.MAX_UNPACKED", 10_000)
    (problem,) = run_import(an_hoa(tmp_path), tmp_path / "big")
    assert "quá giới hạn" in problem.message


def test_a_word_file_named_as_a_clerk_names_it_is_kept_under_a_plain_name(tmp_path):
    """Word saves 'Chương trình 2027 (bản ký).docx': spaces, accents, brackets. The copy in
    sources/ takes the letters a content file name may hold; the import has no error."""
    source = tmp_path / "Chương trình 2027 (bản ký).DOCX"
    shutil.copy(an_hoa(tmp_path), source)
    assert errors(run_import(source, tmp_path / "out")) == []
    assert [p.name for p in (tmp_path / "out" / "sources").iterdir()] == [
        "chuong-trinh-2027-ban-ky.docx"
    ]
    programme = next((tmp_path / "out" / "programmes").glob("*.yaml")).read_text("utf-8")
    assert "source_document: sources/chuong-trinh-2027-ban-ky.docx" in programme
