"""Importer, scanned tables: the ruled grid found in the page image, and each cell read alone.

A copier keeps a table's rulings as long dark runs, some faint. In the page image made black
and white (grey under `RULING`, thickened by a pixel, so a line a little slanted or broken by
the scan stays whole):
- a horizontal ruling is a pixel row with a dark run longer than `RULE_INCHES`;
- between two horizontal rulings (a band), a vertical ruling is a pixel column dark over
  nearly the whole band; bands with two or more are a table's rows;
- the vertical rulings of all rows give the columns; where a ruling is missing between two
  grid positions, the cell is merged over both (a month heading across, a lead unit down),
  and the positions it covers are None, as pdfplumber gives a text PDF's table. Whether a
  ruling runs between two columns is looked for along its course: a page turned a little
  slants it, so it lies higher at one end than at the other (in a narrow column, the middle
  of its rows may miss it).
Each cell's inside is then read by Tesseract on its own (`--psm 6`, all the page's cells in one
run), so a word can never stray into the next column; the words outside the tables are read
on the page with the tables painted white. The page then goes through the same joining rules
as a text PDF's (`pdf_table`): a row continued at the top of the next page is joined there.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from generator.common.dates import fold_accents
from generator.importer.ocr import digits, ocr_run, tsv_words
from generator.importer.pdf_file import PdfPage, TableCell, Word
from generator.importer.table import NUMBER

INK = 150
"""Grey below this is ink."""
RULING = 200
"""Grey below this may be a ruling (a copier prints some faint; text never makes one)."""
RULE_INCHES = 1.0
"""The shortest dark run that is a horizontal ruling (a table is wider than this)."""
_FULL = 0.9
"""The part of a band's height a vertical ruling covers."""
_BLOCK = 4
"""Pixels read together along a row when looking for long runs."""
_MARGIN = 12
"""White pixels put around a cell's crop: Tesseract reads text off an edge badly."""
_EMPTY = 0.002
"""A cell with less ink than this share of its area is empty (a speck, a ruling's edge)."""
_NUMBER_COLUMNS = (0, 3)
"""The columns of digits: the task's number and its deadline."""
_EDGES = "[]|_{}~`'\""
_RULED_SIDE = 0.6
"""The share of a crop's side with ink near it that is a ruling left there, not text."""


def grid_page(number: int, width: float, height: float, image: Path, dpi: int) -> PdfPage | None:
    """The scanned page with its ruled tables read cell by cell; None without a ruled table."""
    with Image.open(image) as opened:
        page = opened.convert("L")
    tables = _tables(
        page.point(lambda v: 255 if v < RULING else 0).filter(ImageFilter.MaxFilter(3)), dpi
    )
    if not tables:
        return None
    scale = 72 / dpi
    level = _otsu(page.histogram())
    black_white = page.point(lambda v: 0 if v < level else 255)
    crops: list[tuple[Image.Image, tuple[int, int]]] = []
    where: list[tuple[int, int, int]] = []
    for t, table in enumerate(tables):
        for r, row in enumerate(table):
            for c, box in enumerate(row):
                if box is not None and (crop := _inside(black_white, box, dpi)) is not None:
                    crops.append(crop)
                    where.append((t, r, c))
    read = _read_crops(crops, dpi)
    words: dict[tuple[int, int, int], tuple[Word, ...]] = dict(zip(where, read, strict=True))
    _numbers_again(tables, words, dict(zip(where, crops, strict=True)), dpi)
    rows = tuple(
        tuple(
            tuple(
                None if box is None else _cell(box, words.get((t, r, c), ()), c, scale)
                for c, box in enumerate(row)
            )
            for r, row in enumerate(table)
        )
        for t, table in enumerate(tables)
    )
    blank = page.copy()
    draw = ImageDraw.Draw(blank)
    for table in tables:
        boxes = [box for row in table for box in row if box is not None]
        draw.rectangle(
            (
                min(b[0] for b in boxes) - 4,
                min(b[1] for b in boxes) - 4,
                max(b[2] for b in boxes) + 4,
                max(b[3] for b in boxes) + 4,
            ),
            fill=255,
        )
    (loose,) = _read_crops([(blank, (0, 0))], dpi, "--psm", "3", margin=0)
    return PdfPage(number, width, height, loose, rows)


