"""The programme as one CSV table: one row per task, Vietnamese headers, for Excel and friends.

UTF-8 with a BOM (so Excel reads the diacritics), CRLF line ends and quoting per RFC 4180 (the
csv module's defaults), dates as ISO 8601 (YYYY-MM-DD, unambiguous in every locale). The header
and the Data Package's Table Schema both come from `CSV_FIELDS`, so they cannot drift apart.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from generator.common.urls import task_url
from generator.common.wording import NO_REPORT, STATUS_LABELS, correction_sentence
from generator.domain.model import Content, DeadlineKind, Programme, Task
from generator.domain.standing import status_label
from generator.output import SiteInfo

DEADLINE_KINDS = {
    DeadlineKind.DATE: "Một ngày",
    DeadlineKind.RANGE: "Khoảng ngày",
    DeadlineKind.PER_PLAN: "Theo kế hoạch",
}


@dataclass(frozen=True)
class CsvField:
    """One CSV column and its Table Schema field."""

    name: str
    """The header, in Vietnamese."""
    type: str
    """Table Schema type: string, integer, date."""
    vi: str
    """What the column holds, in Vietnamese (shown on the page)."""
    en: str
    """The same in English (for the Data Package)."""
    extra: tuple[tuple[str, Any], ...] = ()
    """Further Table Schema properties (format, constraints)."""

    def table_schema(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "description": f"{self.vi} / {self.en}",
                **dict(self.extra)}  # fmt: skip


def _field(name: str, kind: str, vi: str, en: str, **extra: Any) -> CsvField:
    return CsvField(name, kind, vi, en, tuple(extra.items()))


CSV_FIELDS = (
    _field("Mã", "string", "Mã cố định của nhiệm vụ", "permanent task id",
           constraints={"required": True, "unique": True}),
    _field("Năm", "integer", "Năm của chương trình", "programme year"),
    _field("Tháng", "integer", "Tháng của mục chứa nhiệm vụ", "month section",
           constraints={"minimum": 1, "maximum": 12}),
    _field("Số TT", "string", "Cột TT như văn bản (ví dụ 10.1)", "number as written"),
    _field("Mã mục cha", "string", "Mã của mục cha, với mục con", "parent task id"),
    _field("Nội dung", "string", "Nội dung như văn bản", "content as written"),
    _field("Mã đơn vị chủ trì", "string", "Mã đơn vị chủ trì", "lead unit id"),
    _field("Đơn vị chủ trì", "string", "Tên đầy đủ của đơn vị chủ trì", "lead unit name"),
    _field("Chủ trì theo văn bản", "string", "Cột Chủ trì như văn bản", "lead cell as written"),
    _field("Loại thời hạn", "string", "Một ngày, khoảng ngày hoặc theo kế hoạch",
           "deadline kind", constraints={"enum": list(DEADLINE_KINDS.values())}),
    _field("Từ ngày", "date", "Ngày đầu của thời hạn", "first day of the deadline"),
    _field("Đến ngày", "date", "Hạn: xong trước ngày này", "the day the task is due"),
    _field("Thời hạn theo văn bản", "string", "Cột thời hạn như văn bản", "deadline as written"),
    _field("Đính chính", "string", "Các đính chính, cách nhau bởi « | »", "corrections"),
    _field("Trạng thái", "string", "Tiến độ do đơn vị chủ trì báo cáo", "reported status",
           constraints={"enum": [*STATUS_LABELS.values(), NO_REPORT]}),
    _field("Ngày hoàn thành", "date", "Ngày hoàn thành", "completion date"),
    _field("Văn bản kết quả", "string", "Số, ký hiệu văn bản kết quả", "resulting document"),
    _field("Đường dẫn văn bản kết quả", "string", "Đường dẫn tới văn bản kết quả",
           "link to the resulting document", format="uri"),
    _field("Ghi chú", "string", "Ghi chú về tiến độ", "progress note"),
    _field("Địa chỉ trang", "string", "Trang của nhiệm vụ trên website", "task page",
           format="uri"),
)  # fmt: skip


def csv_row(task: Task, programme: Programme, content: Content, site: SiteInfo) -> list[str]:
    unit = content.unit(task.lead_unit_id) if task.lead_unit_id else None
    p, d = task.progress, task.deadline
    return [
        task.id, str(programme.year), str(task.month), task.number, task.parent_id or "",
        task.content, unit.id if unit else "", unit.name if unit else "", task.lead_as_written,
        DEADLINE_KINDS[d.kind], d.start.isoformat() if d.start else "",
        d.end.isoformat() if d.end else "", d.as_written,
        " | ".join(correction_sentence(c) for c in task.corrections), status_label(task),
        p.done_on.isoformat() if p and p.done_on else "", p.document if p else "",
        p.link if p else "", p.note if p else "", site.absolute(task_url(task.id)),
    ]  # fmt: skip


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, 'CSV injection')."""


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will show as text: one starting like a formula gets a leading
    apostrophe, as OWASP recommends (the JSON keeps the text exactly as written)."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def to_csv(content: Content, site: SiteInfo) -> bytes:
    """One row per task, in document order."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([f.name for f in CSV_FIELDS])
    for programme in content.programmes:
        for task in programme.tasks:
            writer.writerow(
                [spreadsheet_safe(cell) for cell in csv_row(task, programme, content, site)]
            )
    return buffer.getvalue().encode("utf-8-sig")
