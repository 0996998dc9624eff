"""End-to-end: the built real site in Chromium, at phone (360×740) and desktop (1280×900) width.

Each page is opened once per width (`Visits`) and its console, requests, language, axe report,
sideways scroll and screenshot are kept; the tests below then judge one thing each.
Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import gzip
from urllib.parse import urlsplit

import pytest

from generator.domain.model import Content, Programme

from .conftest import SCREENSHOTS, Tab
from .helpers import CORE, SEARCH_FILES, SERIOUS, Visits, axe_report

pytestmark = pytest.mark.browser

VIETNAMESE = (*CORE, "key-tasks", "data", "about", "progress", "search", "catalogue", "access")
ENGLISH = ("english", "english-site")
PAGES = (*VIETNAMESE, *ENGLISH)
NEW_PAGES = ("catalogue", "access", *ENGLISH)
"""The pages the law asks for (issue 31): each light enough for slow mobile data."""
FIRST_VIEW_BYTES = 80_000
WIDTHS = ("phone", "desktop")


# Elements wider than the viewport, to name the culprit when a page scrolls sideways.


@pytest.fixture(scope="session")
def visits(desktop_context, phone_context, site_server, paths) -> Visits:
    return Visits({"desktop": desktop_context, "phone": phone_context}, site_server, paths)


# --- every page, both widths ---------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("key", PAGES)
def test_page_loads_without_errors(visits: Visits, key: str, width: str) -> None:
    visit = visits(key, width)
    assert not visit.problems, f"{visit.url} at {width} width:\n" + "\n".join(visit.problems)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("key", PAGES)
def test_every_request_stays_on_localhost(visits: Visits, key: str, width: str) -> None:
    visit = visits(key, width)
    assert visit.requests, f"{visit.url}: no request recorded at all"
    assert not visit.foreign, f"{visit.url} asked other hosts:\n" + "\n".join(visit.foreign)


@pytest.mark.parametrize("key", VIETNAMESE)
def test_page_is_in_vietnamese(visits: Visits, key: str) -> None:
    visit = visits(key, "desktop")
    assert visit.lang == "vi", f'{visit.url}: <html lang="{visit.lang}">'


@pytest.mark.parametrize("key", ENGLISH)
def test_english_pages_say_they_are_english(visits: Visits, key: str) -> None:
    visit = visits(key, "desktop")
    assert visit.lang == "en", f'{visit.url}: <html lang="{visit.lang}">'


@pytest.mark.parametrize("key", NEW_PAGES)
def test_first_view_of_the_new_pages_is_light(visits: Visits, real_site, key: str) -> None:
    """The page and every file it loads on a phone (CSS, JS, images), gzip-compressed as a
    web server sends them (Material's own bundle is most of it, on every page alike)."""
    visit = visits(key, "phone")
    fetched = sorted({urlsplit(url).path.lstrip("/") for url in visit.requests})
    files = [real_site / p / "index.html" if p.endswith("/") or not p else real_site / p
             for p in fetched]  # fmt: skip
    sent = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files if f.is_file())
    stored = sum(f.stat().st_size for f in files if f.is_file())
    print(f"{visit.url}: first view {sent} bytes gzip ({stored} stored), {len(files)} files")
    assert sent <= FIRST_VIEW_BYTES, f"{sent} bytes: {fetched}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("key", PAGES)
def test_first_view_downloads_nothing_for_search(visits: Visits, key: str, width: str) -> None:
    """Search costs nothing until someone types (tests/browser/test_search.py: what it costs)."""
    visit = visits(key, width)
    fetched = [urlsplit(url).path.lstrip("/") for url in visit.requests]
    assert not [path for path in fetched if path.startswith(SEARCH_FILES)], fetched


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("key", PAGES)
def test_axe_finds_no_serious_violation(visits: Visits, key: str, width: str) -> None:
    visit = visits(key, width)
    bad = [v for v in visit.violations if v.get("impact") in SERIOUS]
    others = [v for v in visit.violations if v.get("impact") not in SERIOUS]
    if others:
        print(f"{visit.url} ({width}), minor axe findings:\n{axe_report(others)}")
    assert not bad, f"{visit.url} ({width}) axe-core:\n{axe_report(bad)}"


