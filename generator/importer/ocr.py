"""Importer, scanned pages: read a page image with Tesseract (Vietnamese, offline) and rebuild
its task table from the layout.

Tesseract (Debian's `tesseract-ocr` and `tesseract-ocr-vie`) gives each word with its box and
confidence (TSV). The table is rebuilt from where the words are: the header row ('TT', 'Nội
dung', 'Chủ trì', 'Thời gian…') gives the columns' left edges; a line with one word in the TT
column that is a number starts a row, a line 'Tháng 01/2026' is a month heading, a line with
nothing in the TT column continues the row above, anything else ends the table. Digits misread
as letters in the number and date columns ('O' for 0, 'l' for 1) are put right, and the cell is
marked for checking (confidence 0). Words are NFC; the borders' strokes ('|', '_') are dropped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from PIL import Image

from generator.common.dates import fold_accents
from generator.importer.pdf_file import PdfPage, TableCell, Word
from generator.importer.pdf_lines import visual_lines
from generator.importer.table import NUMBER

LANGUAGE = "vie"
CONFIDENT = 85.0
"""The least confidence (0–100) a word read by OCR may have without being checked."""
OCR_WALL = 120
"""The most seconds Tesseract may take for one page."""
_STROKES = re.compile(r"^[|_=`~\[\]{}()—–-]*$")
_DIGIT_LIKE = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1"})
_DATE_LIKE = re.compile(r"^[\dOoDlI|/.\-–]+$")
_HEADING = re.compile(r"^thang\s+\d{1,2}\s*/\s*\d{4}$")
_EDGES = "[]|_{}~`'\" "
"""What a table's borders leave at the edges of a cell's text."""
_SLASH = re.compile(r"\s*/\s*")
_SPECK = 60.0
"""Below this confidence a word of punctuation alone is a speck of the scan."""
_TOLERANCE = 6.0
_NUMBER_CHARS = 6
"""The longest word in the TT column that starts a row ('10.12.')."""
"""Points a word may start left of its column (a turned page, the cell's padding)."""


class OcrError(Exception):
    """Tesseract is missing or failed; the message says what to do."""


def tesseract_version() -> str:
    """'tesseract 5.3.0'; raises `OcrError` when Tesseract or its Vietnamese model is missing."""
    if shutil.which("tesseract") is None:
        raise OcrError(
            "tệp PDF là bản quét (không có chữ) nên cần nhận dạng chữ, nhưng máy chưa có "
            "Tesseract; cài bằng 'apt-get install tesseract-ocr tesseract-ocr-vie' rồi nhập lại"
        )
    languages = _run(["tesseract", "--list-langs"]).split()
    if LANGUAGE not in languages:
        raise OcrError(
            "máy có Tesseract nhưng thiếu dữ liệu tiếng Việt; cài bằng 'apt-get install "
            "tesseract-ocr-vie' rồi nhập lại"
        )
    return _run(["tesseract", "--version"]).split("\n")[0].strip()


def _run(command: list[str]) -> str:
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=OCR_WALL, env=environment, check=True
        )
    except subprocess.TimeoutExpired:
        raise OcrError(f"nhận dạng chữ một trang quá {OCR_WALL} giây; quét lại rõ hơn") from None
    except (OSError, subprocess.CalledProcessError) as exc:
        raise OcrError(f"Tesseract không chạy được ({exc}); kiểm tra bản cài đặt") from None
    return done.stdout.decode("utf-8", errors="replace")


def ocr_run(image: Path, dpi: int, *options: str) -> str:
    """Tesseract's TSV for an image (or a file listing images, one a line: one run for all)."""
    return _run(["tesseract", str(image), "stdout", "-l", LANGUAGE, "--dpi", str(dpi), *options,
                 "tsv"])  # fmt: skip


