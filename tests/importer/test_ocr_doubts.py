"""Doubts of a scanned task's cell beyond its words' spelling (`ocr_checks`): a capital
mid-sentence the texts never write, a gap between words where a dash was lost. No OCR here:
the cells are texts and word boxes made for the test."""

from __future__ import annotations

from generator.importer.ocr_checks import Vocabulary, capital_doubts, gap_doubts
from generator.importer.pdf_file import Word


def _line(texts: list[str], gaps: list[float], top: float = 100.0) -> tuple[Word, ...]:
    """Words on one line, 6 points a letter, parted by `gaps` (points)."""
    words, x = [], 118.0
    for text, gap in zip(texts, [0.0, *gaps], strict=True):
        x += gap
        words.append(Word(x, x + 6 * len(text), top, top + 10.5, text))
        x += 6 * len(text)
    return tuple(words)


def test_a_gap_where_a_dash_was_lost_is_doubted():
    words = _line(["công", "nghiệp", "Kiên", "Bái", "Cao", "Nhân"], [4.3, 4.4, 4.3, 15.1, 4.5])
    (doubt,) = gap_doubts(words)
    assert "'Bái Cao'" in doubt


def test_even_gaps_and_a_line_wrapped_raise_no_doubt():
    first = _line(["Triển", "khai", "kế", "hoạch"], [4.3, 4.6, 4.4])
    second = _line(["giải", "phóng", "mặt"], [4.4, 4.2], top=116.0)
    assert gap_doubts(first + second) == ()


def test_a_short_line_is_measured_by_its_words_height():
    assert gap_doubts(_line(["Bái", "Cao"], [4.5])) == ()
    assert gap_doubts(_line(["Bái", "Cao"], [15.0]))


def test_a_capital_mid_sentence_the_texts_never_write_is_doubted():
    assert capital_doubts("Kế hoạch diễn tập phòng chống thiên tai và tìm kiếm Cứu nạn")
    doubts = Vocabulary([], []).doubts("tìm kiếm Cứu nạn", "content")
    assert any("chữ hoa giữa câu: Cứu" in d for d in doubts), doubts


def test_names_capitals_after_a_stop_and_abbreviations_raise_no_doubt():
    for text in (
        "Kỷ niệm Ngày Thương binh, Liệt sĩ",  # names the texts capitalise
        "Rà soát nguồn; Kế hoạch tuyển quân",  # a capital after ';'
        "Báo cáo HĐND và UBND phường",  # abbreviations in capitals
        "Cứu hộ cứu nạn",  # the cell's first word
    ):
        assert capital_doubts(text) == (), text
    assert Vocabulary([], []).doubts("Tìm kiếm Cứu nạn", "văn bản") == ()
