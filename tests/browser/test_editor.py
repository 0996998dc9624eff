"""The web editor at /admin/, driven in Chromium.

On this machine (`make edit`): decap-server from the pinned `editor/node_modules` writes into a
temporary copy of content/ (never the real one); a clerk records a task as done; the file
written passes `check` and the rebuilt task page shows the new standing. As published (GitHub):
the page asks nothing of another host until the user chooses to sign in.

decap-server needs Node.js and `npm ci --prefix editor` (run by `make test`); without them these
tests skip on a developer's machine and fail under CI (`CI=true`), where `.ci/run` installs Node.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator.dates import VIETNAM
from generator.load.content import check_content
from tests.conftest import CONTENT, EPOCH, build_into

from .conftest import LOCAL_HOSTS, _Handler, _Server

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DECAP_SERVER = ROOT / "editor" / "node_modules" / "decap-server" / "dist" / "index.js"
AS_OF = dt.date(2026, 1, 24)  # the day EPOCH stands for, in Vietnam
TASK = "2026-01-01"
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
    """A throwaway repository folder holding a copy of the real content."""
    repo = tmp_path_factory.mktemp("editor-repo")
    shutil.copytree(CONTENT, repo / "content")
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


def serve(folder: Path) -> Iterator[str]:
    """Serve a built site on a free local port; its base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


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
def github_site(tmp_path_factory, node: str) -> Iterator[str]:
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


def test_admin_asks_nothing_of_another_host_until_sign_in(editor_page, github_site: str) -> None:
    seen = Recorder(editor_page)
    editor_page.goto(github_site + "admin/")
    sign_in = editor_page.get_by_role("button", name="Đăng nhập bằng GitHub")
    sign_in.wait_for()
    editor_page.wait_for_timeout(1000)  # anything started with the page has had time to ask
    assert seen.foreign == []
    assert seen.page_errors == [] and seen.console_errors == []
    assert editor_page.locator("script[src]").evaluate_all("s => s.map(e => e.src)") == [
        github_site + "admin/decap-cms.js",
        github_site + "admin/ctct-editor.js",
    ]
    # Choosing to sign in is the first request to leave: to the ward's sign-in service.
    with editor_page.expect_popup() as popup:
        sign_in.click()
    popup.value.wait_for_load_state()
    assert seen.foreign == [] and popup.value.url.startswith(AUTH + "/auth?provider=github")


def publish(page) -> None:
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_text("Công bố ngay", exact=True).click()


