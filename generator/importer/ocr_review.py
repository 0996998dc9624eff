"""Importer, OCR review: what OCR read is never trusted silently.

Every line read from a scanned page is checked, cell by cell: a word read with confidence
under `CONFIDENT`, digits put back from letters ('O' read for 0), a problem the shared rules
found on the line (a number, date or unit that does not parse or fit), a lead unit not in the
units list (or, without one, spelled so only once in the document). Each is a warning naming
its place, and the review folder `kiem-tra-ocr/` beside the imported files holds a report
(`bao-cao.md`) listing them with the page image of each row (`trang-P-dong-R.png`), and the
text as read (`van-ban.txt`, the text form: correct it against the paper and import it).
"""

from __future__ import annotations

import difflib
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.dates import fold_accents
from generator.errors import Problems
from generator.importer.ocr import CONFIDENT
from generator.importer.ocr_checks import Vocabulary
from generator.importer.pdf_file import TableCell
from generator.importer.pdf_source import REVIEW_DPI, Scan
from generator.importer.table import CELLS
from generator.importer.text import ImportProblems, Line, is_header
from generator.load.units import UnitIndex, unit_key
from generator.model import Unit
from generator.safewrite import write_inside

NEAR = 0.9
"""How alike (0–1, letters without tone marks) a lead read must be to a known one to be it."""
FOLDER = "kiem-tra-ocr"
"""The review folder, written beside the imported files."""
_TEXT = "văn bản"
_PAD = 4.0
_QUOTE = "'"


@dataclass(frozen=True)
class Flag:
    """One cell for a person to check against the paper."""

    line: int
    place: str
    field: str
    text: str
    reasons: tuple[str, ...]
    image: str


def review(
    lines: list[Line],
    report: ImportProblems,
    scan: Scan,
    problems: Problems,
    units: tuple[Unit, ...],
) -> list[Flag]:
    """Every cell of the scanned lines to check; each is also a warning in `report`."""
    found = _problems_by_line(problems, report, scan)
    rows = [lines[n - 1].text.split("\t") for n in scan.spots]
    leads = Counter(unit_key(cells[2]) for cells in rows if len(cells) > 2 and cells[2])
    index = UnitIndex(units) if units else None
    vocabulary = Vocabulary(
        [line.text for line in lines], [cells[2] for cells in rows if len(cells) > 2]
    )
    flags = []
    for number, spot in sorted(scan.spots.items()):
        line = lines[number - 1]
        row = "\t" in line.text
        texts = line.text.split("\t") if row else [line.text]
        if row and is_header(texts):  # the header row, drawn again on each page
            continue
        names = CELLS if row else (_TEXT,)
        for k, (name, text) in enumerate(zip(names, texts, strict=False)):
            cell = spot.cells[k] if k < len(spot.cells) else None
            reasons = _confidence(cell) + scan.notes.get((number, name), ())
            reasons += found.get((number, name), ())
            reasons += vocabulary.doubts(text, name) if name != "number" else ()
            if row and name == "lead" and text:
                reasons += _unknown_lead(text, index, leads)
            if k == 0:
                reasons += found.get((number, "*"), ())
            if reasons:
                place = report.where(number)
                image = f"{place.replace('trang ', 'trang-').replace(', dòng ', '-dong-')}.png"
                flags.append(Flag(number, place, name, text, reasons, image))
                report.warn(
                    number,
                    name,
                    f"đọc bằng OCR, cần người đối chiếu với bản giấy: '{text[:60]}' "
                    f"({'; '.join(reasons)}); ảnh: {FOLDER}/{image}",
                )
    return flags


def settle_leads(lines: list[Line], scan: Scan, units: tuple[Unit, ...]) -> None:
    """A lead unit read near a known spelling (the units list's, or one the document writes
    more often) is that unit: the line is put right and the cell noted, to be checked. Two
    spellings alike but for tone marks, spaces or a letter or two are near ('Phòng Vănhóa- Xã
    hôi'); an abbreviation ('Phòng VH-XH') is another spelling, not a misreading."""
    rows = {n: lines[n - 1].text.split("\t") for n in scan.spots if "\t" in lines[n - 1].text}
    counts = Counter(cells[2] for cells in rows.values() if len(cells) > 2 and cells[2])
    listed = {s for unit in units for s in (unit.name, unit.short, *unit.aliases) if s}
    for number, cells in rows.items():
        lead = cells[2] if len(cells) > 2 else ""
        if not lead or lead in listed:
            continue
        weight = {s: counts[s] for s in counts if counts[s] > counts[lead]} | dict.fromkeys(
            listed, len(lines)
        )
        near = [s for s in weight if s != lead and _near(s, lead)]
        if not near:
            continue
        best = max(near, key=lambda s: (weight[s], s))
        cells[2] = best
        lines[number - 1] = Line(number, "\t".join(cells), lines[number - 1].place)
        scan.notes[(number, "lead")] = (
            f"đọc được '{lead}', gần giống tên đơn vị '{best}' nên lấy là '{best}'",
        )


