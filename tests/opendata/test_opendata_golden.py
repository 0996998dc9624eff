"""The open data files against golden files: the programme as JSON and CSV, the history CSV,
the list of published information and the Data Package, built from the fixture programme's
short life in git (`helpers.mini_with_history`). The JSON Schema is the package's own file
(tests/opendata/test_opendata.py).

After an intended change, regenerate them with
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/opendata/test_opendata_golden.py
then read every changed line of tests/golden/opendata/ (tests/golden/README.md).
"""

from __future__ import annotations

import shutil

import pytest

from generator.load.content import load_content
from generator.site import render_site

from ..helpers import GOLDEN, LIVED_AS_OF, LIVED_SITE, match_golden, mini_with_history

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

FILES = (
    "chuong-trinh.json",
    "chuong-trinh.csv",
    "lich-su.csv",
    "danh-muc-thong-tin.csv",
    "datapackage.json",
)


def test_open_data_matches_golden_files(tmp_path):
    content = mini_with_history(tmp_path)
    files = render_site(load_content(content, LIVED_AS_OF), LIVED_SITE).files
    match_golden(GOLDEN / "opendata", {name: files[f"du-lieu/{name}"] for name in FILES})
