"""How build time grows with the content: 1× and 10× (or 100×) the 2026 programme, and many wards.

    .venv/bin/python benchmarks/build_speed.py [--scales 1 10 100] [--repeat 5] [--no-history]
                                               [--wards N] [--results [LABEL]]

For each scale it writes synthetic content (the 2026 programme copied into consecutive years,
ids and dates shifted), then times, each in a fresh process:
  - core:     load + validate + render every page, feed and data file (no mkdocs);
  - site:     the full `python -m generator build` (mkdocs + Material, strict); nothing is
              kept from one build to the next, so a first build on a fresh machine, as in
              CI's container, costs the same;
  - baseline: plain mkdocs-material building the same number of plain Markdown pages of
              similar size, with the same theme, search and navigation size.
The row `git` is the site as published: `content/` with its git history (the calendar stamps
and each task's history are read from it), against plain mkdocs with as many pages. The row
`Nw` is a province: N wards of 1× content built one per core at a time, as many plain sites
likewise.

Each command reports its wall-clock time and its CPU time (user + system of it and of every
process it waited for, from the children's rusage): on a province's busy cores CPU is what
counts. Times are the best of `--repeat` rounds (the machine's other load only ever adds
time); the commands take turns within a round, and each ratio is the median over the rounds
of the two times measured in the same round, so a slow spell of a shared machine does not
tilt it. The generator's templates and modules are compiled first, as the wheel's build and pip
do for an installed generator (and pip for mkdocs). It prints a table; `--results` also writes
it, with the date and the machine, into its own section of benchmarks/RESULTS.md, in place of
that section's previous table.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from generator.engine.compiled import wheel_templates
from generator.render.environments import COMPILED, write_compiled

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PYTHON = sys.executable
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
"""Every benchmark's latest table, each in its own marked section."""


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


@dataclass(frozen=True)
class Spent:
    wall: float
    """Seconds on the clock."""
    cpu: float
    """CPU seconds (user + system) of the command and every process it waited for."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_all(runs: list[Run], parallel: int = 1) -> Spent:
    """Run the commands, `parallel` at a time, and return what they spent together."""
    cpu, start = _children_cpu(), time.perf_counter()
    pending, running = list(runs), []
    while pending or running:
        while pending and len(running) < parallel:
            run = pending.pop(0)
            running.append(
                subprocess.Popen(
                    run.argv,
                    cwd=run.cwd,
                    env=run.env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )  # fmt: skip
            )
        process = running.pop(0)
        _, errors = process.communicate()
        if process.returncode:
            raise SystemExit(f"{process.args} failed:\n{errors.decode()}")
    return Spent(time.perf_counter() - start, _children_cpu() - cpu)


def timed(runs: dict[str, list[Run]], repeat: int, parallel: int = 1) -> dict[str, list[Spent]]:
    """What each group of commands spent in each of `repeat` rounds. The groups take turns
    within a round, so a slower spell of the machine weighs on all of them alike."""
    times: dict[str, list[Spent]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, group in runs.items():
            times[name].append(run_all(group, parallel))
    return times


def ratio(times: dict[str, list[Spent]], name: str, kind: str) -> float:
    """The median over the rounds of `name`'s time (`kind`: wall or cpu) over plain mkdocs'
    time in the same round."""
    pairs = zip(times[name], times["baseline"], strict=True)
    return statistics.median(getattr(a, kind) / getattr(b, kind) for a, b in pairs)


def best(spent: list[Spent], kind: str) -> float:
    return min(getattr(s, kind) for s in spent)


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


def measure(
    label: str, content: Path, out: Path, repeat: int, wards: int = 1, parallel: int = 1
) -> dict[str, object]:
    """One row: `wards` builds of `content`, `parallel` at a time, against as many plain ones."""
    result = subprocess.run(
        [PYTHON, "-c", CORE, str(content)], cwd=ROOT, check=True, capture_output=True, text=True
    )
    pages, files, tasks = map(int, result.stdout.split())
    plain = plain_docs(pages, out)
    argv = [PYTHON, "-m", "generator", "build", "--content", str(content), "--site-dir"]
    builds = [Run([*argv, str(out / f"site-{label}-{w}")], ROOT) for w in range(wards)]
    times = timed(
        {
            "core": [Run([PYTHON, "-c", CORE, str(content)], ROOT)] * wards,
            "site": builds,
            "baseline": [
                Run([PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(plain / f"site-{w}")], plain)
                for w in range(wards)
            ],
        },
        repeat,
        parallel,
    )
    row: dict[str, object] = {"label": label, "tasks": tasks, "pages": pages, "files": files}
    for kind in ("wall", "cpu"):
        row |= {f"{name} {kind}": best(spent, kind) for name, spent in times.items()}
        row[f"site/plain {kind}"] = ratio(times, "site", kind)
    return row


COLUMNS = {
    "content": ("label", "{:>8}"),
    "tasks": ("tasks", "{:>6}"),
    "pages": ("pages", "{:>6}"),
    "files": ("files", "{:>6}"),
    **{
        f"{name} {kind}": (f"{name} {kind}", "{:>9.2f}")
        for kind in ("wall", "cpu")
        for name in ("core", "site", "baseline")
    },
    **{f"site/plain {kind}": (f"site/plain {kind}", "{:>15.2f}") for kind in ("wall", "cpu")},
}


def machine() -> str:
    """The machine a table was measured on: cores (as `nproc` counts them), CPU, Python."""
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    model = next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("model name")), "?")
    return f"nproc {len(os.sched_getaffinity(0))}, {model}, Python {platform.python_version()}"


def markdown_table(rows: list[dict[str, object]]) -> str:
    head = "| " + " | ".join(COLUMNS) + " |"
    rule = "|---|" + "---:|" * (len(COLUMNS) - 1)
    body = [
        "| " + " | ".join(fmt.format(r[key]).strip() for key, fmt in COLUMNS.values()) + " |"
        for r in rows
    ]
    return "\n".join([head, rule, *body])


def write_section(path: Path, name: str, text: str) -> None:
    """Put `text` in `path` between the markers of section `name`, in place of what they held,
    or at the end if the file has no such section yet."""
    begin, end = f"<!-- {name}: begin -->", f"<!-- {name}: end -->"
    block = f"{begin}\n{text.strip()}\n{end}\n"
    old = path.read_text(encoding="utf-8") if path.exists() else RESULTS_HEADER
    section = re.compile(re.escape(begin) + ".*?" + re.escape(end) + "\n?", re.S)
    if section.search(old):
        new = section.sub(lambda _: block, old, count=1)
    else:
        new = old.rstrip("\n") + "\n\n" + block
    path.write_text(new, encoding="utf-8")


RESULTS_HEADER = """# Benchmark results

