"""Attack class: a bad commit in git history, already reverted, must not break later builds."""

from __future__ import annotations

import shutil

import pytest

from generator.load.content import check_content

from .conftest import AS_OF, MINI, run_git
from .test_attack_yaml import BOMB

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
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(MINI, content)
    run_git(repo, "init", "-q")
    run_git(repo, "add", ".")
    run_git(repo, "commit", "-qm", "Chương trình")
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
