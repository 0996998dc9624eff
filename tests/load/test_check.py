"""`check` on small broken inputs: every error and warning, with file, line and field."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from generator.common.errors import Severity
from generator.load.content import check_content

from ..conftest import MINI, ROOT, copy_fixture
from ..helpers import edit_file, replaced

PROGRAMME = "programmes/2026.yaml"
AS_OF = dt.date(2026, 11, 24)
"""The fixture's day (content/ is checked on any day by test_content.py)."""


def edit(tmp_path: Path, old: str, new: str, file: str = PROGRAMME) -> Path:
    """A copy of the fixture content with one text replacement in one file."""
    content = copy_fixture(tmp_path)
    edit_file(content / file, old, new)
    return content


def problems_of(content: Path):
    model, problems = check_content(content, AS_OF, history=False)
    return model, problems


def only(problems, severity, field):
    found = [p for p in problems if p.severity is severity and p.field == field]
    assert found, f"no {severity} on {field} in {[str(p) for p in problems]}"
    return found[0]


def test_fixture_is_clean():
    model, problems = problems_of(MINI)
    assert model is not None and problems == []


ERRORS = [
    # (old text, new text, field, line, words in the message)
    (
        "        deadline: 15/01/2026\n",
        "        deadline: 15/01/2026\n      oops: [\n",
        "YAML",
        42,
        "cú pháp YAML",
    ),
    (
        "        lead: Phòng VH-XH\n",
        "        lead: Phòng VH-XH\n        deadlin: 1/1/2026\n",
        "deadlin",
        41,
        "có phải là 'deadline'",
    ),
    (
        "        content: Kế hoạch cải cách hành chính năm 2026\n",
        "",
        "content",
        37,
        "thiếu trường bắt buộc 'content'",
    ),
    ("    cadence: none\n", "    cadence: sometimes\n", "cadence", 32, "weekly"),
    (
        "        lead: Phòng VH-XH\n",
        "        lead: Phòng VH-XHH\n",
        "lead",
        40,
        "gần nhất là 'Phòng Văn hóa - Xã hội'",
    ),
    ("deadline: 15/01/2026", "deadline: 30/02/2026", "deadline", 41, "ngày không tồn tại"),
    ("deadline: 10-20/1/2026", "deadline: 20-10/1/2026", "deadline", 52, "trước khi bắt đầu"),
    ("deadline: 15/01/2026", "deadline: sớm nhất có thể", "deadline", 41, "không đọc được"),
    ("      - id: 2026-01-02\n", "      - id: 2026-01-01\n", "id", 42, "bị trùng"),
    ("        parent: 2026-01-02\n", "        parent: 2026-01-09\n", "parent", 47, "không tồn tại"),
    ("        parent: 2026-01-02\n", "", "parent", 47, "thiếu trường parent"),
    (
        "    content: Chăm sóc sức khỏe Nhân dân\n",
        "    content:\n      - a\n",
        "content",
        26,
        "một dòng chữ",
    ),
    ("  - month: 2\n", "  - month: 13\n", "month", 62, "từ 1 đến 12"),
    (
        "            as_written: 25/02/2025\n",
        "            as_written: 26/02/2025\n",
        "corrections",
        75,
        "as_written",
    ),
]


@pytest.mark.parametrize(("old", "new", "field", "line", "words"), ERRORS)
def test_errors_name_file_line_and_field(tmp_path, old, new, field, line, words):
    model, problems = problems_of(edit(tmp_path, old, new))
    assert model is None
    problem = only(problems, Severity.ERROR, field)
    assert problem.file == f"content/{PROGRAMME}"
    assert problem.line == line, str(problem)
    assert words in problem.message, str(problem)


def test_unknown_unit_without_a_near_match_says_where_to_add_it(tmp_path):
    content = edit(tmp_path, "lead: Phòng VH-XH", "lead: Ban Quản lý chợ")
    problem = only(problems_of(content)[1], Severity.ERROR, "lead")
    assert "units.yaml" in problem.message


def test_non_utf8_file_names_the_line(tmp_path):
    content = copy_fixture(tmp_path)
    path = content / PROGRAMME
    lines = path.read_bytes().split(b"\n")
    lines[4] = b"title: Ch\xe0\xf4ng tr\xecnh"
    path.write_bytes(b"\n".join(lines))
    model, problems = problems_of(content)
    assert model is None
    problem = only(problems, Severity.ERROR, "tệp")
    assert problem.line == 5 and "UTF-8" in problem.message


def test_duplicate_yaml_key(tmp_path):
    content = edit(
        tmp_path,
        "        lead: Phòng VH-XH\n",
        "        lead: Phòng VH-XH\n        lead: Trạm Y tế\n",
    )
    problem = only(problems_of(content)[1], Severity.ERROR, "lead")
    assert problem.line == 41 and "hai lần" in problem.message


def test_missing_files_and_every_problem_at_once(tmp_path):
    content = copy_fixture(tmp_path)
    (content / "ward.yaml").unlink()
    text = (content / PROGRAMME).read_text(encoding="utf-8")
    text = replaced(text, "deadline: 15/01/2026", "deadline: 32/01/2026", None)
    text = replaced(text, "lead: Trạm Y tế\n", "lead: Trạm Xá\n", None)
    (content / PROGRAMME).write_text(text, encoding="utf-8")
    model, problems = problems_of(content)
    fields = {p.field for p in problems if p.severity is Severity.ERROR}
    assert model is None and {"tệp", "deadline", "lead"} <= fields


