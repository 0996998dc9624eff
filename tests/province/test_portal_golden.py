"""The province's portal against golden files: its page, its list of wards and its joined
data, for two wards made from the fixture programme (one with an administrative code, one
without) built by `build-all` at a fixed date (`province_kit.PROVINCE_EPOCH`).

After an intended change, regenerate them with
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/province/test_portal_golden.py
then read every changed line of tests/golden/portal/ (tests/golden/README.md).
"""

from __future__ import annotations

import json

from ..conftest import MINI
from ..helpers import GOLDEN, match_golden
from ..province_kit import build_all, make_province


def readable_json(raw: bytes) -> bytes:
    """`tinh.json`, one compact line, as its golden file keeps it: indented. The raw bytes are
    the compact form of the same data, so the golden file fixes them."""
    data = json.loads(raw)
    assert raw == (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def test_the_portal_matches_golden_files(tmp_path):
    wards = {"an-bien": ("An Biên", MINI, "31006"), "xa-dong": ("Đông Hưng", MINI, "")}
    site = tmp_path / "site"
    done = build_all(make_province(tmp_path / "repo", wards), site)
    assert done.returncode == 0, done.stderr
    files = {
        "index.html": (site / "index.html").read_bytes(),
        "phuong.csv": (site / "du-lieu" / "phuong.csv").read_bytes(),
        "tinh.json": readable_json((site / "du-lieu" / "tinh.json").read_bytes()),
    }
    match_golden(GOLDEN / "portal", files)
