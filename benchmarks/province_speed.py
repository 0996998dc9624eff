"""A province of wards: `build-all` against as many plain mkdocs-material builds.

    .venv/bin/python benchmarks/province_speed.py [--wards 10 114] [--jobs 2]

For each size it writes a synthetic province (the real programme copied into every ward, with
ids, names and deadlines varied, in one git repository), then measures, each in a fresh process:
  - full:        `build-all -j N` from an empty site folder, wall time and CPU (all processes);
  - plain:       one plain mkdocs-material build per ward of as many pages (build_speed.py),
                 N at a time, wall time and the CPU they add up to;
  - unchanged:   `build-all` again, nothing changed;
  - one ward:    `build-all` after one ward's commit that leaves the portal as it was (a
                 comment), then after one ward's progress report (the portal is made again),
                 each against one `generator build` of a ward;
  - peak memory: the largest resident set of any process of the full build;
  - files and bytes: per ward, of the portal, of the province.
Ratios are of one run: the machine is shared, so run it when it is quiet. Figures go into
benchmarks/RESULTS.md by hand; the portal's first view and search time are measured by
portal_view.py.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from build_speed import CORE, PYTHON, ROOT, plain_docs

CONTENT = ROOT / "content"
EPOCH = "1795478400"  # 24/11/2026 in Vietnam
REPORT = """task: 2026-01-01
reported_on: 14/01/2026
status: done
done_on: 14/01/2026
document: Kế hoạch số 12/KH-UBND ngày 14/01/2026
"""
GIT = [
    "git",
    "-c",
    "user.name=Bench",
    "-c",
    "user.email=bench@example.org",
    "-c",
    "commit.gpgsign=false",
]


def _shift(match: re.Match, by: int) -> str:
    """A day of the month moved by `by`, never past the 28th, so dates and ranges stay valid
    and in order."""
    day = int(match[1])
    return f"{min(day + by, 28) if day <= 28 else day}/{match[2]}"


def synthetic_province(wards: int, out: Path) -> Path:
    """`wards` copies of the real content, each its own ward: id, name, deadlines varied."""
    root = out / f"province-{wards}"
    shutil.rmtree(root, ignore_errors=True)
    real_name = re.search(r"^name: (.+)$", (CONTENT / "ward.yaml").read_text("utf-8"), re.M)[1]
    for n in range(wards):
        ward_id, name = f"phuong-{n:03d}", f"Thử Nghiệm {n:03d}"
        target = root / "wards" / ward_id / "content"
        shutil.copytree(CONTENT, target, ignore=shutil.ignore_patterns("README.md"))
        for path in [target / "ward.yaml", *target.glob("programmes/*.yaml")]:
            text = path.read_text("utf-8").replace(real_name, name)
            text = (
                re.sub(r"^id: .+$", f"id: {ward_id}", text, count=1, flags=re.M)
                if path.name == "ward.yaml"
                else text
            )
            if path.parent.name == "programmes":
                text = re.sub(
                    r"\b(\d{1,2})/(\d{1,2}/20\d\d)\b", lambda m, by=n % 4: _shift(m, by), text
                )
            path.write_text(text, "utf-8")
    (root / "province.yaml").write_text("name: Tỉnh Thử\n", "utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", "Các phường"], cwd=root, check=True)
    return root


def run(argv: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, float, str]:
    """Wall time, CPU time of the process and everything it waited for, its stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, done.stderr


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def plain_builds(wards: int, pages: int, out: Path, jobs: int) -> tuple[float, float]:
    plain = plain_docs(pages, out)
    argv = [PYTHON, "-m", "mkdocs", "build", "-q"]
    folders = [str(plain / f"site-{n}") for n in range(wards)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(lambda d: subprocess.run([*argv, "-d", d], cwd=plain, check=True), folders))
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def measure(wards: int, out: Path, jobs: int) -> None:
    import os

    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    province = synthetic_province(wards, out)
    site = out / f"site-{wards}"
    shutil.rmtree(site, ignore_errors=True)
    first = province / "wards" / "phuong-000" / "content"
    pages = int(subprocess.run([PYTHON, "-c", CORE, str(first)], cwd=ROOT, check=True,
                               capture_output=True, text=True).stdout.split()[0])  # fmt: skip
    build_all = [PYTHON, "-m", "generator", "build-all", "--province", str(province)]
    build_all += [
        "--site-dir",
        str(site),
        "-j",
        str(jobs),
        "--base-url",
        "https://tinh.example.org/",
    ]
    full_wall, full_cpu, _ = run(build_all, env=env)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    plain_wall, plain_cpu = plain_builds(wards, pages, out, jobs)
    same_wall, same_cpu, _ = run(build_all, env=env)
    one_wall, one_cpu, _ = run([PYTHON, "-m", "generator", "build", "--content", str(first),
                                "--site-dir", str(out / "one")], env=env)  # fmt: skip
    units = first / "units.yaml"
    units.write_text(units.read_text("utf-8") + "\n# sửa\n", "utf-8")
    subprocess.run([*GIT, "commit", "-qam", "Một phường sửa"], cwd=province, check=True)
    inc_wall, inc_cpu, said = run(build_all, env=env)
    assert "1 phường cần dựng" in said and "Cổng tỉnh không đổi" in said, said
    (first / "reports").mkdir(exist_ok=True)
    (first / "reports" / "2026-01-01--2026-01-14.yaml").write_text(REPORT, "utf-8")
    subprocess.run([*GIT, "add", "-A"], cwd=province, check=True)
    subprocess.run([*GIT, "commit", "-qm", "Một phường báo cáo"], cwd=province, check=True)
    report_wall, report_cpu, said = run(build_all, env=env)
    assert "1 phường cần dựng" in said and "Đã dựng cổng tỉnh" in said, said
    ward_files, ward_bytes = tree_size(site / "phuong-000")
    all_files, all_bytes = tree_size(site)
    portal = [p for p in site.iterdir() if not p.name.startswith(("phuong-", "."))]
    portal_files = sum(tree_size(p)[0] if p.is_dir() else 1 for p in portal)
    portal_bytes = sum(tree_size(p)[1] if p.is_dir() else p.stat().st_size for p in portal)
    print(f"wards {wards}, jobs {jobs}, pages per ward {pages}")
    print(f"  full build-all:  {full_wall:7.1f} s wall, {full_cpu:7.1f} s CPU")
    print(f"  plain mkdocs ×{wards}: {plain_wall:7.1f} s wall, {plain_cpu:7.1f} s CPU")
    print(
        f"  CPU full/plain {full_cpu / plain_cpu:.2f}, wall full/plain {full_wall / plain_wall:.2f}"
    )
    print(f"  unchanged:       {same_wall:7.2f} s wall, {same_cpu:7.2f} s CPU")
    print(f"  one ward's commit, portal unchanged: {inc_wall:5.2f} s wall, {inc_cpu:5.2f} s CPU")
    print(
        f"  one ward's progress report (portal made again): {report_wall:5.2f} s wall, "
        f"{report_cpu:5.2f} s CPU"
    )
    print(f"  one generator build: {one_wall:.2f} s wall, {one_cpu:.2f} s CPU")
    print(f"  CPU / one build: commit {inc_cpu / one_cpu:.2f}, report {report_cpu / one_cpu:.2f}")
    print(f"  peak memory (largest process): {peak_mb:.0f} MB")
    print(f"  files: ward {ward_files} ({ward_bytes / 1e6:.1f} MB), portal {portal_files} "
          f"({portal_bytes / 1e6:.1f} MB), province {all_files} ({all_bytes / 1e6:.0f} MB)",
          flush=True)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wards", type=int, nargs="+", default=[10, 114])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for wards in args.wards:
        measure(wards, args.out, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
