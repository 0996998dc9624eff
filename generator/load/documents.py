"""The official texts a programme names in `source_document`, read from the content folder.

Only files inside the content folder are ever read: no absolute path, no `..`, no symlink that
leads out of it. A URL or a sentence ("Bản giấy lưu tại ...") names the document without a file.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from generator.common.errors import Problems
from generator.common.urls import is_published_file
from generator.domain.model import SourceDocument
from generator.load.yamlsrc import Mapping

MAX_BYTES = 20_000_000
FIELD = "source_document"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")


def read_source_document(
    doc: Mapping, label: str, content_dir: Path, problems: Problems
) -> SourceDocument | None:
    """The file named by a programme's `source_document`, when it names one we publish."""
    value = doc.get(FIELD)
    if not isinstance(value, str) or not is_published_file(value):
        return None
    line = doc.key_lines.get(FIELD, doc.line)
    path = _inside(value, content_dir)
    if path is None:
        problems.error(
            label,
            line,
            FIELD,
            f"'{value}' phải là tệp nằm trong thư mục dữ liệu, viết từ thư mục đó (ví dụ "
            "sources/ten-van-ban.txt), không dùng '..', đường dẫn tuyệt đối hay liên kết ra ngoài",
        )
        return None
    if not _SAFE_NAME.match(path.name):
        problems.error(
            label,
            line,
            FIELD,
            f"tên tệp '{PurePosixPath(value).name}' chỉ được dùng chữ không dấu, số, '-', '_' "
            "và '.' (tên này thành địa chỉ trên trang web)",
        )
        return None
    if not path.is_file():
        problems.error(label, line, FIELD, f"không tìm thấy tệp '{value}'")
        return None
    if path.stat().st_size > MAX_BYTES:
        problems.error(label, line, FIELD, f"tệp '{value}' quá lớn (hơn 20 MB)")
        return None
    return SourceDocument(PurePosixPath(value).name, path.read_bytes(), label, line)


def _inside(value: str, content_dir: Path) -> Path | None:
    """The file's real path when it lies inside the content folder, else None."""
    written = PurePosixPath(value)
    if written.is_absolute() or "\\" in value or ".." in written.parts:
        return None
    root = content_dir.resolve()
    real = (root / written).resolve()
    return real if real.is_relative_to(root) and real != root else None


def check_unique(documents: list[SourceDocument], problems: Problems) -> None:
    """Two programmes may not publish two files under one name."""
    first: dict[str, SourceDocument] = {}
    for document in documents:
        if (earlier := first.setdefault(document.name, document)) is not document:
            problems.error(
                document.file,
                document.line,
                FIELD,
                f"tên tệp '{document.name}' đã dùng cho chương trình ở {earlier.file}; mỗi "
                "chương trình cần văn bản gốc riêng, đặt tên khác nhau",
            )
