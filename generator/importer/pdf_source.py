"""Importer, PDF source: a text PDF (exported from Word) or a scan, as located lines.

Text pages give their words and ruled tables (`pdf_file`, read with pdfplumber in a limited
child process); scanned pages (no text, an image) are rendered and read by Tesseract (`ocr`),
their table rebuilt from the layout. Both become the same lines (`pdf_lines`), placed
'trang P, dòng R'. What OCR read is kept in `Scan` for the review (`ocr_review`): the engine,
the scanned pages' images, and where each line came from. A scan's own text layer (`hidden`)
is compared with what OCR read, cell by cell; a cell where the two differ is to be checked.
"""

from __future__ import annotations

import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from generator.common.errors import Problems
from generator.importer.docx_lines import DOCX_COLUMNS, DOCX_EDGES
from generator.importer.ocr import LANGUAGE, OcrError, ocr_page, ocr_words, tesseract_version
from generator.importer.ocr_grid import grid_page
from generator.importer.pdf_child import OCR_DPI
from generator.importer.pdf_file import NotPdfError, PdfPage, Word, read_pdf
from generator.importer.pdf_lines import Spot, pdf_lines
from generator.importer.pdf_table import ruled_tables
from generator.importer.table import CELLS
from generator.importer.text import ImportProblems, Line

REVIEW_DPI = 150
"""The resolution of the page images kept for the review's crops."""
TEXT_CELL = "văn bản"
"""How the review names the one cell of a line outside the tables."""


@dataclass(frozen=True)
class Scan:
    """What OCR read: how, which pages, their images (at `REVIEW_DPI`), each line's origin,
    and the cells put right."""

    engine: str
    pages: tuple[int, ...]
    images: dict[int, Image.Image]
    spots: dict[int, Spot]
    notes: dict[tuple[int, str], tuple[str, ...]] = field(default_factory=dict)
    """What was put right in a cell read (a lead unit read near a known one), to be checked."""


class PdfProblems(ImportProblems):
    """A report on a PDF; `scan` is set when some of its pages were read by OCR."""

    scan: Scan | None = None


def read_pdf_source(source: Path, problems: Problems) -> tuple[list[Line], PdfProblems] | None:
    """The PDF's lines and their report; None (with one error) if it cannot be read."""
    label = source.name
    with tempfile.TemporaryDirectory(prefix="ctct-pdf-") as folder:
        try:
            pages = read_pdf(source, Path(folder))
            scanned = [page for page in pages if page.image is not None]
            engine = tesseract_version() if scanned else ""
            images = {page.number: _kept(page.image) for page in scanned if page.image}
            read = [_read(page) for page in pages]
        except (NotPdfError, OcrError) as exc:
            problems.error(label, 0, "tệp", str(exc))
            return None
    laid_out = {page.number for page, by_layout in read if by_layout}
    lines, spots = pdf_lines(ruled_tables([page for page, _ in read], laid_out))
    if not any(line.text.strip() for line in lines):
        problems.error(
            label,
            0,
            "tệp",
            "tệp PDF không có chữ nào đọc được (không có lớp chữ, cũng không có ảnh quét); "
            "xin bản PDF xuất từ Word hoặc bản quét rõ nét rồi nhập lại",
        )
        return None
    report = PdfProblems(label, problems, lines, DOCX_COLUMNS, DOCX_EDGES)
    if scanned:
        numbers = tuple(page.number for page in scanned)
        kept = {n: spot for n, spot in spots.items() if spot.page in numbers}
        hidden = {page.number: page.hidden for page in scanned if page.hidden}
        report.scan = Scan(
            f"{engine}, ngôn ngữ {LANGUAGE}, {OCR_DPI} dpi",
            numbers,
            images,
            kept,
            _layer_differs(lines, kept, hidden),
        )
    return lines, report


def _layer_differs(
    lines: list[Line], spots: dict[int, Spot], hidden: dict[int, tuple[Word, ...]]
) -> dict[tuple[int, str], tuple[str, ...]]:
    """Each cell read by OCR whose words the page's hidden text layer gives otherwise: what the
    layer says, to be checked (the layer is a machine's reading too, and may say anything)."""
    found = {}
    for number, spot in spots.items():
        if spot.page not in hidden:
            continue
        names = CELLS if "\t" in lines[number - 1].text else (TEXT_CELL,)
        for name, cell in zip(names, spot.cells, strict=False):
            if cell is None:
                continue
            layer = _plain(" ".join(w.text for w in hidden[spot.page] if _within(w, cell.box)))
            if layer != _plain(cell.text):
                says = f"ghi '{layer[:60]}'" if layer else "không có chữ ở đây"
                found[(number, name)] = (f"lớp chữ ẩn của tệp PDF {says}, khác chữ đọc từ ảnh",)
    return found


def _within(word: Word, box: tuple[float, float, float, float]) -> bool:
    x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _read(page: PdfPage) -> tuple[PdfPage, bool]:
    """A scanned page read by OCR (its ruled table cell by cell, or else its table rebuilt from
    the layout: then True); a text page as it is."""
    if page.image is None:
        return page, False
    ruled = grid_page(page.number, page.width, page.height, page.image, OCR_DPI)
    if ruled is not None:
        return ruled, False
    words = ocr_words(page.image, OCR_DPI)
    return ocr_page(page.number, page.width, page.height, words, page.image, OCR_DPI), True


def _kept(image: Path) -> Image.Image:
    with Image.open(image) as full:
        scale = REVIEW_DPI / OCR_DPI
        return full.convert("L").resize((int(full.width * scale), int(full.height * scale)))
