"""The ruled grid of a scanned table (`ocr_grid`), found in a drawn page image: no OCR here."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFilter

from generator.importer import ocr_grid

from ..conftest import FIXTURES
from .test_importer_ocr import tesseract  # noqa: F401 - the fixture

DPI = 300
COLUMNS = (350, 490, 1550, 2000, 2440)
"""A narrow TT column first, as the programmes' tables have."""


def _page(drop: int, merged_lead: bool = False) -> Image.Image:
    """A table of five rows, its horizontal rulings falling `drop` pixels from left to right (a
    page turned a little), 4 px thick as a copier prints them; the lead column merged over
    rows 2 and 3 when `merged_lead`."""
    page = Image.new("L", (2480, 1400), 255)
    draw = ImageDraw.Draw(page)
    left, right = COLUMNS[0], COLUMNS[-1]
    tops = [200, 400, 600, 800, 1000, 1200]
    for r, y in enumerate(tops):
        for t in range(4):
            if merged_lead and r == 3:  # no ruling under row 2 in the lead column
                for a, b in ((left, COLUMNS[2]), (COLUMNS[3], right)):
                    ya, yb = (y + drop * (x - left) / (right - left) for x in (a, b))
                    draw.line((a, ya + t, b, yb + t), fill=0)
            else:
                draw.line((left, y + t, right, y + drop + t), fill=0)
    for x in COLUMNS:
        draw.line((x, tops[0], x, tops[-1] + drop), fill=0, width=4)
    return page


def _grid(page: Image.Image):
    ink = page.point(lambda v: 255 if v < ocr_grid.RULING else 0).filter(ImageFilter.MaxFilter(3))
    return ocr_grid._tables(ink, DPI)


def test_a_slanted_ruling_still_parts_the_rows_of_a_narrow_column():
    (table,) = _grid(_page(drop=10))
    assert len(table) == 5
    assert all(row[0] is not None for row in table), [row[0] for row in table]


def test_a_missing_ruling_still_merges_the_cell_down_on_a_slanted_page():
    (table,) = _grid(_page(drop=10, merged_lead=True))
    assert [row[2] is None for row in table] == [False, False, False, True, False]
    assert all(row[0] is not None for row in table)


def test_a_lone_digit_high_in_a_tall_number_cell_is_read_again(tesseract):  # noqa: F811
    """'5' at the top of a number cell three lines tall, first read 'S' (page 8 of the corpus's
    plain scan): read again alone, cut to its ink (the whole cell gives Tesseract nothing), and
    marked for checking."""
    from generator.importer.pdf_file import Word

    cell = Image.open(FIXTURES / "scans" / "so-5-trong-o-cao.png")  # the corpus's plain scan
    at = (0, 0, 0)
    words = {at: (Word(5, 11, 1, 10, "S", 90.0),)}
    tables = [[[(350, 200, 490, 434), (490, 200, 1550, 434)]]]
    ocr_grid._numbers_again(tables, words, {at: (cell, (350, 200))}, DPI)
    assert [(w.text, w.conf) for w in words[at]] == [("5", 0.0)]
