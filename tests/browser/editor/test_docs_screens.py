"""The screens the clerk's guide shows (docs/pages/can-bo.md), taken at a phone's width.

Opt-in: set `CTCT_DOCS_SCREENSHOTS` to the folder the guide reads its pictures from, and run
this file alone; without the variable it is skipped, so `make test` never rewrites the docs:

    CTCT_DOCS_SCREENSHOTS=docs/pages/anh .venv/bin/python -m pytest \\
        tests/browser/editor/test_docs_screens.py -x -q

Each picture is the 360×740 screen as a clerk sees it on a phone, reduced to a palette of 64
colours (a few tens of KB each). The walk is the guide's: sign in, the list, a new progress
report, the error at its field, saved, the task page rebuilt, then an amendment.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from generator.common.dates import VIETNAM

from ..conftest import PHONE, serve
from .conftest import built, publish, saved, sign_in
from .test_editor import TASK, control_of, field

pytestmark = pytest.mark.browser

FOLDER = os.environ.get("CTCT_DOCS_SCREENSHOTS", "")


@pytest.fixture
def shots() -> Path:
    if not FOLDER:
        pytest.skip("CTCT_DOCS_SCREENSHOTS is not set: the guide's screenshots are opt-in")
    folder = Path(FOLDER).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot(page, folder: Path, name: str) -> None:
    """The visible screen, as a small palette PNG."""
    from PIL import Image

    page.wait_for_timeout(400)  # transitions settle
    path = folder / f"{name}.png"
    page.screenshot(path=path)
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def test_the_guides_screens(shots, editor_page, local_site: str, repo: Path, tmp_path) -> None:
    page = editor_page
    page.set_viewport_size(PHONE)
    page.clock.set_fixed_time(dt.datetime(2026, 1, 24, 10, 0, tzinfo=VIETNAM))

    page.goto(local_site + "admin/")
    page.get_by_role("button", name="Đăng nhập").wait_for()
    shoot(page, shots, "1-dang-nhap")
    sign_in(page, local_site)
    shoot(page, shots, "2-danh-sach")

    page.goto(local_site + "admin/#/collections/bao-cao/new")
    field(page, "task").wait_for()
    field(page, "task").fill("cải cách hành chính")
    page.get_by_role("option", name=re.compile(f"^{TASK} — ")).first.wait_for()
    shoot(page, shots, "3-chon-nhiem-vu")
    page.get_by_role("option", name=re.compile(f"^{TASK} — ")).click()
    field(page, "status").fill("hoàn thành")
    page.get_by_role("option", name="Đã hoàn thành", exact=True).click()
    field(page, "document").fill("Kế hoạch số 12/KH-UBND ngày 14/01/2026")

    publish(page)  # done without its date: refused at the field
    error = control_of(page, "done_on").get_by_text("cần ngày hoàn thành")
    error.wait_for()
    error.scroll_into_view_if_needed()
    shoot(page, shots, "4-loi-o-truong")

    field(page, "done_on").press_sequentially("14012026")
    field(page, "done_on").blur()
    publish(page)
    saved(page, "bao-cao")
    page.get_by_text("Mục đã được lưu").wait_for()
    shoot(page, shots, "5-da-luu")

    site = built(tmp_path / "after", repo / "content")
    for url in serve(site):
        page.goto(url + f"nhiem-vu/{TASK}/")
        standing = page.get_by_text("Đã hoàn thành").first
        standing.wait_for()
        standing.evaluate("e => e.scrollIntoView({block: 'center'})")
        shoot(page, shots, "6-trang-nhiem-vu")

    page.clock.set_fixed_time(dt.datetime(2026, 3, 20, 10, 0, tzinfo=VIETNAM))
    page.goto(local_site + "admin/#/collections/dieu-chinh/new")
    field(page, "decision").wait_for()
    field(page, "decided_on").press_sequentially("10032026")
    field(page, "decision").fill("Quyết định số 15/QĐ-UBND ngày 10/3/2026")
    field(page, "reason").fill("Lùi hạn để chờ hướng dẫn của thành phố.")
    page.get_by_role("button", name=re.compile("^Thêm nhiệm vụ")).click()
    field(page, "task").fill("2026-03-05")
    page.get_by_role("option", name=re.compile("^2026-03-05 — ")).click()
    field(page, "deadline").fill("10-25/3/2026")
    field(page, "deadline").scroll_into_view_if_needed()
    shoot(page, shots, "7-dieu-chinh")
    publish(page)
    saved(page, "dieu-chinh")

    taken = sorted(p.name for p in shots.glob("[1-7]-*.png"))
    assert len(taken) == 7, taken
