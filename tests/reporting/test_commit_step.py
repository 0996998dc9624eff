"""`make commit`, the clerk's one step after the editor or `generator report`: every change
under content/ is committed (reports and amendments alike), nothing outside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from generator.cli import main

from ..conftest import ROOT, copy_fixture, run_git
from ..helpers import AMENDMENT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make_commit(repo, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **{k: "Cán bộ" for k in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME")}}
    env.update(GIT_AUTHOR_EMAIL="cb@example.org", GIT_COMMITTER_EMAIL="cb@example.org")
    return subprocess.run(
        # The virtual environment is this one: `-o` keeps make from setting one up.
        ["make", "-f", str(ROOT / "Makefile"), "-o", ".venv/.installed", "commit"]
        + [f"PY={sys.executable}", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )


def test_one_step_commits_the_report_and_the_amendment(tmp_path, monkeypatch):
    content = copy_fixture(tmp_path)
    (tmp_path / "ghi-chu.txt").write_text("not content", encoding="utf-8")
    run_git(tmp_path, "init", "-q")
    run_git(tmp_path, "add", "content")
    run_git(tmp_path, "commit", "-qm", "Nội dung")
    monkeypatch.chdir(tmp_path)
    assert main(["report", "2026-02-03", "--status", "in_progress"]) == 0
    (content / "amendments").mkdir()
    (content / "amendments" / "2026-02-10-quyet-dinh-15.yaml").write_text(AMENDMENT, "utf-8")

    done = make_commit(tmp_path, "M=Báo cáo và điều chỉnh")
    assert done.returncode == 0, done.stdout + done.stderr
    committed = run_git(tmp_path, "show", "--name-only", "--format=%s", "HEAD").split()
    assert committed[:4] == ["Báo", "cáo", "và", "điều"]
    assert "content/amendments/2026-02-10-quyet-dinh-15.yaml" in committed
    assert any(name.startswith("content/reports/2026-02-03--") for name in committed)
    assert run_git(tmp_path, "status", "--porcelain") == "?? ghi-chu.txt\n"
    again = make_commit(tmp_path)
    assert again.returncode == 0 and "Không có thay đổi nào" in again.stdout
