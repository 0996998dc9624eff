"""Word list labels: the '1.', '1.2', 'a)', 'IV.' and '-' Word draws, counted as Word counts."""

from __future__ import annotations

import datetime as dt
import re

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from generator.common.errors import Severity
from generator.importer.docx_lines import docx_lines
from generator.importer.docx_lists import list_labels
from generator.importer.run import run_import
from generator.load.content import load_content
from tests.word import HEADER, Row, WordDoc, month_row

LEVELS = (("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "%3)"), ("upperRoman", "%4."))
TT_LEVELS = (("decimal", "%1"), ("decimal", "%1.%2"))


def xml(text: str):
    """An element of the WordprocessingML namespace, from its XML text."""
    return parse_xml(re.sub(r"^<(w:\w+)", rf"<\1 {nsdecls('w')}", text))


def with_list(document, levels=LEVELS) -> None:
    """Add list 90 with `levels` and list 91 (the same, restarting at 5) to the document."""
    defined = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering = document.part.numbering_part.element
    numbering.insert(0, xml(f'<w:abstractNum w:abstractNumId="90">{defined}</w:abstractNum>'))
    numbering.append(xml('<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(
        xml(
            '<w:num w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        )
    )


def number(paragraph, num_id: int, level: int) -> None:
    paragraph._p.get_or_add_pPr().append(
        xml(f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def test_labels_of_levels_formats_restarts_and_styles():
    document = docx.Document()
    with_list(document)
    plan = [
        ((90, 0), "1."), ((90, 1), "1.1"), ((90, 1), "1.2"), ((90, 0), "2."), ((90, 1), "2.1"),
        ((90, 2), "a)"), ((90, 2), "b)"), ((90, 3), "I."), ((90, 0), "3."), ((91, 0), "5."),
        ((91, 0), "6."), ((0, 0), None), ((999, 0), None),
    ]  # fmt: skip
    paragraphs = []
    for (num_id, level), _ in plan:
        paragraphs.append(document.add_paragraph("việc"))
        number(paragraphs[-1], num_id, level)
    bullet = document.add_paragraph("căn cứ", style="List Bullet")
    styled = [document.add_paragraph(f"nhiệm vụ {n}", style="List Number") for n in (1, 2)]
    labels = list_labels(document)
    assert [labels.get(p._p) for p in paragraphs] == [label for _, label in plan]
    assert labels[bullet._p] == "-"
    assert [labels[p._p] for p in styled] == ["1.", "2."]


def test_numbered_task_column_imports_its_numbers(tmp_path):
    """A TT column numbered by Word ('1', '1.1') gives the numbers and the sub-items."""
    doc = WordDoc()
    doc.header([["ỦY BAN NHÂN DÂN XÃ AN HÒA", "TỈNH BẮC NINH"]], [["Số: 01/CTr-UBND"]])
    doc.paragraph("CHƯƠNG TRÌNH\nCông tác năm 2027", bold=True)
    doc.paragraph("Nhiệm vụ cụ thể")
    rows = [Row(HEADER), month_row("Tháng 1/2027")]
    rows += [Row(["", f"Việc {n}", "Trạm Y tế", "20/01/2027"]) for n in ("a", "b", "c")]
    table = doc.table(rows)
    doc.signature(["Nơi nhận:", "- Lưu: VT."], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Lê Văn A"])
    with_list(doc.document, TT_LEVELS)
    for r, level in ((2, 0), (3, 1), (4, 0)):
        number(table.rows[r].cells[0].paragraphs[0], 90, level)
    places = [f"bảng 2, dòng {r}" for r in (3, 4, 5)]
    lines = [line for line in docx_lines(doc.document) if line.place in places]
    rows_read = [line.text.split("\t")[0] for line in lines]
    assert rows_read == ["1", "1.1", "2"]
    problems = run_import(doc.save(tmp_path / "x.docx"), tmp_path / "out")
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    content = load_content(tmp_path / "out", as_of=dt.date(2027, 1, 1))
    assert [(t.number, t.parent_id) for t in content.tasks] == [
        ("1", None),
        ("1.1", "2027-01-01"),
        ("2", None),
    ]
