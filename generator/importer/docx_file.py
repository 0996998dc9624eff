"""Importer, Word files: open a .docx document, or say in one sentence what the file is instead.

A clerk may hold a Word 97–2003 .doc renamed .docx, the signed PDF, a password-protected file, a
spreadsheet or a broken copy. Each gets one error that names what it is and what to do; none
reaches python-docx's exceptions or a traceback. Sizes are checked before anything is unpacked.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from generator.load.documents import MAX_BYTES

WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".doc", ".odt", ".rtf", ".pdf")
"""File names the importer reads as a Word document (and explains when it is not one)."""
MAX_UNPACKED = 200_000_000
"""The most bytes a .docx may unpack to (a programme is well under 5 MB)."""
MAX_PART = 10_000_000
"""The most bytes one XML part (the text, the lists, the styles) may unpack to (a 133-task
programme's text is about 1 MB): the work of reading it is bounded before it is parsed."""
MAX_PARAGRAPHS, MAX_ROWS, MAX_CELLS = 20_000, 5_000, 50_000
"""The most paragraphs, table rows and cells a document may have (the 2026 programme: about
400, 200 and 800)."""
MAX_LABEL = 40
"""The longest list label (Word's lvlText, '%1.%2.') a document may define."""
MAX_CELL_TEXT = 10_000
"""The most characters in one table cell (a task's text is under 1,000)."""
MAX_TEXT = 2_000_000
"""The most characters the document's lines may hold in all, merged cells counted each time."""
MAX_MERGED_ROWS = 200
"""The most rows one cell may be merged down over."""
MAX_GRID = 1_000_000
"""The most grid positions (rows × columns) of one table."""
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SIGNATURES = (_ZIP, _OLE, b"%PDF", b"{\\rtf")
_SAVE = "mở văn bản bằng Word, chọn Lưu thành (Save As) → Tài liệu Word (*.docx), rồi nhập lại"
_BROKEN = (
    "tệp .docx bị hỏng ({why}); mở bằng Word (Word sẽ đề nghị sửa tệp), lưu lại dưới dạng "
    ".docx rồi nhập lại, hoặc xin lại tệp gốc"
)


class NotWordError(Exception):
    """The file is not a .docx document Word could open; the message says what to do."""


def too_large(what: str) -> NotWordError:
    """The one sentence for a document past a limit of the work of reading it."""
    return NotWordError(
        f"văn bản quá lớn hoặc có cấu trúc bất thường ({what}); một chương trình công tác không "
        "cần nhiều như vậy: kiểm tra tệp (có thể bị hỏng hoặc bị sửa), lưu lại dưới dạng .docx "
        "hoặc xin lại tệp gốc"
    )


def is_word_file(path: Path) -> bool:
    """True for a file to be read as a Word document: by its name or by its first bytes."""
    if path.suffix.lower() in WORD_SUFFIXES:
        return True
    with path.open("rb") as stream:
        return stream.read(8).startswith(_SIGNATURES)


def open_docx(path: Path) -> Document:
    """The parsed document; raises `NotWordError` with the clerk's message otherwise."""
    size = path.stat().st_size
    if size == 0:
        raise NotWordError("tệp rỗng (0 byte); chép lại tệp .docx gốc rồi nhập lại")
    if size > MAX_BYTES:
        raise NotWordError(
            f"tệp nặng {size // 1_000_000} MB, quá giới hạn {MAX_BYTES // 1_000_000} MB của một "
            "văn bản; bỏ bớt hình ảnh trong văn bản, lưu lại dưới dạng .docx rồi nhập lại"
        )
    raw = path.read_bytes()
    if not raw.startswith(_ZIP):
        raise NotWordError(_what_instead(raw))
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        _check_archive(archive)
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise NotWordError(_BROKEN.format(why=f"không giải nén được: {exc}")) from None
    except PackageNotFoundError:
        raise NotWordError(_BROKEN.format(why="thiếu phần văn bản chính")) from None
    except KeyError as exc:
        raise NotWordError(_BROKEN.format(why=f"thiếu phần {exc}")) from None
    except etree.XMLSyntaxError as exc:
        raise NotWordError(
            _BROKEN.format(why=f"nội dung XML hỏng hoặc lồng nhau quá sâu: {exc}")
        ) from None
    except ValueError as exc:  # python-docx: a package of another type (.docm, .dotx)
        raise NotWordError(
            f"tệp không phải tài liệu Word thường ({exc}); có thể là mẫu (.dotx) hoặc tài liệu "
            f"có macro (.docm): {_SAVE}"
        ) from None
    if document.element.body is None:
        raise NotWordError(_BROKEN.format(why="không có phần thân văn bản"))
    _check_counts(document)
    return document


def _check_counts(document: Document) -> None:
    """Refuse a document with more paragraphs, rows or cells than any programme has."""
    limits = {qn("w:p"): MAX_PARAGRAPHS, qn("w:tr"): MAX_ROWS, qn("w:tc"): MAX_CELLS}
    names = {qn("w:p"): "đoạn", qn("w:tr"): "dòng bảng", qn("w:tc"): "ô bảng"}
    counts = dict.fromkeys(limits, 0)
    for element in document.element.body.iter(*limits):
        counts[element.tag] += 1
        if counts[element.tag] > limits[element.tag]:
            raise too_large(f"hơn {limits[element.tag]} {names[element.tag]}")


def _what_instead(raw: bytes) -> str:
    """What a file that is not a zip package is, and what to do."""
    if raw.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in raw:
            return (
                "tệp Word có đặt mật khẩu nên không đọc được; mở bằng Word, bỏ mật khẩu (Tệp → "
                "Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại "
                "dưới dạng .docx rồi nhập lại"
            )
        return (
            f"đây là tệp Word 97–2003 (.doc) (hoặc tệp Office cũ khác), không phải .docx; {_SAVE}"
        )
    if raw.startswith(b"%PDF"):
        return (
            "đây là tệp PDF, không phải văn bản Word .docx; xin tệp Word gốc của văn bản "
            f"(hoặc mở PDF bằng Word để chuyển), {_SAVE}"
        )
    if raw.startswith(b"{\\rtf"):
        return f"đây là tệp RTF, không phải .docx; {_SAVE}"
    return f"không phải tệp Word .docx (không nhận ra loại tệp); {_SAVE}"


def _check_archive(archive: zipfile.ZipFile) -> None:
    """A zip that is not a Word document, or that would unpack to too much, is refused."""
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            kind = "bảng tính Excel (.xlsx)"
        elif "ppt/presentation.xml" in names:
            kind = "bản trình chiếu PowerPoint (.pptx)"
        elif "content.xml" in names:
            kind = "văn bản OpenDocument (.odt, LibreOffice)"
        else:
            kind = "tệp nén ZIP"
        raise NotWordError(f"đây là {kind}, không chứa văn bản Word (word/document.xml); {_SAVE}")
    for info in archive.infolist():
        if info.filename.endswith(".xml") and info.file_size > MAX_PART:
            raise too_large(f"phần {info.filename} giải nén ra hơn {MAX_PART // 1_000_000} MB")
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED:
        raise NotWordError(
            f"tệp giải nén ra {unpacked // 1_000_000} MB, quá giới hạn "
            f"{MAX_UNPACKED // 1_000_000} MB; tệp có thể bị hỏng hoặc chứa hình ảnh quá lớn: "
            "bỏ bớt hình ảnh, lưu lại dưới dạng .docx rồi nhập lại"
        )
