"""The importer on PDF files: a text PDF gives the text form's tasks, placed by page and line;
a file that is not a readable PDF gets one clear sentence; a hostile one is bounded. Every PDF
is made here (tests/pdfdoc.py). The scans read by OCR are in tests/importer/test_importer_ocr.py."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from fpdf import FPDF

from generator.cli import main as cli_main
from generator.common.errors import Problem
from generator.domain.model import Content
from generator.importer.run import run_import
from generator.load.content import load_content
from tests.helpers import SOURCE_2026, errors, import_pair, replaced, task_rows
from tests.pdfdoc import pdf_from_text

AS_OF = dt.date(2026, 1, 1)
HEADER_2026 = (
    ["UBND THÀNH PHỐ HẢI PHÒNG", "ỦY BAN NHÂN DÂN PHƯỜNG BÌNH MINH", "Số: 05/CTr-UBND"],
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bình Minh, ngày 08 tháng 01 năm 2026",
    ],
)


@pytest.fixture(scope="module")
def both_2026(tmp_path_factory) -> dict[str, tuple[Content, list[Problem], Path]]:
    """The 2026 programme imported from its text and from the same text as a PDF."""
    tmp = tmp_path_factory.mktemp("pdf")
    pdf = pdf_from_text(SOURCE_2026.read_text(encoding="utf-8"), HEADER_2026)
    return import_pair(tmp, "pdf", pdf.save(tmp / "ctct-2026-phuong-binh-minh.pdf"))


def test_text_pdf_gives_the_text_imports_tasks(both_2026):
    (text, _, _), (pdf, _, _) = both_2026["text"], both_2026["pdf"]
    assert len(pdf.tasks) == 133
    assert task_rows(pdf) == task_rows(text)


def test_text_pdf_gives_the_same_programme_besides_the_header(both_2026):
    (text, _, text_out), (pdf, _, pdf_out) = both_2026["text"], both_2026["pdf"]
    (t,), (p,) = text.programmes, pdf.programmes
    for name in ("title", "legal_bases", "preamble", "organisation", "closing", "recipients"):
        assert getattr(p, name) == getattr(t, name), name
    assert p.signer == t.signer
    assert [(k.number, k.content, k.cadence, k.cadence_as_written) for k in p.key_tasks] == [
        (k.number, k.content, k.cadence, k.cadence_as_written) for k in t.key_tasks
    ]
    assert pdf.units == text.units and pdf.ward == text.ward
    assert (p.document_number, p.issued_on) == ("05/CTr-UBND", dt.date(2026, 1, 8))
    assert p.read_by_ocr == ""  # a text PDF is not read by OCR
    assert not (pdf_out / "kiem-tra-ocr").exists()

    def yaml_body(out: Path) -> list[str]:
        lines = (out / "programmes" / "2026.yaml").read_text(encoding="utf-8").split("\n")
        return [x for x in lines if not x.startswith(("document_number:", "issued_on:", "source"))]

    assert yaml_body(pdf_out) == yaml_body(text_out)
    assert (pdf_out / "sources" / "ctct-2026-phuong-binh-minh.pdf").read_bytes()[:5] == b"%PDF-"


def test_pdf_warnings_are_the_text_warnings_placed_by_page_and_line(both_2026):
    (_, text_problems, _), (_, pdf_problems, _) = both_2026["text"], both_2026["pdf"]

    def unplaced(message: str) -> str:  # a message may name another line: its place differs
        return re.sub(r" \((trang \d+, )?dòng \d+\)", "", message)

    expected = [
        (p.field, unplaced(p.message)) for p in text_problems if "định dạng" not in p.message
    ]
    assert [(p.field, unplaced(p.message)) for p in pdf_problems] == expected
    for problem in pdf_problems:
        assert re.fullmatch(r"trang \d+, dòng \d+", problem.place), problem
    heading = next(p for p in pdf_problems if p.field == "heading")
    assert str(heading).startswith("ctct-2026-phuong-binh-minh.pdf: trang 4, dòng 6: heading: ")


def test_unreadable_row_in_a_pdf_is_an_error_at_its_page_and_line(tmp_path, capsys):
    row = "Công an phường\t20/12/2026"
    text = replaced(SOURCE_2026.read_text(encoding="utf-8"), row, row.replace("20/12", "32/12"))
    source = pdf_from_text(text, HEADER_2026).save(tmp_path / "ctct.pdf")
    assert cli_main(["import", str(source), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert re.search(r"^ctct\.pdf: trang \d+, dòng \d+: deadline: Lỗi: ", err, re.MULTILINE)
    assert not (tmp_path / "out").exists()


# --- files that are not a readable PDF: one sentence each -----------------------------------


def _encrypted(path: Path) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Chuong trinh cong tac nam 2027")
    pdf.set_encryption(owner_password="chu-so-huu", user_password="mat-khau")
    pdf.output(str(path))
    return path.read_bytes()


def _pages(path: Path, count: int) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for n in range(count):
        pdf.add_page()
        pdf.cell(0, 10, f"Trang {n + 1} cua chuong trinh cong tac")
    pdf.output(str(path))
    return path.read_bytes()


HOSTILE = {
    "empty": (lambda _: b"", "tệp rỗng"),
    "a word file named .pdf": (lambda _: b"PK\x03\x04" + bytes(100), "không phải tệp PDF"),
    "text named .pdf": (lambda _: "Chương trình".encode(), "không phải tệp PDF"),
    "truncated": (lambda _: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "tệp PDF bị hỏng"),
    "encrypted": (_encrypted, "mật khẩu"),
    "too many pages": (lambda path: _pages(path, 61), "quá giới hạn 60 trang"),
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_file_that_is_not_a_readable_pdf_gets_one_clear_error(tmp_path, capsys, kind):
    make, words = HOSTILE[kind]
    source = tmp_path / "ctct-2027.pdf"
    source.write_bytes(make(tmp_path / "made.pdf"))
    assert cli_main(["import", str(source), "--out", str(tmp_path / "out")]) == 1
    (line, summary) = capsys.readouterr().err.strip().split("\n")
    assert line.startswith("ctct-2027.pdf: tệp: Lỗi: ") and words in line, line
    assert "\n" not in line and "Traceback" not in line
    assert summary == "1 lỗi, 0 cảnh báo."
    assert not (tmp_path / "out").exists()


def test_pdf_without_any_text_says_so(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.output(str(tmp_path / "trang-trang.pdf"))
    (problem,) = run_import(tmp_path / "trang-trang.pdf", tmp_path / "out")
    assert "không có chữ nào" in problem.message


def test_a_pdf_named_txt_is_read_as_a_pdf(tmp_path):
    source = pdf_from_text(SOURCE_2026.read_text(encoding="utf-8"), HEADER_2026).save(
        tmp_path / "ctct.txt"
    )
    assert not errors(run_import(source, tmp_path / "out"))
    assert len(load_content(tmp_path / "out", as_of=AS_OF).tasks) == 133


def test_the_reader_is_held_to_its_memory_and_time(tmp_path, monkeypatch):
    """A PDF that would take more than the limits ends in one sentence, not a crash."""
    source = pdf_from_text(SOURCE_2026.read_text(encoding="utf-8"), HEADER_2026).save(
        tmp_path / "ctct.pdf"
    )
    monkeypatch.setattr("generator.importer.pdf_file.MEMORY", 60_000_000)
    (problem,) = run_import(source, tmp_path / "memory")
    assert problem.message.startswith("tệp PDF ") and problem.field == "tệp"
    assert "rồi nhập lại" in problem.message and "\n" not in problem.message
    monkeypatch.undo()
    monkeypatch.setattr("generator.importer.pdf_file.WALL", 0.01)
    (problem,) = run_import(source, tmp_path / "wall")
    assert "quá 0.01 giây" in problem.message
