"""Importer, source stage: the official document as lines, whatever its form.

A Word document (.docx, see `docx_file` and `docx_lines`), a PDF (text or scanned, see
`pdf_source`) or a plain-text file (UTF-8, the task table as Tab-separated lines) gives the same
lines to the shared readers; only the places of the problems differ: 'dòng 12' in a text file,
'bảng 2, dòng 17' or 'đoạn 12' in Word, 'trang 3, dòng 14' in a PDF.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.common.errors import Problems
from generator.importer.docx_file import NotWordError, is_word_file, open_docx
from generator.importer.docx_lines import DOCX_COLUMNS, DOCX_EDGES, docx_lines
from generator.importer.pdf_file import is_pdf_file
from generator.importer.pdf_source import read_pdf_source
from generator.importer.text import ImportProblems, Line
from generator.load.yamlsrc import decode_text, read_text


def read_source(source: Path, problems: Problems) -> tuple[list[Line], ImportProblems] | None:
    """The document's lines and the report that places its problems; None if unreadable."""
    label = source.name
    if is_pdf_file(source):
        read = read_pdf_source(source, problems)
        return None if read is None else _checked(*read, problems)
    if is_word_file(source):
        try:
            lines = docx_lines(open_docx(source))
        except NotWordError as exc:
            problems.error(label, 0, "tệp", str(exc))
            return None
        return _checked(
            lines, ImportProblems(label, problems, lines, DOCX_COLUMNS, DOCX_EDGES), problems
        )
    text = read_text(source, label, problems)
    if text is None:
        return None
    lines = [Line(i, line) for i, line in enumerate(text.split("\n"), start=1)]
    return lines, ImportProblems(label, problems, lines)


def _checked(
    lines: list[Line], report: ImportProblems, problems: Problems
) -> tuple[list[Line], ImportProblems] | None:
    """The lines of a Word or PDF document held to the text file's rules."""
    clean = [_as_text(line, report) for line in lines]
    return None if problems.has_errors else (clean, report)


def _as_text(line: Line, report: ImportProblems) -> Line:
    """A Word line held to the text file's rules: NFC (a document typed in 'Unicode tổ hợp' reads
    like one typed precomposed), no invisible control or direction characters."""
    found = Problems()
    text = decode_text(line.text.encode("utf-8"), report.label, found)
    for problem in found.items:
        report.error(line.number, problem.field, problem.message)
    return dataclasses.replace(line, text=text if text is not None else line.text)
