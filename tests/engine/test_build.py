"""`generator build`: atomic (a failed build keeps the last good site) and reproducible."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ..conftest import CONTENT, EPOCH, MINI, ROOT, copy_fixture
from ..helpers import build, edit_file, snapshot


def test_failed_build_leaves_the_previous_site_untouched(tmp_path):
    site = tmp_path / "site"
    content = copy_fixture(tmp_path)
    assert build(content, site, {"SOURCE_DATE_EPOCH": EPOCH}).returncode == 0
    before = snapshot(site)
    programme = content / "programmes" / "2026.yaml"
    edit_file(programme, "deadline: 15/01/2026", "deadline: 31/02/2026", None)
    result = build(content, site, {"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 1
    assert "programmes/2026.yaml:41: deadline" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "content", "site"]


def test_template_error_leaves_the_previous_site_untouched(tmp_path):
    site = tmp_path / "site"
    assert build(MINI, site, {"SOURCE_DATE_EPOCH": EPOCH}).returncode == 0
    before = snapshot(site)
    broken = tmp_path / "mkdocs.yml"
    broken.write_text("theme:\n  custom_dir: theme\n", encoding="utf-8")  # the site's own
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ page.missing.attribute() }}{% endblock %}'
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--config",
            str(broken),
            "--content",
            str(MINI),
            "--site-dir",
            str(site),
        ],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": EPOCH},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert snapshot(site) == before


def test_same_source_date_epoch_gives_identical_sites(tmp_path):
    first, second = tmp_path / "a" / "site", tmp_path / "b" / "site"
    first.parent.mkdir()
    second.parent.mkdir()
    env = {"SOURCE_DATE_EPOCH": "1795478400", "SITE_URL": "https://example.org/ctct/"}
    assert build(CONTENT, first, env).returncode == 0
    assert build(CONTENT, second, env).returncode == 0
    a, b = snapshot(first), snapshot(second)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []


def test_as_of_date_follows_source_date_epoch(tmp_path):
    site = tmp_path / "site"
    # 2026-02-20 18:00 UTC is already 21/02/2026 in Vietnam.
    assert build(MINI, site, {"SOURCE_DATE_EPOCH": "1771610400"}).returncode == 0
    assert "Tiến độ tính đến ngày 21/02/2026" in (site / "index.html").read_text(encoding="utf-8")


def test_content_warnings_are_shown_and_do_not_stop_the_build(tmp_path):
    content = copy_fixture(tmp_path)
    programme = content / "programmes" / "2026.yaml"
    edit_file(programme, "deadline: 28/02/2026", "deadline: 28/03/2026", None)
    result = build(content, tmp_path / "site", {"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    assert "programmes/2026.yaml:80: deadline: Cảnh báo:" in result.stderr


@pytest.mark.parametrize("custom_dir", ["/etc", "..", ".", "outside-link"])
def test_a_theme_folder_outside_the_site_is_refused(tmp_path, custom_dir):
    """Every file of `custom_dir` is published: a site's own overrides are a folder of its own,
    never the machine's /etc, its parent, itself or a link out of it."""
    site_folder = tmp_path / "xa"
    site_folder.mkdir()
    (site_folder / "outside-link").symlink_to("/etc")
    config = site_folder / "mkdocs.yml"
    config.write_text(f"theme:\n  custom_dir: {custom_dir}\n", encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--config", str(config),
         "--content", str(MINI), "--site-dir", str(site)],
        cwd=ROOT, env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": EPOCH},
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1
    assert "custom_dir" in result.stderr and "Traceback" not in result.stderr
    assert not site.exists()


def test_a_configuration_without_our_plugin_is_one_clear_line(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins: []\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--config", str(config),
         "--content", str(MINI), "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": EPOCH},
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1
    assert "thiếu ctct" in result.stderr and "Traceback" not in result.stderr
