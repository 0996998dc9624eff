"""The importer on scanned PDFs: read by Tesseract, every task either read as written or listed
for a person to check (never silently wrong), the review shown with the page's image, and the
programme saying it was read by OCR. The scan is simulated here (tests/pdfdoc.py) at 200 dpi,
turned and specked. Without Tesseract these tests are skipped, and fail under CI (`CI=true`),
where .ci/run installs it. The full measurement is benchmarks/ocr_accuracy.py."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from generator.cli import main as cli_main
from generator.common.errors import Problems
from generator.domain.model import Unit
from generator.importer.ocr_checks import Vocabulary
from generator.importer.ocr_review import _unknown_lead, write_review
from generator.importer.run import model_of_document, run_import
from generator.importer.source import read_source
from generator.load.content import load_content
from generator.load.unit_spellings import UnitIndex
from tests.helpers import errors
from tests.pdfdoc import pdf_from_text, scan_of

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "import" / "ctct-2027-xa-an-hoa.txt"
AS_OF = dt.date(2027, 1, 1)


@pytest.fixture(scope="module")
def tesseract() -> None:
    if shutil.which("tesseract") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("tesseract missing – under CI that is a failure", pytrace=False)
        pytest.skip("tesseract missing (apt-get install tesseract-ocr tesseract-ocr-vie)")


@pytest.fixture(scope="module")
def scanned(tmp_path_factory, tesseract):
    """The commune's programme imported from its text and from a scan of it at 200 dpi."""
    tmp = tmp_path_factory.mktemp("scan")
    pdf = pdf_from_text(FIXTURE.read_text(encoding="utf-8")).save(tmp / "van-ban.pdf")
    scan = scan_of(pdf, tmp / "ctct-2027-ban-quet.pdf", dpi=200, angle=0.4, noise=0.005)
    assert not errors(run_import(FIXTURE, tmp / "text"))
    problems = run_import(scan, tmp / "scan")
    return tmp, problems


def test_every_task_is_read_as_written_or_flagged(scanned):
    tmp, problems = scanned
    assert not errors(problems), [str(p) for p in errors(problems)]
    text = load_content(tmp / "text", as_of=AS_OF)
    lines, report = read_source(tmp / "ctct-2027-ban-quet.pdf", Problems())
    imported = model_of_document(lines, report, (), "x")
    assert len(imported.programme.tasks) == len(text.tasks) == 13
    flagged = {(p.place, p.field) for p in problems if "đọc bằng OCR" in p.message}
    exact = 0
    for want, got in zip(text.tasks, imported.programme.tasks, strict=True):
        place = report.where(got.source.line)
        for field, a, b in (
            ("number", want.number, got.number),
            ("content", want.content, got.content),
            ("lead", want.lead_as_written, got.lead_as_written),
            ("deadline", want.deadline.as_written, got.deadline.as_written),
        ):
            if a == b:
                exact += 1
            else:
                assert (place, field) in flagged, f"{field} read {b!r} for {a!r}, not flagged"
    assert exact >= 40  # of 52 fields: most are read as written


def test_the_programme_says_it_was_read_by_ocr(scanned):
    tmp, _ = scanned
    (programme,) = load_content(tmp / "scan", as_of=AS_OF).programmes
    assert programme.read_by_ocr.startswith("Đọc bằng nhận dạng chữ (OCR: tesseract ")
    assert (
        "trang 1, 2" in programme.read_by_ocr and "kiem-tra-ocr/bao-cao.md" in programme.read_by_ocr
    )
    (text,) = load_content(tmp / "text", as_of=AS_OF).programmes
    assert text.read_by_ocr == ""


