"""The editor's Decap bundle once per province: `<portal>/admin-bundle/`, each ward's /admin/
loading it from there when `build-all` builds it; a ward built alone keeps its own copy."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from generator.editor.files import VENDOR
from generator.editor.page import admin_page
from generator.editor.settings import editor_settings
from generator.verify.run import verify_site

from ..conftest import MINI, ROOT
from ..province_kit import PROVINCE_EPOCH, make_province

WARDS = {"an-bien": ("An Biên", MINI, ""), "an-duong": ("An Dương", MINI, "")}
EDITOR = {
    "CTCT_EDITOR_BACKEND": "github",
    "CTCT_EDITOR_REPO": "cntt-hp/ctct-hai-phong",
    "CTCT_EDITOR_AUTH_URL": "https://auth.example.org",
}
SHARED_SCRIPT = '<script src="../../admin-bundle/decap-cms.js"></script>'


@pytest.fixture(scope="module")
def province_site(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("bundle")
    province = make_province(root / "repo", WARDS)
    site = root / "site"
    argv = [sys.executable, "-m", "generator", "build-all", "--province", str(province)]
    argv += ["--site-dir", str(site), "--base-url", "https://tinh.example.org/", "-j", "2"]
    env = {"SOURCE_DATE_EPOCH": PROVINCE_EPOCH, "PATH": "/usr/bin:/bin", "HOME": str(root)}
    done = subprocess.run(
        argv, cwd=ROOT, env=env | EDITOR, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return province, site


def test_the_portal_serves_the_bundle_once_and_no_ward_copies_it(province_site):
    _, site = province_site
    vendor = {p.name: p.read_bytes() for p in VENDOR.iterdir() if p.is_file()}
    shared = site / "admin-bundle"
    assert {p.name: p.read_bytes() for p in shared.iterdir()} == vendor
    for ward in WARDS:
        admin = site / ward / "admin"
        assert not set(vendor) & {p.name for p in admin.iterdir()}, ward
        assert SHARED_SCRIPT in (admin / "index.html").read_text(encoding="utf-8")
        assert (admin / "ctct-editor.js").is_file()  # our own script stays the ward's


def test_each_wards_folder_still_verifies(province_site):
    province, site = province_site
    for ward in WARDS:
        result = verify_site(site / ward, province / "wards" / ward / "content")
        assert result.findings == [], [str(f) for f in result.findings]


def test_a_ward_folder_alone_names_the_missing_bundle(province_site, tmp_path):
    province, site = province_site
    alone = tmp_path / "an-bien"
    subprocess.run(["cp", "-a", str(site / "an-bien"), str(alone)], check=True)
    result = verify_site(alone, province / "wards" / "an-bien" / "content")
    assert any("admin-bundle/decap-cms.js" in str(f) for f in result.findings)


def test_a_ward_built_alone_loads_its_own_copy():
    settings = editor_settings(repo="ubnd/ctct", auth_url="https://auth.example.org")
    assert '<script src="decap-cms.js"></script>' in admin_page(settings)
    shared = dataclasses.replace(settings, shared_bundle=True)
    assert SHARED_SCRIPT in admin_page(shared)
