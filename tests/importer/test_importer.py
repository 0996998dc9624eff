"""The importer: a plain-text programme document → content YAML, anomalies recorded, never lost."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.cli import main as cli_main
from generator.common.errors import Problem, Severity
from generator.domain.model import Cadence, Content, Task
from generator.importer.run import run_import
from generator.load.content import load_content

from ..helpers import FIXTURE, replaced

AS_OF = dt.date(2026, 1, 1)
FILES = ("ward.yaml", "units.yaml")


def fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only line containing `needle`."""
    found = [i for i, line in enumerate(text.split("\n"), start=1) if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


def write_doc(
    tmp_path: Path, text: str, name: str = "doc.txt", *, raw: bytes | None = None
) -> Path:
    path = tmp_path / name
    path.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return path


def import_ok(source: Path, out: Path, **kwargs) -> list[Problem]:
    problems = run_import(source, out, **kwargs)
    assert not [p for p in problems if p.severity is Severity.ERROR], problems
    return problems


def imported(tmp_path: Path, text: str | None = None) -> tuple[Content, list[Problem]]:
    source = FIXTURE if text is None else write_doc(tmp_path, text)
    problems = import_ok(source, tmp_path / "out")
    return load_content(tmp_path / "out", as_of=AS_OF), problems


def task(content: Content, task_id: str) -> Task:
    return next(t for t in content.tasks if t.id == task_id)


def warnings_at(problems: list[Problem], line: int) -> list[Problem]:
    return [p for p in problems if p.line == line and p.severity is Severity.WARNING]


# --- a whole document of another ward and year ---------------------------------------------


def test_imports_another_ward_and_year(tmp_path):
    content, problems = imported(tmp_path)
    assert {p.file for p in problems} == {FIXTURE.name}
    ward = content.ward
    assert (ward.id, ward.name, ward.kind, ward.city) == ("an-hoa", "An Hòa", "xã", "Bắc Ninh")
    assert ward.issuer == "Ủy ban nhân dân xã An Hòa"
    (programme,) = content.programmes
    assert (programme.id, programme.year) == ("2027", 2027)
    assert programme.title == "Chương trình công tác năm 2027 của Ủy ban nhân dân xã"
    assert programme.document_number == "07/CTr-UBND"
    assert programme.issued_on == dt.date(2027, 1, 6)
    assert programme.legal_bases[0].startswith("Căn cứ Chương trình công tác năm 2027")
    assert programme.preamble.endswith("như sau:")
    assert programme.organisation == (
        "1. Các phòng, đơn vị tổ chức thực hiện đúng tiến độ.",
        "2. Văn phòng HĐND và UBND theo dõi, đôn đốc.",
    )
    assert programme.closing.startswith("Trên đây là")
    assert programme.recipients == ("UBND tỉnh;", "Lưu: VT.")
    signer = programme.signer
    assert (signer.on_behalf, signer.title, signer.name) == (
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Thị Bình",
    )
    assert [m.heading for m in programme.months] == [
        "Tháng 1/2027",
        "Tháng 02/2027",
        "Tháng 3/2026",
    ]


def test_key_tasks_cadences_and_content_without_meeting_note(tmp_path):
    content, _ = imported(tmp_path)
    keys = content.programmes[0].key_tasks
    assert [k.id for k in keys] == [f"2027-trong-tam-0{n}" for n in range(1, 6)]
    assert [k.cadence for k in keys] == [
        Cadence.WEEKLY,
        Cadence.EVERY_2_WEEKS,
        Cadence.MONTHLY,
        Cadence.QUARTERLY,
        Cadence.NONE,
    ]
    assert keys[0].content == "Nâng cao chất lượng khám chữa bệnh ban đầu"
    assert keys[0].cadence_as_written == "Giao ban chuyên đề hằng tuần"
    assert keys[1].content == "Thu ngân sách và giải ngân vốn đầu tư công."
    assert keys[3].content == "Bảo đảm quốc phòng, an ninh trên địa bàn xã."
    assert keys[4].cadence_as_written == ""


def test_task_ids_sub_items_and_repeated_header(tmp_path):
    content, _ = imported(tmp_path)
    january, february, march = content.programmes[0].months
    assert [(t.id, t.number, t.parent_id) for t in january.tasks] == [
        ("2027-01-01", "1", None),
        ("2027-01-02", "2", None),
        ("2027-01-02-1", "2.1", "2027-01-02"),
        ("2027-01-02-2", "2.2", "2027-01-02"),
        ("2027-01-03", "3", None),
    ]
    # the header repeated at the page break is skipped; the rows after it stay in February
    assert [t.id for t in february.tasks][-2:] == ["2027-02-03-b", "2027-02-04"]
    assert task(content, "2027-01-03").deadline.as_written == "theo KH"
    assert task(content, "2027-02-01").deadline.start == dt.date(2027, 2, 10)


def test_units_grouped_by_spelling(tmp_path):
    content, _ = imported(tmp_path)
    units = {u.id: u for u in content.units}
    assert list(units) == [
        "cong-an-xa",
        "phong-tai-chinh-ke-hoach",
        "tram-y-te",
        "van-phong-hdnd-va-ubnd",
        "cac-phong-don-vi",
    ]
    finance = units["phong-tai-chinh-ke-hoach"]
    assert (finance.name, finance.short) == ("Phòng Tài chính - Kế hoạch", "Phòng TC-KH")
    assert finance.aliases == (
        "Phòng TC-KH",
        "Phòng Tài chính - Kế hoạch",
        "Phòng Tài chính – Kế hoạch",
    )
    health = units["tram-y-te"]
    assert (health.name, health.short) == ("Trạm Y tế xã", "Trạm Y tế")
    assert units["cac-phong-don-vi"].is_all
    assert task(content, "2027-01-02-1").lead_unit_id == "phong-tai-chinh-ke-hoach"
    assert task(content, "2027-02-01").lead_unit_id == "tram-y-te"


def test_units_file_keeps_ids_and_names_and_adds_aliases(tmp_path):
    registry = tmp_path / "units.yaml"
    registry.write_text(
        "units:\n"
        "  - id: tai-chinh\n    name: Phòng Tài chính - Kế hoạch xã\n    short: Phòng TC-KH\n"
        "    aliases:\n      - Phòng Tài chính - Kế hoạch\n"
        "  - id: dia-chinh\n    name: Công chức Địa chính - Xây dựng\n    short: Địa chính\n",
        encoding="utf-8",
    )
    import_ok(FIXTURE, tmp_path / "out", units_file=registry)
    content = load_content(tmp_path / "out", as_of=AS_OF)
    units = {u.id: u for u in content.units}
    assert list(units)[:2] == ["tai-chinh", "dia-chinh"]
    finance = units["tai-chinh"]
    assert (finance.name, finance.short) == ("Phòng Tài chính - Kế hoạch xã", "Phòng TC-KH")
    assert finance.aliases == ("Phòng Tài chính - Kế hoạch", "Phòng Tài chính – Kế hoạch")
    assert "tram-y-te" in units
    assert task(content, "2027-01-02-2").lead_unit_id == "tai-chinh"


# --- anomalies: kept as written, recorded as corrections, warned with the source line -------


def test_heading_with_wrong_year(tmp_path):
    content, problems = imported(tmp_path)
    march = content.programmes[0].months[2]
    (c,) = march.corrections
    assert (c.field, c.as_written, c.read_as) == ("heading", "Tháng 3/2026", "Tháng 3/2027")
    assert "2026" in c.reason
    assert [p.field for p in warnings_at(problems, line_of(fixture_text(), "Tháng 3/2026"))] == [
        "heading"
    ]


def test_deadline_with_wrong_year_is_read_with_programme_year(tmp_path):
    content, problems = imported(tmp_path)
    t = task(content, "2027-03-01")
    assert (t.deadline.as_written, t.deadline.end) == ("05/03/2026", dt.date(2027, 3, 5))
    c = t.correction_for("deadline")
    assert (c.as_written, c.read_as) == ("05/03/2026", "05/03/2027")
    line = line_of(fixture_text(), "05/03/2026")
    assert [p.field for p in warnings_at(problems, line)] == ["deadline"]
    assert t.source.line != line  # the model's line is the YAML line, the warning the source's


def test_deadline_outside_its_month_is_kept_and_recorded(tmp_path):
    content, problems = imported(tmp_path)
    c = task(content, "2027-03-02").correction_for("deadline")
    assert (c.as_written, c.read_as) == ("20/4/2027", None)
    assert warnings_at(problems, line_of(fixture_text(), "20/4/2027"))[0].field == "deadline"


def test_gap_and_repeat_in_numbering(tmp_path):
    content, problems = imported(tmp_path)
    text = fixture_text()
    gap = task(content, "2027-03-04").correction_for("number")
    assert (gap.as_written, gap.read_as) == ("4", None)
    assert "không có số 3" in gap.reason
    assert "number" in {p.field for p in warnings_at(problems, line_of(text, "an ninh trật tự"))}
    repeat = task(content, "2027-02-03-b").correction_for("number")
    assert (repeat.as_written, repeat.read_as) == ("3", None)
    assert task(content, "2027-02-03").correction_for("number") is None
    fields = {p.field for p in warnings_at(problems, line_of(text, "kết quả **tiêm chủng**"))}
    assert {"id", "number"} <= fields


def test_blank_lead_cell(tmp_path):
    content, problems = imported(tmp_path)
    t = task(content, "2027-02-02")
    assert (t.lead_as_written, t.lead_unit_id) == ("", None)
    c = t.correction_for("lead")
    assert (c.as_written, c.read_as) == ("", None)
    assert warnings_at(problems, line_of(fixture_text(), "đón Tết"))[0].field == "lead"


def test_markup_leftovers_stripped_with_warning(tmp_path):
    content, problems = imported(tmp_path)
    text = fixture_text()
    assert task(content, "2027-02-03").number == "3"
    assert task(content, "2027-02-03-b").content == "Báo cáo kết quả tiêm chủng tháng 01"
    assert task(content, "2027-02-04").content == "Rà soát hộ nghèo (đợt 1)"
    for needle, field in (("<u>3</u>", "number"), ("<i>", "content"), ("**KT.", "signer")):
        messages = [
            p.message for p in warnings_at(problems, line_of(text, needle)) if p.field == field
        ]
        assert messages and "định dạng" in messages[0], needle


# --- encodings and line endings ---------------------------------------------------------------


def test_bom_and_crlf_give_the_same_files(tmp_path):
    raw = b"\xef\xbb\xbf" + fixture_text().replace("\n", "\r\n").encode("utf-8")
    source = write_doc(tmp_path, "", FIXTURE.name, raw=raw)
    import_ok(source, tmp_path / "crlf", source_document="x.txt")
    import_ok(FIXTURE, tmp_path / "lf", source_document="x.txt")
    for name in (*FILES, "programmes/2027.yaml"):
        assert (tmp_path / "crlf" / name).read_bytes() == (tmp_path / "lf" / name).read_bytes()


def test_two_imports_give_identical_bytes(tmp_path):
    import_ok(FIXTURE, tmp_path / "a")
    import_ok(FIXTURE, tmp_path / "b")
    for name in (*FILES, "programmes/2027.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_yaml_quotes_what_yaml_could_misread(tmp_path):
    import_ok(FIXTURE, tmp_path / "out")
    text = (tmp_path / "out" / "programmes" / "2027.yaml").read_text(encoding="utf-8")
    assert 'id: "2027"\n' in text
    assert '  - id: "2027-01-01"\n' in text
    assert 'number: "2.1"' in text
    assert 'lead: ""' in text
    assert "\nmonths:\n  - month: 1\n    heading: Tháng 1/2027\n" in text


def test_non_utf8_file_is_an_error_naming_the_line(tmp_path):
    raw = replaced(fixture_text(), "Trạm Y tế xã", "\0", None).encode()
    raw = raw.replace(b"\0", "Tr\xe1m Y t\xea".encode("latin-1"))
    source = write_doc(tmp_path, "", raw=raw)
    problems = run_import(source, tmp_path / "out")
    (error,) = problems
    line = line_of(fixture_text(), "Trạm Y tế xã")
    assert (error.file, error.line, error.severity) == ("doc.txt", line, Severity.ERROR)
    assert "UTF-8" in error.message
    assert not (tmp_path / "out").exists()


# --- rows that cannot be read: errors naming the line, nothing written ------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("\t28/02/2027", "\t30/02/2027", "deadline", "không tồn tại"),
        ("\t28/02/2027", "\tcuối tháng", "deadline", "không đọc được thời hạn"),
        ("\t28/02/2027", "\t", "deadline", "để trống"),
        ("4\tRà soát", "4.1\tRà soát", "parent", "dòng cha"),
        ("4\tRà soát", "Ghi chú: Rà soát", "bảng", "không đọc được dòng"),
        ("\tVăn phòng HĐND và UBND\t28/02/2027", "\t28/02/2027", "bảng", "cần đúng 4 cột"),
    ],
)
def test_unreadable_row_is_an_error_and_nothing_is_written(tmp_path, old, new, field, words):
    text = fixture_text()
    line = line_of(text, "Rà soát hộ nghèo")
    source = write_doc(tmp_path, replaced(text, old, new))
    problems = run_import(source, tmp_path / "out")
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert [(e.file, e.line, e.field) for e in errors] == [("doc.txt", line, field)]
    assert words in errors[0].message
    assert not (tmp_path / "out").exists()


