"""The editor stage: /admin/ added to the site, generated text and files copied as they are."""

from __future__ import annotations

import json
from pathlib import Path

from generator.domain.model import Content
from generator.editor.config import config_yaml, editor_config, editor_data
from generator.editor.page import admin_page
from generator.editor.settings import EditorSettings
from generator.output import SiteInfo, SiteOutput

ADMIN = "admin"
"""The editor's folder in the site."""
CONFIG = "config.yml"
"""Decap's settings, beside its page: the one YAML file a site publishes."""
HERE = Path(__file__).resolve().parent
VENDOR = HERE / "vendor" / "decap-cms"
"""Decap CMS's bundle, copied from the pinned npm package (docs: "The web editor")."""
STATIC = HERE / "static"
"""Our script (the date widget, field checks, Vietnamese words, list labels) and stylesheet."""
PUBLISHED = "chuong-trinh.json"
"""Status labels and each task's text, for the script's list views."""


def add_editor(
    output: SiteOutput, content: Content, site: SiteInfo, settings: EditorSettings
) -> None:
    """Add /admin/: its page, its configuration, the published tasks, Decap (unless the
    province serves it once, `settings.shared_bundle`) and our script."""
    tasks = json.dumps(editor_data(content), ensure_ascii=False, sort_keys=True, indent=1)
    for name, text in (
        ("index.html", admin_page(settings)),
        (CONFIG, config_yaml(editor_config(content, settings, site.url))),
        (PUBLISHED, tasks),
    ):
        output.add_file(f"{ADMIN}/{name}", text.encode("utf-8"))
    for folder in (STATIC,) if settings.shared_bundle else (VENDOR, STATIC):
        for source in sorted(p for p in folder.iterdir() if p.is_file()):
            output.add_copy(f"{ADMIN}/{source.name}", source)
