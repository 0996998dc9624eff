"""PDF documents for the importer tests, written with fpdf2 in Debian's DejaVu font as Word's
'Save as PDF' lays a programme out, and scans of them simulated with Pillow.

`pdf_from_text` lays a plain-text programme (the form of `content/sources/`) out as a PDF: the
national header in two columns, paragraphs wrapped to the page width, one bordered task table
per text header line (cells top-aligned as Word's are, month headings merged across), the
recipients and the signer side by side. `scan_of` rasterises a PDF at a resolution, turns it
slightly, adds noise, and writes the pages as images in a PDF, as a scanner would.
"""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import pypdfium2
from fpdf import FPDF
from PIL import Image, ImageFilter

FONTS = Path("/usr/share/fonts/truetype/dejavu")
HEADER = ["TT", "Nội dung", "Chủ trì", "Thời gian xong trước ngày"]
WIDTHS = (12, 88, 42, 28)
_MARKUP = re.compile(r"\*+|</?[uib]>")


def plain(text: str) -> str:
    """The words without the text form's leftover markup (a PDF shows formatting, not marks)."""
    return _MARKUP.sub("", text).strip()


class ProgrammePdf:
    """A programme PDF written part by part."""

    def __init__(self) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_margins(20, 15, 20)
        self.pdf.set_auto_page_break(True, margin=15)
        self.pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSerif.ttf"))
        self.pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
        self.pdf.set_font("DejaVu", size=10)
        self.pdf.add_page()

    def columns(self, left: list[str], right: list[str], gap_after: float = 4) -> None:
        """Two blocks side by side (the header, the signature), each line centred in its half."""
        half = self.pdf.epw / 2
        top = self.pdf.get_y()
        for x, lines in ((self.pdf.l_margin, left), (self.pdf.l_margin + half, right)):
            self.pdf.set_xy(x, top)
            for line in lines:
                self.pdf.set_x(x)
                self.pdf.cell(half - 4, 5, line, align="C", new_x="LEFT", new_y="NEXT")
        self.pdf.set_y(top + 5 * max(len(left), len(right)) + gap_after)

    def paragraph(self, text: str, *, bold: bool = False) -> None:
        self.pdf.set_font("DejaVu", "B" if bold else "", 10)
        self.pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(2)
        self.pdf.set_font("DejaVu", "", 10)

    def table(self, rows: list[list[str]]) -> None:
        """A bordered task table; a row of one filled cell is a month heading merged across."""
        self.pdf.set_font("DejaVu", "", 9)
        with self.pdf.table(
            col_widths=WIDTHS, v_align="TOP", text_align="LEFT", line_height=4.5
        ) as table:
            for cells in rows:
                row = table.row()
                filled = [c for c in cells if c]
                if len(filled) == 1:
                    first = next(i for i, c in enumerate(cells) if c)
                    for _ in range(first):
                        row.cell("")
                    row.cell(filled[0], colspan=4 - first)
                else:
                    for cell in [*cells, "", "", "", ""][:4]:
                        row.cell(cell)
        self.pdf.ln(3)
        self.pdf.set_font("DejaVu", "", 10)

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path


def _index(lines: list[str], pattern: str, start: int = 0) -> int:
    return next(i for i in range(start, len(lines)) if re.search(pattern, lines[i]))


def pdf_from_text(text: str, header: tuple[list[str], list[str]] | None = None) -> ProgrammePdf:
    """The text form of a programme as a PDF (see the module's docstring)."""
    lines = [plain(line) if "\t" not in line else line for line in text.split("\n")]
    title = _index(lines, r"^CHƯƠNG TRÌNH$")
    table = _index(lines, "Nhiệm vụ cụ thể")
    organisation = _index(lines, r"^II\. ")
    recipients = _index(lines, r"^Nơi nhận")
    signer = _index(lines, r"^(TM|KT)\.", recipients)
    doc = ProgrammePdf()
    blocks = "\n".join(lines[:title]).strip("\n").split("\n\n")
    left, right = header or ([*blocks, "", ""][0].split("\n"), [*blocks, "", ""][1].split("\n"))
    if any(left + right):
        doc.columns(left, right, gap_after=8)
    doc.paragraph(f"{lines[title]}\n{lines[title + 1]}", bold=True)
    for line in filter(None, lines[title + 2 : table + 1]):
        doc.paragraph(line)
    pages: list[list[list[str]]] = []
    for line in filter(None, lines[table + 1 : organisation]):
        cells = [plain(cell) for cell in line.split("\t")]
        if cells[:2] == HEADER[:2]:
            pages.append([])
        pages[-1].append(cells)
    for rows in pages:
        doc.table(rows)
    for line in filter(None, lines[organisation:recipients]):
        doc.paragraph(line)
    left = [lines[recipients], *filter(None, lines[recipients + 1 : signer])]
    right = [*filter(None, lines[signer : signer + 2]), "", "", "", lines[-1] or lines[-2]]
    if doc.pdf.get_y() + 5 * len(left) > doc.pdf.h - 20:
        doc.pdf.add_page()
    doc.columns(left, right)
    return doc


def scan_of(
    source: Path,
    target: Path,
    dpi: int = 200,
    angle: float = 0.4,
    noise: float = 0.02,
    pages: int | None = None,
    seed: int = 25,
) -> Path:
    """A simulated scan of `source`: each page rasterised at `dpi`, turned by `angle` degrees
    (alternating sides), a little blurred, salted with dark and light specks on `noise` of the
    pixels, in grey, written as a PDF of page images at the same resolution."""
    rng = random.Random(seed)
    document = pypdfium2.PdfDocument(str(source))
    images = []
    for index in range(len(document) if pages is None else min(pages, len(document))):
        image = document[index].render(scale=dpi / 72).to_pil().convert("L")
        turned = angle if index % 2 == 0 else -angle
        image = image.rotate(turned, resample=Image.BICUBIC, expand=False, fillcolor=255)
        image = image.filter(ImageFilter.GaussianBlur(0.6))
        pixels = image.load()
        width, height = image.size
        for _ in range(int(width * height * noise)):
            x, y = rng.randrange(width), rng.randrange(height)
            pixels[x, y] = rng.choice((0, 90, 255))
        images.append(image)
    document.close()
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    target.write_bytes(buffer.getvalue())
    return target


def with_hidden_text(scan: Path, text_pdf: Path, target: Path) -> Path:
    """The scan with an invisible text layer (render mode 3) over each page, as a scanner's own
    OCR writes one: the words of `text_pdf`'s page, drawn nowhere, its rulings left out."""
    import pypdfium2.raw as raw

    layer, images = pypdfium2.PdfDocument(str(text_pdf)), pypdfium2.PdfDocument(str(scan))
    while len(layer) > len(images):
        layer.del_page(len(layer) - 1)
    for index in range(len(layer)):
        page = layer[index]
        for obj in list(page.get_objects(max_depth=0)):
            if obj.type == raw.FPDF_PAGEOBJ_TEXT:
                raw.FPDFTextObj_SetTextRenderMode(obj.raw, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
            else:
                page.remove_obj(obj)
        width, height = page.get_size()
        bitmap = images[index].render(scale=150 / 72)
        image = pypdfium2.PdfImage.new(layer)
        image.set_bitmap(bitmap)
        image.set_matrix(pypdfium2.PdfMatrix().scale(width, height))
        page.insert_obj(image)
        page.gen_content()
    layer.save(str(target))
    return target
