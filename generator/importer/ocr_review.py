"""Importer, OCR review: what OCR read is never trusted silently.

Every line read from a scanned page is checked, cell by cell: a word read with confidence
under `CONFIDENT`, digits put back from letters ('O' read for 0), a problem the shared rules
found on the line (a number, date or unit that does not parse or fit), a lead unit not in the
units list (or, without one, spelled so only once in the document), and the doubts of
`ocr_checks` (words, capitals, wide gaps between words). Each is a warning naming
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

import yaml
from PIL import Image

from generator.common.dates import fold_accents
from generator.common.errors import Problems
from generator.common.safewrite import write_inside
from generator.contentformat import layout
from generator.domain.model import Unit
from generator.importer.ocr import CONFIDENT
from generator.importer.ocr_checks import Vocabulary, gap_doubts
from generator.importer.pdf_file import TableCell
from generator.importer.pdf_source import REVIEW_DPI, TEXT_CELL, Scan
from generator.importer.table import CELLS
from generator.importer.text import ImportProblems, Line, is_header
from generator.load.unit_spellings import UnitIndex, unit_key

CORRECTED = ("van-ban.txt", "bao-cao.md")
"""The review's texts a clerk corrects, which a new import never overwrites unasked."""
UNCHECKED, CHECKED = "[ ]", "[x]"
"""A flagged cell's box in the report, ticked by the person who checked it on paper."""
SOURCE = "nguon.yaml"
"""The review file naming the scan read and what `read_by_ocr` said of it."""
NEAR = 0.9
"""How alike (0–1, letters without tone marks) a lead read must be to a known one to be it."""
FOLDER = "kiem-tra-ocr"
"""The review folder, written beside the imported files."""
_TEXT = TEXT_CELL
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
    task: str = ""
    """The id of the task read on the line, if one was."""


def review(
    lines: list[Line],
    report: ImportProblems,
    scan: Scan,
    problems: Problems,
    units: tuple[Unit, ...],
    tasks: dict[int, str] | None = None,
    folder: str = FOLDER,
) -> list[Flag]:
    """Every cell of the scanned lines to check; each is also a warning in `report` naming its
    image in the review `folder`. `tasks` gives the id of the task read on each line."""
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
            if row and name != "number" and cell is not None:
                reasons += gap_doubts(cell.words)
            if row and name == "lead" and text:
                reasons += _unknown_lead(text, index, leads)
            if k == 0:
                reasons += found.get((number, "*"), ())
            if reasons:
                place = report.where(number)
                image = f"{place.replace('trang ', 'trang-').replace(', dòng ', '-dong-')}.png"
                task = (tasks or {}).get(number, "")
                flags.append(Flag(number, place, name, text, reasons, image, task))
                report.warn(
                    number,
                    name,
                    f"đọc bằng OCR, cần người đối chiếu với bản giấy"
                    f"{f' (nhiệm vụ {task})' if task else ''}: '{text[:60]}' "
                    f"({'; '.join(reasons)}); ảnh: {folder}/{image}",
                )
    return flags


def corrected_source(text: Path) -> tuple[Path, str] | None:
    """For the review's `van-ban.txt` corrected by a clerk: the scan it was read from (in the
    review folder, or in the sources/ beside it) and the
    programme's `read_by_ocr`, which now says which cells a person ticked as checked on paper.
    None for any other file."""
    about = text.parent / SOURCE
    if text.name != "van-ban.txt" or not about.is_file():
        return None
    try:
        found = yaml.safe_load(about.read_text(encoding="utf-8"))
        name = Path(str(found["ban_quet"])).name
        note = str(found["read_by_ocr"])
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError):
        return None
    places = (text.parent / name, text.parent.parent / layout.SOURCES / name)
    scan = next((path for path in places if path.is_file()), None)
    if scan is None:
        return None
    report = text.parent / "bao-cao.md"
    heading, checked, total = "", [], 0
    lines = report.read_text(encoding="utf-8").split("\n") if report.is_file() else []
    for line in lines:
        if line.startswith("## "):
            heading, total = line[3:], total + 1
        elif line.startswith(f"- {CHECKED} ") and heading:
            checked.append(heading)
    done = "; ".join(checked) if checked else "chưa ô nào"
    note = note.split("; người đã đối chiếu", 1)[0]
    return scan, f"{note}; người đã đối chiếu {len(checked)}/{total} ô với bản giấy: {done}"


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


