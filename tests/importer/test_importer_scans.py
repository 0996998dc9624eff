"""Scans read as tables: the ruled grid found in the page image, each cell read alone, a row
continued over a page break joined, a lead read near a known unit taken as that unit (flagged),
and every word a careful reader could doubt flagged (the word lists of `ocr_checks`).
The fixture tests/fixtures/scans/hang-qua-trang.pdf is two pieces of a corpus scan (200 dpi,
turned, specked, JPEG): the foot of a page whose last row goes on at the head of the next."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image

from generator.common.errors import Problems
from generator.domain.model import Unit
from generator.importer.ocr_checks import Vocabulary, word_doubts
from generator.importer.ocr_review import _region, settle_leads
from generator.importer.pdf_lines import Spot
from generator.importer.pdf_source import Scan
from generator.importer.run import model_of_document, run_import
from generator.importer.source import read_source
from generator.importer.text import Line
from generator.load.content import load_content
from generator.siterepo.new import new_site
from tests.conftest import FIXTURES
from tests.helpers import errors
from tests.importer.test_importer_ocr import AS_OF, FIXTURE, tesseract  # noqa: F401 - the fixture

SCANS = FIXTURES / "scans"


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
    # Both parts of the lead cell: its end stood on the next page ('HĐND' itself is OCR's to
    # read or to flag, the other tests' concern).
    assert task.lead_as_written.startswith("Văn phòng H") and task.lead_as_written.endswith(
        "ND và UBND"
    )
    assert report.where(task.source.line) == "trang 1, dòng 8"
    after = lines[task.source.line : task.source.line + 2]  # page 2: the header, the row's end
    assert [line.place for line in after] == ["trang 2, dòng 1", "trang 2, dòng 2"]
    assert after[1].text == "\t\t\t"


# --- the review a clerk can finish ------------------------------------------------------------


@pytest.fixture(scope="module")
def failed(tmp_path_factory, tesseract):  # noqa: F811
    """The two-piece scan imported: it has no signer, so an error, and its review is left."""
    out = tmp_path_factory.mktemp("failed") / "out"
    problems = run_import(SCANS / "hang-qua-trang.pdf", out, year=2027, ward_name="Tân Phong")
    return out, problems


def test_a_failed_import_leaves_its_review_naming_tasks_and_fields(failed):
    out, problems = failed
    assert errors(problems) and not (out / "programmes").exists()
    report = (out / "kiem-tra-ocr" / "bao-cao.md").read_text(encoding="utf-8")
    assert "## trang 1, dòng 8: nhiệm vụ 2027-01-02, lead" in report
    assert "- [ ] đã đối chiếu với bản giấy" in report
    warned = [p for p in problems if "(nhiệm vụ 2027-01-02)" in p.message]
    assert warned and all("ảnh: kiem-tra-ocr/trang-1-dong-8.png" in p.message for p in warned)


def test_the_image_of_a_row_over_a_page_break_shows_both_parts(failed):
    out, _ = failed
    lines, report = read_source(SCANS / "hang-qua-trang.pdf", Problems())
    scan = report.scan
    with Image.open(out / "kiem-tra-ocr" / "trang-1-dong-8.png") as image:
        height = image.height
    row = next(n for n in scan.spots if report.where(n) == "trang 1, dòng 8")
    end = next(n for n in range(row + 1, len(lines)) if lines[n - 1].text == "\t\t\t")
    assert scan.spots[end].page == 2
    assert height == _region(scan, row).height + _region(scan, end).height


def test_a_reimport_keeps_the_text_the_clerk_corrected_unless_forced(failed, tmp_path):
    out, _ = failed
    shutil.copytree(out, tmp_path / "out")
    text = tmp_path / "out" / "kiem-tra-ocr" / "van-ban.txt"
    text.write_text("đã sửa\n", encoding="utf-8")
    problems = run_import(SCANS / "hang-qua-trang.pdf", tmp_path / "out", year=2027)
    assert text.read_text(encoding="utf-8") == "đã sửa\n"
    read = (text.parent / "van-ban.moi.txt").read_text(encoding="utf-8")
    assert "Kế hoạch cải cách hành chính" in read
    assert any("van-ban.txt khác bản vừa đọc" in p.message for p in problems)
    run_import(SCANS / "hang-qua-trang.pdf", tmp_path / "out", year=2027, force=True)
    assert text.read_text(encoding="utf-8") == read


def test_the_corrected_review_imports_with_its_scan_as_the_source(failed, tmp_path):
    out, _ = failed
    shutil.copytree(out / "kiem-tra-ocr", tmp_path / "kiem-tra-ocr")
    review = tmp_path / "kiem-tra-ocr"
    shutil.copy(FIXTURE, review / "van-ban.txt")  # corrected against the paper
    report = (review / "bao-cao.md").read_text(encoding="utf-8")
    total = report.count("\n## ")
    (review / "bao-cao.md").write_text(report.replace("- [ ] ", "- [x] ", 1), encoding="utf-8")
    assert not errors(run_import(review / "van-ban.txt", tmp_path / "content"))
    (programme,) = load_content(tmp_path / "content", as_of=AS_OF).programmes
    assert programme.source_document == "sources/hang-qua-trang.pdf"
    assert (tmp_path / "content" / "sources" / "hang-qua-trang.pdf").is_file()
    assert programme.read_by_ocr.startswith("Đọc bằng nhận dạng chữ (OCR: tesseract ")
    assert f"người đã đối chiếu 1/{total} ô với bản giấy: trang 1, dòng" in programme.read_by_ocr


def test_new_from_a_scan_with_errors_leaves_its_review_beside_out(failed, tmp_path):
    problems = new_site(SCANS / "hang-qua-trang.pdf", tmp_path / "ctct", year=2027, pin="x")
    assert errors(problems) and not (tmp_path / "ctct").exists()
    review = tmp_path / "ctct.kiem-tra-ocr"
    assert (review / "bao-cao.md").is_file() and (review / "van-ban.txt").is_file()
    pointed = [p.message for p in problems if "ảnh: " in p.message]
    assert pointed and all(f"ảnh: {review}/trang-" in m for m in pointed)
    assert all((review / m.rsplit(f"ảnh: {review}/", 1)[1]).is_file() for m in pointed)
