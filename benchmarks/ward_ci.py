"""A ward's CI time: from a clerk's commit to the built, checked site, as the ward's `.ci/run`.

    .venv/bin/python benchmarks/ward_ci.py [--rounds 3] [DOCUMENT.docx ...]

For each document (by default two Word layouts of tests/fixtures/corpus/: a commune's 34-task
programme and Lê Ích Mộc's 133 tasks), it builds this checkout's wheel, makes the ward's thin
repository with `generator new`, then times, each round:
  - first:  `.ci/run` on a new clone with no `.venv`, as a CI runner with a warm pip cache
            (GitHub's `actions/cache` of ~/.cache/pip, GitLab's cache: the workflows keep it):
            a fresh virtual environment, the pinned generator and its hashed dependencies, then
            `check`, `build` and `verify`;
  - commit: a clerk's progress report committed, then `.ci/run` with the environment kept
            (a self-hosted runner, or a clerk checking on their own machine).
The clock is 15 June of each programme's year (SOURCE_DATE_EPOCH), so a report is in its year.
Wall time and CPU time (user + system of the run and its children). Chromium is never needed.
Prints a table; the target is ≤ 60 s wall.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from generator.load.content import load_content  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
DOCUMENTS = (
    CORPUS / "ctct-2027-xa-an-hoa-landscape.docx",
    CORPUS / "ctct-2026-phuong-le-ich-moc-wide.docx",
)


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one command and the processes it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed in {cwd}:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("documents", nargs="*", type=Path, default=list(DOCUMENTS))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ward-ci-"))
    dist = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(dist), "."],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.pop("SOURCE_DATE_EPOCH", None)
    env.update(PIP_FIND_LINKS=str(dist), CI="true")
    rows = []
    for document in args.documents:
        origin = tmp / document.stem
        subprocess.run(
            [sys.executable, "-m", "generator", "new", str(document), "--out", str(origin)],
            cwd=tmp, env=env, check=True, capture_output=True,
        )  # fmt: skip
        tasks = len(load_content(origin / "content", history=False).tasks)
        year = int(re.search(r'^id: "(\d{4})"', _programme(origin), re.M)[1])
        noon = dt.datetime(year, 6, 15, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))
        day = {**env, "SOURCE_DATE_EPOCH": str(int(noon.timestamp()))}  # within its year
        first, commit = [], []
        for n in range(args.rounds):
            clone = tmp / f"{document.stem}-{n}"
            subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
            first.append(timed(["bash", ".ci/run"], clone, day))
            _report(clone, day)
            commit.append(timed(["bash", ".ci/run"], clone, day))
            shutil.rmtree(clone)
        rows.append((document.name, tasks, first, commit))
    print(f"Ward CI (.ci/run), {args.rounds} rounds, median; {dt.date.today():%d/%m/%Y}")
    print("| document | tasks | first run wall | CPU | after a clerk's commit wall | CPU |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, tasks, first, commit in rows:
        cells = [f"{statistics.median(x[i] for x in runs):.1f} s" for runs in (first, commit)
                 for i in (0, 1)]  # fmt: skip
        print(f"| {name} | {tasks} | " + " | ".join(cells) + " |")
    shutil.rmtree(tmp)
    return 0


def _programme(repo: Path) -> str:
    return next((repo / "content" / "programmes").glob("*.yaml")).read_text(encoding="utf-8")


def _report(repo: Path, env: dict[str, str]) -> None:
    """A clerk's report on the programme's first task, dated today, committed."""
    task = re.search(r'^\s+- id: "(\d{4}-\d\d-\d\d)"', _programme(repo), re.M)[1]
    python = repo / ".venv" / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "generator", "report", task, "--status", "in_progress"],
        cwd=repo, env=env, check=True, capture_output=True,
    )  # fmt: skip
    who = ["-c", "user.name=Cán bộ", "-c", "user.email=cb@example.org"]
    subprocess.run(["git", *who, "add", "content"], cwd=repo, check=True)
    subprocess.run(["git", *who, "commit", "-qm", "Báo cáo"], cwd=repo, check=True)


if __name__ == "__main__":
    sys.exit(main())
