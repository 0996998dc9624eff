"""Scans read as tables: the ruled grid found in the page image, each cell read alone, a row
continued over a page break joined, a lead read near a known unit taken as that unit (flagged),
and every word a careful reader could doubt flagged (the word lists of `ocr_checks`).
The fixture tests/fixtures/scans/hang-qua-trang.pdf is two pieces of a corpus scan (200 dpi,
turned, specked, JPEG): the foot of a page whose last row goes on at the head of the next."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Problems
from generator.importer.ocr_checks import Vocabulary, word_doubts
from generator.importer.ocr_review import settle_leads
from generator.importer.pdf_lines import Spot
from generator.importer.pdf_source import Scan
from generator.importer.run import model_of_document
from generator.importer.source import read_source
from generator.importer.text import Line
from generator.model import Unit
from tests.test_importer_ocr import tesseract  # noqa: F401 - the fixture

SCANS = Path(__file__).resolve().parent / "fixtures" / "scans"


@pytest.mark.parametrize(
    ("text", "doubt"),
    [
        ("Kế hoạch đảm bảo an ninh trật tư dịp lễ hội", "'trật tư' thường viết 'trật tự'"),
        ("Tổ chức Tết trông cây", "'trông cây' thường viết 'trồng cây'"),
        ("Hội nghị sơ kết6 tháng", "chữ số dính liền với chữ cái"),
        ("Báo cáo tình hình quý Ï", "không có trong từ điển: ï"),
        ("Dự toán thu, chi ngân sách xã |", "ký tự lạ: |"),
        ("Kế hoạch đảm bảo an ninh dip lễ", "không có trong từ điển: dip"),
    ],
)
def test_a_word_a_reader_could_doubt_is_doubted(text, doubt):
    assert any(doubt in d for d in word_doubts(text)), word_doubts(text)


def test_headings_in_capitals_and_the_motto_raise_no_doubt():
    texts = ["Ủy ban nhân dân xã", "ỦY BAN NHÂN DÂN", "Ủy ban nhân dân xã Tân Phong"]
    vocabulary = Vocabulary(texts, [])
    assert vocabulary.doubts("ỦY BAN NHÂN DÂN", "văn bản") == ()
    assert vocabulary.doubts("Độc lập - Tự do - Hạnh phúc", "văn bản") == ()
    assert vocabulary.doubts("Báo cáo tình hình an ninh trật tự quý I", "content") == ()


def _scan(leads: list[str]) -> tuple[list[Line], Scan]:
    lines = [Line(n, f"{n}\tKế hoạch\t{lead}\t15/01/2027") for n, lead in enumerate(leads, 1)]
    spots = {line.number: Spot(1, ()) for line in lines}
    return lines, Scan("tesseract", (1,), {}, spots)


def test_a_lead_read_near_a_unit_of_the_document_is_that_unit_and_flagged():
    unit = "Phòng Văn hóa - Xã hội"
    lines, scan = _scan(
        [unit, unit, "Phòng Vănhóa- Xã hội", "Phòng Văn hóa - Xã hôi", "Phòng VH-XH"]
    )
    settle_leads(lines, scan, ())
    assert [line.text.split("\t")[2] for line in lines] == [unit] * 4 + ["Phòng VH-XH"]
    assert set(scan.notes) == {(3, "lead"), (4, "lead")}
    assert "đọc được 'Phòng Vănhóa- Xã hội'" in scan.notes[3, "lead"][0]


def test_a_lead_read_near_a_listed_unit_is_that_unit():
    lines, scan = _scan(["Trạm Y tê xã"])
    settle_leads(lines, scan, (Unit("tram-y-te", "Trạm Y tế xã", "Trạm Y tế"),))
    assert lines[0].text.split("\t")[2] == "Trạm Y tế xã" and (1, "lead") in scan.notes


def test_a_row_continued_over_a_page_break_is_read_whole(tesseract):  # noqa: F811
    lines, report = read_source(SCANS / "hang-qua-trang.pdf", Problems())
    imported = model_of_document(lines, report, (), "x", year=2027, ward_name="Tân Phong")
    tasks = {task.content: task for task in imported.programme.tasks}
    task = tasks["Kế hoạch cải cách hành chính năm 2027"]
    assert task.lead_as_written == "Văn phòng HĐND và UBND"
    assert report.where(task.source.line) == "trang 1, dòng 8"
    after = lines[task.source.line : task.source.line + 2]  # page 2: the header, the row's end
    assert [line.place for line in after] == ["trang 2, dòng 1", "trang 2, dòng 2"]
    assert after[1].text == "\t\t\t"
