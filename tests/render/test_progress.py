"""Standings on the build date, their boundaries, the roll-ups and the chart partial."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.domain.model import Deadline, DeadlineKind, Progress, Source, Status, Task
from generator.domain.standing import (
    LABELS,
    NO_REPORT,
    Standing,
    progress_text,
    standing,
    standing_label,
    status_label,
)
from generator.load.content import load_content
from generator.render.rollup import COLOURS, rollup
from generator.render.templating import environment

AS_OF = dt.date(2026, 3, 10)
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def day(offset: int) -> dt.date:
    """A date relative to the build date: day(0) is today, day(-1) yesterday."""
    return AS_OF + dt.timedelta(days=offset)


def task(
    due: int | None,
    status: Status | None = None,
    done: int | None = None,
    start: int | None = None,
    task_id: str = "2026-03-01",
) -> Task:
    """A task due `due` days after the build date (None: per plan), with an optional record."""
    if due is None:
        deadline = Deadline(DeadlineKind.PER_PLAN, None, None, "theo KH")
    elif start is None:
        deadline = Deadline(DeadlineKind.DATE, day(due), day(due), f"{day(due):%d/%m/%Y}")
    else:
        deadline = Deadline(DeadlineKind.RANGE, day(start), day(due), "khoảng ngày")
    progress = None
    if status is not None:
        progress = Progress(status, day(done) if done is not None else None)
    return Task(
        task_id,
        "2026",
        3,
        "1",
        None,
        "Nội dung",
        "Phòng VH-XH",
        "phong-vh-xh",
        deadline,
        (),
        progress,
        Source("programmes/2026.yaml", 1),
    )


CASES = [
    # (description, task, standing, text)
    ("no record, due today", task(0), Standing.DUE_SOON,
     "Chưa cập nhật tiến độ · đến hạn hôm nay"),
    ("no record, due in exactly 7 days", task(7), Standing.DUE_SOON,
     "Chưa cập nhật tiến độ · còn 7 ngày đến hạn"),
    ("no record, due in 8 days", task(8), Standing.NOT_YET_DUE,
     "Chưa cập nhật tiến độ · còn 8 ngày đến hạn"),
    ("no record, overdue by one day", task(-1), Standing.OVERDUE,
     "Chưa cập nhật tiến độ · đã quá hạn 1 ngày"),
    ("in progress, overdue by one day", task(-1, Status.IN_PROGRESS), Standing.OVERDUE,
     "Đang thực hiện · đã quá hạn 1 ngày"),
    ("not started, due in 30 days", task(30, Status.NOT_STARTED), Standing.NOT_YET_DUE,
     "Chưa bắt đầu · còn 30 ngày đến hạn"),
    ("not started, due in 31 days: no countdown", task(31, Status.NOT_STARTED),
     Standing.NOT_YET_DUE, "Chưa bắt đầu · chưa đến hạn"),
    ("in progress, due in 3 days", task(3, Status.IN_PROGRESS), Standing.DUE_SOON,
     "Đang thực hiện · còn 3 ngày đến hạn"),
    ("done on the deadline", task(-5, Status.DONE, done=-5), Standing.DONE_ON_TIME,
     f"Đã hoàn thành ngày {day(-5):%d/%m/%Y} · đúng hạn"),
    ("done before the deadline, deadline still ahead", task(5, Status.DONE, done=-2),
     Standing.DONE_ON_TIME, f"Đã hoàn thành ngày {day(-2):%d/%m/%Y} · đúng hạn"),
    ("done one day after the deadline", task(-5, Status.DONE, done=-4), Standing.DONE_LATE,
     f"Đã hoàn thành ngày {day(-4):%d/%m/%Y} · sau hạn 1 ngày"),
    ("done today, due yesterday", task(-1, Status.DONE, done=0), Standing.DONE_LATE,
     f"Đã hoàn thành ngày {day(0):%d/%m/%Y} · sau hạn 1 ngày"),
    ("per plan, no record", task(None), Standing.PER_PLAN, NO_REPORT),
    ("per plan, in progress", task(None, Status.IN_PROGRESS), Standing.PER_PLAN,
     "Đang thực hiện"),
    ("per plan, done", task(None, Status.DONE, done=-3), Standing.DONE_UNDATED,
     f"Đã hoàn thành ngày {day(-3):%d/%m/%Y}"),
    ("postponed, past the deadline", task(-10, Status.POSTPONED), Standing.POSTPONED,
     "Tạm hoãn"),
    ("cancelled, past the deadline", task(-10, Status.CANCELLED), Standing.CANCELLED, "Đã hủy"),
    ("range: its last day counts, start passed", task(2, start=-5), Standing.DUE_SOON,
     "Chưa cập nhật tiến độ · còn 2 ngày đến hạn"),
    ("range: done after its first day, on its last", task(0, Status.DONE, done=0, start=-9),
     Standing.DONE_ON_TIME, f"Đã hoàn thành ngày {day(0):%d/%m/%Y} · đúng hạn"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("t", "expected", "text"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_standing_and_wording(t: Task, expected: Standing, text: str) -> None:
    assert standing(t, AS_OF) is expected
    assert progress_text(t, AS_OF) == text


def test_every_standing_is_covered_by_a_case() -> None:
    assert {c[2] for c in CASES} == set(Standing)


def test_no_record_is_worded_exactly_and_never_as_a_status() -> None:
    for offset in (-30, -1, 0, 7, 8, None):
        t = task(offset)
        assert status_label(t) == "Chưa cập nhật tiến độ"
        assert progress_text(t, AS_OF).startswith("Chưa cập nhật tiến độ")
        assert "Chưa bắt đầu" not in progress_text(t, AS_OF)


def test_labels_and_colours_for_every_standing() -> None:
    assert set(LABELS) == set(Standing) == set(COLOURS)
    assert standing_label("overdue") == standing_label(Standing.OVERDUE)
    assert standing_label(Standing.DUE_SOON) == "Đến hạn trong 7 ngày tới"
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in COLOURS.values())


def sample() -> list[Task]:
    """3 done on time, 1 done late, 2 overdue, 1 due soon, 1 per plan, 1 cancelled."""
    return [
        task(-5, Status.DONE, done=-5, task_id="a"),
        task(-5, Status.DONE, done=-6, task_id="b"),
        task(10, Status.DONE, done=-1, task_id="c"),
        task(-5, Status.DONE, done=-1, task_id="d"),
        task(-1, task_id="e"),
        task(-20, Status.IN_PROGRESS, task_id="f"),
        task(0, task_id="g"),
        task(None, task_id="h"),
        task(3, Status.CANCELLED, task_id="i"),
    ]


def test_rollup_numbers() -> None:
    r = rollup(sample(), AS_OF)
    assert r.total == 9
    assert dict(r.counts) == {
        Standing.DONE_ON_TIME: 3,
        Standing.DONE_LATE: 1,
        Standing.DONE_UNDATED: 0,
        Standing.OVERDUE: 2,
        Standing.DUE_SOON: 1,
        Standing.NOT_YET_DUE: 0,
        Standing.PER_PLAN: 1,
        Standing.POSTPONED: 0,
        Standing.CANCELLED: 1,
    }
    assert [s for s, _ in r.counts] == list(Standing)
    assert r.no_report == 3
    assert r.done_dated == 4
    assert r.on_time_percent == 75
    assert r.on_time_text == "Tỉ lệ đúng hạn: 75% (3/4)"


def test_rollup_segments_are_contiguous_and_fill_the_bar() -> None:
    segments = rollup(sample(), AS_OF).segments
    assert [s.count for s in segments] == [3, 1, 2, 1, 1, 1]
    end = 0.0
    for s in segments:
        assert float(s.x) == pytest.approx(end, abs=0.001)
        end = float(s.x) + float(s.width)
    assert end == pytest.approx(100, abs=0.001)


def test_on_time_share_rounds_half_up_and_is_undefined_without_dated_completions() -> None:
    tasks = [task(-5, Status.DONE, done=-5, task_id="a")] + [
        task(-5, Status.DONE, done=-1, task_id=f"late-{i}") for i in range(7)
    ]
    assert rollup(tasks, AS_OF).on_time_percent == 13  # 12.5 % rounds up
    undated = rollup([task(None, Status.DONE, done=-1), task(-3)], AS_OF)
    assert undated.on_time_percent is None
    assert "chưa có" in undated.on_time_text
    empty = rollup([], AS_OF)
    assert empty.total == 0 and empty.segments == () and empty.on_time_percent is None


def test_rollup_of_the_mini_fixture() -> None:
    content = load_content(MINI, dt.date(2026, 3, 1))
    r = rollup(content.tasks, dt.date(2026, 3, 1))
    assert (r.total, r.no_report) == (6, 5)
    assert r.count(Standing.DONE_ON_TIME) == 1  # done 14/01, due 15/01
    assert r.count(Standing.OVERDUE) == 4
    assert r.count(Standing.PER_PLAN) == 1
    assert r.on_time_percent == 100
    january = rollup(content.programmes[0].months[0].tasks, dt.date(2026, 1, 14))
    assert january.count(Standing.DUE_SOON) == 2  # due 20/01: 6 days ahead
    assert january.count(Standing.DONE_ON_TIME) == 1


def chart(r, **kwargs) -> str:
    template = environment().from_string(
        '{% from "_rollup.html.j2" import rollup_chart %}{{ rollup_chart(r, **kw) }}'
    )
    return template.render(r=r, kw=kwargs)


def test_chart_has_every_number_as_text_and_hides_the_drawing() -> None:
    html = chart(rollup(sample(), AS_OF), caption="Tháng 3/2026")
    assert "<figcaption" in html and "Tháng 3/2026" in html
    assert re.search(r'<svg class="ctct-rollup-bar"[^>]*aria-hidden="true"', html)
    assert 'width="100%"' in html  # scales down to a 360 px phone
    for label, count in [
        ("Hoàn thành đúng hạn", 3),
        ("Hoàn thành sau hạn", 1),
        ("Quá hạn, chưa báo cáo hoàn thành", 2),
        ("Đã hủy", 1),
    ]:
        assert f"{label}: <strong>{count}</strong>" in html
    assert "Tổng số <strong>9</strong> nhiệm vụ" in html
    assert "Tỉ lệ đúng hạn: 75% (3/4)" in html
    assert "Chưa cập nhật tiến độ: 3/9" in html
    assert "Cách tính" in html and " id=" not in html  # several charts may share a page
    assert html.count("<rect") == 2 * 6  # bar and legend key per non-empty standing


def test_chart_without_tasks_and_without_note() -> None:
    assert "Chưa có nhiệm vụ nào." in chart(rollup([], AS_OF))
    assert "Cách tính" not in chart(rollup(sample(), AS_OF), explain=False)


def test_register_adds_filters() -> None:
    env = environment()
    t = task(-1)
    out = env.from_string(
        "{{ s | standing_label }}|{{ t | status_label }}|{{ t | standing(d) | standing_label }}"
        "|{{ t | progress_text(d) }}"
    ).render(s="due_soon", t=t, d=AS_OF)
    assert out == (
        "Đến hạn trong 7 ngày tới|Chưa cập nhật tiến độ|Quá hạn, chưa báo cáo hoàn thành"
        "|Chưa cập nhật tiến độ · đã quá hạn 1 ngày"
    )
    assert "on_time_definition" not in env.globals  # the definition travels with each roll-up
