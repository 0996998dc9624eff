"""Fixtures of the editor's browser tests: decap-server, the sites it edits, a recording page.

decap-server needs Node.js and `npm ci --prefix editor` (run by `make test`); without them these
tests skip on a developer's machine and fail under CI (`CI=true`), where `.ci/run` installs Node.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import CONTENT, EPOCH, build_into, run_git

from ..conftest import LOCAL_HOSTS, serve

ROOT = Path(__file__).resolve().parents[3]
DECAP_SERVER = ROOT / "editor" / "node_modules" / "decap-server" / "dist" / "index.js"
AS_OF = dt.date(2026, 1, 24)  # the day EPOCH stands for, in Vietnam
AUTH = "https://auth.example.org"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"decap-server stopped: {process.stdout.read()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"decap-server did not answer on port {port}")


@pytest.fixture(scope="module")
def node() -> str:
    node = shutil.which("node")
    if node is None or not DECAP_SERVER.is_file():
        missing = "node is not installed" if node is None else "decap-server is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} – under CI the editor tests must run", pytrace=False)
        pytest.skip(f"{missing} (make test runs `npm ci --prefix editor` when node exists)")
    return node


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A throwaway git repository holding a copy of the real content, committed."""
    repo = tmp_path_factory.mktemp("editor-repo")
    shutil.copytree(CONTENT, repo / "content")
    run_git(repo, "init", "-q")
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "-qm", "Nội dung")
    return repo


@pytest.fixture(scope="module")
def decap_server(node: str, repo: Path) -> Iterator[str]:
    """decap-server on a free local port, saving into `repo`; its API address."""
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "GIT_REPO_DIRECTORY": str(repo),
        "MODE": "fs",
    }
    process = subprocess.Popen(
        [node, str(DECAP_SERVER)],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        process.terminate()
        process.wait(timeout=10)


def built(tmp: Path, content: Path, **env: str) -> Path:
    return build_into(
        tmp, content, {"SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": "https://example.org/ctct/", **env}
    )


@pytest.fixture(scope="module")
def local_site(tmp_path_factory, repo: Path, decap_server: str) -> Iterator[str]:
    """The site as `make edit` builds it: /admin/ saves through decap-server."""
    site = built(
        tmp_path_factory.mktemp("local"), repo / "content", CTCT_EDITOR_PROXY_URL=decap_server
    )
    yield from serve(site)


@pytest.fixture(scope="module")
def github_site(tmp_path_factory) -> Iterator[str]:
    """The site as published: /admin/ proposes changes to a GitHub repository."""
    site = built(
        tmp_path_factory.mktemp("github"),
        CONTENT,
        CTCT_EDITOR_REPO="ubnd-example/chuong-trinh",
        CTCT_EDITOR_AUTH_URL=AUTH,
        CTCT_EDITOR_PROXY_URL="",
    )
    yield from serve(site)


class Recorder:
    """Requests leaving this machine, uncaught page errors and console errors of one page."""

    def __init__(self, page) -> None:
        self.foreign: list[str] = []
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", self._on_request)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("console", self._on_console)

    def _on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob") and parts.hostname not in LOCAL_HOSTS:
            self.foreign.append(request.url)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)


@pytest.fixture
def editor_page(browser):
    """A desktop page in Vietnam's time zone; nothing it asks of another host leaves."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    context.set_default_timeout(20_000)
    context.route(lambda url: urlsplit(url).hostname not in LOCAL_HOSTS, _no_network)
    page = context.new_page()
    yield page
    context.close()


def _no_network(route) -> None:
    """The sign-in service answers here, so that the test never leaves the machine."""
    if route.request.url.startswith(AUTH + "/"):
        route.fulfill(status=200, content_type="text/plain", body="dang nhap")
    else:
        route.abort()


def publish(page) -> None:
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_text("Công bố ngay", exact=True).click()


def saved(page, collection: str) -> None:
    """Wait until the entry is saved and Decap has moved from /new to it: going elsewhere
    before that move lands would be undone by it."""
    page.get_by_text("Mục đã được lưu").wait_for()
    page.wait_for_url(re.compile(rf"/collections/{collection}/entries/"))


def sign_in(page, site: str) -> None:
    page.goto(site + "admin/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Báo cáo tiến độ").first.wait_for()
