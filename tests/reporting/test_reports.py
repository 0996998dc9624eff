"""Progress reports: their own files, the latest is the standing, `generator report` checks."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.cli import main
from generator.common.errors import Severity
from generator.domain.model import Status
from generator.load.content import check_content

from ..conftest import AS_OF, MINI, copy_fixture
from ..helpers import edit_file

TODAY_EPOCH = "1769212800"  # 2026-01-24 00:00 UTC, 07:00 in Vietnam


def test_the_latest_report_is_the_standing_and_earlier_ones_stay(mini_content):
    task = next(t for t in mini_content.tasks if t.id == "2026-01-01")
    assert [r.reported_on for r in task.reports] == [dt.date(2026, 1, 8), dt.date(2026, 1, 14)]
    assert [r.progress.status for r in task.reports] == [Status.IN_PROGRESS, Status.DONE]
    assert task.progress == task.reports[-1].progress
    assert all(t.progress is None for t in mini_content.tasks if not t.reports)


def test_a_progress_field_in_the_programme_says_where_progress_lives_now(tmp_path):
    content = copy_fixture(tmp_path)
    programme = content / "programmes" / "2026.yaml"
    old = "        deadline: 15/01/2026\n"
    text = edit_file(programme, old, old + "        progress:\n          status: done\n")
    _, problems = check_content(content, AS_OF, history=False)
    (problem,) = [p for p in problems if p.field == "progress"]
    assert problem.line == text[: text.index(old)].count("\n") + 2
    assert "reports/" in problem.message


def run_report(monkeypatch, content, *args):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    return main(["report", *args, "--content", str(content)])


def test_report_writes_one_file_and_leaves_the_programme_unchanged(tmp_path, monkeypatch):
    content = copy_fixture(tmp_path)
    before = (content / "programmes" / "2026.yaml").read_bytes()
    code = run_report(
        monkeypatch, content, "2026-01-02", "--status", "done", "--done-on", "20/01/2026",
        "--document", "Báo cáo số 3/BC-UBND ngày 20/01/2026", "--by", "Trạm Y tế",
    )  # fmt: skip
    assert code == 0
    written = content / "reports" / "2026-01-02--2026-01-24.yaml"
    assert written.read_text(encoding="utf-8") == (
        'task: "2026-01-02"\nreported_on: 24/01/2026\nstatus: done\ndone_on: 20/01/2026\n'
        "document: Báo cáo số 3/BC-UBND ngày 20/01/2026\nreported_by: Trạm Y tế\n"
    )
    assert (content / "programmes" / "2026.yaml").read_bytes() == before
    loaded, problems = check_content(content, dt.date(2026, 1, 24), history=False)
    assert loaded is not None and not [p for p in problems if p.severity is Severity.ERROR]
    task = next(t for t in loaded.tasks if t.id == "2026-01-02")
    assert task.progress.status is Status.DONE
    assert run_report(monkeypatch, content, "2026-01-02", "--status", "in_progress") == 0
    assert (content / "reports" / "2026-01-02--2026-01-24-2.yaml").is_file()


@pytest.mark.parametrize(
    "args, words",
    [
        (["2026-09-99", "--status", "done", "--done-on", "20/01/2026"], "không có nhiệm vụ"),
        (["2026-01-02", "--status", "done"], "cần ngày hoàn thành"),
        (["2026-01-02", "--status", "done", "--done-on", "20/02/2026"], "ở tương lai"),
        (["2026-01-02", "--status", "done", "--done-on", "20/12/2025"], "trước khi có"),
        (["2026-01-02", "--status", "in_progress", "--link", "http://x.vn"], "https://"),
        (["../../etc", "--status", "in_progress"], "chữ thường không dấu"),
    ],
)
def test_report_refuses_what_check_would_refuse_and_writes_nothing(
    tmp_path, monkeypatch, capsys, args, words
):
    content = copy_fixture(tmp_path)
    before = sorted(p.relative_to(content) for p in content.rglob("*"))
    assert run_report(monkeypatch, content, *args) == 1
    assert words in capsys.readouterr().err
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == before
    assert not list(tmp_path.rglob("etc--*"))


def test_fixture_reports_are_clean():
    _, problems = check_content(MINI, AS_OF, history=False)
    assert problems == []


@pytest.mark.parametrize("suffix", ["-2", "-1"])  # generator report's second file, the editor's
def test_a_second_report_the_same_day_wins_in_every_view(tmp_path, suffix, site_info):
    from generator.common.wording import STATUS_LABELS
    from generator.opendata.history import history_csv
    from generator.render.changes import announced, task_history

    content = copy_fixture(tmp_path)
    first = "task: 2026-01-02\nreported_on: 20/01/2026\nstatus: in_progress\n"
    second = "task: 2026-01-02\nreported_on: 20/01/2026\nstatus: done\ndone_on: 19/01/2026\n"
    (content / "reports" / "2026-01-02--2026-01-20.yaml").write_text(first, encoding="utf-8")
    (content / "reports" / f"2026-01-02--2026-01-20{suffix}.yaml").write_text(second)
    loaded, problems = check_content(content, AS_OF, history=False)
    assert loaded is not None, problems
    task = next(t for t in loaded.tasks if t.id == "2026-01-02")
    assert task.progress.status is Status.DONE  # the task page's standing
    newest = announced(loaded.changes)[0]  # /thay-doi/ and the Atom feeds
    assert newest.report.progress.status is Status.DONE
    assert task_history(loaded, task.id)[0].report.progress.status is Status.DONE
    rows = history_csv(loaded, site_info).decode("utf-8-sig").splitlines()
    mine = [row for row in rows if ",2026-01-02," in row]
    assert STATUS_LABELS[Status.DONE] in mine[0]  # lich-su.csv, newest first
