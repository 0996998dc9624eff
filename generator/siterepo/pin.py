"""The generator pinned in a ward's `requirements.txt`: one exact version, with its hash.

The line is the only thing an upgrade changes (Renovate and Dependabot rewrite it); the
generator's own dependencies are pinned with hashes inside the package (`DEPENDENCIES`).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import subprocess
import sys
import tempfile
from pathlib import Path

DISTRIBUTION = "ctct-site"
HEAD = (
    "# Công cụ dựng trang, đúng một phiên bản. Cập nhật: đổi dòng dưới (Renovate hoặc Dependabot\n"
    "# đề xuất); CI của phường kiểm chứng bản mới. The generator, one exact version.\n"
)


def installed_version() -> str:
    return importlib.metadata.version(DISTRIBUTION)


def pin_line(version: str, digest: str | None) -> str:
    """`requirements.txt`: the version on one line, with the distribution's hash when known."""
    hashed = f" --hash=sha256:{digest}" if digest else ""
    return f"{HEAD}{DISTRIBUTION}=={version}{hashed}\n"


def distribution_hash(version: str) -> str | None:
    """The SHA-256 of the file pip installs for this version, as pip finds it (its index, or
    PIP_FIND_LINKS / PIP_INDEX_URL); None when pip cannot reach it."""
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--dest",
                folder,
                f"{DISTRIBUTION}=={version}",
            ],
            capture_output=True,
        )
        files = sorted(Path(folder).iterdir())
        if done.returncode != 0 or len(files) != 1:
            return None
        return hashlib.sha256(files[0].read_bytes()).hexdigest()