def test_clerk_records_a_task_done(editor_page, local_site: str, repo: Path, tmp_path) -> None:
    seen = Recorder(editor_page)
    reports = repo / "content" / "reports"
    task_page = built(tmp_path / "before", repo / "content") / "nhiem-vu" / TASK / "index.html"
    assert "Đã hoàn thành" not in task_page.read_text(encoding="utf-8")

    editor_page.clock.set_fixed_time(dt.datetime(2026, 1, 24, 10, 0, tzinfo=VIETNAM))
    editor_page.goto(local_site + "admin/")
    editor_page.get_by_role("button", name="Đăng nhập").click()
    editor_page.get_by_text("Báo cáo tiến độ").first.wait_for()
    editor_page.goto(local_site + "admin/#/collections/bao-cao/new")
    field = lambda name: editor_page.locator(f"[id^={name}-field]")  # noqa: E731
    field("task").fill("cải cách hành chính nhà nước")  # found by its text, not its id
    editor_page.get_by_role("option", name=re.compile(f"^{TASK} — Kế hoạch cải cách")).click()
    field("status").fill("hoàn thành")
    editor_page.get_by_role("option", name="Đã hoàn thành", exact=True).click()
    field("document").fill("Kế hoạch số 12/KH-UBND ngày 14/01/2026")
    field("link").fill("http://haiphong.gov.vn/van-ban/12")
    assert seen.page_errors == []

    publish(editor_page)  # the link is refused by the form
    editor_page.get_by_text("bắt đầu bằng https:// và có tên miền").first.wait_for()
    field("link").fill("")
    field("link").fill("https://haiphong.gov.vn/van-ban/12")
    publish(editor_page)  # done without its date is refused before saving
    editor_page.get_by_text("Đã hoàn thành thì cần ghi Ngày hoàn thành.").wait_for()
    assert not reports.exists()

    field("done_on").fill("2026-01-14")
    refused = list(seen.page_errors)  # Decap leaves each refused save as an unhandled rejection
    publish(editor_page)
    editor_page.get_by_text("Mục đã được lưu").wait_for()

    written = reports / f"{TASK}--2026-01-24.yaml"
    assert sorted(p.name for p in reports.iterdir()) == [written.name]
    data = yaml.load(written.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # all text
    assert {k: v for k, v in data.items() if v not in ("", None)} == {
        "task": TASK,
        "reported_on": "24/01/2026",
        "status": "done",
        "done_on": "14/01/2026",
        "document": "Kế hoạch số 12/KH-UBND ngày 14/01/2026",
        "link": "https://haiphong.gov.vn/van-ban/12",
    }
    content, problems = check_content(repo / "content", AS_OF, history=False)
    assert content is not None, problems
    assert not [p for p in problems if p.file.endswith(written.name)]
    after = built(tmp_path / "after", repo / "content") / "nhiem-vu" / TASK / "index.html"
    page = after.read_text(encoding="utf-8")
    assert "Đã hoàn thành" in page and "14/01/2026" in page
    assert seen.foreign == [] and seen.page_errors == refused


def expand(item_label) -> None:
    """Open a collapsed list item by the button in the bar above its label."""
    item_label.locator("xpath=preceding-sibling::div[1]//button").first.click()


def test_office_changes_a_task_only_with_an_amendment(
    editor_page, local_site: str, repo: Path
) -> None:
    page = editor_page
    page.clock.set_fixed_time(dt.datetime(2026, 3, 20, 10, 0, tzinfo=VIETNAM))
    page.goto(local_site + "admin/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Báo cáo tiến độ").first.wait_for()
    page.goto(local_site + "admin/#/collections/chuong-trinh/entries/2026")
    field = lambda name: page.locator(  # noqa: E731
        f":is(input, textarea)[id^={name}-field] >> visible=true"
    )
    expand(page.get_by_text("Tháng 3/2026", exact=True))
    expand(page.get_by_text("2026-03-05 — "))
    field("deadline").fill("")
    field("deadline").fill("sau bầu cử")
    publish(page)  # a deadline `check` could not read is refused by the form
    page.get_by_text("một ngày (15/01/2026), một khoảng (10-20/3/2026)").first.wait_for()
    field("deadline").fill("")
    field("deadline").fill("10-25/3/2026")
    publish(page)  # a task changed without an amendment naming it is refused
    page.get_by_text("Nhiệm vụ 2026-03-05 đã sửa (thời hạn) nhưng chưa có bản ghi").wait_for()

    page.get_by_role("button", name=re.compile("^Add")).click()
    field("id").fill("2026-dieu-chinh-01")
    field("decided_on").fill("2026-03-10")
    field("decision").fill("Quyết định số 15/QĐ-UBND ngày 10/3/2026")
    field("reason").fill("Lùi hạn để chờ hướng dẫn của thành phố.")
    field("tasks").fill("2026-03-05")
    page.get_by_role("option", name=re.compile("^2026-03-05 — Tập trung")).click()
    publish(page)
    page.get_by_text("Mục đã được lưu").wait_for()

    saved, problems = check_content(repo / "content", dt.date(2026, 3, 20), history=False)
    assert saved is not None, problems
    programme = saved.programmes[0]
    assert [(a.id, a.decided_on, a.task_ids) for a in programme.amendments] == [
        ("2026-dieu-chinh-01", dt.date(2026, 3, 10), ("2026-03-05",))
    ]
    original, _ = check_content(CONTENT, dt.date(2026, 3, 20), history=False)

    def facts(content):  # everything a task page shows of the programme's text
        return {
            t.id: (t.number, t.parent_id, t.content, t.lead_as_written, t.deadline, t.corrections)
            for t in content.tasks
        }

    before, after = facts(original), facts(saved)
    assert after.pop("2026-03-05")[4].as_written == "10-25/3/2026"
    before.pop("2026-03-05")
    assert after == before
    untouched = ("title", "issuer", "document_number", "issued_on", "legal_bases", "signer")
    for name in untouched:
        assert getattr(programme, name) == getattr(original.programmes[0], name), name
    key_facts = [
        [(k.id, k.number, k.content, k.cadence, k.meeting, k.corrections) for k in p.key_tasks]
        for p in (programme, original.programmes[0])
    ]
    assert key_facts[0] == key_facts[1]
