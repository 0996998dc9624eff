"""What a citizen meets around every page (issue 22), in Chromium on the built real site: the
ward's name in the phone header and the body, the footer, the printed extract (page.pdf), the
skip link, the 404 page, /tim-kiem/, Open Graph tags, the progress bar's height."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.common.wording import site_title
from generator.domain.model import Content

from .conftest import SCREENSHOTS, Tab

pytestmark = pytest.mark.browser


def test_phone_header_shows_the_whole_site_name(phone_tab: Tab, model: Content, paths) -> None:
    phone_tab.goto(paths["month"])
    name = phone_tab.page.locator(".md-header__topic:first-child .md-ellipsis")
    box = name.evaluate(
        """el => ({text: el.textContent.trim(), clipped: el.scrollHeight > el.clientHeight + 1
               || el.scrollWidth > el.clientWidth + 1, top: el.getBoundingClientRect().top,
               bottom: el.getBoundingClientRect().bottom,
               header: el.closest('.md-header').getBoundingClientRect().bottom})"""
    )
    assert box["text"] == site_title(model.ward)
    assert not box["clipped"], "the ward's name is cut in the phone header"
    assert box["top"] >= 0 and box["bottom"] <= box["header"]


@pytest.mark.parametrize("key", ["home", "month", "unit", "task", "progress", "search"])
def test_every_page_names_the_issuer_and_has_the_footer(tab: Tab, model: Content, paths, key):
    tab.goto(paths[key])
    page = tab.page
    assert page.locator(".ctct-kicker").inner_text() == model.ward.issuer
    footer = page.locator("footer.ctct-footer")
    text = footer.inner_text()
    assert model.ward.issuer in text and "Dữ liệu mở" in text
    assert "Made with" not in text
    assert footer.locator("a[href$='du-lieu/']").count() == 1
    if not (model.ward.email or model.ward.phone or model.ward.feedback_link):
        assert f"liên hệ trực tiếp {model.ward.issuer}" in text


def test_the_footer_dates_the_data_not_the_build(tab: Tab, paths) -> None:
    tab.goto(paths["home"])
    text = tab.page.locator("footer.ctct-footer").inner_text()
    built = dt.date(2026, 11, 24).strftime("%d/%m/%Y")
    assert built not in text or "Dữ liệu cập nhật" not in text


def test_a_task_prints_as_an_extract_of_the_programme(tab: Tab, model, programme, paths):
    page = tab.page
    page.set_viewport_size({"width": 794, "height": 1123})
    tab.goto(paths["task"])
    page.emulate_media(media="print")
    try:
        head = page.locator(".ctct-print-head")
        assert head.is_visible()
        text = head.inner_text()
        assert programme.title in text
        assert f"Trích từ trang: https://example.org/ctct/{paths['task']}" in text
        assert "Ngày in: " in text and text.rstrip()[-4:].isdigit()
        assert page.locator(".ctct-kicker").is_visible()
        for noise in (".ctct-noprint", "a.md-button", ".md-header", ".md-footer"):
            assert page.locator(noise).first.is_hidden(), f"{noise} is printed"
        colour = page.locator("h1").evaluate("el => getComputedStyle(el).color")
        assert colour == "rgb(0, 0, 0)", f"the title prints in {colour}"
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / "task-a4.pdf").write_bytes(pdf)
    finally:
        page.emulate_media(media="screen")


def test_the_skip_link_is_the_first_stop_and_moves_to_the_content(tab: Tab, paths) -> None:
    tab.goto(paths["month"])
    page = tab.page
    page.keyboard.press("Tab")
    first = page.evaluate(
        "() => { const a = document.activeElement, r = a.getBoundingClientRect();"
        " return {text: a.textContent.trim(), href: a.getAttribute('href'),"
        " shown: r.top >= 0 && r.bottom <= innerHeight && r.width > 0}; }"
    )
    assert first == {"text": "Bỏ qua, đến nội dung chính", "href": "#noi-dung", "shown": True}
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"


def test_the_404_page_is_vietnamese_with_search_and_a_way_home(tab: Tab) -> None:
    """Hosts serve 404.html at any depth, so its links start at the site's root path."""
    tab.goto("404.html")
    page = tab.page
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    assert "Not found" not in page.content()
    assert page.locator(".ctct-search-form").get_attribute("action") == "/ctct/tim-kiem/"
    assert page.locator(".ctct-search-form input[name=q]").is_visible()
    assert page.locator("a", has_text="Về trang chủ").get_attribute("href") == "/ctct/"
    # (its styles and scripts are at /ctct/ too, which this server, at the root, does not have)


def test_the_search_page_opens_the_search_with_its_query(tab: Tab, paths) -> None:
    tab.goto(paths["search"] + "?q=gpmb")
    page = tab.page
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__list').dataset.query === 'gpmb'"
    )
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert "nhiem-vu/" in first
    assert not tab.problems(), tab.problems()


def test_the_search_page_without_javascript_lists_months_and_units(browser, site_server, paths):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server + paths["search"])
        assert page.locator(".ctct-search-form input[name=q]").is_visible()
        assert page.locator("#theo-thang + ul a").count() >= 1
        assert page.locator("#theo-don-vi + ul a").count() >= 1
    finally:
        context.close()


@pytest.mark.parametrize("key", ["home", "month", "task"])
def test_open_graph_tags_describe_the_page(tab: Tab, paths, key) -> None:
    tab.goto(paths[key])
    meta = tab.page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll("
        '\'meta[property^="og:"], meta[name^="twitter:"]\')]'
        ".map(m => [m.getAttribute('property') || m.getAttribute('name'), m.content]))"
    )
    title = tab.page.locator("h1").first.inner_text()
    assert meta["og:title"] == title or key == "home"
    assert meta["og:description"] and meta["og:locale"] == "vi_VN"
    assert meta["og:url"] == f"https://example.org/ctct/{paths[key]}"
    assert meta["twitter:card"] == "summary"


def test_the_logo_and_favicon_are_our_own_files(tab: Tab, paths) -> None:
    tab.goto(paths["home"])
    icon = tab.page.locator("link[rel=icon]").get_attribute("href")
    logo = tab.page.locator(".md-header__button.md-logo img").get_attribute("src")
    assert icon.endswith("assets/images/logo.svg") and logo.endswith("assets/images/logo.svg")
    assert not tab.foreign_requests()


def test_the_progress_bar_is_20_px_tall_on_desktop(tab: Tab, paths) -> None:
    tab.goto(paths["home"])
    heights = tab.page.locator(".ctct-rollup-bar").evaluate_all(
        "bars => bars.filter(b => b.getClientRects().length)"
        ".map(b => Math.round(b.getBoundingClientRect().height))"
    )
    assert heights and set(heights) == {20}
