"""The content format, declared once: every record of `content/`, its fields, their meaning.

This declaration drives the record readers (`load.fields.FileReader.record`: unknown, missing
fields, lengths), the importer's writer (`importer.write`, fields in the declared order) and the
field tables of `content/README.md` (`vocabulary.markdown_table`, kept in step by a test). Beside
it: the values some fields may take (`choices`; a cadence and a status are the model's
enumerations, `values`), written into the fields' meaning here, and where each record lives in
`content/` (`layout`). It imports only leaves: the declaration's vocabulary
(`vocabulary`), `choices` and `values`.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.contentformat import choices
from generator.contentformat.vocabulary import Field, Record, field, held, long
from generator.domain.values import Cadence, Status

_READ_AS = (
    "đọc là; bỏ trống (`null`) là giữ nguyên, chỉ ghi nhận",
    "what we read; `null` keeps the text, only noting it",
)


def _codes(values: Iterable[str]) -> str:
    """The values as the README writes them: "`weekly`, `monthly`"."""
    return ", ".join(f"`{value}`" for value in values)


def _corrections(correctable: tuple[str, ...], en: str) -> Field:
    """A record's optional `corrections`; each may name one of the `correctable` fields."""
    return field("corrections", "records", f"đính chính: {_codes(correctable)}", en, False)


WARD = Record(
    "ward",
    "phường",
    (
        field("id", "id", "mã phường, chữ thường không dấu (`an-bien`)", "ward id"),
        field("name", "text", "tên phường (`An Biên`)", "ward name"),
        field(
            "kind",
            "text",
            f"một trong {_codes(choices.WARD_KINDS)}",
            "ward, commune, township or special zone",
        ),
        field("city", "text", "tỉnh, thành phố (`Hải Phòng`)", "city or province"),
        field("issuer", "text", "cơ quan ban hành", "issuing body (`Ủy ban nhân dân phường …`)"),
        field(
            "code",
            "text",
            "mã đơn vị hành chính, 5 chữ số theo danh mục của Tổng cục Thống kê (`11311`)",
            "official administrative unit code (5 digits)",
            False,
        ),
        field("address", "text", "địa chỉ trụ sở", "office address", False),
        field("phone", "text", "số điện thoại (`0225 3 123 456`)", "phone number", False),
        field("email", "text", "thư điện tử", "e-mail address", False),
        field(
            "feedback_link", "text", "đường dẫn https để góp ý", "https link for feedback", False
        ),
        held(
            field(
                "info_contact_name",
                "text",
                "họ tên người đầu mối tiếp nhận yêu cầu cung cấp thông tin",
                "who receives requests for information (focal point), full name",
                False,
            ),
            model="info_contact.name",
        ),
        held(
            field(
                "info_contact_title",
                "text",
                "chức vụ của người đầu mối (`Chánh Văn phòng`)",
                "the focal point's position",
                False,
            ),
            model="info_contact.title",
        ),
        held(
            field("info_contact_phone", "text", "số điện thoại của đầu mối", "its phone", False),
            model="info_contact.phone",
        ),
        held(
            field("info_contact_email", "text", "thư điện tử của đầu mối", "its e-mail", False),
            model="info_contact.email",
        ),
        field(
            "province_portal",
            "text",
            "đường dẫn https tới cổng thông tin điện tử của tỉnh, thành phố",
            "https link to the province's portal",
            False,
        ),
        field(
            "public_service_portal",
            "text",
            "đường dẫn https tới Cổng Dịch vụ công quốc gia",
            "https link to the National Public Service Portal",
            False,
        ),
        field(
            "formed_from",
            "records",
            "các đơn vị hành chính cũ hợp thành phường từ năm 2025 (dưới đây)",
            "the former units merged into it since the 2025 reform (below)",
            False,
        ),
        field(
            "formed_by",
            "text",
            "nghị quyết thành lập (`Nghị quyết số …/NQ-UBTVQH15 ngày …`)",
            "the resolution that formed it",
            False,
        ),
    ),
)

FORMER_UNIT = Record(
    "former_unit",
    "đơn vị hành chính cũ",
    (field("name", "text", "tên như nghị quyết ghi (`xã An Hòa`)", "name, as the resolution"),),
)

UNITS_FILE = Record(
    "units",
    "danh mục đơn vị",
    (field("units", "records", "danh sách đơn vị (dưới đây)", "the list of units (below)"),),
)

