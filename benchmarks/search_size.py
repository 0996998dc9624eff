"""What search downloads, at 1× and 10× the 2026 programme, measured in Chromium.

    .venv/bin/python benchmarks/search_size.py [--scales 1 10] [--out benchmarks/out]

For each scale it builds the site from the synthetic content of build_speed.py, serves it on
127.0.0.1 and opens the home page in Debian's Chromium (/usr/bin/chromium), then:
  - first view: what the page fetched for search before anyone typed (should be nothing);
  - first query: everything the first search fetched (the engine, the manifest, term files,
    the result files of the ten results shown);
  - later queries: what each further search fetched (only the files not fetched before).
Bytes are counted as served (uncompressed) and as gzip would send them (level 6, as most static
hosts compress JSON and JavaScript). Prints a table; figures go into benchmarks/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import statistics
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

from build_speed import PYTHON, ROOT, synthetic_content

FIRST = "ma tuy"
LATER = [
    "nghĩa vụ quân sự",
    "ngay nha giao",
    "dau gia",
    "trung thu",
    "bầu cử",
    "kế hoạch",
    "tháng 8",
    "công an phường",
    "bao cao tinh hinh thuc hien nhiem vu",
    "giai phong mat bang",
]
SEARCH_FILES = ("tim-kiem/", "assets/javascripts/search.js", "search/", "workers/search")


def build(scale: int, out: Path) -> Path:
    site = out / f"search-site-{scale}x"
    command = [PYTHON, "-m", "generator", "build", "--content", str(synthetic_content(scale, out))]
    subprocess.run([*command, "--site-dir", str(site)], cwd=ROOT, check=True, capture_output=True)
    return site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def sizes(site: Path, base: str, urls: list[str]) -> tuple[int, int, int]:
    """(files, bytes, gzip bytes) of the search files among the URLs fetched."""
    files = raw = packed = 0
    for url in dict.fromkeys(urls):
        path = urlsplit(url).path.removeprefix(urlsplit(base).path)
        if not path.startswith(SEARCH_FILES) and "/workers/search" not in path:
            continue
        data = (site / path).read_bytes()
        files, raw, packed = files + 1, raw + len(data), packed + len(gzip.compress(data, 6))
    return files, raw, packed


def search(page, text: str) -> None:
    """Type a query (as one input event) and wait until its results are shown."""
    page.fill("input.md-search__input", text)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__list').dataset.query === q", arg=text
    )
    page.wait_for_load_state("networkidle")


def measure(scale: int, out: Path) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    site = build(scale, out)
    server, base = serve(site)
    fetched: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            page = browser.new_page()
            page.on("request", lambda request: fetched.append(request.url))
            page.goto(base, wait_until="networkidle")
            first_view = sizes(site, base, fetched)
            fetched.clear()
            page.click("input.md-search__input")
            search(page, FIRST)
            first = sizes(site, base, fetched)
            later = []
            for text in LATER:
                fetched.clear()
                search(page, text)
                later.append(sizes(site, base, fetched))
            browser.close()
    finally:
        server.shutdown()
    index = site / "tim-kiem"
    return {
        "scale": scale,
        "docs": sum(1 for _ in (index / "d").glob("*.json")),
        "index": sum(p.stat().st_size for p in index.rglob("*.json")),
        "first_view": first_view,
        "first": first,
        "later_median": tuple(statistics.median(x[i] for x in later) for i in range(3)),
        "later_max": max(later, key=lambda x: x[1]),
    }


def kb(size: tuple) -> str:
    return f"{size[1] / 1024:.1f} KB ({size[2] / 1024:.1f} KB gzip, {size[0]} files)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for scale in args.scales:
        r = measure(scale, args.out)
        print(f"{r['scale']}×: whole index {r['index'] / 1024:.0f} KB in {r['docs']} result files")
        print(f"  first view   {kb(r['first_view'])}")
        print(f"  first query  {kb(r['first'])}  «{FIRST}»")
        print(f"  later query  median {kb(r['later_median'])}, largest {kb(r['later_max'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