def tsv_words(
    tsv: str, dpi: int, origins: list[tuple[int, int]], *, bordered: bool = True
) -> list[tuple[Word, ...]]:
    """The words of each image of a TSV, in points, each image placed at its origin (pixels).
    On a `bordered` image a '|' is a table's border; inside a cell it is kept, to be checked."""
    scale = 72 / dpi
    words: list[list[Word]] = [[] for _ in origins]
    for row in tsv.split("\n")[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5" or float(fields[10]) < 0:
            continue
        x, y = origins[int(fields[1]) - 1]
        left, top, width, height = (int(v) for v in fields[6:10])
        left, top, width, height = (
            (left + x) * scale,
            (top + y) * scale,
            width * scale,
            height * scale,
        )
        conf = float(fields[10])
        text = unicodedata.normalize("NFC", fields[11].strip())
        if not text:
            continue
        at = 0
        for piece in text.split("|") if bordered else [text]:  # a border beside a word
            x0, at = left + width * at / len(text), at + len(piece) + 1
            if _is_word(piece, conf):
                words[int(fields[1]) - 1].append(
                    Word(x0, x0 + width * len(piece) / len(text), top, top + height, piece, conf)
                )
    return [tuple(found) for found in words]


def ocr_words(image: Path, dpi: int, *options: str) -> tuple[Word, ...]:
    """The words Tesseract reads on the page image, in points, with their confidence."""
    (words,) = tsv_words(ocr_run(image, dpi, *options), dpi, [(0, 0)])
    return words


def _is_word(piece: str, conf: float) -> bool:
    """Not a border's stroke, nor a speck read with low confidence."""
    if not piece or _STROKES.match(piece) and piece not in ("-", "–"):
        return False
    return any(c.isalnum() for c in piece) or conf >= _SPECK


def ocr_page(
    number: int, width: float, height: float, words: tuple[Word, ...], image: Path, dpi: int
) -> PdfPage:
    """The page as a text PDF would give it: words outside tables, and the tables rebuilt; a
    number cell that is not a number, or is read with low confidence, is read again alone."""
    loose: list[Word] = []
    tables: list[list[list[list[Word]]]] = []
    columns: list[float] | None = None
    for line in visual_lines(words):
        header = _header_columns(line.words)
        if header is not None:
            columns = header
            tables.append([_by_column(line.words, columns)])
        elif columns is None or not _extends(tables[-1], line.words, columns):
            columns = None
            loose.extend(line.words)
    rows = tuple(
        tuple(
            (_again(_cell(row[0], 0), image, dpi), *(_cell(c, k) for k, c in enumerate(row) if k))
            for row in table
        )
        for table in tables
    )
    return PdfPage(number, width, height, tuple(loose), rows)


def _again(cell: TableCell | None, image: Path, dpi: int) -> TableCell | None:
    """The number cell read again on its own, as one line of digits and dots; it keeps the
    lower confidence, so that a person still checks it."""
    if cell is None or cell.conf >= CONFIDENT and NUMBER.match(cell.text):
        return cell
    if _HEADING.match(fold_accents(cell.text)) or " " in cell.text:  # a month heading
        return cell
    scale = dpi / 72
    x0, top, x1, bottom = cell.box
    with Image.open(image) as page:
        crop = page.crop(tuple(int(v * scale) for v in (x0 - 2, top - 2, x1 + 2, bottom + 2)))
    with tempfile.TemporaryDirectory(prefix="ctct-ocr-") as folder:
        path = Path(folder) / "o.png"
        crop.save(path)
        words = ocr_words(path, dpi, "--psm", "7", "-c", "tessedit_char_whitelist=0123456789.")
    text = "".join(w.text for w in words)
    if not words or not NUMBER.match(text):
        return cell
    return TableCell(text, cell.box, min(cell.conf, *(w.conf for w in words)))


def _extends(table: list[list[list[Word]]], words: tuple[Word, ...], columns: list[float]) -> bool:
    """Add the line to the table (a new row, a heading, or the row above); False if it ends it."""
    if _HEADING.match(fold_accents(digits(" ".join(w.text for w in words)))):
        table.append([list(words)] + [[] for _ in columns[1:]])
        return True
    split = _by_column(words, columns)
    split[0] = [w for w in split[0] if any(c.isalnum() for c in w.text)]  # a speck by the border
    if len(split[0]) == 1 and len(split[0][0].text) <= _NUMBER_CHARS and split[1]:
        table.append(split)  # its number may be misread: the shared rules then say so
        return True
    if split[0]:
        return False
    for cell, more in zip(table[-1], split, strict=True):
        cell.extend(more)
    return True


def _header_columns(words: tuple[Word, ...]) -> list[float] | None:
    """The left edges of the four columns, when the line is the table's header row."""
    folded = [fold_accents(w.text).strip(".,:;[]()'\"") for w in words]
    try:
        tt = next(i for i, t in enumerate(folded) if t in ("tt", "stt"))
        content = folded.index("noi", tt + 1)
        lead = folded.index("chu", content + 1)
        deadline = folded.index("thoi", lead + 1)
    except (StopIteration, ValueError):
        return None
    return [words[i].x0 for i in (tt, content, lead, deadline)]


def _by_column(words: tuple[Word, ...], columns: list[float]) -> list[list[Word]]:
    cells: list[list[Word]] = [[] for _ in columns]
    for word in words:
        column = max((k for k, x in enumerate(columns) if word.x0 >= x - _TOLERANCE), default=0)
        cells[column].append(word)
    return cells


def digits(text: str) -> str:
    """Letters that OCR reads for digits ('O', 'l') put back, in a token of digits and '/'."""
    return " ".join(
        token.translate(_DIGIT_LIKE)
        if _DATE_LIKE.match(token) and any(c.isdigit() for c in token)
        else token
        for token in text.split()
    )


def _cell(words: list[Word], column: int) -> TableCell | None:
    if not words:
        return None
    text = " ".join(w.text for w in words)
    conf = min(w.conf for w in words)
    fixed = text.strip(_EDGES)
    if column in (0, 3):  # the number and the deadline: digits, '/', '-', 'theo KH'
        fixed = _SLASH.sub("/", digits(fixed)).rstrip(".,;:")
        fixed = fixed + "." if column == 0 and text.rstrip(_EDGES).endswith(".") else fixed
    box = (
        min(w.x0 for w in words),
        min(w.top for w in words),
        max(w.x1 for w in words),
        max(w.bottom for w in words),
    )
    return TableCell(fixed, box, 0.0 if fixed != text else conf)
