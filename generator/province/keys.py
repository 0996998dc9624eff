"""What a ward's site is made of, as one SHA-256: a ward is rebuilt only when its key moves.

The generator's key covers everything every site depends on: the generator's code and
templates, the theme, the mkdocs configuration, the versions of Python and the packages that
render, the public address, the day the standings are computed for, and the environment the
build reads. A ward's key adds its id, every file of its content folder and the newest commit
its history reads (which names every earlier one). Reading files and git, this is load work.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

from generator.load.history import watched_paths
from generator.render.environments import theme_dir

GENERATOR = Path(__file__).resolve().parents[1]
THEME = theme_dir()
PACKAGES = ("mkdocs", "mkdocs-material", "jinja2", "markdown", "pymdown-extensions")
ENVIRONMENT = ("SOURCE_DATE_EPOCH", "CTCT_ALLOW_SHALLOW", "GITHUB_REPOSITORY")
"""Read by every build besides the public address and the day (and `CTCT_EDITOR_*`)."""
SKIPPED = ("__pycache__",)


def generator_key(config_file: Path, base_url: str, as_of: str) -> str:
    """What every ward's site depends on; a change rebuilds every ward."""
    digest = hashlib.sha256()
    for folder in (GENERATOR, THEME):
        _add_tree(digest, folder)
    config = Path(config_file)
    _add(digest, "config", config.read_bytes() if config.is_file() else b"defaults")
    versions = [sys.version, *(importlib.metadata.version(p) for p in PACKAGES)]
    _add(digest, "versions", "\n".join(versions).encode())
    env = sorted((k, v) for k, v in os.environ.items() if k in ENVIRONMENT or _editor(k))
    _add(digest, "env", repr(env).encode())
    _add(digest, "site", f"{base_url}\n{as_of}".encode())
    return digest.hexdigest()


def ward_key(
    generator: str, ward_id: str, content: Path, repositories: dict[Path, tuple] | None = None
) -> str:
    """The generator's key, the ward's id, its content's files and its history's newest commit.
    `repositories` keeps what git said of each repository for the other wards in it."""
    digest = hashlib.sha256()
    _add(digest, "generator", generator.encode())
    _add(digest, "ward", ward_id.encode())
    _add_tree(digest, content)
    _add(digest, "history", history_head(content, {} if repositories is None else repositories))
    return digest.hexdigest()


def history_head(content: Path, repositories: dict[Path, tuple]) -> bytes:
    """The newest commit of what the ward's history reads, and whether the clone is shallow;
    'no-git' outside a repository."""
    try:
        top, shallow = _repository(content, repositories)
        watched = [str(p) for p in watched_paths(content) if p.resolve().is_relative_to(top)]
        head = _git(content, "rev-list", "-1", "--first-parent", "HEAD", "--", ".", *watched)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return b"no-git"
    return f"{head[0] if head else 'empty'} shallow={shallow}".encode()


def _repository(content: Path, known: dict[Path, tuple]) -> tuple[Path, str]:
    """The top of the content's repository and whether it is shallow, asked of git once for
    all the folders below the same `.git` (the folder git finds by walking up, as git does)."""
    found = next((p for p in (content, *content.parents) if (p / ".git").exists()), content)
    if found not in known:
        top, shallow = _git(found, "rev-parse", "--show-toplevel", "--is-shallow-repository")
        known[found] = (Path(top).resolve(), shallow)
    return known[found]


def _git(cwd: Path, *args: str) -> list[str]:
    out = subprocess.run(
        ("git", *args), cwd=cwd, check=True, capture_output=True, text=True, timeout=60
    )
    return out.stdout.split()


def _editor(name: str) -> bool:
    return name.startswith("CTCT_EDITOR_")


def _add_tree(digest, folder: Path) -> None:
    """Every file below `folder` by relative path; a symlink by its target, never followed."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if any(part in SKIPPED for part in path.relative_to(folder).parts):
            continue
        if path.is_symlink():
            _add(digest, relative, b"symlink:" + os.readlink(path).encode())
        elif path.is_file():
            _add(digest, relative, path.read_bytes())


def _add(digest, name: str, data: bytes) -> None:
    digest.update(len(name).to_bytes(4, "big") + name.encode())
    digest.update(len(data).to_bytes(8, "big") + data)
