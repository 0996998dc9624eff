"""Declared fields (`generator.contentformat.records`) as Decap CMS form fields.

Each field's widget follows its declared type; its label is a short Vietnamese name (or, for a
field added to the format later, its declared meaning) and its hint the declared meaning. The
patterns are the loader's own rules (ids, dates, names, links), so the form refuses what
`check` would refuse, with a Vietnamese message. Decap shows it as
"<nhãn> không khớp với mẫu: <message>".
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.common.dates import DEADLINE_PATTERNS, FIRST_YEAR, LAST_YEAR
from generator.common.wording import FIELD_LABELS
from generator.contentformat.vocabulary import (
    ID_PATTERN,
    MARKUP_CHARACTERS,
    MAX_LENGTHS,
    Field,
    Record,
)

Widget = dict[str, object]

LABELS = {
    ("report", "task"): "Nhiệm vụ",
    ("report", "reported_on"): "Ngày báo cáo",
    ("report", "status"): "Tình trạng",
    ("report", "done_on"): "Ngày hoàn thành (bắt buộc khi đã hoàn thành)",
    ("report", "document"): "Văn bản kết quả",
    ("report", "link"): "Đường dẫn tới văn bản",
    ("report", "note"): "Ghi chú",
    ("report", "reported_by"): "Người hoặc đơn vị báo cáo",
    ("amendment", "programme"): "Chương trình",
    ("amendment", "decided_on"): "Ngày của văn bản điều chỉnh",
    ("amendment", "decision"): "Văn bản điều chỉnh",
    ("amendment", "reason"): "Lý do điều chỉnh",
    ("amendment", "tasks"): "Các nhiệm vụ được điều chỉnh",
    ("amendment", "link"): "Đường dẫn tới văn bản",
    ("ward", "province_portal"): "Cổng thông tin điện tử của tỉnh, thành phố",
    ("ward", "public_service_portal"): "Cổng Dịch vụ công quốc gia",
    ("ward", "formed_from"): "Các đơn vị hành chính cũ hợp thành (từ năm 2025)",
    ("ward", "formed_by"): "Nghị quyết thành lập",
    ("former_unit", "name"): "Tên đơn vị cũ",
    ("unit", "id"): "Mã đơn vị",
    ("unit", "name"): "Tên đầy đủ",
    ("unit", "short"): "Tên ngắn",
    ("unit", "name_en"): "Tên tiếng Anh chính thức (nếu có)",
    ("unit", "aliases"): "Các cách viết khác",
    ("unit", "all"): "Là “Các phòng, đơn vị”",
    ("ward", "id"): "Mã phường",
    ("ward", "name"): "Tên phường",
    ("ward", "kind"): "Phường, xã, thị trấn hay đặc khu",
    ("ward", "city"): "Tỉnh, thành phố",
    ("ward", "issuer"): FIELD_LABELS["issuer"],
    ("ward", "code"): "Mã đơn vị hành chính",
    ("ward", "info_contact_name"): "Đầu mối tiếp nhận yêu cầu cung cấp thông tin: họ tên",
    ("ward", "info_contact_title"): "Đầu mối: chức vụ",
    ("ward", "info_contact_phone"): "Đầu mối: điện thoại",
    ("ward", "info_contact_email"): "Đầu mối: thư điện tử",
    ("amended_task", "task"): "Nhiệm vụ",
    ("amended_task", "content"): "Nội dung mới",
    ("amended_task", "lead"): "Đơn vị chủ trì mới (như văn bản)",
    ("amended_task", "deadline"): "Thời hạn mới",
}

HINTS = {
    ("report", "task"): "gõ vài chữ của nội dung, tên đơn vị chủ trì hoặc mã để tìm",
    ("report", "status"): "tình trạng của nhiệm vụ vào ngày báo cáo",
    ("report", "done_on"): "bắt buộc khi tình trạng là Đã hoàn thành",
    ("report", "document"): "số, ký hiệu và ngày, ví dụ Kế hoạch số 12/KH-UBND ngày 14/01/2026",
    ("report", "reported_on"): "ngày/tháng/năm, ví dụ 24/01/2026",
    ("amendment", "tasks"): "mỗi nhiệm vụ được điều chỉnh: chọn nhiệm vụ, ghi các trường mới",
    ("amended_task", "task"): "gõ vài chữ của nội dung hoặc mã để tìm",
    ("amended_task", "content"): "để trống nếu nội dung không đổi",
    ("amended_task", "lead"): "để trống nếu đơn vị chủ trì không đổi",
}
"""Hints for the clerk where the declared meaning speaks of stored values (`done`)."""


def _either(patterns: tuple[str, ...], *more: str) -> str:
    return "^(?:" + "|".join([p.strip("^$") for p in patterns] + list(more)) + ")$"


_MAX_ID = MAX_LENGTHS["id"]
ID = [
    f"^(?=.{{1,{_MAX_ID}}}$)" + ID_PATTERN.lstrip("^"),
    f"chỉ gồm chữ thường không dấu, số và dấu '-', tối đa {_MAX_ID} ký tự (ví dụ 2026-01-10-1)",
]
PER_PLAN = r"[Tt]heo\s+(?:KH|kh|Kh|[Kk]ế\s+hoạch)\.?"
"""'theo KH' as the form accepts it: a narrower reading of `dates.is_per_plan`."""
DEADLINE = [
    _either(DEADLINE_PATTERNS, PER_PLAN),
    "một ngày (15/01/2026), một khoảng (10-20/3/2026) hoặc 'theo KH'",
]


def deadline_from(year: int) -> list[str]:
    """DEADLINE, refusing a due date (a deadline's last year) before `year`, as `check` does
    for an amendment's new deadline."""
    before = "|".join(str(y) for y in range(FIRST_YEAR, year))
    pattern = (
        f"^(?!.*(?<!\\d)(?:{before})\\s*$)" + DEADLINE[0].lstrip("^") if before else DEADLINE[0]
    )
    return [pattern, f"một ngày (15/01/{year}), một khoảng (10-20/3/{year}) hoặc 'theo KH'"]


HTTPS = [
    r"^https://[^\s/?#.\"'<>`\\@]+\.[^\s/?#\"'<>`\\@]+(?:[/?#][^\s\"'<>`\\]*)?$",
    "đường dẫn bắt đầu bằng https:// và có tên miền, ví dụ https://haiphong.gov.vn/…",
]
PLAIN_NAME = [f"^[^{MARKUP_CHARACTERS}]*$", f"không dùng các ký tự {' '.join(MARKUP_CHARACTERS)}"]
DATE_WIDGET: Widget = {"widget": "ctct-date", "not_future": True, "years": [FIRST_YEAR, LAST_YEAR]}
"""Typed day first, checked at the field and stored as an ISO date (`static/ctct-editor.js`)."""

_BY_TYPE: dict[str, Widget] = {
    "id": {"widget": "string", "pattern": ID},
    "text": {"widget": "string"},
    "date": DATE_WIDGET,
    "integer": {"widget": "number", "value_type": "int"},
    "boolean": {"widget": "boolean", "default": False},
}


def label(record: Record, field: Field) -> str:
    """The short Vietnamese label, else the declared meaning without markup."""
    if (record.key, field.name) in LABELS:
        return LABELS[(record.key, field.name)]
    text = field.vi.replace("`", "")
    return text[:1].upper() + text[1:]


def form_field(record: Record, field: Field, special: Mapping[str, Widget]) -> Widget:
    """One form field; `special` gives the widget of a field by name (choices, nested records)."""
    widget = special.get(field.name) or _by_type(record, field)
    hint = HINTS.get((record.key, field.name)) or field.vi
    return {
        "name": field.name,
        "label": label(record, field),
        "hint": hint,
        # Needed only sometimes (`when`): not marked optional; its widget checks when.
        "required": field.required or bool(field.when),
        **widget,
    }


def form_fields(record: Record, special: Mapping[str, Widget] | None = None) -> list[Widget]:
    """Every declared field of `record`, in the declared order (the order files are written)."""
    return [form_field(record, field, special or {}) for field in record.fields]


def choice(options: list[tuple[str, str]], multiple: bool = False) -> Widget:
    """A searchable list to choose from: (value, label) pairs."""
    widget: Widget = {
        "widget": "select",
        "options": [{"label": text, "value": value} for value, text in options],
    }
    if multiple:
        widget.update(multiple=True, min=1)
    return widget


def _by_type(record: Record, field: Field) -> Widget:
    if field.type == "texts":
        item = {"name": "item", "label": label(record, field), "widget": "string"}
        return {"widget": "list", "field": item}
    if field.type not in _BY_TYPE:
        raise ValueError(
            f"{record.key}.{field.name}: kiểu '{field.type}' cần một widget riêng trong trang "
            "quản trị (generator/editor/config.py)"
        )
    return _BY_TYPE[field.type]
