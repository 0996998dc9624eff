"""The PDF table reader's guards on hand-made pages (the corpus test covers real PDFs): a cell's
lines joined as wrapped, a row split by a page break joined only across the break itself, a
blank lead at the head of a page left blank."""

from __future__ import annotations

from generator.importer.pdf_file import PdfPage, TableCell, Word
from generator.importer.pdf_table import ruled_tables

COLUMNS = ((80, 110), (110, 300), (300, 420), (420, 500))
HEADER = ("TT", "Nội dung", "Chủ trì", "Thời gian")


def _cell(column: int, top: float, bottom: float, *lines: str, spaced=False) -> TableCell:
    x0, x1 = COLUMNS[column]
    words = []
    for k, line in enumerate(lines):
        x = x0 + 5
        for n, text in enumerate(line.split()):
            last = n == len(line.split()) - 1
            words.append(Word(x, x + 6 * len(text), top + 12 * k, top + 12 * k + 10, text,
                              spaced=spaced and last))  # fmt: skip
            x += 6 * len(text) + 3
    return TableCell(" ".join(lines), (x0, top, x1, bottom), words=tuple(words))


def _row(top: float, bottom: float, *cells: str | None) -> tuple[TableCell | None, ...]:
    return tuple(
        None if text is None else _cell(c, top, bottom, *text.split("|"))
        for c, text in enumerate(cells)
    )


def _page(number: int, *rows, words: tuple[Word, ...] = ()) -> PdfPage:
    return PdfPage(number, 612, 792, words, (tuple(rows),))


def _texts(pages: list[PdfPage]) -> list[list[str]]:
    return [
        ["" if cell is None else cell.text for cell in row]
        for page in ruled_tables(pages, set())
        for table in page.tables
        for row in table
    ]


def test_a_cells_lines_are_joined_as_wrapped():
    dashed = _row(40, 80, "1", "Báo cáo kinh tế -|xã hội", "Văn phòng HĐND-|UBND", "10-|20/02/2027")
    assert _texts([_page(1, _row(10, 40, *HEADER), dashed)])[1] == [
        "1",
        "Báo cáo kinh tế - xã hội",
        "Văn phòng HĐND-UBND",
        "10-20/02/2027",
    ]
    spaced = TableCell("", (110, 40, 300, 80), words=(
        Word(115, 150, 40, 50, "1946-", spaced=True), Word(115, 160, 52, 62, "06/01/2026"),
    ))  # fmt: skip
    row = (_cell(0, 40, 80, "2"), spaced, _cell(2, 40, 80, "A"), _cell(3, 40, 80, "theo KH"))
    assert _texts([_page(1, row)])[0][1] == "1946- 06/01/2026"


def test_a_row_split_by_a_page_break_is_joined_and_a_lead_merged_over_it_goes_on():
    first = _page(1, _row(10, 40, *HEADER), _row(700, 780, "5", "Kế hoạch", "Phòng A", "theo KH"))
    split = (
        _cell(0, 40, 60, ""),
        _cell(1, 40, 60, "năm 2026"),
        _cell(2, 40, 100),
        _cell(3, 40, 60),
    )
    under = _row(60, 100, "6", "Báo cáo", None, "20/01/2026")
    second = _page(2, _row(10, 40, *HEADER), split, under)
    assert _texts([first, second])[1:] == [
        ["5", "Kế hoạch năm 2026", "Phòng A", "theo KH"],
        ["TT", "Nội dung", "Chủ trì", "Thời gian"],
        ["", "", "", ""],
        ["6", "Báo cáo", "Phòng A", "20/01/2026"],
    ]


def test_a_blank_lead_at_the_head_of_a_page_stays_blank():
    first = _page(1, _row(700, 780, "5", "Kế hoạch", "Phòng A", "theo KH"))
    second = _page(2, _row(40, 60, "6", "Báo cáo", "", "20/01/2026"))
    assert _texts([first, second])[1] == ["6", "Báo cáo", "", "20/01/2026"]


def test_no_row_goes_on_over_text_between_the_tables():
    first = _page(1, _row(700, 780, "5", "Kế hoạch", "Phòng A", "theo KH"))
    heading = (Word(90, 130, 12, 22, "Ghi"), Word(135, 160, 12, 22, "chú"))
    second = _page(2, _row(40, 60, "", "năm 2026", "", ""), words=heading)
    assert _texts([first, second]) == [
        ["5", "Kế hoạch", "Phòng A", "theo KH"],
        ["", "năm 2026", "", ""],
    ]
    numbered = (Word(300, 306, 770, 780, "2"),)  # a page number is no text between
    second = _page(2, _row(40, 60, "", "năm 2026", "", ""))
    assert _texts([_page(1, *first.tables[0], words=numbered), second])[0][1] == "Kế hoạch năm 2026"