Each benchmark writes its latest table into its own section, between its markers
(`<!-- name: begin -->` … `<!-- name: end -->`), and rewrites only that section when run again.
Tables from a shared machine: read the ratios, measured within one run, not the seconds.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10], help="e.g. 1 10 100")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--repeat", type=int, default=5, help="rounds (best time kept)")
    parser.add_argument(
        "--no-history", action="store_true", help="leave out the row of content/ with its history"
    )
    parser.add_argument(
        "--wards", type=int, default=2 * (os.cpu_count() or 1),
        help="the province row: this many 1× wards, built one per core at a time (0: no row)",
    )  # fmt: skip
    parser.add_argument(
        "--results", nargs="?", const="", metavar="LABEL",
        help="also write the table into benchmarks/RESULTS.md, in the section build_speed "
        "(build_speed LABEL with a label, e.g. 'before' and 'after' a change)",
    )  # fmt: skip
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    write_compiled(COMPILED, wheel_templates())  # as setup.py does
    compileall.compile_dir(ROOT / "generator", quiet=1)
    widths = [int(re.search(r">(\d+)", fmt)[1]) for _, fmt in COLUMNS.values()]
    print(" ".join(f"{name:>{width}}" for name, width in zip(COLUMNS, widths, strict=True)))
    rows = [] if args.no_history else [("git", CONTENT, 1)]
    rows += [(f"{scale}x", synthetic_content(scale, args.out), 1) for scale in args.scales]
    if args.wards:
        rows.append((f"{args.wards}w", synthetic_content(1, args.out), args.wards))
    measured = []
    for label, content, wards in rows:
        parallel = (os.cpu_count() or 1) if wards > 1 else 1
        r = measure(label, content, args.out, args.repeat, wards, parallel)
        print(" ".join(fmt.format(r[key]) for key, fmt in COLUMNS.values()), flush=True)
        measured.append(r)
    if args.results is not None:
        name = f"build_speed {args.results}".strip()
        command = " ".join(["benchmarks/build_speed.py", *sys.argv[1:]])
        write_section(
            RESULTS,
            name,
            f"## {name}\n\n{dt.date.today().isoformat()}, `{command}`; {machine()}. Times in "
            f"seconds, the best of {args.repeat} rounds; a ratio is the median over the rounds "
            f"of the two times measured one after the other.\n\n{markdown_table(measured)}",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
