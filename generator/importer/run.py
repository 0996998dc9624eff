"""Import an official programme document (Word .docx, PDF, or plain text) into content YAML.

The recipe: read the file as lines (`source`), split them into the document's parts, read each
part into the domain model (anomalies kept as written and recorded as corrections, unreadable
rows reported as errors), group the lead cells into units, and, only when there is no error,
write `ward.yaml`, `units.yaml` and `programmes/<year>.yaml`.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path, PurePosixPath

from generator.common.errors import Problem, Problems, unwritable
from generator.common.safewrite import UnsafeWrite
from generator.contentformat import layout
from generator.domain.model import Programme, Signer, Source, Unit, Ward
from generator.importer.ocr_review import (
    FOLDER,
    corrected_source,
    ocr_note,
    review,
    review_files,
    settle_leads,
)
from generator.importer.outfolder import (
    links_on_the_way,
    same_ward,
    taken,
    ward_files,
    write_review_or_say,
)
from generator.importer.parts import (
    read_front,
    read_key_tasks,
    read_organisation,
    read_recipients,
    read_signer,
    split_parts,
)
from generator.importer.pdf_source import PdfProblems
from generator.importer.source import read_source
from generator.importer.table import read_table
from generator.importer.text import END, START, ImportProblems, Line
from generator.importer.unit_registry import build_units, read_registry, slug
from generator.importer.write import render, write_files

_ISSUER = r"(?:[uủ][yỷ]\s+ban\s+nhân\s+dân|ubnd)\s+"
_WARD = re.compile(_ISSUER + r"(phường|xã)\s+", re.IGNORECASE)
_CITY = re.compile(_ISSUER + r"(?:thành\s+phố|tỉnh)\s+", re.IGNORECASE)
_WARD_PLAIN = re.compile(r"^(phường|xã)\s+", re.IGNORECASE)  # a header line: 'PHƯỜNG AN BIÊN'
_CITY_PLAIN = re.compile(r"(?:thành\s+phố|tỉnh)\s+", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class Imported:
    """Everything read from one document, ready to be written."""

    ward: Ward
    units: tuple[Unit, ...]
    programme: Programme


def run_import(
    source: Path,
    out: Path,
    *,
    units_file: Path | None = None,
    year: int | None = None,
    ward_name: str | None = None,
    city: str | None = None,
    source_document: str | None = None,
    force: bool = False,
    review_folder: Path | None = None,
) -> list[Problem]:
    """Import `source` into `out`; returns every problem (nothing is written if one is an error).

    `units_file` is an existing units.yaml whose ids and names are kept. The keyword overrides
    replace what is otherwise found in the text: the programme `year`, the `ward_name` and the
    `city`. Unless `source_document` says where the official document is (a URL, a sentence),
    the source is copied to `out/sources/` and named from there. No existing file of `out` is
    ever changed unless `force`: it may hold corrections and progress added by hand. A scanned
    PDF also gets the review folder (`ocr_review`), written even when there are errors: it shows
    what to check; it is `out/kiem-tra-ocr` unless `review_folder` says where (then it is
    always written there). The review's corrected `van-ban.txt` imports with its scan as the
    source document and `read_by_ocr` saying which cells a person checked.
    """
    problems = Problems()
    read = read_source(source, problems)
    existing = read_registry(units_file, problems) if units_file is not None else ()
    if read is None or problems.has_errors:
        return problems.sorted()
    corrected = corrected_source(source)
    document = corrected[0] if corrected else source  # a corrected review: its scan
    copied = source_name(document.name)
    where = source_document or f"{layout.SOURCES}/{copied}"
    lines, report = read
    scan = report.scan if isinstance(report, PdfProblems) else None
    if scan is not None:
        settle_leads(lines, scan, existing)
    imported = model_of_document(
        lines,
        report,
        existing,
        where,
        year=year,
        ward_name=ward_name,
        city=city,
    )
    checked: dict[str, str | bytes] = {}
    folder = review_folder or out / FOLDER
    shown = FOLDER if review_folder is None else str(review_folder)
    if scan is not None:
        tasks = {t.source.line: t.id for t in imported.programme.tasks} if imported else {}
        flags = review(lines, report, scan, problems, existing, tasks, shown)
        checked = review_files(lines, scan, flags, source)
        if imported is not None:
            imported = _read_by_ocr(imported, ocr_note(scan, flags))
    elif corrected and imported is not None:
        imported = _read_by_ocr(imported, corrected[1])
    failed = imported is None or problems.has_errors
    if checked and (failed or review_folder is not None):  # what to check, to fix errors
        write_review_or_say(folder, checked, source.name, problems, force=force)
        checked = {}
    if imported is not None and not problems.has_errors:
        same_ward(imported.ward, ward_files(out, units_file), problems, source.name)
    checked.pop(f"{FOLDER}/{source.name}", None)  # the scan is kept in sources/
    if imported is not None and not problems.has_errors:
        files = render(imported.ward, imported.units, imported.programme) | checked
        if source_document is None:
            files[f"{layout.SOURCES}/{copied}"] = document.read_bytes()
        if links := links_on_the_way(out, files):
            problems.error(source.name, 1, "out", links)
            return problems.sorted()
        if not force and (existing_files := taken(out, files)):
            problems.error(
                source.name,
                1,
                "out",
                f"{', '.join(existing_files)} đã có trong {out}; dữ liệu trong đó có thể đã được "
                "sửa tay (đính chính, tiến độ). Nhập vào một thư mục trống rồi so sánh, hoặc thêm "
                "--force để ghi đè",
            )
            if checked:  # the review still shows what was read
                write_review_or_say(folder, checked, source.name, problems, force=False)
            return problems.sorted()
        try:
            write_files(out, files)
        except UnsafeWrite as exc:
            problems.error(source.name, 1, "out", str(exc))
        except OSError as exc:
            problems.error(source.name, 1, "out", unwritable(out, exc))
    return problems.sorted()


def _read_by_ocr(imported: Imported, note: str) -> Imported:
    programme = dataclasses.replace(imported.programme, read_by_ocr=note)
    return dataclasses.replace(imported, programme=programme)


def model_of_document(
    lines: list[Line],
    report: ImportProblems,
    existing: tuple[Unit, ...],
    source_document: str,
    *,
    year: int | None = None,
    ward_name: str | None = None,
    city: str | None = None,
) -> Imported | None:
    """The document as model objects; None when it cannot be read at all (see `report`)."""
    parts = split_parts(lines)
    front = read_front(parts.front, report)
    year = year or front.year
    if year is None:
        report.error(
            START,
            "year",
            "không tìm thấy năm của chương trình; dòng tiêu đề cần ghi "
            "'Công tác năm 2026' (hoặc năm tương ứng), hoặc chạy lại lệnh nhập với "
            "--year 2027",
        )
        return None
    ward = find_ward("\n".join(line.text for line in lines), report, ward_name, city)
    months = read_table(parts.table, year, report)
    if not months:
        report.error(
            END,
            "months",
            "không tìm thấy bảng nhiệm vụ cụ thể (các dòng "
            f"'Tháng 01/2026' và dòng nhiệm vụ có 4 {report.columns})",
        )
    tasks = tuple(task for month in months for task in month.tasks)
    units, unit_of = build_units(tasks, existing, report)
    months = tuple(
        dataclasses.replace(
            month,
            tasks=tuple(
                dataclasses.replace(task, lead_unit_id=unit_of.get(task.lead_as_written))
                for task in month.tasks
            ),
        )
        for month in months
    )
    organisation, closing = read_organisation(parts.organisation, report)
    recipients = read_recipients(parts.recipients, report)
    signer = read_signer(parts.signer, report)
    _require(report, signer, organisation, recipients)
    programme = Programme(
        id=str(year),
        year=year,
        title=front.title or f"Chương trình công tác năm {year}",
        issuer=ward.issuer,
        document_number=front.document_number,
        issued_on=front.issued_on,
        source_document=source_document,
        legal_bases=front.legal_bases,
        preamble=front.preamble,
        key_tasks=read_key_tasks(parts.key, year, report),
        months=months,
        organisation=organisation,
        closing=closing,
        recipients=recipients,
        signer=signer or Signer("", "", ""),
        source=Source(report.label, front.title_line),
    )
    return Imported(ward, units, programme)


def _require(
    report: ImportProblems,
    signer: Signer | None,
    organisation: tuple[str, ...],
    recipients: tuple[str, ...],
) -> None:
    if signer is None:
        report.error(
            END,
            "signer",
            "không đọc được phần người ký; cần các dòng 'TM. ỦY BAN "
            "NHÂN DÂN', 'CHỦ TỊCH', một dòng trống, rồi họ tên người ký",
        )
    if not organisation:
        report.warn(END, "organisation", "không tìm thấy mục 'II. TỔ CHỨC THỰC HIỆN'")
    if not recipients:
        report.warn(END, "recipients", "không tìm thấy phần 'Nơi nhận:'")


def find_ward(text: str, report: ImportProblems, name: str | None, city: str | None) -> Ward:
    """The ward and city named in the text ('Ủy ban nhân dân phường An Biên')."""
    found = _named(text, _WARD) or _named(text, _WARD_PLAIN)
    kind = found[0].lower() if found else "phường"
    name = name or (found[1] if found else None)
    city_found = _named(text, _CITY) or _named(text, _CITY_PLAIN)
    city = city or (city_found[1] if city_found else None)
    if not name:
        report.error(
            START,
            "phường",
            "không tìm thấy tên phường hoặc xã trong văn bản (cần một câu "
            "như 'Ủy ban nhân dân phường An Biên'), hoặc chạy lại lệnh nhập với "
            "--ward 'An Biên'",
        )
    if not city:
        report.error(
            START,
            "city",
            "không tìm thấy tỉnh hoặc thành phố trong văn bản (cần một câu "
            "như 'Ủy ban nhân dân thành phố Hải Phòng'), hoặc chạy lại lệnh nhập với "
            "--city 'Hải Phòng'",
        )
    name, city = name or "", city or ""
    return Ward(slug(name), name, kind, city, f"Ủy ban nhân dân {kind} {name}".strip())


def _named(text: str, pattern: re.Pattern[str]) -> tuple[str, str] | None:
    """The first match of `pattern` followed by a capitalised proper name, as (kind, name)."""
    for line in text.split("\n"):
        for m in pattern.finditer(line):
            words = []
            for word in line[m.end() :].split():
                core = word.rstrip(".,;:)/")
                if not core or not core[0].isupper():
                    break
                words.append(core)
                if core != word:
                    break
            if words:
                name = " ".join(words)
                kind = m[1] if pattern.groups else ""
                return kind, (name.title() if name.isupper() else name)
    return None


def source_name(name: str) -> str:
    """The official document's name in `sources/`: what a clerk's Word saved ('Chương trình
    2027 (bản ký).docx') in the letters a file name of the content may hold
    ('chuong-trinh-2027-ban-ky.docx')."""
    path = PurePosixPath(name)
    return f"{slug(path.stem) or 'van-ban'}{path.suffix.lower()}"
