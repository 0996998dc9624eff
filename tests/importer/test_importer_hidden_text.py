"""R7: a PDF's invisible text layer (render mode 3, as a scanner's OCR writes one) is not
trusted blindly: the page's image is read as a scan and each cell compared with the hidden
text; a cell where they disagree is flagged for a person, never silently taken from the layer."""

from __future__ import annotations

import pytest

from generator.common.errors import Problems
from generator.importer.run import model_of_document, run_import
from generator.importer.source import read_source
from tests.helpers import FIXTURE
from tests.pdfdoc import pdf_from_text, scan_of, with_hidden_text

from .test_importer_ocr import tesseract  # noqa: F401 - the fixture

ON_PAPER, HIDDEN = "15/01/2027", "16/01/2027"
"""Task 1's deadline as the image shows it, and as the hidden layer says it."""


@pytest.fixture(scope="module")
def layered(tmp_path_factory, tesseract):  # noqa: F811
    tmp = tmp_path_factory.mktemp("hidden")
    text = FIXTURE.read_text(encoding="utf-8")
    assert text.count(ON_PAPER) == 1
    paper = pdf_from_text(text).save(tmp / "giay.pdf")
    lying = pdf_from_text(text.replace(ON_PAPER, HIDDEN)).save(tmp / "lop-chu.pdf")
    scan = scan_of(paper, tmp / "quet.pdf", dpi=200, angle=0.0, noise=0.002)
    return with_hidden_text(scan, lying, tmp / "ctct-2027-co-lop-chu.pdf"), tmp


def test_the_hidden_layer_is_compared_with_the_image_and_a_difference_flagged(layered):
    pdf, tmp = layered
    lines, report = read_source(pdf, Problems())
    imported = model_of_document(lines, report, (), "x")
    assert report.scan is not None  # the page was read from its image
    first = imported.programme.tasks[0]
    problems = run_import(pdf, tmp / "out")
    flagged = {
        p.field: p.message for p in problems if p.line == first.source.line and "OCR" in p.message
    }
    assert first.deadline.as_written != HIDDEN or "deadline" in flagged
    assert "lớp chữ ẩn" in flagged.get("deadline", ""), flagged
