"""The programme's life from git, event by event, in a small repository made for the test:
issue, adjust a deadline with its decision, report, reformat, a bad commit reverted, a typo
fix, a task added without a decision, a task removed."""

from __future__ import annotations

import datetime as dt
import shutil

import feedparser
import pytest
import yaml

from generator.domain.model import ChangeKind, Content
from generator.load.content import load_content
from generator.output import SiteInfo, SiteOutput
from generator.reporting.report import write_report
from generator.site import render_site

from ..conftest import MINI, run_git
from ..helpers import AMENDMENT, edit_file

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

AS_OF = dt.date(2026, 3, 20)
SITE = SiteInfo("https://example.org/ctct/", AS_OF)
AMENDMENT_ID = "2026-02-10-quyet-dinh-so-15"


class Repo:
    def __init__(self, tmp):
        self.top = tmp / "repo"
        self.content = self.top / "content"
        shutil.copytree(MINI, self.content)
        run_git(self.top, "init", "-q")
        self.commit("Chương trình 2026", "2026-01-06T08:00:00+07:00")

    @property
    def programme(self):
        return self.content / "programmes" / "2026.yaml"

    def edit(self, old: str, new: str) -> None:
        edit_file(self.programme, old, new)

    def commit(self, message: str, when: str) -> None:
        run_git(self.top, "add", "-A")
        run_git(self.top, "commit", "-qm", message, when=when)

    def load(self) -> Content:
        return load_content(self.content, AS_OF)


@pytest.fixture(scope="module")
def lived(tmp_path_factory) -> Repo:
    repo = Repo(tmp_path_factory.mktemp("life"))
    issued = repo.programme.read_bytes()
    (repo.content / "amendments").mkdir()
    (repo.content / "amendments" / f"{AMENDMENT_ID}.yaml").write_text(AMENDMENT, encoding="utf-8")
    repo.commit("Điều chỉnh hạn", "2026-02-11T09:00:00+07:00")
    assert repo.programme.read_bytes() == issued  # the programme stays as issued
    document = "Báo cáo số 5/BC-UBND ngày 19/02/2026"
    fields = {"status": "done", "done_on": "19/02/2026", "document": document}
    path, problems = write_report(repo.content, "2026-02-01", dt.date(2026, 2, 20), fields)
    assert path is not None, problems
    repo.commit("Báo cáo tiến độ", "2026-02-20T10:00:00+07:00")
    data = yaml.safe_load(repo.programme.read_text(encoding="utf-8"))
    data["months"].reverse()  # an editor rewrites the file: order and layout change, not meaning
    repo.programme.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=True))
    repo.commit("Định dạng lại", "2026-02-21T10:00:00+07:00")
    good = repo.programme.read_bytes()
    repo.programme.write_text("x: &r [*r]\n")
    repo.commit("Lỗi", "2026-02-22T10:00:00+07:00")
    repo.programme.write_bytes(good)
    repo.commit("Hoàn tác", "2026-02-22T11:00:00+07:00")
    repo.edit("content: Kiểm tra an toàn thực phẩm", "content: Kiểm tra an toàn thực phẩm.")
    repo.commit("Sửa chính tả", "2026-03-01T10:00:00+07:00")
    data = yaml.safe_load(repo.programme.read_text(encoding="utf-8"))
    january = next(m for m in data["months"] if m["month"] == 1)
    task = next(t for t in january["tasks"] if str(t["id"]) == "2026-01-03")
    task["id"] = "2026-01-04"  # one task gone, another one new
    repo.programme.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=True))
    repo.commit("Thêm bỏ nhiệm vụ", "2026-03-05T10:00:00+07:00")
    return repo


def events_of(content: Content, task_id: str):
    return [
        (c.kind, c.when.strftime("%Y-%m-%d"), c.fields)
        for c in content.changes
        if c.task_id == task_id
    ]


