"""Event stamps and tombstones from git history, and the refusal of shallow clones.

Each test makes a small git repository in a temporary folder with the fixture content, commits
edits at chosen times and builds the feeds; a commit time of 08:00 in Vietnam is 01:00 UTC.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.common.errors import Problems, Severity
from generator.feeds.calendars import add_feeds
from generator.load.content import check_content, load_content
from generator.load.history import ALLOW_SHALLOW, calendar_history
from generator.output import SiteOutput

from ..conftest import MINI, ROOT, run_git
from ..helpers import AS_OF, SITE, edit_file, events

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, when: str = "2026-01-06T08:00:00+07:00") -> None:
    run_git(repo, *args, when=when)


class Repo:
    """A git repository holding a copy of the fixture content, first commit on 06/01/2026."""

    def __init__(self, tmp: Path):
        self.top = tmp / "repo"
        self.content = self.top / "content"
        shutil.copytree(MINI, self.content)
        (self.top / "README.md").write_text("x\n")
        git(self.top, "init", "-q")
        git(self.top, "add", ".")
        git(self.top, "commit", "-q", "-m", "Chương trình 2026")

    def edit(self, old: str, new: str, file: str = "programmes/2026.yaml") -> None:
        edit_file(self.content / file, old, new)

    def commit(self, message: str, when: str) -> None:
        git(self.top, "commit", "-q", "-am", message, when=when)

    def feeds(self) -> dict[str, bytes]:
        out = SiteOutput()
        add_feeds(out, load_content(self.content, AS_OF), SITE)
        return out.files


def uid(task_id: str) -> str:
    return f"{task_id}@an-bien.ctct"


def changed_events(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    """UIDs whose block differs in any feed (the same UIDs in every feed, before and after)."""
    changed = set()
    for path, data in before.items():
        old, new = events(data), events(after[path])
        assert old.keys() == new.keys(), path
        changed |= {key for key in old if old[key] != new[key]}
    return changed


def header(data: bytes) -> str:
    return data.decode().split("BEGIN:VEVENT")[0]


def stamp_of(block: str) -> str:
    return re.search(r"^LAST-MODIFIED:(.*)\r$", block, re.M)[1]


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path)


def test_without_git_stamps_are_the_issue_date(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(MINI, copy)
    content = load_content(copy, AS_OF)
    assert content.stamps == {} and content.removed == ()
    issued = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    stamps = [content.stamp(t.id, t.programme_id) for t in content.tasks]
    assert {s.sequence for s in stamps} == {0}
    assert {s.modified for s in stamps} == {issued}
    out = SiteOutput()
    add_feeds(out, content, SITE)
    assert "DTSTAMP:20260105T000000Z\r\n" in out.files["lich/tat-ca.ics"].decode()


def test_changing_one_date_raises_only_that_events_sequence(repo):
    first = repo.feeds()
    assert "DTSTAMP:20260106T010000Z\r\n" in first["lich/tat-ca.ics"].decode()
    assert first == repo.feeds()

    # An unrelated commit outside the content changes nothing.
    (repo.top / "README.md").write_text("y\n")
    repo.commit("README", "2026-02-01T08:00:00+07:00")
    assert repo.feeds() == first

    repo.edit("deadline: 28/02/2026", "deadline: 27/02/2026")
    repo.commit("Đổi hạn", "2026-02-10T09:30:00+07:00")
    second = repo.feeds()
    assert changed_events(first, second) == {uid("2026-02-03")}
    assert all(header(first[path]) == header(second[path]) for path in first)
    block = events(second["lich/tat-ca.ics"])[uid("2026-02-03")]
    assert "SEQUENCE:0\r\n" in events(first["lich/tat-ca.ics"])[uid("2026-02-03")]
    assert "SEQUENCE:1\r\n" in block and "DTSTART;VALUE=DATE:20260227\r\n" in block
    assert "DTSTAMP:20260210T023000Z\r\n" in block
    assert "LAST-MODIFIED:20260210T023000Z\r\n" in block

    # A change that is not a date moves the time but not the sequence.
    report = "reports/2026-01-01--2026-01-14.yaml"
    repo.edit("Kế hoạch số 12/KH-UBND ngày 14/01/2026", "Kế hoạch số 12/KH-UBND", report)
    repo.commit("Sửa văn bản", "2026-03-01T07:00:00+07:00")
    third = events(repo.feeds()["lich/tat-ca.ics"])
    assert "SEQUENCE:0\r\nDTSTART" in third[uid("2026-01-01")]
    assert "DTSTAMP:20260301T000000Z" in third[uid("2026-01-01")]

    # Uncommitted edits count as a change at the newest commit's time, never the clock.
    repo.edit("deadline: 20/01/2026", "deadline: 21/01/2026")
    dirty = events(repo.feeds()["lich/tat-ca.ics"])[uid("2026-01-02")]
    assert "SEQUENCE:1\r\n" in dirty and "DTSTAMP:20260301T000000Z\r\n" in dirty


def test_renaming_a_unit_moves_exactly_its_events(repo):
    before = repo.feeds()
    repo.edit("short: Trạm Y tế\n", "short: Trạm Y tế\n    aliases: [TYT]\n", "units.yaml")
    repo.commit("Thêm cách viết", "2026-03-01T08:00:00+07:00")
    assert repo.feeds() == before  # a spelling the events never show moves nothing
    repo.edit("name: Trạm Y tế phường", "name: Trạm Y tế phường An Biên", "units.yaml")
    repo.commit("Đổi tên Trạm Y tế", "2026-03-02T08:00:00+07:00")
    after = repo.feeds()
    led = {uid("2026-01-02-1"), uid("2026-02-03")}
    assert changed_events(before, after) == led
    for key in led:
        block = events(after["lich/tat-ca.ics"])[key]
        assert stamp_of(block) == "20260302T010000Z" and "SEQUENCE:0\r\n" in block
        assert "Trạm Y tế phường An Biê" in block.replace("\r\n ", "")
    untouched = events(after["lich/tat-ca.ics"])[uid("2026-01-01")]
    assert stamp_of(untouched) == "20260106T010000Z"


def test_the_ward_moves_only_what_its_events_show(repo):
    before = repo.feeds()
    repo.edit("name: An Biên", "name: An Biên Mới", "ward.yaml")
    repo.commit("Tên phường", "2026-03-03T08:00:00+07:00")
    renamed = repo.feeds()
    assert {p: events(d) for p, d in renamed.items()} == {p: events(d) for p, d in before.items()}
    repo.edit("id: an-bien", "id: an-bien-moi", "ward.yaml")
    repo.commit("Mã phường", "2026-03-04T08:00:00+07:00")
    blocks = events(repo.feeds()["lich/tat-ca.ics"])
    assert all(key.endswith("@an-bien-moi.ctct") for key in blocks)
    assert {stamp_of(b) for b in blocks.values()} == {"20260304T010000Z"}


def test_a_commit_to_the_event_code_moves_every_event_but_no_sequence(repo):
    code = repo.top / "generator" / "feeds"
    code.mkdir(parents=True)
    (code / "events.py").write_text("# wording\n")
    git(repo.top, "add", ".")
    repo.commit("Lời văn lịch", "2026-04-01T08:00:00+07:00")
    found = calendar_history(repo.content, Problems(), watched=(code,))
    assert {s.modified.isoformat() for s in found.stamps.values()} == {"2026-04-01T01:00:00+00:00"}
    assert {s.sequence for s in found.stamps.values()} == {0}
    unwatched = calendar_history(repo.content, Problems(), watched=())
    assert {s.modified.isoformat() for s in unwatched.stamps.values()} == {
        "2026-01-06T01:00:00+00:00"
    }


@pytest.mark.parametrize("setting", ["requirements.txt", "mkdocs.yml", ".gitlab-ci.yml"])
def test_a_commit_to_the_sites_deployment_moves_every_event_but_no_sequence(repo, setting):
    """In a ward's own repository the generator is not in git: a new version arrives as a
    changed pin, the address as a changed setting, and every event moves (by default)."""
    (repo.content.parent / setting).write_text("ctct-site==9.9.9\n")
    git(repo.top, "add", ".")
    repo.commit("Cập nhật công cụ", "2026-04-02T08:00:00+07:00")
    found = calendar_history(repo.content, Problems())
    assert {s.modified.isoformat() for s in found.stamps.values()} == {"2026-04-02T01:00:00+00:00"}
    assert {s.sequence for s in found.stamps.values()} == {0}


def test_a_removed_task_stays_as_a_cancelled_event(repo):
    task = "      - id: 2026-02-03\n"
    text = (repo.content / "programmes" / "2026.yaml").read_text(encoding="utf-8")
    start = text.index(task)
    end = text.index("organisation:")
    block = text[start:end]
    repo.edit(block, "")
    repo.commit("Bỏ nhiệm vụ", "2026-03-05T08:00:00+07:00")
    feeds = repo.feeds()
    assert "lich/nhiem-vu/2026-02-03.ics" not in feeds
    for path in ("lich/tat-ca.ics", "lich/tram-y-te.ics", "lich/2026/tat-ca.ics"):
        gone = events(feeds[path])[uid("2026-02-03")]
        assert "STATUS:CANCELLED\r\n" in gone and "SEQUENCE:1\r\n" in gone, path
        assert stamp_of(gone) == "20260305T010000Z" and "\r\nURL:" not in gone
        assert "bị bỏ khỏi lịch" in gone.replace("\r\n ", "")
    assert uid("2026-02-03") not in events(feeds["lich/van-phong.ics"])

    repo.edit("organisation:", block + "organisation:")
    repo.commit("Thêm lại", "2026-03-06T08:00:00+07:00")
    back = events(repo.feeds()["lich/tat-ca.ics"])[uid("2026-02-03")]
    assert "STATUS" not in back and "SEQUENCE:2\r\n" in back


def test_a_cancelled_report_says_so_and_raises_the_sequence(repo):
    report = repo.content / "reports" / "2026-02-03--2026-02-20.yaml"
    report.write_text(
        'task: "2026-02-03"\nreported_on: 20/02/2026\nstatus: cancelled\n'
        "note: Thành phố đã tổ chức thay.\n",
        encoding="utf-8",
    )
    git(repo.top, "add", "-A")
    repo.commit("Báo cáo hủy", "2026-02-20T09:00:00+07:00")
    block = events(repo.feeds()["lich/tat-ca.ics"])[uid("2026-02-03")]
    title = re.search(r"^SUMMARY:(.*)\r$", block, re.M)[1]
    assert title.startswith("Đã hủy: ") and len(title) <= 64
    assert "STATUS:CANCELLED\r\n" in block and "SEQUENCE:1\r\n" in block
    assert stamp_of(block) == "20260220T020000Z"


def shallow_clone(repo: Repo, tmp_path: Path) -> Path:
    repo.edit("deadline: 28/02/2026", "deadline: 27/02/2026")
    repo.commit("Đổi hạn", "2026-02-10T09:30:00+07:00")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.top}", str(clone)],
        check=True,
        capture_output=True,
    )
    return clone / "content"


def test_a_shallow_clone_is_refused_unless_allowed(repo, tmp_path, monkeypatch):
    content = shallow_clone(repo, tmp_path)
    monkeypatch.delenv(ALLOW_SHALLOW, raising=False)
    model, problems = check_content(content, AS_OF)
    assert model is None
    error = next(p for p in problems if p.severity is Severity.ERROR)
    assert error.field == "lịch sử"
    for words in ("shallow clone", "git fetch --unshallow", "fetch-depth: 0", ALLOW_SHALLOW):
        assert words in error.message

    monkeypatch.setenv(ALLOW_SHALLOW, "1")
    model, problems = check_content(content, AS_OF)
    assert model is not None
    assert [p.severity for p in problems if p.field == "lịch sử"] == [Severity.WARNING]


def test_check_and_build_refuse_a_shallow_clone_cleanly(repo, tmp_path):
    content = shallow_clone(repo, tmp_path)
    env = {k: v for k, v in os.environ.items() if k != ALLOW_SHALLOW}
    env["SITE_URL"] = "https://example.org/ctct/"  # a CI build needs one (not what is tested)
    site = tmp_path / "site"
    for command in (["check"], ["build", "--site-dir", str(site)]):
        done = subprocess.run(
            [sys.executable, "-m", "generator", *command, "--content", str(content)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 1, command
        assert "git fetch --unshallow" in done.stderr and "Traceback" not in done.stderr
    assert not site.exists()


def test_the_event_code_is_every_module_the_feeds_import():
    from generator.load.history import EVENT_CODE

    names = {p.relative_to(ROOT / "generator").as_posix() for p in EVENT_CODE}
    wanted = {"common/wording.py", "common/urls.py", "common/dates.py", "domain/model.py"}
    assert {"feeds", "output.py", *wanted} <= names
    assert all(p.exists() for p in EVENT_CODE)
