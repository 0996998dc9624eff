"""What /admin/ is built from: Decap's pinned bundle, byte for byte, and the build that adds it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from generator.editor.files import STATIC, VENDOR
from generator.engine.mkdocs_build import build_site
from generator.engine.sitedir import MARK

from ..conftest import EPOCH, MINI, ROOT

EDITOR = ROOT / "editor"
INSTALLED = EDITOR / "node_modules" / "decap-cms"


def bundle_names(dist: Path) -> set[str]:
    """The files of Decap's dist/ that the page loads: the bundle, its chunks, its WebAssembly."""
    return {
        p.name
        for p in dist.iterdir()
        if p.name in ("decap-cms.js", "decap-cms.js.LICENSE.txt")
        or p.name.endswith(".decap-cms.js")
        or p.suffix == ".wasm"
    }


def test_editor_packages_are_pinned_exactly():
    wanted = json.loads((EDITOR / "package.json").read_text(encoding="utf-8"))["dependencies"]
    lock = json.loads((EDITOR / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    for name, version in wanted.items():
        assert version[0].isdigit(), f"{name} {version}: pin one version"
        assert lock[f"node_modules/{name}"]["version"] == version


@pytest.fixture(scope="module")
def installed() -> Path:
    """Decap as `npm ci --prefix editor` installed it; missing: skip, or fail under CI."""
    if not (INSTALLED / "package.json").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("editor/node_modules is missing – run `make test` with npm", pytrace=False)
        pytest.skip("decap-cms is not installed (make test runs `npm ci --prefix editor`)")
    return INSTALLED


def test_vendored_bundle_is_the_pinned_package_byte_for_byte(installed):
    lock = json.loads((EDITOR / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/decap-cms"]["version"]
    assert json.loads((installed / "package.json").read_text())["version"] == pinned
    dist = installed / "dist"
    names = bundle_names(dist)
    assert "decap-cms.js" in names and len(names) > 10
    assert {p.name for p in VENDOR.iterdir()} == names
    changed = [n for n in sorted(names) if (VENDOR / n).read_bytes() != (dist / n).read_bytes()]
    assert changed == [], "copy them again from editor/node_modules/decap-cms/dist (README)"


def test_built_site_serves_the_editor_from_its_own_files(mini_site):
    admin = mini_site / "admin"
    assert (admin / "decap-cms.js").read_bytes() == (VENDOR / "decap-cms.js").read_bytes()
    assert (admin / "ctct-editor.js").read_bytes() == (STATIC / "ctct-editor.js").read_bytes()
    assert {p.name for p in VENDOR.iterdir()} <= {p.name for p in admin.iterdir()}
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["locale"] == "vi"
    assert "<title>" in (admin / "index.html").read_text(encoding="utf-8")


def test_unusable_editor_setting_stops_the_build_and_keeps_the_site(tmp_path, monkeypatch, caplog):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("cũ", encoding="utf-8")
    (site / MARK).write_text("")  # a site a build made
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("CTCT_EDITOR_AUTH_URL", "http://auth.example.org")
    monkeypatch.chdir(ROOT)
    assert build_site(ROOT / "mkdocs.yml", content_dir=MINI, site_dir=site) == 1
    assert "CTCT_EDITOR_AUTH_URL: đường dẫn 'http://auth.example.org' phải bắt đầu" in caplog.text
    assert (site / "index.html").read_text(encoding="utf-8") == "cũ"
