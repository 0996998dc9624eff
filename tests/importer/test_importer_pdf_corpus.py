"""The importer on PDFs exported by LibreOffice from Word layouts a ward office makes (see
tests/fixtures/corpus/README.md): each PDF gives its .docx twin's programme, field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importer.run import run_import
from generator.load.content import load_content
from tests.conftest import FIXTURES
from tests.helpers import AS_OF, errors, task_rows

CORPUS = FIXTURES / "corpus"
NAMES = sorted(path.stem for path in CORPUS.glob("*.pdf"))
FRONT_AND_BACK_DIFFER = {
    "ctct-2026-phuong-binh-minh-narrow": "the header's two blocks too close to be split into "
    "columns; the recipients beside the signer split by a page break",
}
"""PDFs whose text outside the table is not yet read as their Word twin's: tasks and units only."""


def _programme(out: Path) -> list[str]:
    """The written programme, but for the line naming its source document."""
    (path,) = (out / "programmes").glob("*.yaml")
    lines = path.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if not line.startswith("source_document:")]


@pytest.mark.parametrize("name", NAMES)
def test_pdf_gives_its_word_twins_programme(tmp_path, name):
    found = {}
    for kind in ("docx", "pdf"):
        out = tmp_path / kind
        problems = run_import(CORPUS / f"{name}.{kind}", out)
        assert not errors(problems), [str(p) for p in errors(problems)]
        found[kind] = (problems, out, load_content(out, as_of=AS_OF))
    (word_problems, word_out, word), (pdf_problems, pdf_out, pdf) = found["docx"], found["pdf"]
    assert task_rows(pdf) == task_rows(word)
    assert [(t.month, t.number, t.content) for t in pdf.tasks] == [
        (t.month, t.number, t.content) for t in word.tasks
    ]
    assert (pdf_out / "units.yaml").read_text(encoding="utf-8") == (
        word_out / "units.yaml"
    ).read_text(encoding="utf-8")
    if name in FRONT_AND_BACK_DIFFER:
        return
    assert _programme(pdf_out) == _programme(word_out)
    assert (pdf_out / "ward.yaml").read_text(encoding="utf-8") == (
        word_out / "ward.yaml"
    ).read_text(encoding="utf-8")
    assert [(p.field, p.severity) for p in pdf_problems] == [
        (p.field, p.severity) for p in word_problems
    ]


def test_the_corpus_is_here():
    assert len(NAMES) >= 5