def test_a_deadline_moved_with_its_decision(lived):
    content = lived.load()
    amended = [
        c for c in content.changes if c.task_id == "2026-02-03" and c.kind is ChangeKind.AMENDED
    ]
    assert len(amended) == 1
    (change,) = amended
    assert [(f.field, f.before, f.after) for f in change.fields] == [
        ("deadline", "Thứ Bảy, 28/02/2026", "Chủ Nhật, 15/03/2026")
    ]
    assert change.amendment is not None and change.amendment.id == AMENDMENT_ID
    assert change.when == dt.datetime(2026, 2, 11, 2, 0, tzinfo=dt.UTC)


def test_each_task_tells_its_story_event_by_event(lived):
    content = lived.load()
    story = events_of(content, "2026-02-03")
    kinds = [kind for kind, _, _ in story]
    assert kinds == [ChangeKind.ISSUED, ChangeKind.AMENDED, ChangeKind.MINOR]
    assert story[2][1] == "2026-03-01"  # the typo fix, not the reformat nor the bad commit
    assert [k for k, _, _ in events_of(content, "2026-02-01")] == [
        ChangeKind.ISSUED,
        ChangeKind.REPORTED,
    ]
    assert [k for k, _, _ in events_of(content, "2026-01-03")] == [
        ChangeKind.ISSUED,
        ChangeKind.REMOVED,
    ]
    added = [c for c in content.changes if c.task_id == "2026-01-04"]
    assert [c.kind for c in added] == [ChangeKind.ADDED] and added[0].amendment is None


def test_reformatting_and_a_reverted_bad_commit_are_not_changes(lived):
    content = lived.load()
    days = {c.when.date() for c in content.changes if c.kind is not ChangeKind.REPORTED}
    assert dt.date(2026, 2, 21) not in days and dt.date(2026, 2, 22) not in days


def build(repo: Repo) -> SiteOutput:
    return render_site(repo.load(), SITE)


def test_the_changes_page_and_the_task_page_show_the_old_and_new_date(lived):
    output = build(lived)
    pages = {p.path: p.body for p in output.pages}
    changes = pages["thay-doi/index.md"]
    assert "<del>Thứ Bảy, 28/02/2026</del> → <ins>Chủ Nhật, 15/03/2026</ins>" in changes
    assert "Quyết định số 15/QĐ-UBND ngày 10/02/2026" in changes
    assert "Không ghi văn bản điều chỉnh" in changes  # the task added without a decision
    assert "Sửa lỗi chữ" not in changes  # minor: only on the task's own page
    assert "Báo cáo số 5/BC-UBND ngày 19/02/2026" in changes
    reported = pages["nhiem-vu/2026-02-01.md"]
    assert "Đã hoàn thành ngày 19/02/2026" in reported and "Báo cáo số 5/BC-UBND" in reported
    task = pages["nhiem-vu/2026-02-03.md"]
    assert "<del>Thứ Bảy, 28/02/2026</del>" in task and "Sửa lỗi chữ" in task


def test_the_atom_feed_is_valid_and_has_an_entry_for_the_change(lived):
    data = build(lived).files["thay-doi/atom.xml"]
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    titles = [e.title for e in feed.entries]
    assert any(t.startswith("Điều chỉnh: Kiểm tra an toàn thực phẩm") for t in titles)
    assert any(t.startswith("Báo cáo tiến độ:") for t in titles)
    entry = next(e for e in feed.entries if e.title.startswith("Điều chỉnh"))
    assert entry.link == "https://example.org/ctct/nhiem-vu/2026-02-03/"
    assert "28/02/2026" in entry.summary and "15/03/2026" in entry.summary
    assert entry.id.startswith("urn:uuid:") and tuple(entry.updated_parsed)[:5] == (
        2026,
        2,
        11,
        2,
        0,
    )
    assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_two_builds_give_identical_changes_files(lived):
    first, second = build(lived), build(lived)
    for path in ("thay-doi/atom.xml", "du-lieu/lich-su.csv"):
        assert first.files[path] == second.files[path]
    page = [p.body for p in first.pages if p.path == "thay-doi/index.md"]
    assert page == [p.body for p in second.pages if p.path == "thay-doi/index.md"]