_Box = tuple[int, int, int, int]


def _tables(ink: Image.Image, dpi: int) -> list[list[list[_Box | None]]]:
    """Each table's rows of cell boxes (pixels), None where a merged cell covers the position."""
    rules = _horizontal_rules(ink, dpi)
    courses = {rule[0]: _course(ink, rule, dpi) for rule in rules}
    tables: list[list[tuple[int, int, list[int]]]] = []
    joined = False
    for (_, above, left0, right0), (below, _, left1, right1) in zip(rules, rules[1:], strict=False):
        xs = _vertical_rules(ink, above, below, dpi) if below - above > dpi // 12 else []
        ends = (max(left0, left1), min(right0, right1))  # a border faint, or off the page
        if xs and ends[0] < xs[0] - dpi // 4:
            xs.insert(0, ends[0])
        if xs and ends[1] > xs[-1] + dpi // 4:
            xs.append(ends[1])
        if len(xs) < 2:  # not a row of a table: the text between two lines drawn across
            joined = False
            continue
        if not joined:
            tables.append([])
        tables[-1].append((above, below, xs))
        joined = True
    return [_cells(ink, table, courses, dpi) for table in tables]


_Course = tuple[float, float, float, float]
"""A horizontal ruling's course: (x, y) of its middle near its left end and near its right."""