UNIT = Record(
    "unit",
    "đơn vị",
    (
        field(
            "id",
            "id",
            "mã cố định, dùng trong `/don-vi/<id>/`",
            "permanent id, in page and feed URLs",
        ),
        field("name", "text", "tên đầy đủ", "full name"),
        field("short", "text", "tên ngắn (bảng, lịch)", "short name (tables, calendar)"),
        field(
            "name_en",
            "text",
            "tên tiếng Anh chính thức, cho trang tiếng Anh; không có thì trang ghi tên tiếng Việt",
            "the official English name, for the English pages (never machine-translated)",
            False,
        ),
        field("aliases", "texts", "mọi cách viết đã gặp", "every spelling seen", False),
        field("all", "boolean", "`true` cho “Các phòng, đơn vị”", "`true` for “all units”", False),
    ),
)

CORRECTION = Record(
    "correction",
    "đính chính",
    (
        field("field", "choice", "trường được đính chính", "the field corrected"),
        long(
            field(
                "as_written", "text", "lời văn bản, đúng từng chữ", "the words exactly as written"
            )
        ),
        long(field("read_as", "text", _READ_AS[0], _READ_AS[1], False)),
        long(field("reason", "text", "lý do, tiếng Việt", "why, in Vietnamese")),
    ),
)

SIGNER = Record(
    "signer",
    "người ký",
    (
        field("on_behalf", "text", "thay mặt (`TM. ỦY BAN NHÂN DÂN`)", "on behalf of"),
        field("title", "text", "chức vụ (`CHỦ TỊCH`)", "title"),
        field("name", "text", "họ tên", "name"),
    ),
)

MEETING = Record(
    "meeting",
    "lịch giao ban",
    (
        field("first", "date", "ngày họp đầu tiên", "first meeting"),
        field("time", "text", 'giờ Việt Nam (`"14:00"`)', "local time"),
        field("duration_minutes", "integer", "số phút", "duration in minutes"),
        field("until", "date", "ngày cuối", "last day", False),
        field("location", "text", "nơi họp", "where", False),
    ),
)

KEY_TASK = Record(
    "key_task",
    "nhiệm vụ trọng tâm",
    (
        field("id", "id", "mã cố định (`2026-trong-tam-01`)", "permanent id"),
        field("number", "integer", "số thứ tự", "number"),
        long(field("content", "text", "nội dung như văn bản", "text as written, no meeting note")),
        field("cadence", "choice", f"giao ban: {_codes(Cadence)}", "review-meeting cadence"),
        field(
            "cadence_as_written",
            "text",
            "lời văn bản về giao ban",
            "meeting note as written",
            False,
        ),
        field("meeting", "record", "lịch họp cụ thể (dưới đây)", "meeting schedule (below)", False),
        _corrections(choices.KEY_TASK_CORRECTABLE, "corrections"),
    ),
)

REPORT = Record(
    "report",
    "báo cáo tiến độ",
    (
        held(
            field("task", "id", "mã nhiệm vụ được báo cáo", "the id of the task reported on"),
            model="task_id",
        ),
        field("reported_on", "date", "ngày báo cáo", "the day of the report"),
        held(field("status", "choice", _codes(Status), "progress status"), "progress.status"),
        held(
            field("done_on", "date", "ngày hoàn thành", "completion date", False, "khi `done`"),
            model="progress.done_on",
        ),
        held(
            field("document", "text", "văn bản kết quả", "resulting document", False),
            model="progress.document",
        ),
        held(
            field("link", "text", "đường dẫn https tới văn bản", "https link to it", False),
            model="progress.link",
        ),
        held(long(field("note", "text", "ghi chú", "note", False)), "progress.note"),
        field("reported_by", "text", "người hoặc đơn vị báo cáo", "who reported", False),
    ),
)

TASK = Record(
    "task",
    "nhiệm vụ",
    (
        field("id", "id", "mã cố định `<năm>-<tháng>-<số>`", "permanent id, e.g. `2026-01-10-1`"),
        field("number", "text", 'cột TT như văn bản (`"10.1"`)', "the TT cell as written"),
        held(
            field("parent", "id", "`id` của mục cha", "the parent's id", False, "với mục con"),
            model="parent_id",
        ),
        long(field("content", "text", "cột Nội dung như văn bản", "the content as written")),
        held(
            field(
                "lead",
                "text",
                'cột Chủ trì như văn bản; `""` nếu trống',
                "the lead cell as written",
            ),
            model="lead_as_written",
            export="lead_as_written",
        ),
        field(
            "deadline", "text", "`15/01/2026`, `10-20/3/2026`, `theo KH`", "date, range, per plan"
        ),
        _corrections(choices.TASK_CORRECTABLE, "corrections"),
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
        field("month", "integer", "số tháng 1–12", "month number"),
        field("heading", "text", "tiêu đề tháng như văn bản", "the heading as written"),
        _corrections(choices.MONTH_CORRECTABLE, "corrections to the heading"),
        field("tasks", "records", "các dòng của bảng, theo thứ tự", "the table rows, in order"),
    ),
)

