"""The web editor at /admin/, driven in Chromium.

On this machine (`make edit`): decap-server from the pinned `editor/node_modules` writes into a
temporary copy of content/ (never the real one); a clerk records a task as done; the file
written passes `check` and the rebuilt task page shows the new standing; the Office changes a
task only together with an amendment. As published (GitHub): the page asks nothing of another
host until the user chooses to sign in.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from generator.dates import VIETNAM
from generator.load.content import check_content
from tests.conftest import CONTENT

from ..conftest import SCREENSHOTS
from .conftest import AS_OF, AUTH, Recorder, built, expand, publish

pytestmark = pytest.mark.browser

TASK = "2026-01-01"


def test_admin_asks_nothing_of_another_host_until_sign_in(editor_page, github_site: str) -> None:
    seen = Recorder(editor_page)
    editor_page.goto(github_site + "admin/")
    sign_in = editor_page.get_by_role("button", name="Đăng nhập bằng GitHub")
    sign_in.wait_for()
    editor_page.wait_for_timeout(1000)  # anything started with the page has had time to ask
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    editor_page.screenshot(path=SCREENSHOTS / "admin-dang-nhap.png")
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
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    editor_page.screenshot(path=SCREENSHOTS / "admin-bao-cao.png", full_page=True)
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
