"""The keyboard on a 360 px phone: every Tab stop is on screen, visible, uncovered and ringed.

Off-screen stops (Material's closed drawer, its closed sub-lists, the closed search box and its
empty result pane) are what keyboard and switch users cannot see (WCAG 2.4.3, 2.4.7).
"""

from __future__ import annotations

import pytest

from .conftest import Tab

pytestmark = pytest.mark.browser

# The focused element, whether it lies wholly in the viewport, is drawn (not hidden, not
# transparent), is what a tap at its centre would reach (nothing covers it) and has a ring.
STOP_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const seen = el.hasAttribute('data-tab-seen');
  el.setAttribute('data-tab-seen', '');
  const box = el.getBoundingClientRect(), s = getComputedStyle(el);
  // A link wrapped over two lines has a box per line: one of them must be reachable.
  const reachable = [...el.getClientRects()].some(r => {
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    return !!hit && el.contains(hit);
  });
  const cls = typeof el.className === 'string' && el.className
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
  const name = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim();
  return {
    seen,
    element: `${el.tagName.toLowerCase()}${cls} «${name.replace(/\\s+/g, ' ').slice(0, 40)}»`,
    box: `${Math.round(box.left)},${Math.round(box.top)} ${Math.round(box.width)}×`
      + `${Math.round(box.height)}`,
    onScreen: box.width > 0 && box.height > 0 && box.left >= -1 && box.top >= -1
      && box.right <= innerWidth + 1 && box.bottom <= innerHeight + 1,
    drawn: el.checkVisibility({visibilityProperty: true, opacityProperty: true}),
    uncovered: reachable,
    ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
    inDrawer: !!el.closest('.md-sidebar--primary'),
  };
}"""


def walk(tab: Tab, limit: int = 400, until=None) -> list[dict]:
    """Press Tab until the focus leaves the page or comes back round (or `until(stop)`)."""
    stops = []
    for _ in range(limit):
        tab.page.keyboard.press("Tab")
        stop = tab.page.evaluate(STOP_JS)
        if stop is None or stop["seen"] or (until and until(stop)):
            return stops
        stops.append(stop)
    raise AssertionError(f"{limit} Tab presses never left the page")


def bad(stops: list[dict]) -> list[str]:
    return [
        f"{s['element']} at {s['box']}: "
        + ", ".join(k for k in ("onScreen", "drawn", "uncovered", "ring") if not s[k])
        for s in stops
        if not (s["onScreen"] and s["drawn"] and s["uncovered"] and s["ring"])
    ]


@pytest.mark.parametrize("key", ["home", "month", "task"])
def test_every_tab_stop_on_a_phone_is_on_screen(phone_tab: Tab, paths: dict, key: str) -> None:
    phone_tab.goto(paths[key], wait_until="networkidle")
    stops = walk(phone_tab)
    assert len(stops) > 5, f"/{paths[key]}: only {len(stops)} Tab stops"
    assert stops[0]["element"].startswith("a.md-skip"), f"/{paths[key]}: no skip link first"
    assert (
        stops[1]["element"].startswith("label.md-header__button")
        and "mục lục" in stops[1]["element"]
    ), f"/{paths[key]}: the second stop should be the menu button, not {stops[1]['element']}"
    assert not any(s["inDrawer"] for s in stops), "the closed drawer took the focus"
    problems = bad(stops)
    assert not problems, f"/{paths[key]} at 360 px:\n" + "\n".join(problems)
    assert not phone_tab.problems(), "\n".join(phone_tab.problems())


def test_the_phone_drawer_works_from_the_keyboard(phone_tab: Tab, paths: dict) -> None:
    page = phone_tab.page
    phone_tab.goto(paths["month"], wait_until="networkidle")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.is_checked("#__drawer"), "Enter on the menu button opens the drawer"
    page.wait_for_timeout(300)  # the drawer slides in
    stops = walk(phone_tab, until=lambda stop: not (stop["inDrawer"] or in_header(stop)))
    in_drawer = [s for s in stops if s["inDrawer"]]
    assert len(in_drawer) >= 12, "the month's sub-list (12 months) is reachable"
    problems = bad(stops)
    assert not problems, "open drawer at 360 px:\n" + "\n".join(problems)
    assert not page.is_checked("#__drawer"), "leaving the drawer for the page closes it"
    menu = page.locator(".md-header__button[for=__drawer]")
    menu.focus()
    page.keyboard.press(" ")
    assert page.is_checked("#__drawer"), "Space opens it too"
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer"), "Escape closes it"
    assert page.evaluate("document.activeElement.matches('.md-header__button[for=__drawer]')")
    assert not phone_tab.problems(), "\n".join(phone_tab.problems())


def in_header(stop: dict) -> bool:
    return stop["element"].startswith("label.md-header__button")


def test_the_phone_search_works_from_the_keyboard(phone_tab: Tab, paths: dict) -> None:
    page = phone_tab.page
    phone_tab.goto(paths["task"], wait_until="networkidle")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.md-header__button[for=__search]')")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)  # the search box grows to the full screen
    focus = page.evaluate(STOP_JS)
    assert focus["element"].startswith("input.md-search__input"), focus
    assert not bad([focus]), bad([focus])
    page.keyboard.type("giao quan", delay=20)
    page.wait_for_function(
        "document.querySelector('.md-search-result__list').dataset.query === 'giao quan'"
    )
    page.keyboard.press("Tab")
    focus = page.evaluate(STOP_JS)
    assert "md-search-result__link" in focus["element"], "Tab goes from the box to the results"
    assert not bad([focus]), bad([focus])
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search"), "Escape closes the search"
    page.wait_for_timeout(400)  # the box shrinks away
    focus = page.evaluate(STOP_JS)
    assert focus["element"].startswith("label.md-header__button"), focus
    assert not bad([focus]), bad([focus])
    assert not phone_tab.problems(), "\n".join(phone_tab.problems())
