"""The thin mkdocs layer: hand the core's pages and files to mkdocs, and nothing else.

Registered as the `ctct` plugin (see pyproject.toml). Moving to another engine means
replacing this file and `mkdocs_build.py`; the core (`generator.site`) stays.
"""

from __future__ import annotations

import dataclasses
import html
import logging
import os
import posixpath
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.common.dates import EpochError, build_today
from generator.common.urls import search_index_path, site_address
from generator.common.wording import site_description, site_title
from generator.editor.settings import EditorSettings, SettingsError, editor_settings
from generator.engine.compiled import site_templates
from generator.engine.siteconfig import add_theme_overrides
from generator.load.content import check_content
from generator.output import Page, PathTaken, SiteInfo, SiteOutput
from generator.render.chrome import chrome
from generator.render.nav import NavItem, navigation
from generator.site import render_site

# Content warnings are for the clerk editing the data, so they are always shown; they live
# outside the "mkdocs" logger so that `--strict` (which fails on mkdocs warnings) ignores them.
content_log = logging.getLogger("ctct.content")


class ProgrammeConfig(Config):
    content = opt.Type(str, default="content")
    """The content directory, relative to mkdocs.yml."""
    content_in_repo = opt.Type(str, default="content")
    """Where the content directory lies in the git repository (the web editor's paths)."""
    editor_backend = opt.Type(str, default="github")
    """The git host of the editor at /admin/: github, gitlab, gitea or forgejo."""
    editor_repo = opt.Type(str, default="")
    """The repository (owner/name) the editor at /admin/ proposes changes to."""
    editor_branch = opt.Type(str, default="main")
    editor_auth_url = opt.Type(str, default="")
    """The ward's GitHub sign-in service (OAuth proxy) for the editor."""
    editor_api_root = opt.Type(str, default="")
    """The API of the ward's GitLab, Gitea or Forgejo (https://git.example.org/api/v1)."""
    editor_app_id = opt.Type(str, default="")
    """The OAuth application's id on that host (sign-in with PKCE, no secret)."""
    editor_shared_bundle = opt.Type(bool, default=False)
    """Decap's bundle served once by the province's portal (`build-all`), not in /admin/."""
    editor_proxy_url = opt.Type(str, default="")
    """decap-server on this machine (`make edit`): the editor saves into the working tree."""


class ProgrammePlugin(BasePlugin[ProgrammeConfig]):
    output: SiteOutput | None = None
    pages: dict[str, Page]

    def on_config(self, config):
        add_theme_overrides(config.theme)
        content_dir = Path(config.config_file_path).parent / self.config.content
        try:
            as_of = build_today()
        except EpochError as exc:
            raise PluginError(str(exc)) from None
        content, problems = check_content(content_dir, as_of)
        if content is None:
            raise PluginError("Dữ liệu có lỗi, chưa dựng trang:\n" + "\n".join(map(str, problems)))
        for problem in problems:
            content_log.warning(str(problem))
        # Material prints site_name unescaped, in text and in attributes: escape it here, once.
        # Both come from content/ward.yaml: mkdocs.yml names no ward (README, "Phường, xã khác").
        config.site_name = html.escape(site_title(content.ward), quote=True)
        config.site_description = html.escape(site_description(content.ward), quote=True)
        site = SiteInfo(url=_base_url(config.site_url), as_of=as_of)
        try:
            self.output = render_site(content, site, _editor_settings(self.config))
        except PathTaken as exc:
            raise PluginError(str(exc)) from None
        self.pages = {page.path: page for page in self.output.pages}
        config.nav = _mkdocs_nav(navigation(content, as_of))
        config.extra["search_index"] = search_index_path()  # read by theme/partials/search.html
        config.extra["ctct"] = chrome(content, as_of)  # header, footer, print: theme/main.html
        return config

    def on_env(self, env, config, files):
        """Parts of Material's frame rendered once per folder (`SharedParts`); our theme
        overrides compiled in the wheel, and in a ward's build forked by `build-all`, the
        templates its parent compiled (`engine/compiled.py`)."""
        shared = SharedParts(files)
        env.globals.update(
            ctct_once=shared.once, ctct_folder=shared.folder, ctct_sidebars=shared.sidebars
        )
        env.bytecode_cache = site_templates()
        return env

    def on_files(self, files: Files, config) -> Files:
        """The theme's files plus the output; what lies in content/ is data, not pages."""
        docs_dir = os.path.normpath(config.docs_dir) + os.sep  # mkdocs joins file paths to it
        kept = Files([f for f in files if not (f.abs_src_path or "").startswith(docs_dir)])
        try:
            self.output.reserve(_mkdocs_places(kept, config))
        except PathTaken as exc:
            raise PluginError(str(exc)) from None
        for page in self.output.pages:
            kept.append(File.generated(config, page.path, content=""))
        for path, data in sorted(self.output.files.items()):
            kept.append(File.generated(config, path, content=data))
        for path, source in sorted(self.output.copies.items()):
            kept.append(File.generated(config, path, abs_src_path=str(source)))
        return kept

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        """Our pages' Markdown is empty: their title and settings are given here, as data."""
        if ours := self.pages.get(page.file.src_uri):
            page.meta = _meta(ours)
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        """The body is already HTML: it skips Markdown (a fifth of the build time) entirely."""
        ours = self.pages.get(page.file.src_uri)
        return ours.body if ours else html

    def on_post_page(self, output: str, page, config) -> str:
        """An English page says so in `<html lang>` (Material writes the site's language)."""
        ours = self.pages.get(page.file.src_uri)
        if ours is None or ours.lang == SITE_LANG:
            return output
        return output.replace(f'<html lang="{SITE_LANG}"', f'<html lang="{ours.lang}"', 1)


