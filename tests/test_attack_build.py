"""Attack class: the build machine: concurrent and killed builds, unwritable folders, a bad
environment. One clear line and the last good site kept, never a traceback."""

from __future__ import annotations

import fcntl

import pytest

from .conftest import EPOCH, MINI
from .test_build import build, snapshot


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


def test_debris_of_a_killed_build_is_cleaned(tmp_path):
    site = tmp_path / "site"
    for name in (".site-abc123", ".site-old"):
        (tmp_path / name / "nhiem-vu").mkdir(parents=True)
        (tmp_path / name / "nhiem-vu" / "x.html").write_text("x")
    assert build(MINI, site, {"SOURCE_DATE_EPOCH": EPOCH}).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_a_site_folder_that_cannot_be_written_is_one_clear_line(tmp_path):
    (tmp_path / "occupied").write_text("a file, not a folder")
    done = build(MINI, tmp_path / "occupied" / "site", {"SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "không ghi được" in done.stderr


@pytest.mark.parametrize("epoch", ["", "abc", "-5", "1e9", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_a_clear_error(tmp_path, epoch):
    done = build(MINI, tmp_path / "site", {"SOURCE_DATE_EPOCH": epoch})
    assert done.returncode == 1
    assert "SOURCE_DATE_EPOCH" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "url", ['https://x.vn/"><script>alert(1)</script>', "javascript:alert(1)", "ftp://x.vn/", "x"]
)
def test_a_hostile_site_url_is_refused(tmp_path, url):
    done = build(MINI, tmp_path / "site", {"SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": url})
    assert done.returncode == 1
    assert "SITE_URL" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists()
