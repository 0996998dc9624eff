"""Compiled templates kept between builds: Jinja's bytecode cache, in the user's cache folder.

Compiling the templates (Material's and ours) costs about a quarter of a build; Jinja can keep
the compiled code and use it again while the template's source is unchanged, as Python keeps
`__pycache__`. The key also holds the environment's syntax options, so code compiled under other
settings is never reused.

The folder is the user's own (`$XDG_CACHE_HOME/ctct-site/templates`, by default
`~/.cache/ctct-site/templates`), never the repository: compiled templates are code, and nothing
a pull request brings may supply them. It and the folder holding it must belong to the user and
be writable by no one else. A cache that cannot be created, read or written is not used: the
build compiles, as without it. `CTCT_TEMPLATE_CACHE=0` turns it off.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path

from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache

SWITCH = "CTCT_TEMPLATE_CACHE"
"""Environment variable: '0' builds without the cache."""
_SYNTAX = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
)


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by the environment too, and never a reason for a build to fail."""

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str):
        key = self.get_cache_key(f"{name}|{_settings(environment)}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable or damaged: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a full or read-only disk: compile next time
            super().dump_bytecode(bucket)


def template_cache(environ: Mapping[str, str] = os.environ) -> TemplateCache | None:
    """The cache in the user's cache folder, or None when it is off or cannot be used safely."""
    if environ.get(SWITCH) == "0":
        return None
    home = _cache_home(environ)
    if home is None:
        return None
    folder = home / "ctct-site" / "templates"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        owned = [path.stat() for path in (folder.parent, folder)]
    except OSError:
        return None
    if any(s.st_uid != os.getuid() or s.st_mode & 0o022 for s in owned):
        return None  # someone else could place code in it, or swap the folder
    return TemplateCache(str(folder))


def _cache_home(environ: Mapping[str, str]) -> Path | None:
    """$XDG_CACHE_HOME, else ~/.cache; only an absolute path (the XDG specification's rule)."""
    for base in (
        environ.get("XDG_CACHE_HOME", ""),
        os.path.join(environ.get("HOME", ""), ".cache"),
    ):
        if os.path.isabs(base):
            return Path(base)
    return None


def _settings(environment: Environment) -> str:
    """What the compiled code depends on besides the source: syntax, extensions, filter and
    test names."""
    return repr(
        (
            tuple(getattr(environment, option) for option in _SYNTAX),
            sorted(environment.extensions),
            sorted(environment.filters),
            sorted(environment.tests),
        )
    )
