"""How reading the git history grows with the number of commits.

    .venv/bin/python benchmarks/history_commits.py [--commits 100 2000] [--repeat 3]

For each count it makes a repository in a temporary folder holding `content/` and that many
commits on top of the first, in two shapes:
  - `toggle`:   each commit moves one deadline back and forth, so the programme file has
                only two distinct versions however many commits there are;
  - `distinct`: each commit writes a new progress note, so every commit is a new version;
  - `programme`: each commit writes a new version of the programme (a comment line), so every
                commit's programme is read again (the history reads the newest
                `gitlog.MAX_COMMITS` only).
It then times `python -m generator check` (which reads the whole history) in a fresh process,
best of `--repeat`, and its peak memory (the child's own ru_maxrss), against the same check
without git. `--roots` times other checkouts' generators on the same repositories, in turn
(an older clone, to see what a change gained). It prints a table; figures go into
benchmarks/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from subprocess import DEVNULL

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


def git(repo: Path, *args: str, when: int = 1767600000, data: bytes | None = None) -> None:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": f"@{when} +0700"}
    env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"]
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, check=True, input=data
    )


def make_repo(folder: Path, commits: int, shape: str) -> Path:
    """A repository of `content/` with `commits` more commits, written by fast-import."""
    repo = folder / f"{shape}-{commits}"
    shutil.copytree(CONTENT, repo / "content")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Chương trình")
    programme = (repo / "content/programmes/2026.yaml").read_text(encoding="utf-8")
    task = next(line for line in programme.splitlines() if "deadline:" in line)
    stream = []
    for n in range(commits):
        when = 1767600000 + 3600 * (n + 1)
        if shape == "toggle":
            text = programme if n % 2 else programme.replace(task, task + " ", 1)
            path = "content/programmes/2026.yaml"
        elif shape == "programme":
            text = f"{programme}# sửa lần {n}\n"
            path = "content/programmes/2026.yaml"
        else:
            task_id = "2026-01-01"
            text = (
                f"task: {task_id}\nreported_on: 02/01/2026\nstatus: in_progress\nnote: bước {n}\n"
            )
            path = f"content/reports/{task_id}--2026-01-02.yaml"
        body, message = text.encode("utf-8"), f"commit {n}".encode()
        stream.append(
            f"commit refs/heads/main\ncommitter Bench <b@example.org> {when} +0700\n"
            f"data {len(message)}\n".encode()
            + message
            + b"\n"
            + (b"from refs/heads/main^0\n" if n == 0 else b"")
            + f"M 100644 inline {path}\ndata {len(body)}\n".encode()
            + body
            + b"\n"
        )
    if stream:
        git(repo, "fast-import", "--quiet", data=b"".join(stream))
        git(repo, "reset", "-q", "--hard", "main")
    return repo


def timed_check(repo: Path, history: bool, root: Path) -> tuple[float, float]:
    """(seconds, peak MB) of one `generator check` of `root`'s generator, in a fresh process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1780000000"}
    if not history:
        env["GIT_DIR"] = str(repo / "no-such-git")
    command = [sys.executable, "-m", "generator", "check", "--content", str(repo / "content")]
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=root, env=env, stdout=DEVNULL, stderr=DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"check failed in {repo} ({child.returncode})")
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, nargs="+", default=[100, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shapes", nargs="+", default=["toggle", "distinct", "programme"])
    parser.add_argument(
        "--roots", type=Path, nargs="+", default=[ROOT],
        help="checkouts whose generator is timed (e.g. this one and an older clone), in turn",
    )  # fmt: skip
    args = parser.parse_args()
    print(
        "| generator | commits | shape | check, history read | no history | ratio | peak memory |"
    )
    print("|---|---:|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for commits in args.commits:
            for shape in args.shapes:
                repo = make_repo(Path(tmp), commits, shape)
                for root in args.roots:
                    print(_row(repo, root, commits, shape, args.repeat), flush=True)
    return 0


def _row(repo: Path, root: Path, commits: int, shape: str, repeat: int) -> str:
    rounds = [
        (timed_check(repo, True, root), timed_check(repo, False, root)) for _ in range(repeat)
    ]
    with_history = min(r[0][0] for r in rounds)
    without = min(r[1][0] for r in rounds)
    ratio = sorted(r[0][0] / r[1][0] for r in rounds)[len(rounds) // 2]
    peak = max(r[0][1] for r in rounds)
    return (
        f"| {root.name} | {commits} | {shape} | {with_history:.2f} s | {without:.2f} s "
        f"| {ratio:.2f} | {peak:.0f} MB |"
    )


if __name__ == "__main__":
    raise SystemExit(main())
