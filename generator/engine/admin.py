"""The mkdocs side of /admin/: settings from the plugin's options, the editor's files added."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from generator.editor.files import STATIC, VENDOR, admin_copies, admin_texts
from generator.editor.settings import EditorSettings, SettingsError, editor_settings
from generator.model import Content


def settings_from(options) -> EditorSettings:
    """The `editor_*` options of the ctct plugin (mkdocs.yml, from CTCT_EDITOR_*), checked."""
    try:
        return editor_settings(
            backend=options.editor_backend or "",
            repo=options.editor_repo or "",
            branch=options.editor_branch or "",
            auth_url=options.editor_auth_url or "",
            proxy_url=options.editor_proxy_url or "",
            api_root=options.editor_api_root or "",
            app_id=options.editor_app_id or "",
            content_path=options.content_in_repo or "content",
        )
    except SettingsError as exc:
        raise PluginError(f"mkdocs.yml (trang quản trị): {exc}") from None


def admin_parts(
    content: Content, settings: EditorSettings, site_url: str
) -> tuple[dict[str, str], dict[str, Path]]:
    """/admin/: its page and configuration by site path, and the files copied as they are
    (Decap's bundle and our script)."""
    vendor = [p for p in VENDOR.iterdir() if p.is_file()]
    static = [p for p in STATIC.iterdir() if p.is_file()]
    return admin_texts(content, settings, site_url), admin_copies(vendor, static)


def admin_files(config, content: Content, settings: EditorSettings, site_url: str) -> list[File]:
    """/admin/ as mkdocs files."""
    texts, copies = admin_parts(content, settings, site_url)
    files = [File.generated(config, path, content=text) for path, text in texts.items()]
    for path, source in copies.items():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    return files
