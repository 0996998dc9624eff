"""Importer, document stage: split the text into its parts and read all but the table.

Parts, in document order: the front (title, legal bases, preamble), the key tasks
('Nhiệm vụ trọng tâm'), the table ('Nhiệm vụ cụ thể', see `importer_table`), section II
('Tổ chức thực hiện') with the closing paragraph, the recipients ('Nơi nhận') and the signer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.common.dates import DateError, fold_accents, make_date
from generator.domain.model import Cadence, KeyTask, Signer, Source
from generator.importer.text import MARKUP, ImportProblems, Line, cells_of, is_header, strip_markup

_ROMAN = r"[ivxlh1|]{1,4}\."
"""A section's Roman number ('II.'), also as a scan may read it ('H.', 'Il.')."""
_KEY = re.compile(rf"^(?:{_ROMAN}|\d+\.|[a-z][.)])?\s*nhiem vu trong tam\s*:?$")
_TABLE = re.compile(rf"^(?:{_ROMAN}|\d+\.|[a-z][.)])?\s*nhiem vu cu the\s*:?$")
_ORGANISATION = re.compile(rf"^(?:{_ROMAN}|\d+\.)?\s*to chuc thuc hien\s*:?$")
_RECIPIENTS = re.compile(r"^noi nhan\s*:?")
_SIGNER = re.compile(r"^(?:tm|kt|tl|tuq|q)\.\s")
_CLOSING = re.compile(r"^tren day la\b")
_BULLET = re.compile(r"^[-–+•]\s*")
_TITLE = re.compile(r"công tác năm\s+(\d{4})", re.IGNORECASE)
_NUMBER = re.compile(r"^số\s*:\s*(\S+)", re.IGNORECASE)
_ISSUED = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_KEY_TASK = re.compile(r"^(\d{1,2})\s*[.)]\s*(.+)$")
_NOTE = re.compile(r"\(\s*\*?\s*(giao ban[^()]*?)\s*\*?\s*\)", re.IGNORECASE)
_CADENCES = (  # checked in order, on the folded note
    (("2 tuan", "hai tuan"), Cadence.EVERY_2_WEEKS),
    (("hang tuan", "moi tuan", "1 tuan"), Cadence.WEEKLY),
    (("hang thang", "moi thang", "1 thang"), Cadence.MONTHLY),
    (("hang quy", "moi quy", "1 quy"), Cadence.QUARTERLY),
)


@dataclass
class Parts:
    """The lines of each part of the document."""

    front: list[Line] = field(default_factory=list)
    key: list[Line] = field(default_factory=list)
    table: list[Line] = field(default_factory=list)
    organisation: list[Line] = field(default_factory=list)
    recipients: list[Line] = field(default_factory=list)
    signer: list[Line] = field(default_factory=list)


def split_parts(lines: list[Line]) -> Parts:
    parts, part = Parts(), "front"
    for line in lines:
        plain = fold_accents(MARKUP.sub("", line.text)).strip(" \t*-–+•")  # a bullet or bold mark
        heading = "\t" not in line.text.strip()
        if heading and _KEY.match(plain):
            part = "key"
        elif heading and _TABLE.match(plain):
            part = "table"
        elif heading and _ORGANISATION.match(plain):
            part = "organisation"
        elif heading and _RECIPIENTS.match(plain):
            part = "recipients"
            rest = line.text.split(":", 1)[1] if ":" in line.text else ""
            if rest.strip():
                parts.recipients.append(Line(line.number, rest))
        else:
            if part in ("front", "key") and is_header(cells_of(line.text)):
                part = "table"
            elif part in ("organisation", "recipients") and _SIGNER.match(plain):
                part = "signer"
            getattr(parts, part).append(line)
    return parts


@dataclass(frozen=True)
class Front:
    """What the front of the document says."""

    year: int | None
    title: str
    title_line: int
    legal_bases: tuple[str, ...]
    preamble: str
    document_number: str
    issued_on: dt.date | None


