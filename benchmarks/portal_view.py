"""The province portal on a phone: its first view's weight, and the time to the first
cross-ward search result, measured in Chromium.

    .venv/bin/python benchmarks/portal_view.py SITE [--query "bau cu"] [--repeat 3]

SITE is a folder built by `build-all` (benchmarks/province_speed.py leaves
benchmarks/out/site-<n>). The portal is served on 127.0.0.1 and opened in Debian's Chromium
with a phone's profile: a 360×740 screen, the CPU slowed four times and a slow 4G network
(150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up), as Chrome's tools define them. Measured:
  - first view: the bytes the page fetched (uncompressed, and gzip level 6);
  - first result: from typing the query to the first result shown (the search engine, the
    index manifest, the query's term files and the first results fetched on the way).
Each number is the median of `--repeat` fresh visits (an empty cache each time).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from search_size import serve

PHONE = {"width": 360, "height": 740}
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
           "uploadThroughput": 750_000 / 8}  # fmt: skip


def sizes(site: Path, base: str, urls: list[str]) -> tuple[int, int, int]:
    """(files, bytes, gzip bytes) of every local file among the URLs fetched."""
    files = raw = packed = 0
    for url in dict.fromkeys(urls):
        if not url.startswith(base):
            continue
        path = urlsplit(url).path.removeprefix(urlsplit(base).path) or "index.html"
        data = (site / path).read_bytes()
        files, raw, packed = files + 1, raw + len(data), packed + len(gzip.compress(data, 6))
    return files, raw, packed


def visit(browser, base: str, site: Path, query: str) -> tuple[tuple[int, int, int], float]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base, wait_until="networkidle")
    first_view = sizes(site, base, list(requested))
    start = time.perf_counter()
    page.fill("#q", query)
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    took = time.perf_counter() - start
    context.close()
    return first_view, took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="bau cu")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server, base = serve(args.site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            runs = [visit(browser, base, args.site, args.query) for _ in range(args.repeat)]
            browser.close()
    finally:
        server.shutdown()
    count, raw, packed = runs[0][0]
    took = statistics.median(t for _, t in runs)
    print(f"first view: {count} files, {raw / 1000:.1f} KB ({packed / 1000:.1f} KB gzip)")
    print(f"first result for {args.query!r} on a phone profile: {took:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main() or 0)
