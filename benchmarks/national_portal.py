"""The portal at the country's scale: joining 3,321 wards' digests into one portal.

    .venv/bin/python benchmarks/national_portal.py [--wards 3321] [--provinces 34] [--out DIR]

The digests are synthetic (`tests/province_kit.national_digests`: one real ward's digest under
each ward's id, name and province), joined by the portal's own code (`province.portal`), as the
job assembling a CI matrix's shards joins them. Measured:
  - join: the seconds `render_portal` takes (the median of three), and the peak of Python's
    allocations during one join (tracemalloc), besides the process's peak resident size;
  - first view: the bytes of the page and of the stylesheet and scripts it names (uncompressed
    and gzip level 6), that is what a phone fetches before anyone types or filters;
  - the ward table's rows file, fetched on the first use of its filter.
With --out, the portal's files are written there (for benchmarks/portal_view.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import re
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.output import SiteInfo  # noqa: E402
from generator.province.build_all import load_assets  # noqa: E402
from generator.province.portal import PORTAL_PAGE, WARD_ROWS, render_portal  # noqa: E402
from tests.province_kit import national_digests  # noqa: E402

NAMED = re.compile(r'<(?:link rel="stylesheet"|script) (?:href|src)="([^"]+)"')


def first_view(files: dict[str, bytes]) -> tuple[list[str], int, int]:
    """The page and what it names to load at once: (paths, bytes, gzip bytes)."""
    page = files[PORTAL_PAGE]
    paths = [PORTAL_PAGE, *NAMED.findall(page.decode())]
    raw = sum(len(files[p]) for p in paths)
    packed = sum(len(gzip.compress(files[p], 6)) for p in paths)
    return paths, raw, packed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wards", type=int, default=3321)
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    digests = national_digests(args.wards, args.provinces)
    site = SiteInfo("https://ctct.example.org/", dt.date(2026, 11, 24))
    assets = load_assets()
    times = []
    for _ in range(3):
        start = time.perf_counter()
        files = render_portal("Cả nước (thử)", digests, [], site, assets)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    render_portal("Cả nước (thử)", digests, [], site, assets)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    paths, raw, packed = first_view(files)
    rows = files[WARD_ROWS]
    print(f"{args.wards} wards in {args.provinces} provinces: {len(files)} portal files")
    print(f"join: {statistics.median(times):.2f} s (median of 3: "
          f"{', '.join(f'{t:.2f}' for t in times)})")  # fmt: skip
    print(f"peak of the join's allocations: {peak / 1e6:.1f} MB; process peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")  # fmt: skip
    print(f"first view: {raw:,} bytes ({packed:,} gzip) in {', '.join(paths)}")
    print(f"ward table rows ({WARD_ROWS}, on first filter): {len(rows):,} bytes "
          f"({len(gzip.compress(rows, 6)):,} gzip)")  # fmt: skip
    if args.out:
        for path, data in files.items():
            (args.out / path).parent.mkdir(parents=True, exist_ok=True)
            (args.out / path).write_bytes(data)
        print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
