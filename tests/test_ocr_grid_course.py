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
