"""The Atom feeds of changes against golden files: the ward's `thay-doi/atom.xml` and one
unit's (Trạm Y tế: a deadline moved by a decision, a text changed without one), built from the
fixture programme's short life in git (`helpers.mini_with_history`).

After an intended change, regenerate them with
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/feeds/test_atom.py
then read every changed line of tests/golden/atom/ (tests/golden/README.md).
"""

from __future__ import annotations

import shutil

import pytest

from generator.load.content import load_content
from generator.site import render_site

from ..helpers import (
    GOLDEN,
    LIVED_AS_OF,
    LIVED_SITE,
    match_golden,
    mini_with_history,
    one_tag_a_line,
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

FEEDS = ("atom.xml", "tram-y-te.xml")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, bytes]:
    content = mini_with_history(tmp_path_factory.mktemp("atom"))
    return render_site(load_content(content, LIVED_AS_OF), LIVED_SITE).files


def test_atom_feeds_match_golden_files(files):
    for name in FEEDS:
        assert files[f"thay-doi/{name}"].count(b"\n") == 1, "one line after the declaration"
    match_golden(GOLDEN / "atom", {n: one_tag_a_line(files[f"thay-doi/{n}"]) for n in FEEDS})
