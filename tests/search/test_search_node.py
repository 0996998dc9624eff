"""search.js' ranking unit-tested under node's own test runner (tests/js/search.test.mjs).

Without node the test is skipped on a developer's machine and fails under CI (`CI=true`), where
`.ci/run` installs node first. It needs no npm package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1] / "js" / "search.test.mjs"


def test_search_ranking_under_node() -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is not installed – under CI a missing node is a failure")
        pytest.skip("node is not installed (apt-get install nodejs)")
    run = subprocess.run(
        [node, "--test", str(TESTS)], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout
