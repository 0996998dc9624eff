"""Templates compiled once for a province: `build-all` compiles them in its parent process,
and every ward's build, forked from it, uses that code instead of compiling its own.

In memory only, in the parent and its children: nothing compiled is written anywhere, and a
single `generator build` has none of it. Measured with `benchmarks/province_speed.py`
(docs/pages/speed.md): compiling Material's templates and ours was about a sixth of a ward's
build. Ours now come compiled in the wheel (`generator.render.environments`); the parent loads
them once, and compiles Material's and our theme overrides.
"""

from __future__ import annotations

import contextlib

from jinja2 import Environment, TemplateError
from jinja2.bccache import Bucket, BytecodeCache

from generator.render.templating import environment

_SHARED: CompiledTemplates | None = None


class CompiledTemplates(BytecodeCache):
    """Code compiled by Jinja, by template (name, file, source) and by the environment's
    settings and extensions, which Jinja compiles in besides the source."""

    def __init__(self) -> None:
        self.codes: dict[tuple, tuple[str, object]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self.codes.get(_key(bucket))
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[_key(bucket)] = (bucket.checksum, bucket.code)


_SYNTAX = (
    "block_start_string", "variable_start_string", "comment_start_string",
    "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
    "newline_sequence", "keep_trailing_newline", "optimized",
)  # fmt: skip
"""The settings of an environment that Jinja compiles into a template's code."""


def _key(bucket: Bucket) -> tuple:
    env = bucket.environment
    syntax = tuple(getattr(env, name) for name in _SYNTAX)
    return (bucket.key, syntax, tuple(sorted(env.extensions)))


def shared_templates() -> CompiledTemplates | None:
    """The code compiled by `compile_once`, in a process forked from it; None elsewhere."""
    return _SHARED


def compile_once(theme_environment: Environment) -> None:
    """Compile (or, for ours, load) every page template of the theme's environment and of ours,
    here, before the wards' builds are forked."""
    global _SHARED
    _SHARED = CompiledTemplates()
    theme_environment.bytecode_cache = _SHARED
    for env in (theme_environment, environment()):
        for name in env.list_templates(extensions=("html", "xml")):
            # one needing what this build does not have (a plugin's filter) is not used
            with contextlib.suppress(TemplateError):
                env.get_template(name)
