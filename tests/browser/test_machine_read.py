"""A programme read by OCR, in Chromium: its task page says a machine read the text and links to
the signed PDF; after a confirmation file names the row, the notice is gone (issue 30)."""

from __future__ import annotations

import pytest

from ..conftest import EPOCH, build_into
from ..render.test_confirmations import CHECKED, NOTICE, confirm, ocr_read
from .conftest import serve

pytestmark = pytest.mark.browser

ENV = {"SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": "https://example.org/ctct/"}
TASK = "nhiem-vu/2026-01-01/"


def notice_on_task_page(desktop_context, site) -> tuple[int, str]:
    """How many notices the task page shows, and where the first one's link goes."""
    server = serve(site)
    base, page = next(server), desktop_context.new_page()
    try:
        response = page.goto(base + TASK)
        assert response is not None and response.ok
        notice = page.locator(".ctct-machine-read")
        if not notice.count():
            return 0, ""
        assert NOTICE in notice.first.inner_text()
        assert notice.first.is_visible()
        href = notice.first.get_by_role("link", name="xem văn bản gốc").evaluate("a => a.href")
        assert page.request.get(href).ok, href
        return notice.count(), href.removeprefix(base)
    finally:
        page.close()
        server.close()


def test_the_notice_shows_until_a_person_checks_the_row(desktop_context, tmp_path):
    content = ocr_read(tmp_path)
    before = build_into(tmp_path / "before", content, ENV)
    assert notice_on_task_page(desktop_context, before) == (1, "van-ban/ctct-2026.pdf")

    confirm(content, CHECKED)
    after = build_into(tmp_path / "after", content, ENV)
    assert notice_on_task_page(desktop_context, after) == (0, "")
