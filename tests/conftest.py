"""Shared fixtures: the small fixture programme, a fixed build date, built sites."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from generator.common.dates import build_today, format_date
from generator.common.yamlwrite import dump
from generator.contentformat import layout
from generator.load.content import load_content
from generator.load.history import ALLOW_SHALLOW
from generator.output import SiteInfo
from generator.reporting.report import write_report

# The suite must pass in a shallow clone too (CI may make one): building from one is allowed
# here, with a warning. The tests of the refusal itself unset this.
os.environ.setdefault(ALLOW_SHALLOW, "1")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"
CONTENT = FIXTURES / "year"
"""A whole year's programme (fixtures/year/README.md): the suite never depends on content/."""
REAL_CONTENT = ROOT / "content"
"""This repository's ward: only checked by rules that hold for any ward on any day, through
`ward_content` (its data grows all year: no count, date or status of it is a fact to test)."""
AS_OF = dt.date(2026, 1, 24)
# 2026-01-24 00:00 UTC, the fixed build date of the built-site fixtures.
EPOCH = "1769212800"


@pytest.fixture(scope="session")
def mini_content():
    return load_content(MINI, as_of=AS_OF, history=False)


@pytest.fixture(scope="session")
def site_info() -> SiteInfo:
    return SiteInfo(url="https://example.org/ctct/", as_of=AS_OF)


def build_into(tmp: Path, content_dir: Path, monkeypatch_env: dict[str, str]) -> Path:
    """Build a site with the real mkdocs config into `tmp/site` and return that folder."""
    from generator.engine.mkdocs_build import build_site

    site_dir = tmp / "site"
    with pytest.MonkeyPatch.context() as mp:
        for key, value in monkeypatch_env.items():
            mp.setenv(key, value)
        mp.chdir(ROOT)
        assert build_site(ROOT / "mkdocs.yml", content_dir=content_dir, site_dir=site_dir) == 0
    return site_dir


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    return build_into(
        tmp_path_factory.mktemp("mini"),
        MINI,
        {"SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": "https://example.org/ctct/"},
    )


REAL_SITE_ENV = {"SOURCE_DATE_EPOCH": "1795478400", "SITE_URL": "https://example.org/ctct/"}


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    return build_into(tmp_path_factory.mktemp("real"), CONTENT, REAL_SITE_ENV)


@pytest.fixture(scope="session", params=["content", "fixture", "content-lived"])
def ward_content(request, tmp_path_factory) -> Path:
    """Content the rules for any ward's data are checked on: this repository's ward, the
    whole-year fixture, and the ward's copy after a clerk's day of work (`lived`)."""
    if request.param == "content":
        return REAL_CONTENT
    if request.param == "fixture":
        return CONTENT
    return lived(REAL_CONTENT, tmp_path_factory.mktemp("lived") / "content")


def lived(source: Path, target: Path) -> Path:
    """A copy of `source` as a clerk leaves it today (`build_today`: SOURCE_DATE_EPOCH, else
    now): an amendment decided today moves a task's deadline by a week, and the task has a
    progress report dated today. A test of content/ that pins a day or a fact of the data
    fails on this copy at once, not at the clerk's next report."""
    shutil.copytree(source, target)
    today = build_today()
    programmes = load_content(target, today, history=False).programmes
    started = [p for p in programmes if p.first_day <= today]
    if not started:
        pytest.skip(f"chưa có chương trình nào bắt đầu trước ngày {format_date(today)}")
    programme = max(started, key=lambda p: p.first_day)
    task = next(t for t in programme.tasks if t.deadline.end is not None)
    decision = f"Quyết định số 999/QĐ-UBND ngày {format_date(today)}"
    amendment = {
        "programme": programme.id,
        "decided_on": format_date(today),
        "decision": decision,
        "reason": "Lùi hạn một tuần (bản sao để kiểm thử).",
        "tasks": [{"task": task.id, "deadline": format_date(task.deadline.end + dt.timedelta(7))}],
    }
    folder = target / layout.AMENDMENTS
    folder.mkdir(exist_ok=True)
    name = f"{today.isoformat()}-quyet-dinh-so-999-qd-ubnd.yaml"
    (folder / name).write_text(dump(amendment), encoding="utf-8")
    fields = {"status": "in_progress", "note": "Đang thực hiện theo hạn mới."}
    path, problems = write_report(target, task.id, today, fields)
    assert path is not None, [str(p) for p in problems]
    return target


def copy_fixture(tmp: Path, source: Path = MINI) -> Path:
    target = tmp / "content"
    shutil.copytree(source, target)
    return target


def run_git(repo: Path, *args: str, when: str = "2026-01-06T08:00:00+07:00") -> str:
    """Run git in `repo` with a fixed author, committer and date; returns its output."""
    import os
    import subprocess

    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "Cán bộ",
        "GIT_AUTHOR_EMAIL": "cb@example.org",
        "GIT_COMMITTER_NAME": "Cán bộ",
        "GIT_COMMITTER_EMAIL": "cb@example.org",
    }
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout
