"""Importer, the `--out` folder: what may be written there, before anything is.

No file is written through a symlink (`links_on_the_way`), none that exists with other bytes
is changed without `--force` (`taken`), and a programme of another ward than the ward.yaml it
would join is refused (`same_ward`).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from generator.common.errors import Problems, unwritable
from generator.contentformat import layout
from generator.domain.model import Ward
from generator.importer.ocr_review import write_review
from generator.load.fields import FileReader
from generator.load.records import read_ward
from generator.load.ward_ownership import mismatch_message, other_ward
from generator.load.yamlsrc import load_yaml


def links_on_the_way(out: Path, files: dict[str, str | bytes]) -> str:
    """Why `out` cannot be written safely: a symlink at it or on the way to one of `files`."""
    for relative in files:
        path, steps = out, [out]
        for part in PurePosixPath(relative).parts:
            path = path / part
            steps.append(path)
        if link := next((step for step in steps if step.is_symlink()), None):
            return (
                f"{link} là liên kết (symlink): không ghi qua liên kết. Xóa liên kết đó "
                "(git rm) rồi nhập lại"
            )
    return ""


def ward_files(out: Path, units_file: Path | None) -> list[Path]:
    """The ward.yaml the document is imported beside: in `--out`, or beside `--units`."""
    places = [out] + ([units_file.parent] if units_file is not None else [])
    return [p / layout.WARD_YAML for p in places if (p / layout.WARD_YAML).is_file()]


def same_ward(ward: Ward, files: list[Path], problems: Problems, label: str) -> None:
    """A programme of another ward is refused before anything is written (`check` refuses it
    too, by the same rule)."""
    for path in files:
        scratch = Problems()
        doc = load_yaml(path, path.name, scratch)
        here = read_ward(doc, FileReader(path.name, scratch)) if doc is not None else None
        if here is not None and (other := other_ward(here, ward.issuer)):
            problems.error(label, 1, "phường", f"{path}: {mismatch_message(other, here)}")
            return


def write_review_or_say(
    folder: Path, files: dict[str, str | bytes], label: str, problems: Problems, *, force: bool
) -> None:
    """Write the review folder; a text there the clerk corrected is kept (a warning says where
    the new reading went), unless `force`."""
    try:
        kept = write_review(folder, files, force=force)
    except OSError as exc:
        problems.error(label, 1, "out", unwritable(folder, exc))
        return
    for name in kept:
        problems.warn(
            label,
            1,
            "out",
            f"{folder / name} khác bản vừa đọc (có thể đã được sửa tay) nên được giữ nguyên; "
            f"bản vừa đọc ở {folder / name.replace('.', '.moi.', 1)}. Thêm --force để ghi đè",
        )


def taken(out: Path, files: dict[str, str | bytes]) -> list[str]:
    """The files of `files` that exist in `out` with other bytes (an identical copy is fine)."""
    taken = []
    for relative, data in files.items():
        path = out / relative
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if path.exists() and (not path.is_file() or path.read_bytes() != raw):
            taken.append(relative)
    return taken