def test_the_review_shows_each_flagged_row_with_its_image(scanned):
    tmp, problems = scanned
    folder = tmp / "scan" / "kiem-tra-ocr"
    report = (folder / "bao-cao.md").read_text(encoding="utf-8")
    warned = [p for p in problems if "đọc bằng OCR" in p.message]
    assert warned
    for problem in warned:
        image = problem.message.rsplit("ảnh: kiem-tra-ocr/", 1)[1]
        headings = [line for line in report.split("\n") if line.startswith(f"## {problem.place}: ")]
        assert any(h.endswith(f" {problem.field}") for h in headings)  # after the task's id
        assert f"]({image})" in report
        assert (folder / image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = (folder / "van-ban.txt").read_text(encoding="utf-8")
    assert "Tháng 1/2027\t\t\t" in text and "Nơi nhận:" in text


def test_a_scan_without_tesseract_gets_one_clear_sentence(tmp_path, capsys, monkeypatch):
    pdf = pdf_from_text(FIXTURE.read_text(encoding="utf-8")).save(tmp_path / "van-ban.pdf")
    scan = scan_of(pdf, tmp_path / "ban-quet.pdf", pages=1)
    monkeypatch.setattr("generator.importer.ocr.shutil.which", lambda _: None)
    assert cli_main(["import", str(scan), "--out", str(tmp_path / "out")]) == 1
    (line, _) = capsys.readouterr().err.strip().split("\n")
    assert line.startswith("ban-quet.pdf: tệp: Lỗi: ") and "apt-get install tesseract-ocr" in line
    assert not (tmp_path / "out").exists()


# --- the checks of the words themselves, without Tesseract -----------------------------------


LEADS = ["Phòng Kinh tế, Hạ tầng và Đô thị"] * 3 + ["Phòng Kinh tế, Hạ tầng và Độ thị"]
TEXTS = ["Kế hoạch chuyên đề số 1", "Báo cáo chuyên đề quý I", "Sơ kết chuyên để năm 2026"]


@pytest.mark.parametrize(
    ("text", "field", "doubt"),
    [
        ("Sơ kết chuyên để năm 2026", "content", "'chuyên để' thường viết 'chuyên đề'"),
        ("Phòng Kinh tế, Hạ tầng và Độ thị", "lead", "thường viết 'Phòng Kinh tế, Hạ tầng và Đô"),
        ("Bình xét thi đua năm 2026 :", "content", "dấu câu đứng riêng"),
        ("Kế hoạch tổng kết năm 2026.", "content", "dấu câu ở cuối ô"),
        ("Phòng Văn hóa - Xã hội", "lead", "có thể là '–'"),
    ],
)
def test_a_word_the_document_writes_otherwise_is_doubted(text, field, doubt):
    doubts = Vocabulary([*TEXTS, *LEADS], LEADS).doubts(text, field)
    assert any(doubt in d for d in doubts), doubts


def test_words_written_as_usual_raise_no_doubt():
    vocabulary = Vocabulary([*TEXTS, *LEADS], LEADS)
    assert vocabulary.doubts("Kế hoạch chuyên đề số 1", "content") == ()
    assert vocabulary.doubts("Phòng Kinh tế, Hạ tầng và Đô thị", "lead") == ()
    assert vocabulary.doubts("15/01/2026", "deadline") == ()


def test_a_lead_is_checked_against_the_units_list_to_its_tone_marks():
    unit = Unit("phong-kinh-te", "Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng KT", ("Phòng KT,HT",))
    index = UnitIndex((unit,))
    assert _unknown_lead("Phòng KT", index, Counter()) == ()
    assert "không viết như vậy" in _unknown_lead(LEADS[-1], index, Counter())[0]
    assert _unknown_lead("Trạm Y tế", index, Counter()) == ("đơn vị không có trong danh mục",)


def test_the_review_is_never_written_through_a_link(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "anh.png").write_bytes(b"kept")
    out = tmp_path / "out"
    out.mkdir()
    (out / "kiem-tra-ocr").symlink_to(elsewhere)
    with pytest.raises(OSError, match="liên kết"):
        write_review(out / "kiem-tra-ocr", {"kiem-tra-ocr/bao-cao.md": "# x"})
    assert (elsewhere / "anh.png").read_bytes() == b"kept"
    assert not (elsewhere / "bao-cao.md").exists()
