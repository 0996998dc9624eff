"""Importer, PDF files: recognise one, read it within limits, or say in one sentence why not.

The file is parsed by `pdf_child` in a process of its own, held to `MEMORY` bytes and `CPU`
seconds (and `WALL` seconds of waiting), so a hostile or broken PDF costs at most that; what
comes back is plain data (`PdfPage`). An encrypted PDF, a broken one, one with too many pages,
characters or objects, each gets one Vietnamese sentence saying what to do.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.importer.pdf_child import MAX_CHARS, MAX_OBJECTS, MAX_PAGES
from generator.load.documents import MAX_BYTES

PDF_SIGNATURE = b"%PDF-"
MEMORY = 2_000_000_000
"""The most memory (address space) the PDF reader may take."""
CPU = 120
"""The most CPU seconds the PDF reader may use."""
WALL = 300
"""The most seconds the importer waits for it."""
_AGAIN = "xin bản PDF gốc (xuất từ Word, hoặc bản quét) rồi nhập lại"


class NotPdfError(Exception):
    """The PDF cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class Word:
    """A word on a page, in points from the page's top left; `conf` is OCR's confidence."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    conf: float = 100.0
    spaced: bool = False
    """A space character follows the word on its line (LibreOffice writes one where it wrapped
    a line at a space; never where it broke after a hyphen or inside a long word)."""


@dataclass(frozen=True)
class TableCell:
    """A cell of a table: its text, its box (points from the top left), OCR's confidence."""

    text: str
    box: tuple[float, float, float, float]
    conf: float = 100.0
    words: tuple[Word, ...] = ()
    """On a text page, the words inside the cell (`pdf_table` joins their lines)."""


@dataclass(frozen=True)
class PdfPage:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    tables: tuple[tuple[tuple[TableCell | None, ...], ...], ...]
    """Ruled tables: rows of cells (None for a grid position covered by a merged cell)."""
    image: Path | None = None
    """The page rendered for OCR, when it has no text (a scan), or text not to trust as it is."""
    hidden: tuple[Word, ...] = ()
    """The words of a scan's text layer (invisible, or over a page-wide image): never taken as
    they are, only compared with what OCR reads in the image."""


def is_pdf_file(path: Path) -> bool:
    """True for a file to read as a PDF: its name ends in .pdf or its first bytes say PDF."""
    if path.suffix.lower() == ".pdf":
        return True
    with path.open("rb") as stream:
        return stream.read(1024).lstrip().startswith(PDF_SIGNATURE)


def _limits() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU, CPU))


def read_pdf(path: Path, folder: Path) -> list[PdfPage]:
    """The pages of the PDF at `path`; scanned pages are rendered into `folder`."""
    size = path.stat().st_size
    if size == 0:
        raise NotPdfError(f"tệp rỗng (0 byte); {_AGAIN}")
    if size > MAX_BYTES:
        raise NotPdfError(
            f"tệp PDF nặng {size // 1_000_000} MB, quá giới hạn {MAX_BYTES // 1_000_000} MB "
            f"của một văn bản; quét lại ở độ phân giải 200–300 dpi, đen trắng, rồi nhập lại"
        )
    with path.open("rb") as stream:
        if not stream.read(1024).lstrip().startswith(PDF_SIGNATURE):
            raise NotPdfError(
                f"tệp có đuôi .pdf nhưng không phải tệp PDF (không bắt đầu bằng '%PDF-'); {_AGAIN}"
            )
    command = [sys.executable, "-m", "generator.importer.pdf_child", str(path), str(folder)]
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            timeout=WALL,
            preexec_fn=_limits,  # noqa: PLW1509 - no threads are started before it
            env=environment,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise NotPdfError(_too_much(f"đọc quá {WALL} giây")) from None
    try:
        found = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise NotPdfError(_too_much("hết giới hạn bộ nhớ hoặc thời gian khi đọc")) from None
    if "error" in found:
        raise NotPdfError(_message(found["error"], found.get("detail")))
    return [_page(page) for page in found["pages"]]


def _too_much(what: str) -> str:
    return (
        f"tệp PDF {what} (giới hạn {MEMORY // 1_000_000_000} GB bộ nhớ, {CPU} giây); tệp có "
        f"thể bị hỏng hoặc cố ý làm nặng: {_AGAIN}"
    )


def _message(kind: str, detail: object) -> str:
    if kind == "encrypted":
        return (
            "tệp PDF có đặt mật khẩu (mã hóa) nên không đọc được; mở bằng trình đọc PDF có "
            "mật khẩu, in hoặc lưu ra một bản PDF không mật khẩu, rồi nhập lại"
        )
    if kind == "memory":
        return _too_much("cần quá nhiều bộ nhớ khi đọc")
    if kind == "pages":
        return (
            f"tệp PDF có {detail} trang, quá giới hạn {MAX_PAGES} trang của một chương trình; "
            "chỉ giữ lại các trang của chương trình rồi nhập lại"
        )
    if kind == "chars":
        return (
            f"tệp PDF có hơn {MAX_CHARS} ký tự, quá giới hạn của một chương trình; chỉ giữ lại "
            "các trang của chương trình rồi nhập lại"
        )
    if kind == "objects":
        assert isinstance(detail, dict)
        return (
            f"trang {detail['page']} của tệp PDF có {detail['count']} đối tượng, quá giới hạn "
            f"{MAX_OBJECTS} của một trang; {_AGAIN}"
        )
    return f"tệp PDF bị hỏng, không đọc được ({detail}); {_AGAIN}"


def _words(found: list[dict]) -> tuple[Word, ...]:
    return tuple(
        Word(w["x0"], w["x1"], w["top"], w["bottom"], w["text"], spaced=w.get("spaced", False))
        for w in found
    )


def _cell(cell: dict | None) -> TableCell | None:
    if cell is None:
        return None
    words = _words(cell["words"])
    return TableCell(" ".join(w.text for w in words), tuple(cell["box"]), words=words)


def _page(page: dict) -> PdfPage:
    words = _words(page["words"])
    tables = tuple(
        tuple(tuple(_cell(cell) for cell in row) for row in table["rows"])
        for table in page["tables"]
    )
    image = Path(page["image"]) if page.get("image") else None
    hidden = _words(page.get("hidden", []))
    return PdfPage(page["number"], page["width"], page["height"], words, tables, image, hidden)
