"""Helpers shared by several test files: one home, so that no test file imports another."""

from __future__ import annotations

from dataclasses import dataclass, field

from .conftest import SCREENSHOTS, Tab

CORE = ("home", "month", "unit", "task", "subscribe")


SERIOUS = {"serious", "critical"}


OVERFLOW_JS = """() => {
  const width = window.innerWidth, found = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    let hidden = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== 'visible' && p.getBoundingClientRect().right <= width + 0.5) {
        hidden = true; break;
      }
    }
    if (hidden) continue;
    const cls = typeof el.className === 'string' && el.className
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    found.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}`
      + ` right=${Math.round(box.right)}px`);
    if (found.length >= 8) break;
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, found};
}"""


@dataclass
class Visit:
    """What one page did when opened at one width."""

    key: str
    width: str
    url: str
    problems: list[str]
    foreign: list[str]
    requests: list[str]
    lang: str | None
    violations: list[dict] = field(default_factory=list)
    overflow: dict = field(default_factory=dict)


class Visits:
    """Opens each page once per width, on demand, and keeps the result."""

    def __init__(self, contexts: dict[str, object], base: str, paths: dict[str, str]) -> None:
        self.contexts, self.base, self.paths = contexts, base, paths
        self.cache: dict[tuple[str, str], Visit] = {}
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def __call__(self, key: str, width: str) -> Visit:
        if (key, width) not in self.cache:
            self.cache[key, width] = self._visit(key, width)
        return self.cache[key, width]

    def _visit(self, key: str, width: str) -> Visit:
        from axe_playwright_python.sync_playwright import Axe

        page = self.contexts[width].new_page()
        try:
            tab = Tab(page, self.base)
            tab.goto(self.paths[key], wait_until="networkidle")
            if key in CORE:
                page.screenshot(path=SCREENSHOTS / f"{key}-{width}.png", full_page=True)
            visit = Visit(
                key,
                width,
                page.url,
                tab.problems(),
                tab.foreign_requests(),
                list(tab.requests),
                page.get_attribute("html", "lang"),
                overflow=page.evaluate(OVERFLOW_JS),
            )
            visit.violations = Axe().run(page).response["violations"]
            # Anything the page (or axe) did after the first look counts too.
            visit.problems, visit.foreign = tab.problems(), tab.foreign_requests()
            return visit
        finally:
            page.close()


def axe_report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:10]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


SEARCH_FILES = (
    "tim-kiem/chi-muc.json",
    "tim-kiem/t/",
    "tim-kiem/d/",
    "search/",
    "assets/javascripts/search.js",
    "assets/javascripts/work",
)
"""Our index and engine (not the /tim-kiem/ page itself); Material's lunr index and worker."""