def read_front(lines: list[Line], report: ImportProblems) -> Front:
    year, title, title_line = None, "", 1
    bases: list[str] = []
    preamble = number = ""
    issued: dt.date | None = None
    previous = ""
    for line in lines:
        text = strip_markup(" ".join(line.text.split()), line.number, "văn bản", report)
        if not text:
            continue
        if (m := _NUMBER.match(text)) and not number:
            number = m[1].rstrip(".,;")
            if not number[:1].isdigit():  # 'Số:    /CTr-UBND', a draft not numbered yet
                report.warn(
                    line.number,
                    "document_number",
                    f"văn bản chưa ghi số ('{text}'); để trống document_number, "
                    "ghi số vào sau khi văn bản được ban hành",
                )
                number = ""
        elif year is None and not _BULLET.match(text) and (m := _TITLE.search(text)):
            year, title, title_line = int(m[1]), _title(previous, text), line.number
        elif year is not None and (_BULLET.match(text) or fold_accents(text).startswith("can cu")):
            bases.append(_BULLET.sub("", text))
        elif year is not None and "nhu sau" in fold_accents(text) and not preamble:
            preamble = text
        elif (m := _ISSUED.search(text)) and issued is None:
            try:
                issued = make_date(int(m[1]), int(m[2]), int(m[3]), m[0])
            except DateError as exc:
                report.warn(line.number, "issued_on", f"{exc}; bỏ qua ngày ban hành")
        previous = text
    return Front(year, title, title_line, tuple(bases), preamble, number, issued)


def _title(previous: str, line: str) -> str:
    """'CHƯƠNG TRÌNH' + 'Công tác năm 2026 ...' → 'Chương trình công tác năm 2026 ...'."""
    if (
        previous.isupper()
        and len(previous.split()) <= 4
        and not fold_accents(line).startswith(fold_accents(previous))
    ):
        return f"{previous.capitalize()} {line[:1].lower()}{line[1:]}"
    return line


def read_key_tasks(lines: list[Line], year: int, report: ImportProblems) -> tuple[KeyTask, ...]:
    entries: list[tuple[int, int, str]] = []
    for line in lines:
        text = strip_markup(" ".join(line.text.split()), line.number, "key_tasks", report)
        if not text:
            continue
        if m := _KEY_TASK.match(text):
            entries.append((line.number, int(m[1]), m[2]))
        elif entries:
            at, number, before = entries[-1]
            entries[-1] = (at, number, f"{before} {text}")
        else:
            report.warn(
                line.number,
                "key_tasks",
                f"dòng '{text[:60]}' không thuộc nhiệm vụ trọng "
                "tâm nào (mỗi nhiệm vụ bắt đầu bằng số thứ tự, ví dụ '1.'); đã bỏ qua",
            )
    tasks, ids = [], set()
    for at, number, text in entries:
        content, note, cadence = _split_note(text)
        if note and cadence is Cadence.NONE:
            report.warn(
                at,
                "cadence",
                f"không nhận ra nhịp giao ban trong '{note}'; ghi cadence "
                "none, sửa lại tay nếu cần (weekly, every_2_weeks, monthly, quarterly)",
            )
        key_id = f"{year}-trong-tam-{number:02d}"
        if key_id in ids:
            report.error(at, "number", f"nhiệm vụ trọng tâm số {number} bị lặp; mỗi số một lần")
        ids.add(key_id)
        tasks.append(
            KeyTask(key_id, number, content, cadence, note, None, (), Source(report.label, at))
        )
    return tuple(tasks)


def _split_note(text: str) -> tuple[str, str, Cadence]:
    """Content without the '(Giao ban ...)' note, the note as written, and its cadence."""
    m = _NOTE.search(text)
    if m is None:
        return text, "", Cadence.NONE
    before, after = text[: m.start()].rstrip(), text[m.end() :].strip()
    content = f"{before} {after}" if after[:1].isalnum() else before + after
    note = m[1].strip(" *")
    folded = fold_accents(note)
    cadence = next((c for words, c in _CADENCES if any(w in folded for w in words)), Cadence.NONE)
    return content, note, cadence


def read_organisation(lines: list[Line], report: ImportProblems) -> tuple[tuple[str, ...], str]:
    """Section II, one entry a paragraph, and the closing paragraph ('Trên đây là ...')."""
    items, closing = [], ""
    for line in lines:
        text = strip_markup(" ".join(line.text.split()), line.number, "organisation", report)
        if _CLOSING.match(fold_accents(text)) and not closing:
            closing = text
        elif text:
            items.append(text)
    return tuple(items), closing


def read_recipients(lines: list[Line], report: ImportProblems) -> tuple[str, ...]:
    found = (
        strip_markup(" ".join(line.text.split()), line.number, "recipients", report)
        for line in lines
    )
    return tuple(_BULLET.sub("", text) for text in found if text)


def read_signer(lines: list[Line], report: ImportProblems) -> Signer | None:
    """'TM. ỦY BAN NHÂN DÂN' / 'CHỦ TỊCH' / (blank) / the name."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        text = strip_markup(" ".join(line.text.split()), line.number, "signer", report)
        if text:
            blocks[-1].append(text)
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    if not blocks:
        return None
    head = blocks[0] if len(blocks) > 1 else blocks[0][:-1]
    name = blocks[1][0] if len(blocks) > 1 else blocks[0][-1]
    if len(head) < 2:
        return None
    return Signer(head[0], " ".join(head[1:]), name)
