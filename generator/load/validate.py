"""Checks across records: duplicates, parents, anomalies of the document, progress records.

An anomaly (deadline outside its month, a gap in the numbering, a missing lead unit, a heading
with the wrong year) is a warning unless a `corrections` record for that field acknowledges it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from generator.common.errors import Problems
from generator.domain.anomalies import (
    deadline_misfit,
    heading_misfit,
    lead_missing,
    number_parts,
    numbering_gap,
)
from generator.domain.model import Content, Month, Programme, Task, Unit
from generator.load.unit_spellings import UnitIndex
from generator.load.ward_ownership import check_programmes_are_own


def validate(content: Content, as_of: dt.date, problems: Problems) -> None:
    check_units(content, problems)
    check_programmes_are_own(content, problems)
    check_unique_ids(content, problems)
    for programme in content.programmes:
        check_months(programme, problems)
        check_amendments(programme, as_of, problems)
        for month in programme.months:
            check_heading(programme, month, problems)
            check_numbering(month, problems)
            for task in month.tasks:
                check_task(programme, month, task, as_of, problems)
        check_parents(programme, problems)


# Names the feeds and the subscribe page use for themselves (lich/<name>.ics, lich/#<name>).
RESERVED_UNIT_IDS = {
    "tat-ca",
    "giao-ban",
    "nhiem-vu",
    "cach-dang-ky",
    "luu-tru",
    "nhac-han",
    "index",
}


def check_units(content: Content, problems: Problems) -> None:
    first_line: dict[str, int] = {}
    for unit in content.units:
        file, line = _where(unit)
        if unit.id in RESERVED_UNIT_IDS:
            problems.error(
                file,
                line,
                "id",
                f"mã đơn vị '{unit.id}' trùng với tên dành cho lịch chung; chọn mã khác",
            )
        if unit.id in first_line:
            problems.error(
                file,
                line,
                "id",
                f"mã đơn vị '{unit.id}' bị trùng (đã dùng ở dòng "
                f"{first_line[unit.id]}); mỗi đơn vị một mã riêng",
            )
        first_line.setdefault(unit.id, line)
    for spelling, first, second in UnitIndex(content.units).conflicts():
        problems.error(
            *_where(second),
            "aliases",
            f"cách viết '{spelling}' thuộc cả hai đơn vị '{first.id}' và "
            f"'{second.id}'; mỗi cách viết chỉ thuộc một đơn vị",
        )
    for one, first, other, second in UnitIndex(content.units).alike_pairs():
        problems.warn(
            *_where(second),
            "aliases",
            f"'{other}' (đơn vị '{second.id}') và '{one}' (đơn vị '{first.id}') có vẻ là một "
            "đơn vị viết hai cách; nếu đúng, gộp thành một mục và ghi cách viết kia vào aliases",
        )


def _where(unit: Unit) -> tuple[str, int]:
    return (unit.source.file, unit.source.line) if unit.source else ("units.yaml", 1)


def check_amendments(programme: Programme, as_of: dt.date, problems: Problems) -> None:
    """An adjustment is decided after the programme is issued, and not in the future."""
    start = programme.first_day
    for amendment in programme.amendments:
        day, where = amendment.decided_on, (amendment.source.file, amendment.source.line)
        if day > as_of:
            problems.error(*where, "decided_on", f"ngày {day:%d/%m/%Y} ở tương lai")
        elif day < start:
            problems.error(
                *where, "decided_on", f"ngày {day:%d/%m/%Y} trước khi ban hành chương trình"
            )


def check_months(programme: Programme, problems: Problems) -> None:
    """Each month once: a repeated month would give two pages one address."""
    first_line: dict[int, int] = {}
    for month in programme.months:
        if month.number in first_line:
            problems.error(
                month.source.file,
                month.source.line,
                "month",
                f"tháng {month.number} xuất hiện hai lần (lần đầu ở dòng "
                f"{first_line[month.number]}); gộp các nhiệm vụ vào một mục",
            )
        first_line.setdefault(month.number, month.source.line)


def check_unique_ids(content: Content, problems: Problems) -> None:
    seen: dict[str, tuple[str, int]] = {}
    records = [(p.id, p.source) for p in content.programmes]
    for programme in content.programmes:
        records += [(k.id, k.source) for k in programme.key_tasks]
        records += [(t.id, t.source) for t in programme.tasks]
        records += [(a.id, a.source) for a in programme.amendments]
    for record_id, source in records:
        if record_id in seen:
            file, line = seen[record_id]
            problems.error(
                source.file,
                source.line,
                "id",
                f"mã '{record_id}' bị trùng (đã dùng ở "
                f"{file}:{line}); mỗi mục cần một mã riêng, không đổi về sau",
            )
        else:
            seen[record_id] = (source.file, source.line)
    years = Counter(p.year for p in content.programmes)
    for programme in content.programmes:
        if years[programme.year] > 1:
            problems.error(
                programme.source.file,
                programme.source.line,
                "year",
                f"có nhiều hơn một chương trình năm {programme.year}",
            )


def check_heading(programme: Programme, month: Month, problems: Problems) -> None:
    wrong = heading_misfit(month.heading, month.number, programme.year)
    if wrong and not any(c.field == "heading" for c in month.corrections):
        problems.warn(
            month.source.file,
            month.source.line,
            "heading",
            f"tiêu đề '{month.heading}' không khớp tháng {month.number}/{programme.year}; "
            "nếu văn bản viết sai, thêm bản ghi corrections cho trường heading",
        )


def check_numbering(month: Month, problems: Problems) -> None:
    groups: dict[str | None, list[Task]] = {}
    for task in month.tasks:
        groups.setdefault(task.parent_id, []).append(task)
    for siblings in groups.values():
        previous, seen = 0, set()
        for task in siblings:
            parts = number_parts(task.number)
            if parts is None:
                continue
            what = numbering_gap(task.number, parts, previous, parts in seen, month.number)
            if what is not None and task.correction_for("number") is None:
                problems.warn(
                    task.source.file,
                    task.source.line,
                    "number",
                    f"{what[:1].lower()}{what[1:]}; nếu đúng như văn bản, thêm bản ghi "
                    "corrections cho trường number để ghi nhận",
                )
            previous = parts[-1]
            seen.add(parts)


def check_parents(programme: Programme, problems: Problems) -> None:
    by_id = {task.id: task for task in programme.tasks}
    for task in programme.tasks:
        where = (task.source.file, task.source.line)
        if task.parent_id == task.id:
            problems.error(*where, "parent", "một mục không thể là mục cha của chính nó")
        elif task.parent_id is not None and task.parent_id not in by_id:
            problems.error(
                *where,
                "parent",
                f"mục cha '{task.parent_id}' không tồn tại trong "
                "chương trình; ghi đúng mã (id) của dòng cha",
            )
        elif task.parent_id is None and len(number_parts(task.number) or ()) > 1:
            problems.error(
                *where, "parent", f"mục con {task.number} thiếu trường parent (mã của dòng cha)"
            )
        elif task.parent_id is not None and by_id[task.parent_id].month != task.month:
            problems.error(*where, "parent", "mục con phải nằm cùng tháng với dòng cha")
        elif _in_a_loop(task, by_id):
            problems.error(*where, "parent", "các mục cha của mục này quay vòng về chính nó")


def _in_a_loop(task: Task, by_id: dict[str, Task]) -> bool:
    """True when following `parent` from `task` comes back to it."""
    seen, current = {task.id}, task.parent_id
    while current is not None and current in by_id:
        if current in seen:
            return True
        seen.add(current)
        current = by_id[current].parent_id
    return False


def check_task(
    programme: Programme, month: Month, task: Task, as_of: dt.date, problems: Problems
) -> None:
    where = (task.source.file, task.source.line)
    if lead_missing(task.lead_as_written) and not task.correction_for("lead"):
        problems.warn(
            *where,
            "lead",
            "nhiệm vụ không có đơn vị chủ trì; ghi tên đơn vị, hoặc thêm "
            "bản ghi corrections cho trường lead nếu văn bản để trống",
        )
    misfit = deadline_misfit(task.deadline, month.number, programme.year)
    if misfit is not None and not task.correction_for("deadline"):
        if misfit == "year":
            problems.warn(
                *where,
                "deadline",
                f"hạn '{task.deadline.as_written}' nằm ngoài năm "
                f"{programme.year} của chương trình; nếu văn bản viết sai, thêm bản ghi "
                "corrections cho trường deadline",
            )
        else:
            problems.warn(
                *where,
                "deadline",
                f"hạn '{task.deadline.as_written}' nằm ngoài tháng "
                f"{month.number} của nhiệm vụ; thêm bản ghi corrections cho trường "
                "deadline (đọc là ngày nào, hoặc giữ nguyên) để ghi nhận",
            )
