"""Helpers shared by several test files: one home, so that no test file imports another."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from generator.common.errors import Problem, Severity
from generator.domain.model import Content, MeetingSchedule, Programme
from generator.feeds.calendars import add_feeds
from generator.importer.run import run_import
from generator.importer.source import read_source
from generator.load.content import load_content
from generator.output import SiteInfo, SiteOutput

from .conftest import MINI, ROOT, run_git

SOURCE_2026 = ROOT / "tests" / "fixtures" / "year" / "sources" / "ctct-2026-phuong-binh-minh.txt"


READABLE = (".txt", ".docx")
_NUMBER = re.compile(r"\d+(\.\d+)*")


def import_ok(source: Path, out: Path) -> list[Problem]:
    problems = run_import(source, out)
    assert not errors(problems), problems
    return problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def task_rows(content: Content) -> list[tuple]:
    return [
        (t.id, t.number, t.parent_id, t.content, t.lead_as_written, t.lead_unit_id)
        + (t.deadline.as_written, t.deadline.start, t.deadline.end, t.corrections)
        for t in content.tasks
    ]


def import_pair(tmp: Path, kind: str, made: Path) -> dict[str, tuple[Content, list[Problem], Path]]:
    """The 2026 programme imported from its text and from `made`, the same text in another form
    (a `kind` file)."""
    found = {}
    for name, source in (("text", SOURCE_2026), (kind, made)):
        problems = import_ok(source, tmp / name)
        found[name] = (load_content(tmp / name, as_of=AS_OF), problems, tmp / name)
    return found


def amended(programme: Programme) -> set[str]:
    """The ids of the tasks its recorded amendments adjust, add or remove."""
    return {task_id for a in programme.amendments for task_id in a.task_ids}


def sources(content: Content, folder: Path) -> list[tuple[Programme, Path]]:
    """Each programme with the official document it was imported from, when readable."""
    found = []
    for programme in content.programmes:
        path = folder / programme.source_document
        if path.suffix.lower() in READABLE and path.is_file():
            found.append((programme, path))
    return found


def source_rows(path: Path) -> list[list[str]]:
    """The document's task rows, as the importer reads its lines but counted here on their own:
    a row whose first cell is a number like 1 or 10.1."""
    from generator.common.errors import Problems

    read = read_source(path, Problems())
    assert read is not None, path
    rows = [line.text.split("\t") for line in read[0] if "\t" in line.text]
    return [r for r in rows if _NUMBER.fullmatch(re.sub(r"</?u>", "", r[0]).strip())]


PACKAGE = ("generator/", "theme/")
"""The generator and its theme: the same for every ward, so they name none. A ward's own
files (content/, its README, mkdocs.yml with its colours) may name it."""


def build(content: Path, site: Path, env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(site.parent),
        **env_extra,
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--content",
            str(content),
            "--site-dir",
            str(site),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


FIXTURE = ROOT / "tests" / "fixtures" / "import" / "ctct-2027-xa-an-hoa.txt"


AMENDMENT = """programme: "2026"
decided_on: 10/02/2026
decision: Quyết định số 15/QĐ-UBND ngày 10/02/2026
reason: Chờ hướng dẫn của thành phố.
tasks:
  - task: 2026-02-03
    deadline: 15/03/2026
"""


BOMB = "\n".join(
    [
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        *(
            f"{k}: &{k} [{','.join([f'*{p}'] * 9)}]"
            for p, k in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


SITE = SiteInfo(url="https://example.org/ctct/", as_of=dt.date(2026, 11, 24))


AS_OF = SITE.as_of


def feeds_of(content: Content, site: SiteInfo = SITE) -> dict[str, bytes]:
    out = SiteOutput()
    add_feeds(out, content, site)
    return out.files


def events(data: bytes) -> dict[str, str]:
    """The VEVENT blocks of a feed, by UID, as text."""
    blocks = re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data.decode(), re.S)
    return {re.search(r"^UID:(.*)\r$", b, re.M)[1]: b for b in blocks}


def unescape(value: object) -> str:
    """An RFC 5545 TEXT value as written in the file, read back."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(value))


def with_meetings(content: Content, meeting: MeetingSchedule | None, cadence=None) -> Content:
    programmes = tuple(
        dataclasses.replace(
            p,
            key_tasks=tuple(
                dataclasses.replace(
                    k, meeting=meeting if k.number == 1 else None, cadence=cadence or k.cadence
                )
                for k in p.key_tasks
            ),
        )
        for p in content.programmes
    )
    return Content(content.ward, content.units, programmes)


def replaced(text: str, old: str, new: str, count: int | None = 1, where: str = "") -> str:
    """`text` with `old` replaced by `new`, failing unless `old` is there `count` times (None:
    at least once, every one replaced): an edit that silently matched nothing tests nothing."""
    found = text.count(old)
    assert found == count if count is not None else found > 0, f"{where}{old!r} found {found}×"
    return text.replace(old, new)


def edit_file(path: Path, old: str, new: str, count: int | None = 1) -> str:
    """Replace `old` by `new` in a fixture file (`replaced`); the new text."""
    changed = replaced(path.read_text(encoding="utf-8"), old, new, count, f"{path.name}: ")
    path.write_text(changed, encoding="utf-8")
    return changed


# --- golden files (tests/golden/README.md) ----------------------------------------------------

GOLDEN = ROOT / "tests" / "golden"


def match_golden(folder: Path, files: dict[str, bytes]) -> None:
    """`files` (name → bytes) are exactly the golden files in `folder`, byte for byte. With
    UPDATE_GOLDEN set they are written there first: then read every changed line."""
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(folder, ignore_errors=True)
        for name, data in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        (folder / ".gitattributes").write_text("* -text\n")
    stored = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert stored - {".gitattributes"} == set(files)
    for name, data in files.items():
        assert data == (folder / name).read_bytes(), name


def one_tag_a_line(xml: bytes) -> bytes:
    """A one-line XML file as its golden file keeps it, readable: a line break between tags
    (text never holds `><`: it is escaped)."""
    return xml.replace(b"><", b">\n<")


LIVED_AS_OF = dt.date(2026, 3, 20)
LIVED_SITE = SiteInfo("https://example.org/ctct/", LIVED_AS_OF)


def mini_with_history(top: Path) -> Path:
    """The fixture programme in a git repository `top`, with a short life: issued (committed
    06/01/2026), a deadline moved by a decision (11/02), a task's text corrected without one
    (01/03, with `&`, `<` and quotes to escape). Returns its content folder."""
    content = top / "content"
    shutil.copytree(MINI, content)
    run_git(top, "init", "-q")
    run_git(top, "add", "-A")
    run_git(top, "commit", "-qm", "Chương trình 2026", when="2026-01-06T08:00:00+07:00")
    (content / "amendments").mkdir()
    (content / "amendments" / "2026-02-10-quyet-dinh-so-15.yaml").write_text(
        AMENDMENT, encoding="utf-8"
    )
    run_git(top, "add", "-A")
    run_git(top, "commit", "-qm", "Điều chỉnh hạn", when="2026-02-11T09:00:00+07:00")
    edit_file(
        content / "programmes" / "2026.yaml",
        "content: Kiểm tra an toàn thực phẩm",
        'content: Kiểm tra "an toàn" thực phẩm & nước uống <đóng chai>',
    )
    run_git(top, "commit", "-qam", "Sửa nội dung", when="2026-03-01T10:00:00+07:00")
    return content
