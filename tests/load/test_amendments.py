"""Amendments in their own files (`content/amendments/<id>.yaml`), applied over the programme
as issued: the programme file never changes, every reader sees the amended task, and broken
amendment files are refused at their line."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from generator.domain.model import ChangeKind
from generator.load.content import check_content

from ..conftest import copy_fixture, run_git
from ..helpers import AMENDMENT as AMENDED_DEADLINE
from ..helpers import edit_file, replaced

AS_OF = dt.date(2026, 3, 20)
AMENDMENT = replaced(AMENDED_DEADLINE, "15/03/2026", "10-25/3/2026") + "    lead: Phòng VH-XH\n"


def with_amendment(tmp_path, text: str = AMENDMENT, name: str = "2026-02-10-quyet-dinh-15"):
    content = copy_fixture(tmp_path)
    (content / "amendments").mkdir()
    (content / "amendments" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return content


def errors(content) -> list[str]:
    model, problems = check_content(content, AS_OF, history=False)
    found = [str(p) for p in problems if p.severity.name == "ERROR"]
    assert (model is None) == bool(found)
    return found


def test_an_amendment_changes_the_task_not_the_programme_file(tmp_path):
    content = with_amendment(tmp_path)
    issued = (content / "programmes" / "2026.yaml").read_bytes()
    model, problems = check_content(content, AS_OF, history=False)
    assert model is not None, [str(p) for p in problems]
    task = next(t for t in model.tasks if t.id == "2026-02-03")
    assert task.deadline.as_written == "10-25/3/2026"
    assert task.deadline.end == dt.date(2026, 3, 25)
    assert (task.lead_as_written, task.lead_unit_id) == ("Phòng VH-XH", "phong-van-hoa-xa-hoi")
    assert task.content == "Kiểm tra an toàn thực phẩm"  # not named: as issued
    (amendment,) = model.programmes[0].amendments
    assert (amendment.id, amendment.task_ids) == ("2026-02-10-quyet-dinh-15", ("2026-02-03",))
    assert amendment.source.file == "content/amendments/2026-02-10-quyet-dinh-15.yaml"
    assert (content / "programmes" / "2026.yaml").read_bytes() == issued


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (replaced(AMENDMENT, "task: 2026-02-03", "task: 2026-02-09"), "a", "không có nhiệm vụ mã"),
        (replaced(AMENDMENT, '"2026"', '"2027"'), "a", "không có chương trình mã '2027'"),
        (replaced(AMENDMENT, "10-25/3/2026", "sau bầu cử"), "a", "deadline"),
        (replaced(AMENDMENT, "Phòng VH-XH", "Phòng Không Có"), "a", "lead"),
        (AMENDMENT, "Điều chỉnh 1", "tên tệp 'Điều chỉnh 1' phải là một mã"),
        (replaced(AMENDMENT, "on: 10/02/2026", "on: 31/02/2026"), "a", "decided_on"),
        (replaced(AMENDMENT, "on: 10/02/2026", "on: 10/04/2026"), "a", "ở tương lai"),
        (AMENDMENT.split("tasks:")[0] + "tasks: []\n", "a", "ít nhất một nhiệm vụ"),
        (AMENDMENT + "amendments: []\n", "a", "trường không xác định"),
    ],
)
def test_a_broken_amendment_file_is_refused_at_its_line(tmp_path, text, name, expected):
    found = errors(with_amendment(tmp_path, text, name))
    assert any(expected in message and "content/amendments/" in message for message in found), found


@pytest.mark.parametrize("deadline", ["10-25/3/2025", "25/03/2024"])
def test_a_new_deadline_before_the_programme_year_is_refused_at_its_line(tmp_path, deadline):
    found = errors(with_amendment(tmp_path, replaced(AMENDMENT, "10-25/3/2026", deadline), "a"))
    assert len(found) == 1 and found[0].startswith("content/amendments/a.yaml:7: deadline:"), found
    assert "trước năm 2026 của chương trình" in found[0] and "25/03/2026" in found[0]


def test_the_old_amendments_field_of_a_programme_says_where_they_live_now(tmp_path):
    content = copy_fixture(tmp_path)
    programme = content / "programmes" / "2026.yaml"
    old = "amendments:\n  - id: 2026-dieu-chinh-01\n"
    programme.write_text(programme.read_text(encoding="utf-8") + old, encoding="utf-8")
    (found,) = errors(content)
    assert "content/programmes/2026.yaml:" in found and "amendments/<mã>.yaml" in found


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_direct_edit_of_the_programme_is_still_a_change_without_a_record(tmp_path):
    content = copy_fixture(tmp_path)
    run_git(tmp_path, "init", "-q")
    run_git(tmp_path, "add", "-A")
    run_git(tmp_path, "commit", "-qm", "Chương trình")
    programme = content / "programmes" / "2026.yaml"
    edit_file(programme, "deadline: 28/02/2026", "deadline: 20/03/2026")
    run_git(tmp_path, "commit", "-qam", "Sửa thẳng", when="2026-02-11T09:00:00+07:00")
    model, problems = check_content(content, AS_OF)
    assert model is not None, [str(p) for p in problems]
    (change,) = [c for c in model.changes if c.kind is ChangeKind.AMENDED]
    assert change.task_id == "2026-02-03" and change.amendment is None


def test_two_decisions_of_one_day_setting_one_field_are_an_error(tmp_path):
    """Applied in file-name order, 'quyet-dinh-9' would beat 'quyet-dinh-15' silently."""
    content = with_amendment(tmp_path)
    nine = replaced(AMENDMENT, "số 15/QĐ-UBND", "số 9/QĐ-UBND")
    nine = replaced(nine, "10-25/3/2026", "20/03/2026")
    (content / "amendments" / "2026-02-10-quyet-dinh-9.yaml").write_text(nine, encoding="utf-8")
    found = errors(content)
    assert len(found) == 2, found  # both set the deadline and the lead
    for message, field in zip(found, ("'deadline'", "'lead'"), strict=True):
        assert message.startswith("content/amendments/2026-02-10-quyet-dinh-9.yaml:1:")
        assert "content/amendments/2026-02-10-quyet-dinh-15.yaml:1" in message
        assert "'2026-02-03'" in message and field in message and "cùng ngày" in message


def test_another_day_or_another_field_is_no_conflict(tmp_path):
    content = with_amendment(tmp_path)
    later = replaced(AMENDMENT, "on: 10/02/2026", "on: 12/02/2026")
    (content / "amendments" / "2026-02-12-quyet-dinh-20.yaml").write_text(later, encoding="utf-8")
    text = replaced(AMENDED_DEADLINE, "    deadline: 15/03/2026\n", "    content: Kiểm tra ATTP\n")
    (content / "amendments" / "2026-02-10-quyet-dinh-16.yaml").write_text(text, encoding="utf-8")
    assert errors(content) == []


def test_a_task_listed_twice_in_one_decision_is_an_error(tmp_path):
    twice = AMENDMENT + "  - task: 2026-02-03\n    deadline: 20/03/2026\n"
    found = errors(with_amendment(tmp_path, twice))
    assert len(found) == 1, found
    assert found[0].startswith("content/amendments/2026-02-10-quyet-dinh-15.yaml:9:")
    assert "2026-02-03" in found[0] and "dòng 6" in found[0]
