"""Where a scanned table's horizontal ruling runs (`ocr_grid._course`): no OCR here."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFilter

from generator.importer import ocr_grid

DPI = 300


def test_a_letter_just_above_a_ruling_does_not_lift_its_course():
    """A bold heading's letters end a few pixels above the ruling under them, at its left end
    (a month heading of a wide table): the ruling's course is its own rows, not theirs."""
    page = Image.new("L", (2480, 600), 255)
    draw = ImageDraw.Draw(page)
    for t in range(5):
        draw.line((350, 314 + t, 2440, 304 + t), fill=0)  # falls 10 px from right to left
    draw.rectangle((358, 280, 440, 302), fill=0)  # a letter's foot, thickened, touches it
    ink = page.point(lambda v: 255 if v < ocr_grid.RULING else 0).filter(ImageFilter.MaxFilter(3))
    (rule,) = ocr_grid._horizontal_rules(ink, DPI)
    course = ocr_grid._course(ink, rule, DPI)
    assert abs(ocr_grid._along(course, 400) - 316) <= 1, course


def test_a_ruling_left_along_a_cells_side_is_whitened_and_its_text_kept():
    """A turned page slants a vertical ruling past the cell's inset: a thin line down the
    crop's left side (read as '¡', or hiding a lone digit) goes; the digit stays."""
    crop = Image.new("L", (108, 517), 255)
    draw = ImageDraw.Draw(crop)
    draw.line((0, 0, 2, 516), fill=0, width=2)  # the ruling, slanting
    draw.rectangle((20, 10, 44, 48), fill=0)  # the digit, kept off the side by the padding
    clean = ocr_grid._without_edge_rulings(crop, 4)
    assert clean.crop((0, 0, 4, 517)).getextrema() == (255, 255)
    assert clean.crop((20, 10, 45, 49)).getextrema() == (0, 0)
    assert ocr_grid._without_edge_rulings(clean, 4).tobytes() == clean.tobytes()
