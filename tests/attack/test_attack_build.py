"""Attack class: the build machine: concurrent and killed builds, unwritable folders, a bad
environment. One clear line and the last good site kept, never a traceback."""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys

import pytest

from generator.common.dates import vietnam_today
from generator.common.urls import site_address
from generator.engine.sitedir import MARK

from ..conftest import EPOCH, MINI, ROOT, copy_fixture, run_git
from ..helpers import build, snapshot


def test_a_second_build_into_the_same_folder_is_refused_while_one_runs(tmp_path):
    site = tmp_path / "site"
    assert build(MINI, site, {"SOURCE_DATE_EPOCH": EPOCH}).returncode == 0
    before = snapshot(site)
    with (tmp_path / ".site.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a running build holds it
        done = build(MINI, site, {"SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 1
    assert "một lần dựng khác đang ghi" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(site) == before


def test_only_debris_a_build_marked_is_cleaned(tmp_path):
    site = tmp_path / "site"
    for name in (".site-abc123", ".site-old", ".site-backup-2026"):
        (tmp_path / name / "nhiem-vu").mkdir(parents=True)
        (tmp_path / name / "nhiem-vu" / "x.html").write_text("x")
    for name in (".site-abc123", ".site-old"):
        (tmp_path / name / MARK).write_text("")
    assert build(MINI, site, {"SOURCE_DATE_EPOCH": EPOCH}).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-backup-2026", ".site.lock", "site"]
    assert (tmp_path / ".site-backup-2026" / "nhiem-vu" / "x.html").read_text() == "x"


def test_a_kill_between_the_two_renames_loses_no_site(tmp_path):
    site = tmp_path / "site"
    assert build(MINI, site, {"SOURCE_DATE_EPOCH": EPOCH}).returncode == 0
    before = snapshot(site)
    site.rename(tmp_path / ".site-old")  # killed after the first rename of the swap
    content = copy_fixture(tmp_path)
    (content / "units.yaml").write_text("units: [", encoding="utf-8")
    done = build(content, site, {"SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 1
    assert "vẫn giữ bản trước" in done.stderr
    assert snapshot(site) == before


@pytest.mark.parametrize("where", ["content", "content/sub", "repository", "repository/.."])
def test_a_site_folder_that_is_the_content_or_the_repository_is_refused(tmp_path, where):
    # A throwaway repository: were the guard ever lost, this test deletes only its copy.
    repo = tmp_path / "repo"
    repo.mkdir()
    run_git(repo, "init", "-q")
    (repo / "mkdocs.yml").write_text("theme:\n  palette:\n    primary: red\n")  # a ward's own
    content = copy_fixture(repo)
    target = {
        "content": content,
        "content/sub": content / "sub",
        "repository": repo,
        "repository/..": tmp_path,
    }[where]
    before = snapshot(repo)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--config", str(repo / "mkdocs.yml"),
         "--content", str(content), "--site-dir", str(target)],
        cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": "https://x.vn/"},
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "không dựng vào" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(repo) == before


def test_a_folder_holding_what_no_build_wrote_is_refused(tmp_path):
    site = tmp_path / "notes"
    site.mkdir()
    (site / "ghi-chu.txt").write_text("của tôi")
    done = build(MINI, site, {"SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 1
    assert "không do lần dựng nào tạo ra" in done.stderr
    assert (site / "ghi-chu.txt").read_text() == "của tôi"


def test_a_site_folder_that_cannot_be_written_is_one_clear_line(tmp_path):
    (tmp_path / "occupied").write_text("a file, not a folder")
    done = build(MINI, tmp_path / "occupied" / "site", {"SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "không ghi được" in done.stderr


@pytest.mark.parametrize(
    "epoch",
    ["", "abc", "-5", "1e9", "99999999999999999999", "²", "999999999999", "253402300799",
     "99999999999", "4133955600"],
)  # fmt: skip
def test_a_bad_source_date_epoch_is_a_clear_error(tmp_path, epoch):
    done = build(MINI, tmp_path / "site", {"SOURCE_DATE_EPOCH": epoch})
    assert done.returncode == 1
    assert "SOURCE_DATE_EPOCH" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "url",
    ['https://x.vn/"><script>alert(1)</script>', "javascript:alert(1)", "ftp://x.vn/", "x",
     "https://user:pass@x.vn/", "https://x.vn/?a=1", "https://x.vn/#top", "https://x.vn:99999/",
     "https://x.vn:0/"],
)  # fmt: skip
def test_a_hostile_site_url_is_refused(tmp_path, url):
    done = build(MINI, tmp_path / "site", {"SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": url})
    assert done.returncode == 1
    assert "SITE_URL" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists()


def test_a_ci_build_without_site_url_is_refused_and_a_local_one_warned(tmp_path):
    done = build(MINI, tmp_path / "site", {"SOURCE_DATE_EPOCH": EPOCH, "CI": "true"})
    assert done.returncode == 1 and "Chưa đặt SITE_URL" in done.stderr
    assert not (tmp_path / "site").exists()
    done = build(MINI, tmp_path / "site", {"SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 0 and "CẢNH BÁO: Chưa đặt SITE_URL" in done.stderr
    env = {"SOURCE_DATE_EPOCH": EPOCH, "CI": "true", "SITE_URL": "https://x.vn/ctct"}
    done = build(MINI, tmp_path / "site", env)
    assert done.returncode == 0 and "SITE_URL" not in done.stderr


@pytest.mark.parametrize(
    "url, words",
    [
        ("https://x.vn/?", "?…"),
        ("https://x.vn#", "?…"),
        ("https://a:b@x.vn/", "mật khẩu"),
        ("https://x.vn:65536/", "cổng"),
        ("http:///x", "đầy đủ"),
    ],
)
def test_site_address_says_what_is_wrong(url, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        site_address(url)
    assert site_address("https://x.vn:8443/ctct") == "https://x.vn:8443/ctct/"


@pytest.mark.parametrize("epoch, day", [("0", "1970-01-01"), ("4133955599", "2100-12-31")])
def test_the_first_and_last_epochs_that_work(epoch, day):
    assert vietnam_today(epoch).isoformat() == day