def test_entry_ids_do_not_depend_on_the_site_address(lived):
    content = lived.load()
    ids = [
        [
            e.id
            for e in feedparser.parse(render_site(content, site).files["thay-doi/atom.xml"]).entries
        ]
        for site in (SITE, SiteInfo("https://ward.example.gov.vn/", AS_OF))
    ]
    assert ids[0] == ids[1]


def test_as_issued_is_dated_by_the_issue_date_not_the_first_commit(tmp_path):
    repo = Repo(tmp_path)  # committed 06/01/2026; the fixture says issued_on: 05/01/2026
    issued = [c for c in repo.load().changes if c.kind is ChangeKind.ISSUED]
    assert issued and {c.when for c in issued} == {dt.datetime(2026, 1, 4, 17, tzinfo=dt.UTC)}


def test_without_an_issue_date_the_first_version_says_it_is_the_publication_day(tmp_path):
    repo = Repo(tmp_path)
    repo.edit("issued_on: 05/01/2026\n", "")
    repo.commit("Bỏ ngày ban hành", "2026-01-07T08:00:00+07:00")
    shutil.rmtree(repo.top / ".git")
    run_git(repo.top, "init", "-q")
    repo.commit("Chương trình 2026", "2026-01-07T08:00:00+07:00")
    changes = [c for c in repo.load().changes if c.kind is not ChangeKind.REPORTED]
    assert {c.kind for c in changes} == {ChangeKind.PUBLISHED}
    assert {c.when for c in changes} == {dt.datetime(2026, 1, 7, 1, tzinfo=dt.UTC)}
    pages = {page.path: page for page in render_site(repo.load(), SITE).pages}
    body = pages["nhiem-vu/2026-01-01.md"].body
    assert "07/01/2026</span> <strong>Đăng lên trang ngày này (văn bản không ghi ngày" in body


def test_the_data_is_dated_by_its_last_change_not_by_the_build(lived):
    """The footer's 'Dữ liệu cập nhật': the last commit that changed what the content says."""
    assert lived.load().updated == dt.datetime(2026, 3, 5, 3, 0, tzinfo=dt.UTC)


def test_a_reformatting_commit_does_not_date_the_data(tmp_path):
    repo = Repo(tmp_path)
    data = yaml.safe_load(repo.programme.read_text(encoding="utf-8"))
    repo.programme.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=True))
    repo.commit("Định dạng lại", "2026-02-21T10:00:00+07:00")
    assert repo.load().updated == dt.datetime(2026, 1, 6, 1, 0, tzinfo=dt.UTC)
    assert load_content(repo.content, AS_OF, history=False).updated is None


def test_only_the_newest_commits_are_read_after_the_content_as_it_stood(tmp_path, monkeypatch):
    """`gitlog.MAX_COMMITS` caps the history read: the commit before the newest ones is read
    whole, as the first version, and a warning says older history was not read."""
    from generator.load import gitlog
    from generator.load.content import check_content

    repo = Repo(tmp_path)
    line = next(
        x for x in repo.programme.read_text(encoding="utf-8").splitlines() if "deadline:" in x
    )
    for n in range(4):
        repo.edit(line, line + " ") if n % 2 == 0 else repo.edit(line + " ", line)
        repo.commit(f"Sửa {n}", f"2026-02-0{n + 1}T08:00:00+07:00")
    whole = gitlog.read_log(repo.content)
    monkeypatch.setattr(gitlog, "MAX_COMMITS", 2)
    capped = gitlog.read_log(repo.content)
    assert [v.commit for v in capped.versions] == [v.commit for v in whole.versions[-3:]]
    every = {path for v in whole.versions for path, text in v.changed.items() if text}
    assert set(capped.versions[0].changed) == every and len(every) > 1
    assert capped.versions[0].changed["ward.yaml"] == whole.versions[0].changed["ward.yaml"]
    content, problems = check_content(repo.content, AS_OF)
    assert content is not None
    said = [str(p) for p in problems if "chỉ đọc 2 commit mới nhất" in str(p)]
    assert len(said) == 1 and "không đọc" in said[0]
