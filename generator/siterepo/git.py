"""The git commands of `new` and `migrate`: run in the ward's repository, and one commit."""

from __future__ import annotations

import subprocess
from pathlib import Path

_GIT = ("git", "-c", "core.quotepath=off", "-c", "commit.gpgsign=false")
_NEUTRAL = ("-c", "user.name=generator", "-c", "user.email=generator@localhost")
"""The author of a commit made on a machine with no git identity."""


def git(repo: Path, *args: str) -> str:
    """git's output; raises `subprocess.CalledProcessError` (with git's words) on failure."""
    done = subprocess.run([*_GIT, *args], cwd=repo, capture_output=True, check=True)
    return done.stdout.decode("utf-8", "replace")


def commit(repo: Path, message: str, *paths: str) -> None:
    """Commit what is staged (of `paths` only, when given); a machine without a git identity
    gets a neutral one."""
    who = () if _configured(repo, "user.name") and _configured(repo, "user.email") else _NEUTRAL
    git(repo, *who, "commit", "-q", "-m", message, *(("--", *paths) if paths else ()))


def _configured(repo: Path, key: str) -> bool:
    done = subprocess.run([*_GIT, "config", key], cwd=repo, capture_output=True)
    return done.returncode == 0 and bool(done.stdout.strip())