@pytest.mark.parametrize("key", PAGES)
def test_phone_page_does_not_scroll_sideways(visits: Visits, key: str) -> None:
    visit = visits(key, "phone")
    overflow = visit.overflow
    assert overflow["scrollWidth"] <= overflow["innerWidth"], (
        f"{visit.url} at 360×740: scrollWidth {overflow['scrollWidth']} > "
        f"{overflow['innerWidth']}; too wide: {overflow['found']}"
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("key", CORE)
def test_screenshot_written(visits: Visits, key: str, width: str) -> None:
    visits(key, width)
    shot = SCREENSHOTS / f"{key}-{width}.png"
    assert shot.is_file() and shot.stat().st_size > 1000, shot


# --- navigation, search, feeds, focus --------------------------------------------------------


def test_home_links_reach_every_month_and_unit(
    tab: Tab, model: Content, programme: Programme
) -> None:
    page = tab.page
    expected = [
        (
            "theo-thang",
            f"Tháng {m.number}/{programme.year}",
            f"thang/{programme.id}-{m.number:02d}/",
        )
        for m in programme.months
    ] + [("theo-don-vi", u.name, f"don-vi/{u.id}/") for u in model.units]
    assert len(programme.months) == 12
    # The page's HTML and its scripts are all that matter here: DOMContentLoaded is enough.
    for section, title, path in expected:
        tab.goto("", wait_until="domcontentloaded")
        links = page.locator(f".md-content #{section} + ul").get_by_role(
            "link", name=title, exact=True
        )
        assert links.count() == 1, f"home page, section #{section}: no single link «{title}»"
        links.click()
        page.wait_for_url(tab.url(path), wait_until="domcontentloaded")
        assert page.locator(".md-content h1").first.inner_text().strip() == title, path
        assert page.get_attribute("html", "lang") == "vi", path
    assert not tab.problems(), "\n".join(tab.problems())
    assert not tab.foreign_requests(), "\n".join(tab.foreign_requests())


def _fetch_calendar(tab: Tab, href: str) -> None:
    assert urlsplit(href).hostname in ("127.0.0.1", "localhost"), href
    response = tab.page.context.request.get(href)
    assert response.status == 200, f"{href}: HTTP {response.status}"
    content_type = response.headers.get("content-type", "")
    assert content_type.startswith("text/calendar"), f"{href}: {content_type}"
    body = response.text()
    assert body.startswith("BEGIN:VCALENDAR"), f"{href}: {body[:80]!r}"
    assert body.rstrip().endswith("END:VCALENDAR"), href


def test_feed_links_answer_with_a_calendar(tab: Tab, model: Content, paths: dict) -> None:
    page = tab.page
    tab.goto("lich/")
    unit = paths["unit"].split("/")[1]
    for anchor in ("tat-ca", unit):
        link = page.locator(f"section#{anchor} a[download][href$='.ics']")
        assert link.count() == 1, f"lich/: no single .ics download link in section #{anchor}"
        href = link.evaluate("a => a.href")
        assert href.endswith(f"/lich/{anchor}.ics"), href
        _fetch_calendar(tab, href)
    tab.goto(paths["task"])
    link = page.locator(".md-content a[href$='.ics']")
    assert link.count() == 1, f"{paths['task']}: no single 'Thêm vào lịch' link"
    _fetch_calendar(tab, link.evaluate("a => a.href"))
    assert not tab.problems(), "\n".join(tab.problems())


FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el), box = el.getBoundingClientRect();
  const rgb = c => { const m = c.match(/^rgba?\\(([^)]*)\\)/);
    if (!m) return null; const v = m[1].split(/[\\s,/]+/).map(Number);
    return {r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1}; };
  const lin = x => (x /= 255) <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  const lum = c => 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  // What the ring is drawn on: the element itself when it is drawn inside (negative offset),
  // else the nearest ancestor with a background.
  let bg = {r: 255, g: 255, b: 255, a: 1}, behind = 'white page';
  const start = parseFloat(s.outlineOffset) < 0 ? el : el.parentElement;
  for (let p = start; p; p = p.parentElement) {
    const c = rgb(getComputedStyle(p).backgroundColor);
    if (c && c.a >= 0.5) { bg = c; behind = getComputedStyle(p).backgroundColor; break; }
  }
  const ring = rgb(s.outlineColor);
  const [hi, lo] = ring ? [lum(ring), lum(bg)].sort((a, b) => b - a) : [1, 0];
  const contrast = (hi + 0.05) / (lo + 0.05);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const cls = typeof el.className === 'string' && el.className
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
  return {
    element: `${el.tagName.toLowerCase()}${cls} «${(el.textContent || el.value || '').trim()
      .slice(0, 40)}»`,
    inContent: !!el.closest('.md-content'),
    empty: box.width === 0 || box.height === 0,
    onScreen: box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight
      && el.checkVisibility(),
    ring: outline ? contrast >= 3 : s.boxShadow !== 'none',
    style: `outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} (contrast `
      + `${contrast.toFixed(2)} with ${behind} behind), `
      + `box-shadow ${s.boxShadow}, box ${Math.round(box.width)}×${Math.round(box.height)}`,
  };
}"""


@pytest.mark.parametrize("key", ["home", "month"])
def test_keyboard_focus_is_visible(tab: Tab, paths: dict, key: str) -> None:
    """Tab from the top of the page into the content: every stop shows a ring (≥ 3:1 contrast
    against what is behind it, or a box-shadow) on an element that is on screen."""
    page = tab.page
    tab.goto(paths[key])
    stops, in_content = [], 0
    while in_content < 3 and len(stops) < 60:
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        assert focus is not None, f"/{paths[key]}: Tab left the focus on the page body"
        stops.append(focus)
        in_content += focus["inContent"]
    assert in_content == 3, f"/{paths[key]}: 60 Tab presses never reached the page content"
    hidden = [f for f in stops if f["empty"] or not (f["ring"] and f["onScreen"])]
    assert not hidden, f"/{paths[key]}: keyboard focus not visible on:\n" + "\n".join(
        f"{f['element']}: {'on' if f['onScreen'] else 'OFF'} screen, {f['style']}" for f in hidden
    )


def test_month_prints_on_a4_without_navigation_or_search(tab: Tab, paths: dict) -> None:
    page = tab.page
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    tab.goto(paths["month"])
    page.emulate_media(media="print")
    try:
        for selector in (
            ".md-header",
            ".md-sidebar--primary",
            ".md-search",
            ".md-footer",
            ".ctct-pager",
        ):
            assert page.locator(selector).first.is_hidden(), f"{selector} is printed"
        assert page.locator(".ctct-table").is_visible()
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the printed month is {overflow}px wider than the page"
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        (SCREENSHOTS / "month-a4.pdf").write_bytes(pdf)
    finally:
        page.emulate_media(media="screen")