def test_row_before_any_month_heading_is_an_error(tmp_path):
    text = replaced(fixture_text(), "Tháng 1/2027\t\t\t\n", "")
    problems = run_import(write_doc(tmp_path, text), tmp_path / "out")
    lines = {p.line for p in problems if p.severity is Severity.ERROR}
    assert lines == set(range(30, 35))
    assert not (tmp_path / "out").exists()


def test_ward_city_and_year_can_be_given(tmp_path):
    text = re.sub(
        r"(Ủy ban nhân dân|ỦY BAN NHÂN DÂN|XÃ AN HÒA|tỉnh Bắc Ninh)", "Cơ quan", fixture_text()
    )
    source = write_doc(tmp_path, text)
    problems = run_import(source, tmp_path / "no")
    assert {p.field for p in problems if p.severity is Severity.ERROR} == {"phường", "city"}
    import_ok(source, tmp_path / "out", ward_name="An Hòa", city="Bắc Ninh")
    assert load_content(tmp_path / "out", as_of=AS_OF).ward.id == "an-hoa"
    no_year = re.sub("công tác năm 2027", "công tác", fixture_text(), flags=re.IGNORECASE)
    untitled = write_doc(tmp_path, no_year, "u.txt")
    assert [p.field for p in run_import(untitled, tmp_path / "no")] == ["year"]
    import_ok(untitled, tmp_path / "year", year=2027)
    assert load_content(tmp_path / "year", as_of=AS_OF).programmes[0].year == 2027


def test_cli_import_reports_and_fails_on_errors(tmp_path, capsys):
    bad = write_doc(tmp_path, replaced(fixture_text(), "\t28/02/2027", "\t31/02/2027"))
    assert cli_main(["import", str(bad), "--out", str(tmp_path / "bad")]) == 1
    assert "doc.txt:" in capsys.readouterr().err
    assert cli_main(["import", str(FIXTURE), "--out", str(tmp_path / "ok")]) == 0