def _near(a: str, b: str) -> bool:
    squeezed = ["".join(c for c in fold_accents(s) if c.isalnum()) for s in (a, b)]
    if squeezed[0] == squeezed[1]:
        return True
    return difflib.SequenceMatcher(None, *squeezed).ratio() >= NEAR


def _problems_by_line(problems: Problems, report: ImportProblems, scan: Scan) -> dict:
    found: dict[tuple[int, str], tuple[str, ...]] = {}
    for problem in problems.items:
        if problem.file != report.label or problem.line not in scan.spots:
            continue
        name = problem.field if problem.field in CELLS else "*"
        found[(problem.line, name)] = (*found.get((problem.line, name), ()), problem.message)
    return found


def _confidence(cell: TableCell | None) -> tuple[str, ...]:
    if cell is None:
        return ()
    if cell.conf == 0:
        return ("có chữ đọc như số đã được sửa thành số",)
    if cell.conf < CONFIDENT:
        return (f"độ tin cậy thấp, {cell.conf:.0f}%",)
    return ()


def _unknown_lead(text: str, index: UnitIndex | None, leads: Counter) -> tuple[str, ...]:
    """A lead not in the units list, or written there otherwise (a tone mark, a letter)."""
    if index is not None:
        unit = index.resolve(text)
        if unit is None:
            return ("đơn vị không có trong danh mục",)
        if text not in {unit.name, unit.short, *unit.aliases}:
            return (f"danh mục đơn vị không viết như vậy (viết '{unit.name}')",)
        return ()
    return ("tên đơn vị chỉ gặp một lần trong văn bản",) if leads[unit_key(text)] == 1 else ()


def ocr_note(scan: Scan, flags: list[Flag]) -> str:
    """The programme's `read_by_ocr`: how it was read and how much is left to check."""
    pages = ", ".join(str(n) for n in scan.pages)
    return (
        f"Đọc bằng nhận dạng chữ (OCR: {scan.engine}) từ bản quét, trang {pages}; "
        f"{len(flags)} ô cần người đối chiếu với bản giấy ({FOLDER}/bao-cao.md)"
    )


def review_files(lines: list[Line], scan: Scan, flags: list[Flag]) -> dict[str, str | bytes]:
    """The review folder's files: the report, one image per flagged row, the text as read."""
    files: dict[str, str | bytes] = {
        f"{FOLDER}/van-ban.txt": "\n".join(line.text for line in lines) + "\n"
    }
    report = [
        "# Kiểm tra văn bản đọc bằng OCR",
        "",
        f"Đọc bằng {scan.engine}. Mỗi mục dưới đây là một ô cần đối chiếu với bản giấy; "
        "sửa trong tệp dữ liệu (hoặc sửa `van-ban.txt` rồi nhập lại tệp đó).",
        "",
    ]
    for flag in flags:
        report += [
            f"## {flag.place}: {flag.field}",
            "",
            f"- Đọc được: `{flag.text.replace('`', _QUOTE)}`",
            *(f"- {reason}" for reason in flag.reasons),
            "",
            f"![{flag.place}]({flag.image})",
            "",
        ]
        files[f"{FOLDER}/{flag.image}"] = _crop(scan, flag.line)
    files[f"{FOLDER}/bao-cao.md"] = "\n".join(report)
    return files


def _crop(scan: Scan, line: int) -> bytes:
    """The row's region of its page image, as PNG."""
    spot = scan.spots[line]
    boxes = [cell.box for cell in spot.cells if cell is not None]
    image = scan.images[spot.page]
    scale = REVIEW_DPI / 72
    if not boxes:
        boxes = [(0.0, 0.0, image.width / scale, image.height / scale)]
    box = (
        max(0, int((min(b[0] for b in boxes) - _PAD) * scale)),
        max(0, int((min(b[1] for b in boxes) - _PAD) * scale)),
        min(image.width, int((max(b[2] for b in boxes) + _PAD) * scale)),
        min(image.height, int((max(b[3] for b in boxes) + _PAD) * scale)),
    )
    buffer = io.BytesIO()
    image.crop(box).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def write_review(out: Path, files: dict[str, str | bytes]) -> None:
    """Write the review folder, replacing an earlier one's images; never through a link."""
    folder = out / FOLDER
    if link := next((p for p in (out, folder) if p.is_symlink()), None):
        raise OSError(f"{link} là liên kết (symlink): không ghi qua liên kết")
    if folder.is_dir():
        for old in folder.glob("*.png"):
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    for relative, data in files.items():
        write_inside(
            out, relative, data.encode("utf-8") if isinstance(data, str) else data, replace=True
        )