SITE_LANG = "vi"
"""The site's language, as mkdocs.yml's `theme.language` sets it."""


class SharedParts:
    """Parts of Material's page frame that read the same on many pages, rendered once per build
    (theme/main.html, theme/partials/search.html). A frame's links are relative to the page's
    folder, so they read the same from every page of one folder that has no file below it
    (every task page)."""

    def __init__(self, files: Files) -> None:
        self.folders = {""}
        """Every folder that holds a file of the site, at any depth."""
        for file in files:
            path = file.url.rstrip("/")
            while path:
                path = posixpath.dirname(path)
                self.folders.add(path)
        self.rendered: dict[tuple, str] = {}

    def folder(self, page) -> str | None:
        """The folder whose pages read `page`'s frame links alike; None for a page with files
        below it (or none at all: 404.html), whose links are its own."""
        path = page.url.rstrip("/") if page is not None else ""
        return posixpath.dirname(path) if path and path not in self.folders else None

    def sidebars(self, page, nav) -> str | None:
        """`folder` for a page out of the navigation, without a table of contents or hidden
        parts: its sidebars (navigation and table of contents) have no active link."""
        if page is None or page in nav.pages or page.toc or (page.meta or {}).get("hide"):
            return None
        return self.folder(page)

    def once(self, *key, caller) -> str:
        """The body of `{% call ctct_once(part, folder) %}`, rendered for the first page of
        its folder only; for every page if the folder is None."""
        if None in key:
            return caller()
        if key not in self.rendered:
            self.rendered[key] = caller()
        return self.rendered[key]


def _mkdocs_places(files: Files, config) -> set[str]:
    """Where mkdocs writes besides the output: the theme's files, and its static and extra
    templates, which are not among them (404.html, sitemap.xml and the .gz mkdocs makes of it)."""
    templates = {*config.theme.static_templates, *config.extra_templates}
    gzipped = {"sitemap.xml.gz"} if "sitemap.xml" in templates else set()
    return {f.dest_uri for f in files} | templates | gzipped


def _editor_settings(options: ProgrammeConfig) -> EditorSettings:
    """The `editor_*` options (mkdocs.yml, from CTCT_EDITOR_*), checked."""
    try:
        settings = editor_settings(
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
    return dataclasses.replace(settings, shared_bundle=bool(options.editor_shared_bundle))


def _base_url(site_url: str | None) -> str:
    """The public address, checked: it goes into every feed, page head and event."""
    if not site_url:
        raise PluginError("mkdocs.yml: site_url chưa đặt; đặt biến SITE_URL là địa chỉ công khai")
    try:
        return site_address(site_url)
    except ValueError as exc:
        raise PluginError(str(exc)) from None


def _meta(page: Page) -> dict[str, object]:
    """What mkdocs would read from a page's front matter, given as data: no text of ours is
    ever parsed as YAML. mkdocs inserts titles into templates without escaping, so the title
    is escaped here.
    """
    meta: dict[str, object] = {"title": html.escape(page.title, quote=False)}
    if page.description:
        meta["description"] = html.escape(page.description)
    # Material's lunr index stays empty: generator/search/ indexes the site (it honours
    # page.searchable), and no page view downloads anything for search.
    meta["search"] = {"exclude": True}
    if page.lang != SITE_LANG:
        meta["lang"] = page.lang  # the frame's Vietnamese says so (theme/main.html, footer)
    return meta


def _mkdocs_nav(items: list[NavItem]) -> list[dict]:
    return [
        {
            html.escape(title, quote=False): _mkdocs_nav(target)
            if isinstance(target, list)
            else target
        }
        for title, target in items
    ]