PROGRAMME = Record(
    "programme",
    "chương trình",
    (
        field("id", "id", 'mã chương trình = năm (`"2026"`)', "programme id, the year"),
        field("year", "integer", "năm", "year"),
        field("title", "text", "tên chương trình như văn bản", "title as written"),
        field("issuer", "text", "cơ quan ban hành", "issuing body"),
        field("document_number", "text", "số hiệu (`05/CTr-UBND`)", "document number", False),
        field("issued_on", "date", "ngày ban hành", "date issued", False),
        field(
            "source_document",
            "text",
            "văn bản gốc: tệp trong thư mục dữ liệu (`sources/….txt`), URL, hoặc nơi lưu",
            "official text: a file under content/, a URL, or where it is kept",
        ),
        long(field("legal_bases", "texts", "các căn cứ", "the legal bases")),
        long(field("preamble", "text", "câu dẫn", "introducing sentence", False)),
        field("key_tasks", "records", "nhiệm vụ trọng tâm (dưới đây)", "key tasks (below)"),
        field("months", "records", "các tháng (dưới đây)", "months (below)"),
        long(
            field("organisation", "texts", "mục II. Tổ chức thực hiện", "section II, one item each")
        ),
        long(field("closing", "text", "đoạn kết", "closing paragraph", False)),
        field("recipients", "texts", "nơi nhận", "recipients"),
        field("signer", "record", "người ký (dưới đây)", "signer (below)"),
        field(
            "read_by_ocr",
            "text",
            "văn bản được đọc bằng nhận dạng chữ (OCR) từ bản quét: bằng gì, những ô nào cần "
            "kiểm tra; để trống khi văn bản có chữ",
            "the text was read by OCR from a scan: how, and which cells to check",
            False,
        ),
        _corrections(choices.PROGRAMME_CORRECTABLE, "programme-level corrections"),
    ),
    retired=(
        (
            "amendments",
            "mỗi lần điều chỉnh nay là một tệp riêng amendments/<mã>.yaml, nêu các trường mới "
            "của từng nhiệm vụ; tệp chương trình giữ nguyên như văn bản ban hành. Xem "
            "content/README.md, mục “Điều chỉnh chương trình”",
        ),
    ),
)

AMENDMENT = Record(
    "amendment",
    "điều chỉnh",
    (
        field(
            "programme", "id", 'mã chương trình được điều chỉnh (`"2026"`)', "the programme's id"
        ),
        field(
            "decided_on", "date", "ngày của văn bản điều chỉnh", "date of the adjusting decision"
        ),
        field(
            "decision",
            "text",
            "văn bản điều chỉnh (`Quyết định số 15/QĐ-UBND ngày 10/3/2026`)",
            "the decision that adjusted the programme",
        ),
        long(field("reason", "text", "lý do điều chỉnh", "why the programme was adjusted")),
        field(
            "tasks",
            "records",
            "các nhiệm vụ được điều chỉnh, mỗi nhiệm vụ với trường mới (dưới đây)",
            "the tasks adjusted, each with its new fields (below)",
        ),
        field("link", "text", "đường dẫn https tới văn bản", "https link to the decision", False),
    ),
)

AMENDED_TASK = Record(
    "amended_task",
    "nhiệm vụ được điều chỉnh",
    (
        field("task", "id", "mã nhiệm vụ", "the task's id"),
        long(field("content", "text", "nội dung mới", "new content", False)),
        field("lead", "text", "đơn vị chủ trì mới, như văn bản", "new lead unit", False),
        field(
            "deadline", "text", "thời hạn mới (`20/03/2026`, `10-25/3/2026`)", "new deadline", False
        ),
    ),
)

CONFIRMATION = Record(
    "confirmation",
    "đối chiếu với bản giấy",
    (
        field("programme", "id", 'mã chương trình được đối chiếu (`"2026"`)', "the programme's id"),
        field("checked_on", "date", "ngày đối chiếu", "the day a person checked the rows"),
        field(
            "checked_by",
            "text",
            "người đối chiếu (họ tên, chức vụ)",
            "who checked them (name, position)",
        ),
        field(
            "rows",
            "texts",
            "mã các nhiệm vụ (cả nhiệm vụ trọng tâm) đã đối chiếu với bản giấy, hoặc `all` khi "
            "đã đối chiếu cả văn bản",
            "the ids of the rows checked against the paper, or `all`: the whole text",
        ),
    ),
)

RECORDS = (
    WARD,
    FORMER_UNIT,
    UNITS_FILE,
    UNIT,
    PROGRAMME,
    AMENDMENT,
    AMENDED_TASK,
    CONFIRMATION,
    KEY_TASK,
    MEETING,
    MONTH,
    TASK,
    REPORT,
    CORRECTION,
    SIGNER,
)
