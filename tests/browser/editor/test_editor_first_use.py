"""What a clerk met trying the editor for the first time (issue 28), each mistake alone."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.common.dates import VIETNAM

from ..conftest import DESKTOP, PHONE
from .conftest import publish, sign_in
from .test_editor import TASK, control_of, field

pytestmark = pytest.mark.browser


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def any_page(request, editor_page):
    editor_page.set_viewport_size(request.param)
    return editor_page


def new_report(page, site: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2026, 1, 24, 10, 0, tzinfo=VIETNAM))
    sign_in(page, site)
    page.goto(site + "admin/#/collections/bao-cao/new")
    field(page, "task").wait_for()


def test_done_without_its_date_is_refused_at_the_field(any_page, local_site: str, repo: Path):
    """Nothing else wrong: the date field once read the entry as it was when it last changed."""
    page = any_page
    new_report(page, local_site)
    field(page, "task").fill(TASK)
    page.get_by_role("option", name=re.compile(f"^{TASK} — ")).click()
    field(page, "status").fill("hoàn thành")
    page.get_by_role("option", name="Đã hoàn thành", exact=True).click()
    field(page, "document").fill("Kế hoạch số 12/KH-UBND ngày 14/01/2026")
    publish(page)
    control_of(page, "done_on").get_by_text(
        "Tình trạng là Đã hoàn thành thì cần ngày hoàn thành."
    ).wait_for()
    page.wait_for_timeout(1500)  # a save would have been reported by now
    assert not page.get_by_text("Mục đã được lưu").is_visible()
    assert not (repo / "content" / "reports").exists()


@pytest.mark.parametrize("collection", ["bao-cao", "dieu-chinh"])
def test_forms_fit_a_phone(editor_page, local_site: str, collection: str) -> None:
    """No sideways scrolling at 360px: Decap's editor screen kept 800px."""
    page = editor_page
    page.set_viewport_size(PHONE)
    sign_in(page, local_site)
    page.goto(local_site + f"admin/#/collections/{collection}/new")
    if collection == "dieu-chinh":
        field(page, "decision").wait_for()
        page.get_by_role("button", name=re.compile("^Thêm nhiệm vụ")).click()
    field(page, "task").wait_for()
    page.wait_for_timeout(300)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("window.innerWidth") == PHONE["width"]
    page.get_by_role("button", name="Công bố", exact=True).click()  # reachable on the screen
    page.get_by_text("Công bố ngay", exact=True).wait_for()


def test_a_new_deadline_before_the_programme_year_is_refused_at_the_field(
    editor_page, local_site: str, repo: Path
) -> None:
    page = editor_page
    page.clock.set_fixed_time(dt.datetime(2026, 3, 20, 10, 0, tzinfo=VIETNAM))
    sign_in(page, local_site)
    page.goto(local_site + "admin/#/collections/dieu-chinh/new")
    field(page, "decided_on").press_sequentially("10032026")
    field(page, "decision").fill("Quyết định số 15/QĐ-UBND ngày 10/3/2026")
    field(page, "reason").fill("Lùi hạn.")
    page.get_by_role("button", name=re.compile("^Thêm nhiệm vụ")).click()
    field(page, "task").fill("2026-03-05")
    page.get_by_role("option", name=re.compile("^2026-03-05 — ")).click()
    field(page, "deadline").fill("10-25/3/2025")
    publish(page)
    control_of(page, "deadline").get_by_text("một khoảng (10-20/3/2026)").wait_for()
    page.wait_for_timeout(1500)  # a save would have been reported by now
    assert not page.get_by_text("Mục đã được lưu").is_visible()
    assert not (repo / "content" / "amendments").exists()
