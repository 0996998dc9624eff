"""Importer, PDF reading in a child process: `python -m generator.importer.pdf_child FILE DIR`.

A PDF is a program of its own: a few kilobytes can ask for gigabytes or loop (pdfminer and
pdfium have had such bugs). So the file is parsed here, in a process `pdf_file` starts with
limits on memory and CPU time, and only plain data comes back: one JSON object on stdout,
`{"pages": [...]}` or `{"error": KIND, "detail": ...}`. Each page gives its size, its words
outside tables (x0, x1, top, bottom, text, in points from the top left; whether a space
character follows it), its ruled tables (rows of cells: box and the words inside), and, for
a page without text (a scan), the path of the page rendered as a grey PNG in DIR for OCR.
A page whose text is mostly invisible (render mode 3, a scanner's own OCR layer) or which is
mostly one image is rendered for OCR too, its text layer's words given beside (`hidden`): they
are compared with what OCR reads, never taken as they are.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PIL import ImageFilter

MAX_PAGES = 60
"""The most pages read (a programme has 10 to 20)."""
MAX_OBJECTS = 200_000
"""The most characters, lines and boxes on one page (a dense text page has about 5,000)."""
MAX_CHARS = 2_000_000
"""The most characters in the whole document."""
SCAN_CHARS = 20
"""A page with fewer characters of text than this is read as a scan."""
OCR_DPI = 300
"""The resolution a scanned page is rendered at for OCR."""
MAX_PIXELS = 40_000_000
"""The most pixels of a rendered page (A4 at 300 dpi has 8.7 million; a huge page is scaled)."""
IMAGE_SHARE = 0.8
"""A page one image covers this much of is a scan, whatever text lies over it."""


def _fail(kind: str, detail: object = "") -> None:
    print(json.dumps({"error": kind, "detail": detail}, ensure_ascii=False))
    raise SystemExit(0)


def _inside(word: dict, box: tuple[float, float, float, float]) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _cell(box: tuple[float, float, float, float], words: list[dict]) -> dict:
    """A table cell: its box and the words whose middle is inside it (a word's box may reach
    a little over the ruling above it: it belongs where most of it is)."""
    return {"box": list(box), "words": [word for word in words if _inside(word, box)]}


def _deskewed(image):
    """The page turned straight: the angle (within ±2°, by tenths) at which the rows' mean
    darkness varies most is the one where text lines lie flat. The specks are already gone."""
    from PIL import Image, ImageStat

    small = image.resize((image.width // 6, image.height // 6))

    def spread(tenths: int):
        turned = small.rotate(tenths / 10, resample=Image.BILINEAR, fillcolor=255)
        return ImageStat.Stat(turned.resize((1, small.height), Image.BOX)).var[0]

    best = max(range(-20, 21), key=spread)
    return image.rotate(best / 10, resample=Image.BICUBIC, fillcolor=255) if best else image


def _page(page, index: int, folder: Path, pdfium_document) -> dict:
    objects = len(page.chars) + len(page.lines) + len(page.rects) + len(page.curves)
    if objects > MAX_OBJECTS:
        _fail("objects", {"page": index + 1, "count": objects})
    found = {"number": index + 1, "width": float(page.width), "height": float(page.height)}
    scanned = len(page.chars) < SCAN_CHARS
    if scanned or _untrusted(page, pdfium_document[index]):
        if scanned and not page.images:
            return found | {"words": [], "tables": []}
        scale = min(OCR_DPI / 72, (MAX_PIXELS / (page.width * page.height)) ** 0.5)
        image = pdfium_document[index].render(scale=scale, grayscale=True).to_pil()
        path = folder / f"trang-{index + 1}.png"
        _deskewed(image.convert("L").filter(ImageFilter.MedianFilter(3))).save(path)
        hidden = [] if scanned else _words(page)
        return found | {"words": [], "tables": [], "image": str(path), "hidden": hidden}
    every = _words(page)
    tables = []
    for table in page.find_tables():
        rows = [
            [None if box is None else _cell(box, every) for box in row.cells] for row in table.rows
        ]
        tables.append({"box": list(table.bbox), "rows": rows})
    words = [word for word in every if not any(_inside(word, tuple(t["box"])) for t in tables)]
    return found | {"words": words, "tables": tables}


def _untrusted(page, pdfium_page) -> bool:
    """A text layer not to trust as it is: mostly invisible text (render mode 3, drawn nowhere:
    a scanner's OCR), or lying over one image that covers most of the page (a scan)."""
    import pypdfium2.raw as pdfium_c

    area = page.width * page.height
    covered = (
        (min(i["x1"], page.width) - max(i["x0"], 0))
        * (min(i["bottom"], page.height) - max(i["top"], 0))
        for i in page.images
    )
    if max(covered, default=0) >= IMAGE_SHARE * area:
        return True
    modes = [
        pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
        for obj in pdfium_page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT])
    ]
    invisible = modes.count(pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
    return invisible > len(modes) / 2


def _words(page) -> list[dict]:
    """The page's words (x0, x1, top, bottom, text), each saying whether a space follows it."""
    spaces: dict[int, list[float]] = {}
    for char in page.chars:
        if char["text"] == " ":
            spaces.setdefault(round(char["top"]), []).append(char["x0"])
    return [
        {key: word[key] for key in ("x0", "x1", "top", "bottom", "text")}
        | {"spaced": any(abs(x - word["x1"]) < 0.5 for x in spaces.get(round(word["top"]), ()))}
        for word in page.extract_words(keep_blank_chars=False)
    ]


def main(source: str, folder: str) -> None:
    import pdfminer.pdfdocument as pdfdocument
    import pdfminer.psexceptions as psexceptions
    import pdfplumber
    import pypdfium2

    try:
        pdf = pdfplumber.open(source)
        count = len(pdf.pages)
    except MemoryError:
        _fail("memory")
    except Exception as exc:  # noqa: BLE001 - every parser failure is one sentence
        cause = exc.__cause__ or exc.__context__ or exc
        encrypted = (pdfdocument.PDFPasswordIncorrect, pdfdocument.PDFEncryptionError)
        if isinstance(exc, encrypted) or isinstance(cause, encrypted):
            _fail("encrypted")
        if isinstance(cause, psexceptions.PSException | pdfdocument.PDFSyntaxError):
            _fail("broken", str(cause)[:200])
        _fail("broken", f"{type(cause).__name__}: {cause}"[:200])
    if count > MAX_PAGES:
        _fail("pages", count)
    pdfium_document = pypdfium2.PdfDocument(source)
    pages, chars = [], 0
    try:
        for index, page in enumerate(pdf.pages):
            chars += len(page.chars)
            if chars > MAX_CHARS:
                _fail("chars", chars)
            pages.append(_page(page, index, Path(folder), pdfium_document))
            page.close()
    except MemoryError:
        _fail("memory")
    except Exception as exc:  # noqa: BLE001
        _fail("broken", f"{type(exc).__name__}: {exc}"[:200])
    print(json.dumps({"pages": pages}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
