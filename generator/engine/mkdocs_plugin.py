"""The thin mkdocs layer: hand the core's pages and files to mkdocs, and nothing else.

Registered as the `ctct` plugin (see pyproject.toml). Moving to another engine means
replacing this file and `mkdocs_build.py`; the core (`generator.site`) stays.
"""

from __future__ import annotations

import html
import logging
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.dates import EpochError, vietnam_today
from generator.engine.admin import admin_files, admin_parts, settings_from
from generator.engine.template_cache import TemplateCache, template_cache
from generator.engine.writer import ChildWriter, ReadyFiles, WriteFailed
from generator.load.content import check_content
from generator.output import Page, SiteInfo, SiteOutput
from generator.render.chrome import chrome
from generator.render.nav import NavItem, navigation
from generator.render.templating import keep_compiled
from generator.site import render_site
from generator.urls import search_index_path
from generator.wording import site_title

# Content warnings are for the clerk editing the data, so they are always shown; they live
# outside the "mkdocs" logger so that `--strict` (which fails on mkdocs warnings) ignores them.
content_log = logging.getLogger("ctct.content")
_UNSAFE_URL = re.compile(r"[\s\"'<>`\\]")


class ProgrammeConfig(Config):
    content = opt.Type(str, default="content")
    """The content directory, relative to mkdocs.yml."""
    content_in_repo = opt.Type(str, default="content")
    """Where the content directory lies in the git repository (the web editor's paths)."""
    editor_repo = opt.Type(str, default="")
    """The GitHub repository (owner/name) the editor at /admin/ proposes changes to."""
    editor_branch = opt.Type(str, default="main")
    editor_auth_url = opt.Type(str, default="")
    """The ward's GitHub sign-in service (OAuth proxy) for the editor."""
    editor_proxy_url = opt.Type(str, default="")
    """decap-server on this machine (`make edit`): the editor saves into the working tree."""


class ProgrammePlugin(BasePlugin[ProgrammeConfig]):
    output: SiteOutput | None = None
    template_cache: TemplateCache | None = None
    fork_writes = False
    writer: ChildWriter | None = None
    mkdocs_paths: set[str]
    """What mkdocs itself writes: a file of ours may not take one of these places."""
    pages: dict[str, Page]
    admin: tuple
    """What /admin/ is made from: the content, the editor's settings, the site's address."""

    def on_config(self, config):
        content_dir = Path(config.config_file_path).parent / self.config.content
        try:
            as_of = vietnam_today(os.environ.get("SOURCE_DATE_EPOCH"))
        except EpochError as exc:
            raise PluginError(str(exc)) from None
        content, problems = check_content(content_dir, as_of)
        if content is None:
            raise PluginError("Dữ liệu có lỗi, chưa dựng trang:\n" + "\n".join(map(str, problems)))
        for problem in problems:
            content_log.warning(str(problem))
        # Material prints site_name unescaped, in text and in attributes: escape it here, once.
        config.site_name = html.escape(site_title(content.ward), quote=True)
        site = SiteInfo(url=_base_url(config.site_url), as_of=as_of)
        self.template_cache = template_cache()
        keep_compiled(self.template_cache)
        try:
            self.output = render_site(content, site, settle=False)
        finally:
            keep_compiled(None)
        self.admin = (content, settings_from(self.config), site.url)
        config.nav = _mkdocs_nav(navigation(content, as_of))
        config.extra["search_index"] = search_index_path()  # read by theme/partials/search.html
        config.extra["ctct"] = chrome(content, as_of)  # header, footer, print: theme/main.html
        return config

    def on_env(self, env, config, files):
        """Material's templates are compiled once and kept, like ours (`template_cache`)."""
        env.bytecode_cache = self.template_cache
        return env

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # A build is one thread, so the ready files can be written by a forked child
        # (engine/writer.py); `serve` runs threads and gives them to mkdocs, as does a build
        # in which some plugin started a thread.
        # `--dirty` keeps the last build's files, which the child would refuse to replace.
        self.fork_writes = command == "build" and not dirty and hasattr(os, "fork")

    def on_files(self, files: Files, config) -> Files:
        """Theme assets plus the generated files; what lies in content/ is data, not pages."""
        docs_dir = os.path.normpath(config.docs_dir) + os.sep  # mkdocs joins file paths to it
        kept = Files([f for f in files if not (f.abs_src_path or "").startswith(docs_dir)])
        self.pages = {page.path: page for page in self.output.pages}
        for page in self.output.pages:
            kept.append(File.generated(config, page.path, content=""))
        if not (self.fork_writes and threading.active_count() == 1):
            self.output.settle()
            for path, data in sorted(self.output.files.items()):
                kept.append(File.generated(config, path, content=data))
            for file in admin_files(config, *self.admin):
                kept.append(file)  # /admin/: the web editor
            return kept
        texts, copies = admin_parts(*self.admin)
        self.writer = ChildWriter(ReadyFiles(Path(config.site_dir), texts, copies, self._settled))
        self.writer.start()  # makes and writes while mkdocs renders the pages
        self.mkdocs_paths = _mkdocs_places(kept, config)
        return kept

    def _settled(self) -> dict[str, bytes]:
        self.output.settle()
        return self.output.files

    def on_post_build(self, config) -> None:
        """Wait for the child: its failure, or a file of ours in a place of mkdocs', fails the
        build."""
        if self.writer is not None:
            writer, self.writer = self.writer, None
            try:
                written = writer.wait()
            except WriteFailed as exc:
                raise PluginError(str(exc)) from None
            if clash := sorted(self.mkdocs_paths.intersection(written)):
                raise PluginError(f"tệp trùng đường dẫn với trang hoặc tệp giao diện: {clash[0]}")

    def on_build_error(self, error: Exception) -> None:
        if self.writer is not None:
            self.writer.cancel()
            self.writer = None

    def on_shutdown(self) -> None:
        """mkdocs calls on_build_error for an Exception only: after Ctrl-C (KeyboardInterrupt)
        the child is stopped here, before the temporary folder is removed."""
        self.on_build_error(None)

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        """Our pages' Markdown is empty: their title and settings are given here, as data."""
        if ours := self.pages.get(page.file.src_uri):
            page.meta = _meta(ours)
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        """The body is already HTML: it skips Markdown (a fifth of the build time) entirely."""
        ours = self.pages.get(page.file.src_uri)
        return ours.body if ours else html


def _mkdocs_places(files: Files, config) -> set[str]:
    """Where mkdocs writes: its files, and its theme's static and extra templates, which are not
    among them (404.html, sitemap.xml and the .gz mkdocs makes of it)."""
    templates = {*config.theme.static_templates, *config.extra_templates}
    gzipped = {"sitemap.xml.gz"} if "sitemap.xml" in templates else set()
    return {f.dest_uri for f in files} | templates | gzipped


def _base_url(site_url: str | None) -> str:
    """The public address, checked: it goes into every feed, page head and event."""
    if not site_url:
        raise PluginError("mkdocs.yml: site_url chưa đặt; đặt biến SITE_URL là địa chỉ công khai")
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname or _UNSAFE_URL.search(site_url):
        raise PluginError(
            f"SITE_URL={site_url!r} không hợp lệ: phải là địa chỉ http(s) đầy đủ, không có "
            "khoảng trắng hay dấu nháy, ví dụ https://phuong.example.gov.vn/ctct/"
        )
    return site_url if site_url.endswith("/") else site_url + "/"


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
