"""How build time grows with the content: 1× and 10× (or 100×) the 2026 programme.

    .venv/bin/python benchmarks/build_speed.py [--scales 1 10 100] [--repeat 5] [--no-history]

For each scale it writes synthetic content (the 2026 programme copied into consecutive years,
ids and dates shifted), then times, each in a fresh process:
  - core:     load + validate + render every page, feed and data file (no mkdocs);
  - site:     the full `python -m generator build` (mkdocs + Material, strict), its compiled
              templates kept from the run before (generator/engine/template_cache.py), as in
              every build after the first on a machine;
  - cold:     the same build with the template cache off (CTCT_TEMPLATE_CACHE=0): every
              template compiled, as in a fresh container;
  - baseline: plain mkdocs-material building the same number of plain Markdown pages of
              similar size, with the same theme, search and navigation size.
The row `git` is the site as published: `content/` with its git history (the calendar stamps
and each task's history are read from it), against plain mkdocs with as many pages.

Times are the best of `--repeat` rounds (the machine's other load only ever adds time); the
commands take turns within a round, and each ratio is the median over the rounds of the two
times measured in the same round, so a slow spell of a shared machine does not tilt it. The
generator's modules are byte-compiled first, as pip does for installed packages such as mkdocs.
It prints a table; figures go into the README by hand.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PYTHON = sys.executable


def synthetic_content(scale: int, out: Path) -> Path:
    """The 2026 programme copied into `scale` consecutive years."""
    target = out / f"content-{scale}x"
    shutil.rmtree(target, ignore_errors=True)
    (target / "programmes").mkdir(parents=True)
    (target / "sources").mkdir()
    for name in ("ward.yaml", "units.yaml"):
        shutil.copy(CONTENT / name, target / name)
    source = (CONTENT / "programmes" / "2026.yaml").read_text(encoding="utf-8")
    document = re.search(r"^source_document: (\S+)$", source, re.M)[1]
    for offset in range(scale):
        year = 2026 + offset
        text = re.sub(r"2026", str(year), source) if offset else source
        (target / "programmes" / f"{year}.yaml").write_text(text, encoding="utf-8")
        shutil.copy(CONTENT / document, target / document.replace("2026", str(year)))
    return target


def plain_docs(pages: int, out: Path) -> Path:
    """`pages` plain Markdown pages and a mkdocs.yml with the same theme settings."""
    target = out / f"plain-{pages}"
    shutil.rmtree(target, ignore_errors=True)
    docs = target / "docs"
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# Trang chủ\n\nTrang thử.\n", encoding="utf-8")
    body = "Nội dung nhiệm vụ: kế hoạch, báo cáo, tổng kết công tác năm. " * 6
    for i in range(pages):
        (docs / "p" / f"{i}.md").write_text(
            f"# Nhiệm vụ {i}\n\n{body}\n\n| Trường | Giá trị |\n|---|---|\n| Hạn | 15/01/2026 |\n",
            encoding="utf-8",
        )
    nav = "\n".join(f"  - Trang {i}: p/{i}.md" for i in range(min(pages, 30)))
    (target / "mkdocs.yml").write_text(
        "site_name: Plain\ntheme:\n  name: material\n  language: vi\n  font: false\n"
        f"plugins:\n  - search\nnot_in_nav: |\n  /p/\nnav:\n  - index.md\n{nav}\n",
        encoding="utf-8",
    )
    return target


@dataclass(frozen=True)
class Run:
    argv: list[str]
    cwd: Path
    env: dict[str, str] | None = None


def timed(runs: dict[str, Run], repeat: int) -> dict[str, list[float]]:
    """Wall-clock times of each command over `repeat` rounds. The commands take turns within a
    round, so a slower spell of the machine weighs on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            subprocess.run(run.argv, cwd=run.cwd, check=True, capture_output=True, env=run.env)
            times[name].append(time.perf_counter() - start)
    return times


def ratio(times: dict[str, list[float]], name: str) -> float:
    """The median over the rounds of `name`'s time over plain mkdocs' time in the same round."""
    return statistics.median(a / b for a, b in zip(times[name], times["baseline"], strict=True))


CORE = """
import sys, datetime as dt
from pathlib import Path
from generator.load.content import load_content
from generator.site import render_site
from generator.output import SiteInfo
content = load_content(Path(sys.argv[1]), as_of=dt.date(2026, 11, 24))
out = render_site(content, SiteInfo("https://example.org/", dt.date(2026, 11, 24)))
print(len(out.pages), len(out.files), len(content.tasks))
"""


def measure(label: str, content: Path, out: Path, repeat: int) -> dict[str, object]:
    result = subprocess.run(
        [PYTHON, "-c", CORE, str(content)], cwd=ROOT, check=True, capture_output=True, text=True
    )
    pages, files, tasks = map(int, result.stdout.split())
    build = [PYTHON, "-m", "generator", "build", "--content", str(content)]
    build += ["--site-dir", str(out / f"site-{label}")]
    subprocess.run(build, cwd=ROOT, check=True, capture_output=True)  # fills the template cache
    plain = plain_docs(pages, out)
    times = timed(
        {
            "core": Run([PYTHON, "-c", CORE, str(content)], ROOT),
            "site": Run(build, ROOT),
            "cold": Run(build, ROOT, {**os.environ, "CTCT_TEMPLATE_CACHE": "0"}),
            "baseline": Run(
                [PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(plain / "site")], plain
            ),
        },
        repeat,
    )
    return {
        "label": label,
        "tasks": tasks,
        "pages": pages,
        "files": files,
        **{name: min(spent) for name, spent in times.items()},
        "site/plain": ratio(times, "site"),
        "cold/plain": ratio(times, "cold"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10], help="e.g. 1 10 100")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--repeat", type=int, default=5, help="rounds (best time kept)")
    parser.add_argument(
        "--no-history", action="store_true", help="leave out the row of content/ with its history"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    compileall.compile_dir(ROOT / "generator", quiet=1)
    print(
        f"{'content':>8} {'tasks':>6} {'pages':>6} {'files':>6} {'core s':>7} {'site s':>7} "
        f"{'cold s':>7} {'plain s':>8} {'site/plain':>10} {'cold/plain':>10}"
    )
    rows = [] if args.no_history else [("git", CONTENT)]
    rows += [(f"{scale}x", synthetic_content(scale, args.out)) for scale in args.scales]
    for label, content in rows:
        r = measure(label, content, args.out, args.repeat)
        print(
            f"{r['label']:>8} {r['tasks']:>6} {r['pages']:>6} {r['files']:>6} {r['core']:>7.2f} "
            f"{r['site']:>7.2f} {r['cold']:>7.2f} {r['baseline']:>8.2f} "
            f"{r['site/plain']:>10.2f} {r['cold/plain']:>10.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
