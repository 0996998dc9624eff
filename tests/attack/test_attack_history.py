"""Attack class: a bad commit in git history, already reverted, must not break later builds."""

from __future__ import annotations

import shutil

import pytest

from generator.load.content import check_content

from ..conftest import AS_OF, MINI, run_git
from ..helpers import BOMB, edit_file

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BAD_VERSIONS = {
    "alias bomb": BOMB + "\n",
    "circular alias": "x: &r [*r]\n",
    "not UTF-8": b"id: \xff\xfe\n",
    "a NUL byte": "id: a\x00b\n",
    "not a mapping": "- a\n- b\n",
    "broken YAML": "id: [\n",
}


@pytest.mark.parametrize("bad", BAD_VERSIONS, ids=list(BAD_VERSIONS))
def test_a_reverted_bad_commit_is_skipped_with_a_notice(tmp_path, bad):
    repo, content = _repo(tmp_path)
    programme = content / "programmes" / "2026.yaml"
    good = programme.read_bytes()
    data = BAD_VERSIONS[bad]
    programme.write_bytes(data if isinstance(data, bytes) else data.encode())
    run_git(repo, "commit", "-qam", "Lỗi", when="2026-01-07T08:00:00+07:00")
    bad_commit = run_git(repo, "rev-parse", "--short=10", "HEAD").strip()
    programme.write_bytes(good)
    run_git(repo, "commit", "-qam", "Hoàn tác", when="2026-01-08T08:00:00+07:00")

    loaded, problems = check_content(content, AS_OF)

    assert loaded is not None, problems
    notices = [p for p in problems if p.field == "lịch sử"]
    assert [p.file for p in notices] == ["content/programmes/2026.yaml"]
    assert bad_commit in notices[0].message
    assert loaded.stamps, "the readable versions still give stamps"


def _repo(tmp_path):
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(MINI, content)
    run_git(repo, "init", "-q")
    run_git(repo, "add", ".")
    run_git(repo, "commit", "-qm", "Chương trình")
    return repo, content


def test_a_huge_file_in_history_is_passed_over_before_it_is_read(tmp_path):
    repo, content = _repo(tmp_path)
    huge = content / "reports" / "2026-01-02--2026-01-20.yaml"
    huge.write_text("task: 2026-01-02\nnote: " + "x" * 6_000_000 + "\n")
    run_git(repo, "add", ".")
    run_git(repo, "commit", "-qm", "Tệp lớn", when="2026-01-07T08:00:00+07:00")
    big = run_git(repo, "rev-parse", "--short=10", "HEAD").strip()
    huge.unlink()
    run_git(repo, "commit", "-qam", "Xóa", when="2026-01-08T08:00:00+07:00")
    loaded, problems = check_content(content, AS_OF)
    assert loaded is not None, problems
    notices = [p for p in problems if p.field == "lịch sử"]
    assert [p.file for p in notices] == ["content/reports/2026-01-02--2026-01-20.yaml"]
    assert big in notices[0].message and "5 MB" in notices[0].message


@pytest.mark.parametrize("when", ["@253402300800 +0000", "@4133980800 +0000"])
def test_a_commit_dated_after_2100_is_passed_over_not_the_whole_history(tmp_path, when):
    repo, content = _repo(tmp_path)
    programme = content / "programmes" / "2026.yaml"
    edit_file(programme, "Kế hoạch tiêm chủng mở rộng", "Kế hoạch tiêm chủng")
    run_git(repo, "commit", "-qam", "Ngày sai", when=when)
    odd = run_git(repo, "rev-parse", "--short=10", "HEAD").strip()
    (content / "units.yaml").write_text(
        (content / "units.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    run_git(repo, "commit", "-qam", "Sau đó", when="2026-01-09T08:00:00+07:00")
    loaded, problems = check_content(content, AS_OF)
    assert loaded is not None, problems
    notices = [p for p in problems if p.field == "lịch sử"]
    assert len(notices) == 1 and odd in notices[0].message
    amended = [c for c in loaded.changes if c.kind.value in ("amended", "minor")]
    assert [c.when.date().isoformat() for c in amended] == ["2026-01-09"]
    assert loaded.stamps
