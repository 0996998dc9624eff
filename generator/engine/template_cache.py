"""Compiled templates kept between builds: Jinja's bytecode cache, in the user's cache folder.

Compiling the templates (Material's and ours) costs about a quarter of a build; Jinja can keep
the compiled code and use it again while the template's source is unchanged, as Python keeps
`__pycache__`. The key also holds what Jinja compiles in besides the source (the environment's
settings, its filters and tests, the versions of Python, Jinja, MkDocs, Material and this
package), so code compiled under other settings or versions is never reused.

The folder is the user's own (`$XDG_CACHE_HOME/ctct-site/templates`, by default
`~/.cache/ctct-site/templates`), never the repository: compiled templates are code, and nothing
a pull request brings may supply them. It and the folder holding it must belong to the user and
be writable by no one else, and every folder above must belong to the user or root and let no one
else rename what it holds (else someone could swap the folder between the check and the build).
Each entry carries a digest of itself: a damaged one is compiled again, never run. A cache that
cannot be created, read or written is not used: the build compiles, as without it.
`CTCT_TEMPLATE_CACHE=0` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
import types
from collections.abc import Mapping
from functools import cache
from importlib import metadata
from pathlib import Path

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache, bc_magic

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


_FORMAT = bc_magic + b"ctct-1\n"
"""Our entries: this header, the source checksum and a newline, the SHA-256 of both and of the
code, then the marshalled code."""


class _CheckedBucket(Bucket):
    """Jinja's bucket with a digest over the entry: a damaged entry is compiled again, never run
    (a flipped bit in marshalled code can crash, hang or silently change the output)."""

    def load_bytecode(self, f) -> None:
        data = f.read()
        head = len(_FORMAT)
        checksum, newline, rest = data[head:].partition(b"\n")
        digest, code = rest[:32], rest[32:]
        if (
            not data.startswith(_FORMAT)
            or not newline
            or checksum != self.checksum.encode()
            or digest != hashlib.sha256(checksum + code).digest()
        ):
            self.reset()
            return
        loaded = marshal.loads(code)
        self.code = loaded if isinstance(loaded, types.CodeType) else None

    def write_bytecode(self, f) -> None:
        if self.code is None:
            raise TypeError("can't write empty bucket")
        code = marshal.dumps(self.code)
        checksum = self.checksum.encode()
        f.write(_FORMAT + checksum + b"\n" + hashlib.sha256(checksum + code).digest() + code)


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by the environment too, and never a reason for a build to fail."""

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str):
        key = self.get_cache_key(f"{name}|{_settings(environment)}", filename)
        bucket = _CheckedBucket(environment, key, self.get_source_checksum(source))
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
        _make_private(folder)
        real = folder.resolve(strict=True)  # used from now on: no symlink swapped later
        if not _safe(real):
            return None  # someone else could place code in it, or swap a folder on its way
    except (OSError, RuntimeError):
        return None
    return TemplateCache(str(real))


def _make_private(folder: Path) -> None:
    """Create the missing folders one by one, each 0700 (`mkdir(parents=True)` would give the
    parents the umask's mode: with umask 002, a group-writable ctct-site/, and no cache)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)


def _safe(real: Path) -> bool:
    """The folder and the one holding it are the user's and writable by no one else; every
    folder above belongs to the user or to root and lets no one else rename what it holds
    (writable by the owner only, or sticky like /tmp)."""
    uid = os.getuid()
    for depth, path in enumerate((real, *real.parents)):
        s = path.lstat()
        if depth < 2:
            if s.st_uid != uid or s.st_mode & 0o022 or not stat.S_ISDIR(s.st_mode):
                return False
        elif s.st_uid not in (uid, 0) or (s.st_mode & 0o022 and not s.st_mode & stat.S_ISVTX):
            return False
    return True


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
    """What the compiled code depends on besides the source: the compiler (Jinja's and Python's
    versions), the environment's class, syntax, autoescape and finalize (both compiled in),
    extensions, and the filters and tests, which the optimizer calls at compile time on
    constant arguments (`{{ "x" | f }}` is compiled as f's result): their names, where they
    are defined, and the versions of the code that defines them."""
    return repr(
        (
            _code_versions(),
            _name(type(environment)),
            tuple(getattr(environment, option) for option in _SYNTAX),
            _name(environment.autoescape),
            _name(environment.finalize),
            environment.is_async,
            sorted(environment.extensions),
            sorted((name, _name(f)) for name, f in environment.filters.items()),
            sorted((name, _name(f)) for name, f in environment.tests.items()),
        )
    )


def _name(value: object) -> object:
    """A callable's module and name with what its closure holds; any other value as it is."""
    if not callable(value):
        return value
    closure = getattr(value, "__closure__", None) or ()
    cells = []
    for cell in closure:
        with contextlib.suppress(ValueError):  # an empty cell
            inner = cell.cell_contents
            cells.append(inner if isinstance(inner, str | int | bool | tuple | frozenset) else "")
    return (
        getattr(value, "__module__", None),
        getattr(value, "__qualname__", type(value).__qualname__),
        tuple(cells),
    )


@cache
def _code_versions() -> tuple[str, ...]:
    """Jinja's, Python's, MkDocs' and Material's versions, and a digest of this package's source
    (our filters): compiled code and folded constants from another version are not reused."""
    versions = [sys.implementation.cache_tag, sys.version, jinja2.__version__]
    for dist in ("mkdocs", "mkdocs-material"):
        try:
            versions.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist} -")
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    versions.append(digest.hexdigest())
    return tuple(versions)