def review_files(
    lines: list[Line], scan: Scan, flags: list[Flag], source: Path
) -> dict[str, str | bytes]:
    """The review folder's files: the report, one image per flagged row, the text as read,
    and the scan with what was said of it (`SOURCE`), so the corrected text imports as it."""
    files: dict[str, str | bytes] = {
        f"{FOLDER}/van-ban.txt": "\n".join(line.text for line in lines) + "\n",
        f"{FOLDER}/{source.name}": source.read_bytes(),
        f"{FOLDER}/{SOURCE}": yaml.safe_dump(
            {"ban_quet": source.name, "read_by_ocr": ocr_note(scan, flags)},
            allow_unicode=True,
            sort_keys=False,
        ),
    }
    report = [
        "# Kiểm tra văn bản đọc bằng OCR",
        "",
        f"Đọc bằng {scan.engine}. Mỗi mục dưới đây là một ô cần đối chiếu với bản giấy; "
        "sửa `van-ban.txt` cho đúng bản giấy, đánh dấu `[x]` ô đã đối chiếu, rồi nhập lại "
        "`van-ban.txt`: chương trình giữ bản quét làm văn bản gốc và ghi các ô đã đối chiếu.",
        "",
    ]
    for flag in flags:
        task = f"nhiệm vụ {flag.task}, " if flag.task else ""
        report += [
            f"## {flag.place}: {task}{flag.field}",
            "",
            f"- {UNCHECKED} đã đối chiếu với bản giấy",
            f"- Đọc được: `{flag.text.replace('`', _QUOTE)}`",
            *(f"- {reason}" for reason in flag.reasons),
            "",
            f"![{flag.place}]({flag.image})",
            "",
        ]
        files[f"{FOLDER}/{flag.image}"] = _crop(scan, lines, flag.line)
    files[f"{FOLDER}/bao-cao.md"] = "\n".join(report)
    return files


def _crop(scan: Scan, lines: list[Line], line: int) -> bytes:
    """The row's region of its page image, as PNG; a row going on over a page break shows its
    end on the next page below (the header row drawn again there left out)."""
    parts = [_region(scan, line)]
    for after in range(line + 1, len(lines) + 1):
        spot = scan.spots.get(after)
        cells = lines[after - 1].text.split("\t")
        if spot is None or spot.page == scan.spots[line].page or len(cells) < 2:
            break
        if not is_header(cells):
            if any(cells):
                break
            parts.append(_region(scan, after))
    whole = Image.new("L", (max(p.width for p in parts), sum(p.height for p in parts)), 255)
    top = 0
    for part in parts:
        whole.paste(part, (0, top))
        top += part.height
    buffer = io.BytesIO()
    whole.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _region(scan: Scan, line: int) -> Image.Image:
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
    return image.crop(box)


def write_review(folder: Path, files: dict[str, str | bytes], *, force: bool = False) -> list[str]:
    """Write the review `folder` (`files` are named 'kiem-tra-ocr/...'), replacing an earlier
    one's images; never through a link. A text the clerk may have corrected (`van-ban.txt`,
    `bao-cao.md`) that differs is kept unless `force`: the new one is written beside it
    ('van-ban.moi.txt'); returns the names of the texts kept."""
    if link := next((p for p in (folder.parent, folder) if p.is_symlink()), None):
        raise OSError(f"{link} là liên kết (symlink): không ghi qua liên kết")
    if folder.is_dir():
        for old in folder.glob("*.png"):
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    kept = []
    for relative, data in files.items():
        name = relative.removeprefix(f"{FOLDER}/")
        raw = data.encode("utf-8") if isinstance(data, str) else data
        path = folder / name
        if name in CORRECTED and not force and path.is_file() and path.read_bytes() != raw:
            kept.append(name)
            name = name.replace(".", ".moi.", 1)
        write_inside(folder, name, raw, replace=True)
    return kept