def _course(ink: Image.Image, rule: tuple[int, int, int, int], dpi: int) -> _Course:
    """Where the ruling runs: the middle of its dark rows near each end."""
    top, bottom, left, right = rule
    reach = max(4, min(dpi // 4, (right - left) // 4))

    def middle(x0: int) -> float:
        strip = ink.crop((x0, top - 2, x0 + reach, bottom + 3))
        rows = strip.resize((1, strip.height), Image.BOX).tobytes()
        runs = [m.span() for m in re.finditer(rb"[\x80-\xff]+", rows)]
        if not runs:
            return (top + bottom) / 2
        first, end = max(runs, key=lambda run: run[1] - run[0])  # not a letter's foot above
        return top - 2 + (first + end - 1) / 2

    return left + reach / 2, middle(left), right - reach / 2, middle(right - reach)


def _along(course: _Course, x: float) -> int:
    """The row the ruling runs at, at `x`."""
    xa, ya, xb, yb = course
    return round(ya + (yb - ya) * (x - xa) / (xb - xa)) if xb > xa else round((ya + yb) / 2)


def _otsu(histogram: list[int]) -> int:
    """The grey level parting ink from paper over the whole page (Otsu's): a cell alone is
    thresholded badly by Tesseract (the dot under 'rộng' lost), the page as a whole is not."""
    total = sum(histogram)
    mean = sum(v * n for v, n in enumerate(histogram)) / total
    best, level, below, below_sum = 0.0, 128, 0, 0.0
    for v, n in enumerate(histogram):
        below, below_sum = below + n, below_sum + v * n
        if below == 0 or below == total:
            continue
        low = below_sum / below
        high = (mean * total - below_sum) / (total - below)
        spread = below * (total - below) * (low - high) ** 2
        if spread > best:
            best, level = spread, v + 1
    return level


def _numbers_again(tables, words: dict, crops: dict, dpi: int) -> None:
    """A number cell (one column wide) that is not a number is read again as digits and dots
    alone, cut to its ink (a lone digit in a tall cell is read as nothing otherwise); what that
    gives is marked for checking (confidence 0)."""
    again = [
        at
        for at, found in words.items()
        if at[2] == 0
        and _width(tables, at) == 1
        and not NUMBER.match(text := " ".join(w.text for w in found))
        and fold_accents(text).replace(" ", "") not in ("tt", "stt")
    ]
    digits_only = ("--psm", "7", "-c", "tessedit_char_whitelist=0123456789.")
    read = _read_crops([_trimmed(*crops[a]) for a in again], dpi, *digits_only)
    for at, found in zip(again, read, strict=True):
        text = "".join(w.text for w in found)
        if found and NUMBER.match(text):
            first = found[0]
            box = (first.x0, found[-1].x1, first.top, first.bottom)
            words[at] = (Word(*box, text, 0.0),)


def _trimmed(crop: Image.Image, at: tuple[int, int]) -> tuple[Image.Image, tuple[int, int]]:
    """The crop cut to the box around its ink."""
    box = ImageOps.invert(crop).getbbox()
    return (crop.crop(box), (at[0] + box[0], at[1] + box[1])) if box else (crop, at)


def _width(tables, at: tuple[int, int, int]) -> int:
    """How many columns the cell at (table, row, column) spans."""
    row = tables[at[0]][at[1]]
    return 1 + next((k for k, box in enumerate(row[at[2] + 1 :]) if box is not None), len(row))


def _horizontal_rules(ink: Image.Image, dpi: int) -> list[tuple[int, int, int, int]]:
    """The pixel rows (top, bottom) and the ends (left, right) of each horizontal ruling."""
    small = ink.resize((ink.width // _BLOCK, ink.height), Image.BOX)
    small = small.point(lambda v: 255 if v >= 160 else 0)
    data = small.tobytes()
    run = re.compile(rb"\xff{%d,}" % int(RULE_INCHES * dpi / _BLOCK))
    width = small.width
    found: list[tuple[int, int, int, int]] = []
    for y in range(small.height):
        runs = [(m.start(), m.end()) for m in run.finditer(data, y * width, (y + 1) * width)]
        if not runs:
            continue
        left, right = (runs[0][0] - y * width) * _BLOCK, (runs[-1][1] - y * width) * _BLOCK
        if found and found[-1][1] >= y - 1:
            top, _, was_left, was_right = found[-1]
            found[-1] = (top, y, min(left, was_left), max(right, was_right))
        else:
            found.append((y, y, left, right))
    return found


def _vertical_rules(ink: Image.Image, top: int, bottom: int, dpi: int) -> list[int]:
    """The x of each vertical ruling crossing the band between two horizontal rulings."""
    band = ink.crop((0, top + 1, ink.width, bottom))
    line = band.resize((ink.width, 1), Image.BOX).tobytes()
    xs: list[list[int]] = []
    for x, value in enumerate(line):
        if value >= 255 * _FULL:
            if xs and xs[-1][-1] >= x - 1:
                xs[-1].append(x)
            else:
                xs.append([x])
    return [sum(run) // len(run) for run in xs if len(run) < dpi // 10]  # not a black block


def _cells(
    ink: Image.Image,
    bands: list[tuple[int, int, list[int]]],
    courses: dict[int, _Course],
    dpi: int,
):
    """The table's grid: columns from every row's rulings; cells merged where one is missing."""
    near = max(3, dpi // 40)
    columns: list[list[int]] = []
    for x in sorted(x for _, _, xs in bands for x in xs):
        if columns and x - columns[-1][-1] <= near:
            columns[-1].append(x)
        else:
            columns.append([x])
    xs = [sum(c) // len(c) for c in columns]
    present = [
        {min(range(len(xs)), key=lambda k: abs(xs[k] - x)) for x in band[2]} for band in bands
    ]
    taken: set[tuple[int, int]] = set()
    rows: list[list[_Box | None]] = []
    for r, (top, _, _) in enumerate(bands):
        row: list[_Box | None] = []
        for c in range(len(xs) - 1):
            if (r, c) in taken:
                row.append(None)
                continue
            c1 = c + 1
            while c1 < len(xs) - 1 and c1 not in present[r]:
                c1 += 1
            r1 = r
            while r1 + 1 < len(bands) and not _ruled(
                ink, _along(courses[bands[r1][1]], (xs[c] + xs[c + 1]) / 2), xs[c], xs[c + 1], near
            ):
                r1 += 1
            taken.update((rr, cc) for rr in range(r, r1 + 1) for cc in range(c, c1))
            row.append((xs[c], top, xs[c1], bands[r1][1]))
        rows.append(row)
    return rows


def _ruled(ink: Image.Image, y: int, x0: int, x1: int, near: int) -> bool:
    """True when the horizontal ruling at `y` runs between the columns at x0 and x1 (more than
    half of it: a ruling may print faint; text across a missing one darkens far less)."""
    strip = ink.crop((x0 + near, y - 2, x1 - near, y + 3))
    if strip.width <= 0:
        return True
    line = strip.resize((strip.width, 1), Image.BOX).tobytes()
    return sum(1 for v in line if v >= 100) >= 0.5 * len(line)


def _inside(page: Image.Image, box: _Box, dpi: int) -> tuple[Image.Image, tuple[int, int]] | None:
    """The inside of a cell (its rulings cut off) with its top left, None when it is empty."""
    inset = max(4, dpi // 50)
    area = (box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset)
    if area[2] <= area[0] or area[3] <= area[1]:
        return None
    crop = _without_edge_rulings(page.crop(area), max(2, dpi // 75))
    dark = crop.point(lambda v: 1 if v < INK else 0).histogram()[1]
    if dark < _EMPTY * crop.width * crop.height:
        return None
    return crop, (area[0], area[1])


def _without_edge_rulings(crop: Image.Image, band: int) -> Image.Image:
    """The crop with white put over a ruling left along a side (a page turned slants it past
    the inset: read as '¡' or '|', or hiding a lone digit): ink in the `band` pixels of that
    side on most of its length, which text kept off the edge by the cell's padding never has."""
    found = crop.copy()
    draw = ImageDraw.Draw(found)
    width, height = crop.size
    for side in ((0, 0, band, height), (width - band, 0, width, height)):
        part = crop.crop(side).resize((1, height), Image.BOX).tobytes()
        if sum(1 for v in part if v < 255) > _RULED_SIDE * height:
            draw.rectangle((side[0], side[1], side[2] - 1, side[3] - 1), fill=255)
    for side in ((0, 0, width, band), (0, height - band, width, height)):
        part = crop.crop(side).resize((width, 1), Image.BOX).tobytes()
        if sum(1 for v in part if v < 255) > _RULED_SIDE * width:
            draw.rectangle((side[0], side[1], side[2] - 1, side[3] - 1), fill=255)
    return found


def _read_crops(
    crops: list[tuple[Image.Image, tuple[int, int]]], dpi: int, *options: str, margin: int = _MARGIN
) -> list[tuple[Word, ...]]:
    """The words of each crop, in page points, read by one run of Tesseract."""
    if not crops:
        return []
    with tempfile.TemporaryDirectory(prefix="ctct-ocr-") as folder:
        paths = []
        for k, (crop, _) in enumerate(crops):
            framed = Image.new("L", (crop.width + 2 * margin, crop.height + 2 * margin), 255)
            framed.paste(crop, (margin, margin))
            paths.append(Path(folder) / f"o-{k}.png")
            framed.save(paths[-1])
        listing = Path(folder) / "crops.txt"
        listing.write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
        tsv = ocr_run(listing, dpi, *(options or ("--psm", "6")))
    origins = [(x - margin, y - margin) for _, (x, y) in crops]
    return tsv_words(tsv, dpi, origins, bordered=not margin)


def _cell(box: _Box, words: tuple[Word, ...], column: int, scale: float) -> TableCell:
    """A cell as a text PDF's: its box in points and its words; in the number and deadline
    columns letters read for digits are put back, and such a word is marked for checking."""
    fixed = []
    for word in words:
        text = word.text.strip(_EDGES)
        if column in _NUMBER_COLUMNS:
            text = re.sub(r"\s*/\s*", "/", digits(text))
        if not text:
            continue
        conf = word.conf if text == word.text else 0.0
        fixed.append(Word(word.x0, word.x1, word.top, word.bottom, text, conf))
    points = (box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale)
    return TableCell(" ".join(w.text for w in fixed), points, words=tuple(fixed))
