"""What /admin/ holds: generated text (page, configuration) and files copied as they are."""

from __future__ import annotations

import json
from pathlib import Path

from generator.editor.config import config_yaml, editor_config, editor_data
from generator.editor.page import admin_page
from generator.editor.settings import EditorSettings
from generator.model import Content

ADMIN = "admin"
"""The editor's folder in the site."""
HERE = Path(__file__).resolve().parent
VENDOR = HERE / "vendor" / "decap-cms"
"""Decap CMS's bundle, copied from the pinned npm package (see the README, "Trang quản trị")."""
STATIC = HERE / "static"
"""Our own script: the date widget, field checks, Vietnamese words, list labels."""
PUBLISHED = "chuong-trinh.json"
"""Status labels and each task's text, for the script's list views."""


def admin_texts(content: Content, settings: EditorSettings, site_url: str = "") -> dict[str, str]:
    """The generated files of /admin/, by their path in the site."""
    return {
        f"{ADMIN}/index.html": admin_page(settings),
        f"{ADMIN}/config.yml": config_yaml(editor_config(content, settings, site_url)),
        f"{ADMIN}/{PUBLISHED}": json.dumps(
            editor_data(content), ensure_ascii=False, sort_keys=True, indent=1
        ),
    }


def admin_copies(vendor: list[Path], static: list[Path]) -> dict[str, Path]:
    """The copied files of /admin/ (bundle and script, listed by the caller), by site path."""
    return {f"{ADMIN}/{path.name}": path for path in sorted(vendor) + sorted(static)}
