"""The programme's life as open data: reports and the history of changes, as JSON and CSV.

`lich-su.csv` has one row per event (the changed fields joined with « | »), newest first as on
`/thay-doi/`; the same events are in `chuong-trinh.json` under `history` and `reports`.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from generator.common.dates import vietnam_date
from generator.common.urls import task_url
from generator.common.wording import CHANGE_LABELS, FIELD_LABELS, STATUS_LABELS
from generator.domain.model import Amendment, Change, Content, Report
from generator.opendata.csvdata import CsvField, spreadsheet_safe
from generator.output import SiteInfo

HISTORY_FILE = "lich-su.csv"


def _field(name: str, kind: str, vi: str, en: str) -> CsvField:
    return CsvField(name, kind, vi, en)


HISTORY_FIELDS = (
    _field("Ngày", "date", "Ngày (giờ Việt Nam) của thay đổi hay báo cáo", "day, Vietnam time"),
    _field("Thời điểm", "datetime", "Thời điểm chính xác (UTC)", "exact time, UTC"),
    _field("Mã nhiệm vụ", "string", "Mã cố định của nhiệm vụ", "task id"),
    _field("Nội dung", "string", "Nội dung nhiệm vụ lúc đó", "the task's content then"),
    _field("Loại", "string", "Thêm, điều chỉnh, bỏ, sửa lỗi chữ, báo cáo tiến độ", "kind"),
    _field("Thay đổi", "string", "Trường: trước → sau, cách nhau bởi « | »", "before → after"),
    _field("Văn bản điều chỉnh", "string", "Văn bản điều chỉnh chương trình", "decision"),
    _field("Lý do", "string", "Lý do điều chỉnh", "reason"),
    _field("Trạng thái", "string", "Tiến độ báo cáo", "reported status"),
    _field("Ngày hoàn thành", "date", "Ngày hoàn thành", "completion date"),
    _field("Văn bản kết quả", "string", "Văn bản kết quả", "resulting document"),
    _field("Ghi chú", "string", "Ghi chú", "note"),
    _field("Người báo cáo", "string", "Người hoặc đơn vị báo cáo", "who reported"),
    _field("Địa chỉ trang", "string", "Trang của nhiệm vụ", "task page"),
)


def history_csv(content: Content, site: SiteInfo) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([f.name for f in HISTORY_FIELDS])
    for change in sorted(content.changes, key=lambda c: c.order, reverse=True):
        writer.writerow([spreadsheet_safe(cell) for cell in _row(change, site)])
    return buffer.getvalue().encode("utf-8-sig")


def _row(change: Change, site: SiteInfo) -> list[str]:
    fields = " | ".join(
        f"{FIELD_LABELS.get(f.field, f.field)}: {f.before} → {f.after}" for f in change.fields
    )
    a, r = change.amendment, change.report
    p = r.progress if r else None
    return [
        vietnam_date(change.when).isoformat(), change.when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        change.task_id, change.title, CHANGE_LABELS[change.kind], fields,
        a.decision if a else "", a.reason if a else "",
        STATUS_LABELS[p.status] if p else "", p.done_on.isoformat() if p and p.done_on else "",
        p.document if p else "", p.note if p else "", r.reported_by if r else "",
        site.absolute(task_url(change.task_id)),
    ]  # fmt: skip


def history_data(content: Content) -> list[dict[str, Any]]:
    """Every event but the reports (under `reports`), oldest first."""
    return [
        {
            "task": c.task_id,
            "kind": c.kind.value,
            "when": c.when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "fields": [{"field": f.field, "before": f.before, "after": f.after} for f in c.fields],
            "amendment": c.amendment.id if c.amendment else None,
        }
        for c in content.changes
        if c.report is None
    ]


def report_data(report: Report) -> dict[str, Any]:
    p = report.progress
    return {
        "task": report.task_id,
        "reported_on": report.reported_on.isoformat(),
        "status": p.status.value,
        "done_on": p.done_on.isoformat() if p.done_on else None,
        "document": p.document or None,
        "link": p.link or None,
        "note": p.note or None,
        "reported_by": report.reported_by or None,
    }


def amendment_data(a: Amendment) -> dict[str, Any]:
    return {
        "id": a.id,
        "decided_on": a.decided_on.isoformat(),
        "decision": a.decision,
        "reason": a.reason,
        "tasks": list(a.task_ids),
        "link": a.link or None,
    }
