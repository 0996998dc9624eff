"""The province portal in Chromium: the same checks as every ward page (no error, no other
host, Vietnamese, axe, no sideways scroll on a phone, nothing fetched for search before typing),
its first view's weight, and a cross-ward search."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ..conftest import CONTENT
from ..province_kit import build_all, make_province
from .conftest import Tab, serve
from .helpers import SEARCH_FILES, SERIOUS, Visits, axe_report

WARDS = {"bac-son": ("Bắc Sơn", CONTENT, "31001"), "xa-tien-lang": ("Tiên Lãng", CONTENT, "")}
FIRST_VIEW_BYTES = 100_000


@pytest.fixture(scope="module")
def portal_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("portal")
    done = build_all(make_province(root / "repo", WARDS), root / "site")
    assert done.returncode == 0, done.stderr
    return root / "site"


@pytest.fixture(scope="module")
def portal_server(portal_site: Path) -> Iterator[str]:
    yield from serve(portal_site)


@pytest.fixture(scope="module")
def portal_visits(desktop_context, phone_context, portal_server) -> Visits:
    return Visits(
        {"desktop": desktop_context, "phone": phone_context}, portal_server, {"portal": ""}
    )


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_portal_loads_without_errors_or_other_hosts(portal_visits, width):
    visit = portal_visits("portal", width)
    assert not visit.problems, "\n".join(visit.problems)
    assert visit.requests and not visit.foreign, visit.foreign
    assert visit.lang == "vi"


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_portal_has_no_serious_accessibility_violation(portal_visits, width):
    visit = portal_visits("portal", width)
    bad = [v for v in visit.violations if v.get("impact") in SERIOUS]
    assert not bad, axe_report(bad)


def test_portal_does_not_scroll_sideways_on_a_phone(portal_visits):
    overflow = portal_visits("portal", "phone").overflow
    assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow["found"]


def test_portal_first_view_is_light_and_fetches_nothing_for_search(portal_visits, portal_site):
    visit = portal_visits("portal", "phone")
    fetched = [urlsplit(url).path.lstrip("/") for url in visit.requests]
    assert not [p for p in fetched if p.startswith(SEARCH_FILES) or p == "assets/search.js"]
    size = sum((portal_site / (path or "index.html")).stat().st_size for path in fetched)
    assert size <= FIRST_VIEW_BYTES, f"{size} bytes: {fetched}"


def test_bau_cu_finds_the_election_tasks_of_every_ward(phone_context, portal_server):
    page = phone_context.new_page()
    try:
        tab = Tab(page, portal_server)
        tab.goto("", wait_until="networkidle")
        page.fill("#q", "bau cu")
        page.wait_for_selector("[data-ctct-search] .md-search-result__list[data-query='bau cu']")
        more = page.locator(".ctct-search-more")
        while more.is_visible():
            more.click()
        results = page.locator(".md-search-result__item")
        teasers = results.locator("p").all_inner_texts()
        links = [
            urlsplit(a).path for a in results.locator("a").evaluate_all("l => l.map(a => a.href)")
        ]
        titles = results.locator("h1").all_inner_texts()
        assert all("bầu cử" in t.lower() for t in titles[:3]), titles
        for ward, (name, _, _) in WARDS.items():
            assert any(name in t for t in teasers), (name, teasers)
            assert any(link.startswith(f"/{ward}/nhiem-vu/") for link in links), links
        page.goto(portal_server + links[0].lstrip("/"))
        assert "bầu cử" in page.locator("h1").first.inner_text().lower()
        assert not tab.problems() and not tab.foreign_requests()
    finally:
        page.close()


@pytest.mark.parametrize(
    ("query", "phrase"), [("gpmb", "giải phóng mặt bằng"), ("cchc", "cải cách hành chính")]
)
def test_the_administrations_words_find_their_tasks(phone_context, portal_server, query, phrase):
    """The box's own example, GPMB: the portal's index carries the glossary as a ward's does."""
    page = phone_context.new_page()
    try:
        Tab(page, portal_server).goto("", wait_until="networkidle")
        page.fill("#q", query)
        page.wait_for_selector(f"[data-ctct-search] .md-search-result__list[data-query='{query}']")
        titles = page.locator(".md-search-result__item h1").all_inner_texts()
        assert titles and phrase in titles[0].lower(), titles
    finally:
        page.close()


def test_a_small_portals_table_filters_by_name_without_diacritics(phone_context, portal_server):
    page = phone_context.new_page()
    try:
        tab = Tab(page, portal_server)
        tab.goto("", wait_until="networkidle")
        page.fill("#ten", "tien lang")
        visible = page.locator(".ctct-table tbody tr:visible th").all_inner_texts()
        assert [v.split(" (")[0] for v in visible] == ["phường Tiên Lãng"], visible
        assert "1 phường, xã khớp" in page.locator(".ctct-filter__status").inner_text()
        assert not tab.problems()
    finally:
        page.close()


# --- the country's 3,321 wards in one portal ----------------------------------------------------

NATIONAL_FIRST_VIEW = 80_000


@pytest.fixture(scope="module")
def national_server(tmp_path_factory) -> Iterator[str]:
    """A portal of 3,321 synthetic wards in 34 provinces (`province_kit.national_digests`)."""
    import datetime as dt

    from generator.output import SiteInfo
    from generator.province.build_all import load_assets
    from generator.province.portal import render_portal

    from ..province_kit import national_digests

    site = tmp_path_factory.mktemp("national")
    info = SiteInfo("https://ctct.example.org/", dt.date(2026, 11, 24))
    for path, data in render_portal("Cả nước", national_digests(), [], info, load_assets()).items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
    yield from serve(site)


def test_the_countrys_ward_table_filters_by_province_and_name_on_a_phone(
    phone_context, national_server
):
    page = phone_context.new_page()
    fetched: list[tuple[str, int]] = []
    page.on("requestfinished", lambda r: fetched.append((r.url, r.sizes()["responseBodySize"])))
    try:
        tab = Tab(page, national_server)
        tab.goto("", wait_until="networkidle")
        first = sum(size for _, size in fetched)
        assert first <= NATIONAL_FIRST_VIEW, f"{first} bytes: {[u for u, _ in fetched]}"
        assert not any("bang-phuong" in url for url, _ in fetched), "rows wait for the filter"
        page.select_option("#tinh", label="Tỉnh thử 05 (98)")
        page.wait_for_selector(".ctct-table tbody tr")
        rows = page.locator(".ctct-table tbody tr")
        assert rows.count() == 98
        assert set(rows.locator("td:nth-of-type(1)").all_inner_texts()) == {"Tỉnh thử 05"}
        page.select_option("#tinh", value="")
        page.fill("#ten", "thu 0042")  # typed without diacritics
        found = page.locator(".ctct-table tbody tr th").all_inner_texts()
        assert len(found) == 1 and found[0].endswith("Thử 0042"), found
        # The name stays in view while the figures scroll sideways on a 360 px screen.
        page.fill("#ten", "thu 00")
        region = page.locator(".ctct-table")
        region.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
        name = page.locator(".ctct-table tbody th").first.bounding_box()
        assert name is not None and name["x"] >= 0 and name["x"] + name["width"] <= 360, name
        status = page.locator(".ctct-filter__status").inner_text()
        assert "100 phường, xã khớp" in status, status
        assert not tab.problems() and not tab.foreign_requests()
    finally:
        page.close()