def test_duplicate_unit_id_names_its_line(tmp_path):
    content = edit(tmp_path, "  - id: tram-y-te\n", "  - id: van-phong\n", "units.yaml")
    problem = only(problems_of(content)[1], Severity.ERROR, "id")
    assert (problem.file, problem.line) == ("content/units.yaml", 13)
    assert "bị trùng (đã dùng ở dòng 2)" in problem.message


def test_reserved_unit_id(tmp_path):
    content = edit(tmp_path, "  - id: tram-y-te\n", "  - id: tat-ca\n", "units.yaml")
    problem = only(problems_of(content)[1], Severity.ERROR, "id")
    assert problem.line == 13 and "lịch chung" in problem.message


def test_month_listed_twice(tmp_path):
    content = edit(tmp_path, "  - month: 2\n", "  - month: 1\n")
    problem = only(problems_of(content)[1], Severity.ERROR, "month")
    assert problem.line == 62 and "hai lần (lần đầu ở dòng 34)" in problem.message


def test_alias_claimed_by_two_units(tmp_path):
    content = edit(tmp_path, "    short: Trạm Y tế\n", "    short: Phòng VH-XH\n", "units.yaml")
    problem = only(problems_of(content)[1], Severity.ERROR, "aliases")
    assert "cả hai đơn vị" in problem.message


WARNINGS = [
    ("deadline: 28/02/2026", "deadline: 28/03/2026", "deadline", "ngoài tháng 2"),
    ("deadline: 28/02/2026", "deadline: 28/02/2027", "deadline", "ngoài năm 2026"),
    (
        '        corrections:\n          - field: number\n            as_written: "3"\n'
        "            reason: Văn bản không có mục số 2 trong tháng 2; giữ nguyên số thứ tự.\n",
        "",
        "number",
        "nhảy từ 1 lên 3",
    ),
    (
        'number: "3"\n        content: Tổ chức',
        'number: "2"\n        content: Tổ chức',
        "number",
        "lặp lại",
    ),
    (
        "    corrections:\n      - field: heading\n        as_written: Tháng 02/2025\n"
        "        read_as: Tháng 02/2026\n"
        "        reason: Văn bản ghi năm 2025 trong chương trình năm 2026.\n",
        "",
        "heading",
        "không khớp",
    ),
    (
        '        corrections:\n          - field: lead\n            as_written: ""\n'
        "            reason: Văn bản để trống cột Chủ trì.\n",
        "",
        "lead",
        "không có đơn vị chủ trì",
    ),
]


@pytest.mark.parametrize(("old", "new", "field", "words"), WARNINGS)
def test_anomalies_without_a_correction_record_are_warnings(tmp_path, old, new, field, words):
    model, problems = problems_of(edit(tmp_path, old, new))
    assert model is not None, [str(p) for p in problems]
    problem = only(problems, Severity.WARNING, field)
    assert words in problem.message, str(problem)


def test_a_correction_record_acknowledges_the_anomaly(tmp_path):
    content = edit(
        tmp_path,
        "        deadline: 28/02/2026\n",
        "        deadline: 28/03/2026\n"
        "        corrections:\n"
        "          - field: deadline\n"
        "            as_written: 28/03/2026\n"
        "            read_as: 28/02/2026\n"
        "            reason: Lỗi đánh máy.\n",
    )
    text = (content / PROGRAMME).read_text(encoding="utf-8")
    # the fixture row already had a corrections list for 'number': merge into one list
    text = replaced(
        text,
        "            reason: Lỗi đánh máy.\n        corrections:\n",
        "            reason: Lỗi đánh máy.\n",
    )
    (content / PROGRAMME).write_text(text, encoding="utf-8")
    model, problems = problems_of(content)
    assert model is not None and problems == [], [str(p) for p in problems]
    task = next(t for t in model.tasks if t.id == "2026-02-03")
    assert task.deadline.end == dt.date(2026, 2, 28) and task.deadline.as_written == "28/03/2026"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_cli_exit_codes_and_no_traceback(tmp_path):
    assert run_cli("check", "--content", str(MINI)).returncode == 0
    broken = edit(tmp_path, "deadline: 15/01/2026", "deadline: 15/13/2026")
    result = run_cli("check", "--content", str(broken))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"content/{PROGRAMME}:41: deadline: Lỗi:" in result.stderr


def test_cli_warnings_only_exit_zero(tmp_path):
    content = edit(tmp_path, "deadline: 28/02/2026", "deadline: 28/03/2026")
    result = run_cli("check", "--content", str(content))
    assert result.returncode == 0 and "Cảnh báo" in result.stderr


@pytest.mark.parametrize("day", [29, 30, 31])
def test_monthly_meeting_late_in_the_month_is_a_warning_at_its_line(tmp_path, day):
    content = edit(tmp_path, "first: 07/01/2026", f"first: {day}/01/2026")
    model, problems = problems_of(content)
    problem = only(problems, Severity.WARNING, "meeting")
    assert model is not None
    assert (problem.file, problem.line) == (f"content/{PROGRAMME}", 19)
    assert f"ngày {day}" in problem.message and "ngày cuối tháng" in problem.message


def test_weekly_meeting_late_in_the_month_is_fine(tmp_path):
    content = edit(tmp_path, "cadence: monthly", "cadence: weekly")
    path = content / PROGRAMME
    edit_file(path, "07/01/2026", "31/01/2026")
    assert problems_of(content)[1] == []
