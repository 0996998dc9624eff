"""Browser fixtures: the built real site served on 127.0.0.1 and one Chromium for the session.

Chromium is Debian's (`/usr/bin/chromium`), never a downloaded one. Without it the browser tests
skip on a developer's machine and fail under CI (`CI=true`), where `.ci/run` installs it first.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.domain.model import Content, Programme
from generator.load.content import load_content

from ..conftest import CONTENT

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
AS_OF = dt.date(2026, 11, 24)
"""The real site's build date (SOURCE_DATE_EPOCH of the `real_site` fixture)."""


@pytest.fixture(scope="session")
def model() -> Content:
    return load_content(CONTENT, as_of=AS_OF)


@pytest.fixture(scope="session")
def programme(model: Content) -> Programme:
    return next((p for p in model.programmes if p.year == AS_OF.year), model.programmes[-1])


@pytest.fixture(scope="session")
def paths(model: Content, programme: Programme) -> dict[str, str]:
    """Site path of each page under test, chosen from the model."""
    unit = next(u for u in model.units if not u.is_all)
    task = next(t for t in programme.tasks if t.deadline.is_dated)
    return {
        "home": "",
        "month": f"thang/{programme.id}-{programme.months[0].number:02d}/",
        "unit": f"don-vi/{unit.id}/",
        "task": f"nhiem-vu/{task.id}/",
        "subscribe": "lich/",
        "key-tasks": "trong-tam/",
        "data": "du-lieu/",
        "about": "gioi-thieu/",
        "progress": "tien-do/",
        "search": "tim-kiem/",
        "catalogue": "danh-muc-thong-tin/",
        "access": "tiep-can-thong-tin/",
        "english": "en/",
        "english-site": "en/programme/",
    }


def chromium_path() -> str | None:
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar; charset=utf-8",
        ".json": "application/json",
        ".js": "text/javascript",
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".csv": "text/csv; charset=utf-8",
        ".webmanifest": "application/manifest+json",
    }

    def end_headers(self) -> None:
        # The files do not change during a session: let the browser cache them between pages.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # the browser closing a connection early is not worth a traceback


def serve(folder: Path) -> Iterator[str]:
    """Serve a built site on a free local port; yields its base URL (ending with '/')."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_server(real_site: Path) -> Iterator[str]:
    """Base URL of the built real site, served on a free local port."""
    yield from serve(real_site)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        executable = None
        missing = "the playwright package is not installed (pip install -e '.[test]')"
    else:
        missing = "no Chromium at /usr/bin/chromium or on PATH (apt install chromium)"
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} – under CI a missing browser is a failure", pytrace=False)
        pytest.skip(missing)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _context(browser, viewport: dict[str, int]):
    return browser.new_context(
        viewport=viewport,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )


@pytest.fixture(scope="session")
def desktop_context(browser):
    context = _context(browser, DESKTOP)
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture(scope="session")
def phone_context(browser):
    context = _context(browser, PHONE)
    context.set_default_timeout(15_000)
    yield context
    context.close()


@dataclass
class Tab:
    """A page with everything it reported: console errors, page errors, requests, bad answers."""

    page: object
    base: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        page = self.page
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def _on_console(self, message) -> None:
        if message.type == "error":
            location = message.location or {}
            where = f" ({location.get('url', '')}:{location.get('lineNumber', '')})"
            self.console_errors.append(message.text + (where if location.get("url") else ""))

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.bad_responses.append(f"{response.status} {response.url}")

    def _on_request_failed(self, request) -> None:
        # ERR_ABORTED: the test moved on (or started a download) before the request finished.
        if request.failure != "net::ERR_ABORTED":
            self.failed_requests.append(f"{request.failure} {request.url}")

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def goto(self, path: str, wait_until: str = "load"):
        response = self.page.goto(self.url(path), wait_until=wait_until)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return response

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions, error answers and failed requests so far."""
        return (
            [f"console error: {text}" for text in self.console_errors]
            + [f"page error: {text}" for text in self.page_errors]
            + [f"HTTP {text}" for text in self.bad_responses]
            + [f"request failed: {text}" for text in self.failed_requests]
        )

    def foreign_requests(self) -> list[str]:
        """Requests that leave the machine (anything but 127.0.0.1/localhost, data: and blob:)."""
        foreign = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob"):
                continue
            if parts.scheme not in ("http", "https", "ws", "wss") or (
                parts.hostname not in LOCAL_HOSTS
            ):
                foreign.append(url)
        return foreign


@pytest.fixture
def tab(desktop_context, site_server) -> Iterator[Tab]:
    """A fresh desktop-width page (1280×900) recording what it does."""
    page = desktop_context.new_page()
    yield Tab(page, site_server)
    page.close()


@pytest.fixture
def phone_tab(phone_context, site_server) -> Iterator[Tab]:
    """A fresh phone-width page (360×740) recording what it does."""
    page = phone_context.new_page()
    yield Tab(page, site_server)
    page.close()
