"""Attack class: tiny .docx files that would take minutes and gigabytes to read, and parts that
point outside the file. Each ends at once in one Vietnamese sentence, never a traceback.

Each import runs in a child process held to 1.5 GB of address space (a guard: before the limits,
the label bomb took 11.8 GB), so a regression fails here instead of taking the machine down.
"""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from ..conftest import ROOT
from ..helpers import replaced

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NUMBERED = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p>'


def _document(body: str) -> str:
    return f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>'


def _cell(text: str = "", merge: str | None = None, span: int = 1) -> str:
    props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    props += (
        f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>" if merge else ""
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _merged_down(text: str, rows: int) -> str:
    first = f"<w:tr>{_cell('1')}{_cell(text, 'restart')}</w:tr>"
    return (
        "<w:tbl>"
        + first
        + f"<w:tr>{_cell('2')}{_cell(merge='continue')}</w:tr>" * rows
        + "</w:tbl>"
    )


BOMBS = {
    "a 1 MB list label used by 3,000 paragraphs": {
        "word/numbering.xml": f'<?xml version="1.0"?><w:numbering {W}><w:abstractNum '
        f'w:abstractNumId="0"><w:lvl w:ilvl="0"><w:lvlText w:val="{"X" * 1_000_000}"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>',
        "word/document.xml": _document(NUMBERED * 3000),
    },
    "4 million empty paragraphs": {"word/document.xml": _document("<w:p/>" * 4_000_000)},
    "30,000 empty paragraphs": {"word/document.xml": _document("<w:p/>" * 30_000)},
    "a 100 kB cell merged down 8,000 rows": {
        "word/document.xml": _document(_merged_down("x" * 100_000, 8000))
    },
    "a 9 kB cell merged down 4,000 rows": {
        "word/document.xml": _document(_merged_down("x" * 9_000, 4000))
    },
    "a layout table of huge grid columns × rows": {
        "word/document.xml": _document(
            "<w:tbl>"
            + "<w:tr>" + _cell("a", span=64) * 700 + "</w:tr>"
            + f"<w:tr>{_cell('b', span=64)}</w:tr>" * 4000
            + "</w:tbl>"
        )
    },
}  # fmt: skip


def _base() -> bytes:
    document = docx.Document()
    document.add_paragraph("x")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_parts(tmp_path: Path, parts: dict[str, str], rels=None) -> Path:
    source = zipfile.ZipFile(io.BytesIO(_base()))
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            data = parts.get(name, source.read(name))
            if rels and name == "word/_rels/document.xml.rels":
                data = rels(source.read(name).decode())
            out.writestr(name, data)
    return path


def _import(path: Path, out: Path) -> subprocess.CompletedProcess:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    return subprocess.run(
        [sys.executable, "-m", "generator", "import", str(path), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit,
    )


@pytest.mark.parametrize("bomb", BOMBS, ids=list(BOMBS))
def test_a_document_past_the_limits_is_one_sentence(tmp_path, bomb):
    path = _with_parts(tmp_path, BOMBS[bomb])
    assert path.stat().st_size < 200_000, "the bomb is a small file"
    done = _import(path, tmp_path / "out")
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if ": Lỗi: " in line]
    assert len(errors) == 1 and "văn bản quá lớn hoặc có cấu trúc bất thường" in errors[0]
    assert not (tmp_path / "out").exists()


STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
EXTERNAL = 'TargetMode="External"/>'


@pytest.mark.parametrize(
    "rels",
    [
        lambda r: replaced(
            r, 'Target="numbering.xml"/>', f'Target="http://x.example/n" {EXTERNAL}'
        ),
        lambda r: replaced(r, 'Target="styles.xml"/>', f'Target="file:///etc/passwd" {EXTERNAL}'),
        lambda r: replaced(
            r,
            "</Relationships>",
            f'<Relationship Id="rId99" Type="{STYLES}" Target="styles.xml"/></Relationships>',
        ),
    ],
    ids=["external numbering", "external styles", "two styles parts"],
)
def test_a_part_outside_the_file_or_twice_is_one_sentence(tmp_path, rels):
    done = _import(_with_parts(tmp_path, {}, rels), tmp_path / "out")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "ra ngoài tệp, hoặc có hai phần" in done.stderr
