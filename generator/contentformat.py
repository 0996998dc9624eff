"""The content format, declared once: every record of `content/`, its fields, their meaning.

This declaration drives the record readers (`load.fields.FileReader.record`: unknown, missing
fields), the importer's writer (key order, `importer.write.ordered`) and the field tables of
`content/README.md` (`markdown_table`, kept in step by a test). A leaf: it imports nothing of ours.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPES = {
    "text": "chữ / text",
    "id": "mã / id",
    "date": "ngày / date",
    "integer": "số / number",
    "boolean": "`true`/`false`",
    "texts": "danh sách chữ / list of text",
    "records": "danh sách bản ghi / list of records",
    "record": "bản ghi / record",
    "choice": "một giá trị / one of",
}


@dataclass(frozen=True)
class Field:
    """One field of a record."""

    name: str
    """The YAML key."""
    type: str
    """A key of `TYPES`."""
    vi: str
    """Meaning in Vietnamese, for the clerk."""
    en: str
    """Meaning in English."""
    required: bool = True
    when: str = ""
    """For an optional field that some records need: when it is needed ('khi `done`')."""


@dataclass(frozen=True)
class Record:
    """One kind of record: the fields it may hold, in the order files write them."""

    key: str
    """Name of the record kind, e.g. 'task'."""
    what: str
    """How errors name it, in Vietnamese: 'nhiệm vụ'."""
    fields: tuple[Field, ...]
    retired: tuple[tuple[str, str], ...] = ()
    """Fields of earlier formats, each with where its data lives now (in Vietnamese)."""

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def optional(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if not f.required)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _f(name: str, type_: str, vi: str, en: str, required: bool = True, when: str = "") -> Field:
    return Field(name, type_, vi, en, required, when)


WARD = Record(
    "ward",
    "phường",
    (
        _f("id", "id", "mã phường, chữ thường không dấu (`le-ich-moc`)", "ward id"),
        _f("name", "text", "tên phường (`Lê Ích Mộc`)", "ward name"),
        _f("kind", "text", "`phường` hoặc `xã`", "ward or commune"),
        _f("city", "text", "tỉnh, thành phố (`Hải Phòng`)", "city or province"),
        _f("issuer", "text", "cơ quan ban hành", "issuing body (`Ủy ban nhân dân phường …`)"),
    ),
)

UNITS_FILE = Record(
    "units",
    "danh mục đơn vị",
    (_f("units", "records", "danh sách đơn vị (dưới đây)", "the list of units (below)"),),
)

UNIT = Record(
    "unit",
    "đơn vị",
    (
        _f(
            "id",
            "id",
            "mã cố định, dùng trong `/don-vi/<id>/`",
            "permanent id, in page and feed URLs",
        ),
        _f("name", "text", "tên đầy đủ", "full name"),
        _f("short", "text", "tên ngắn (bảng, lịch)", "short name (tables, calendar)"),
        _f("aliases", "texts", "mọi cách viết đã gặp", "every spelling seen", False),
        _f("all", "boolean", "`true` cho “Các phòng, đơn vị”", "`true` for “all units”", False),
    ),
)

CORRECTION = Record(
    "correction",
    "đính chính",
    (
        _f("field", "choice", "trường được đính chính", "the field corrected"),
        _f("as_written", "text", "lời văn bản, đúng từng chữ", "the words exactly as written"),
        _f(
            "read_as",
            "text",
            "đọc là; bỏ trống (`null`) là giữ nguyên, chỉ ghi nhận",
            "what we read; `null` keeps the text, only noting it",
            False,
        ),
        _f("reason", "text", "lý do, tiếng Việt", "why, in Vietnamese"),
    ),
)

SIGNER = Record(
    "signer",
    "người ký",
    (
        _f("on_behalf", "text", "thay mặt (`TM. ỦY BAN NHÂN DÂN`)", "on behalf of"),
        _f("title", "text", "chức vụ (`CHỦ TỊCH`)", "title"),
        _f("name", "text", "họ tên", "name"),
    ),
)

MEETING = Record(
    "meeting",
    "lịch giao ban",
    (
        _f("first", "date", "ngày họp đầu tiên", "first meeting"),
        _f("time", "text", 'giờ Việt Nam (`"14:00"`)', "local time"),
        _f("duration_minutes", "integer", "số phút", "duration in minutes"),
        _f("until", "date", "ngày cuối", "last day", False),
        _f("location", "text", "nơi họp", "where", False),
    ),
)

KEY_TASK = Record(
    "key_task",
    "nhiệm vụ trọng tâm",
    (
        _f("id", "id", "mã cố định (`2026-trong-tam-01`)", "permanent id"),
        _f("number", "integer", "số thứ tự", "number"),
        _f("content", "text", "nội dung như văn bản", "text as written, without the meeting note"),
        _f(
            "cadence",
            "choice",
            "giao ban: `weekly`, `every_2_weeks`, `monthly`, `quarterly`, `none`",
            "review-meeting cadence",
        ),
        _f(
            "cadence_as_written",
            "text",
            "lời văn bản về giao ban",
            "meeting note as written",
            False,
        ),
        _f("meeting", "record", "lịch họp cụ thể (dưới đây)", "meeting schedule (below)", False),
        _f("corrections", "records", "đính chính: `content`, `cadence`", "corrections", False),
    ),
)

REPORT = Record(
    "report",
    "báo cáo tiến độ",
    (
        _f("task", "id", "mã nhiệm vụ được báo cáo", "the id of the task reported on"),
        _f("reported_on", "date", "ngày báo cáo", "the day of the report"),
        _f(
            "status",
            "choice",
            "`not_started`, `in_progress`, `done`, `postponed`, `cancelled`",
            "progress status",
        ),
        _f("done_on", "date", "ngày hoàn thành", "completion date", False, "khi `done`"),
        _f("document", "text", "văn bản kết quả", "resulting document", False),
        _f("link", "text", "đường dẫn https tới văn bản", "https link to it", False),
        _f("note", "text", "ghi chú", "note", False),
        _f("reported_by", "text", "người hoặc đơn vị báo cáo", "who reported", False),
    ),
)

TASK = Record(
    "task",
    "nhiệm vụ",
    (
        _f("id", "id", "mã cố định `<năm>-<tháng>-<số>`", "permanent id, e.g. `2026-01-10-1`"),
        _f("number", "text", 'cột TT như văn bản (`"10.1"`)', "the TT cell as written"),
        _f("parent", "id", "`id` của mục cha", "the parent's id", False, "với mục con"),
        _f("content", "text", "cột Nội dung như văn bản", "the content as written"),
        _f("lead", "text", 'cột Chủ trì như văn bản; `""` nếu trống', "the lead cell as written"),
        _f("deadline", "text", "`15/01/2026`, `10-20/3/2026`, `theo KH`", "date, range, per plan"),
        _f(
            "corrections",
            "records",
            "đính chính: `deadline`, `lead`, `number`, `content`",
            "corrections",
            False,
        ),
    ),
    retired=(
        (
            "progress",
            "tiến độ nay ghi thành tệp riêng trong reports/ (lệnh `python -m generator "
            "report`, hoặc trang quản trị); xem content/README.md, mục “Báo cáo tiến độ”",
        ),
    ),
)

MONTH = Record(
    "month",
    "tháng",
    (
        _f("month", "integer", "số tháng 1–12", "month number"),
        _f("heading", "text", "tiêu đề tháng như văn bản", "the heading as written"),
        _f("corrections", "records", "đính chính: `heading`", "corrections to the heading", False),
        _f("tasks", "records", "các dòng của bảng, theo thứ tự", "the table rows, in order"),
    ),
)

PROGRAMME = Record(
    "programme",
    "chương trình",
    (
        _f("id", "id", 'mã chương trình = năm (`"2026"`)', "programme id, the year"),
        _f("year", "integer", "năm", "year"),
        _f("title", "text", "tên chương trình như văn bản", "title as written"),
        _f("issuer", "text", "cơ quan ban hành", "issuing body"),
        _f("document_number", "text", "số hiệu (`05/CTr-UBND`)", "document number", False),
        _f("issued_on", "date", "ngày ban hành", "date issued", False),
        _f(
            "source_document",
            "text",
            "văn bản gốc: tệp trong thư mục dữ liệu (`sources/….txt`), URL, hoặc nơi lưu",
            "official text: a file under content/, a URL, or where it is kept",
        ),
        _f("legal_bases", "texts", "các căn cứ", "the legal bases"),
        _f("preamble", "text", "câu dẫn", "introducing sentence", False),
        _f("key_tasks", "records", "nhiệm vụ trọng tâm (dưới đây)", "key tasks (below)"),
        _f("months", "records", "các tháng (dưới đây)", "months (below)"),
        _f("organisation", "texts", "mục II. Tổ chức thực hiện", "section II, one item each"),
        _f("closing", "text", "đoạn kết", "closing paragraph", False),
        _f("recipients", "texts", "nơi nhận", "recipients"),
        _f("signer", "record", "người ký (dưới đây)", "signer (below)"),
        _f(
            "corrections",
            "records",
            "đính chính: `title`, `issuer`, `document_number`, `issued_on`",
            "programme-level corrections",
            False,
        ),
        _f(
            "amendments",
            "records",
            "các lần điều chỉnh chương trình (dưới đây)",
            "adjustments of the programme (below)",
            False,
        ),
    ),
)

AMENDMENT = Record(
    "amendment",
    "điều chỉnh",
    (
        _f("id", "id", "mã cố định (`2026-dieu-chinh-01`)", "permanent id"),
        _f("decided_on", "date", "ngày của văn bản điều chỉnh", "date of the adjusting decision"),
        _f(
            "decision",
            "text",
            "văn bản điều chỉnh (`Quyết định số 15/QĐ-UBND ngày 10/3/2026`)",
            "the decision that adjusted the programme",
        ),
        _f("reason", "text", "lý do điều chỉnh", "why the programme was adjusted"),
        _f(
            "tasks",
            "texts",
            "mã các nhiệm vụ được điều chỉnh, thêm hoặc bỏ",
            "ids of the tasks changed, added or removed",
        ),
        _f("link", "text", "đường dẫn https tới văn bản", "https link to the decision", False),
    ),
)

RECORDS = (
    WARD,
    UNITS_FILE,
    UNIT,
    PROGRAMME,
    AMENDMENT,
    KEY_TASK,
    MEETING,
    MONTH,
    TASK,
    REPORT,
    CORRECTION,
    SIGNER,
)


def markdown_table(record: Record) -> str:
    """The README table of a record: field, required, type, meaning in Vietnamese and English."""
    rows = [
        "| trường / field | bắt buộc / required | kiểu / type | ý nghĩa / meaning |",
        "|---|---|---|---|",
    ]
    for f in record.fields:
        required = "có / yes" if f.required else (f.when or "không / no")
        rows.append(f"| `{f.name}` | {required} | {TYPES[f.type]} | {f.vi} / {f.en} |")
    return "\n".join(rows) + "\n"
