"""ESLint over the site's own scripts: the theme's and the editor's checks (not the vendored
Decap bundle). ESLint is pinned in tests/js/package.json and package-lock.json, installed by
`make test` with `npm ci`; its settings are tests/js/eslint.config.js. Without node or the
package the test is skipped on a developer's machine and fails under CI (`CI=true`)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from ..conftest import ROOT

JS = ROOT / "tests" / "js"
ESLINT = JS / "node_modules" / "eslint" / "bin" / "eslint.js"
SCRIPTS = ["theme/assets/javascripts/*.js", "generator/editor/static/*.js"]


@pytest.fixture(scope="module")
def eslint():
    """Run the pinned ESLint from the repository root; a missing node or package skips, or
    fails under CI."""
    node = shutil.which("node")
    if node is None or not ESLINT.is_file():
        missing = "node is not installed" if node is None else "eslint is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} – under CI a missing linter is a failure", pytrace=False)
        pytest.skip(f"{missing} (make test runs `npm ci --prefix tests/js` when node exists)")

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        command = [node, str(ESLINT), "--config", str(JS / "eslint.config.js"), "--max-warnings=0"]
        return subprocess.run(
            [*command, *args], cwd=ROOT, input=stdin, capture_output=True, text=True
        )

    return run


def test_our_scripts_pass_eslint(eslint):
    scripts = sorted(str(p.relative_to(ROOT)) for g in SCRIPTS for p in ROOT.glob(g))
    assert "theme/assets/javascripts/search.js" in scripts
    assert "generator/editor/static/ctct-editor.js" in scripts
    done = eslint(*scripts)
    assert done.returncode == 0, done.stdout + done.stderr


def test_eslint_reports_what_it_should(eslint):
    """The settings reach our folders: an unused variable and an unknown global are refused."""
    probe = "var unused = 1;\nnotDefined();\n"
    done = eslint("--stdin", "--stdin-filename", "theme/assets/javascripts/probe.js", stdin=probe)
    assert done.returncode == 1
    assert "no-unused-vars" in done.stdout and "no-undef" in done.stdout
