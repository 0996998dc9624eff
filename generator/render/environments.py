"""Our Jinja environments: how the templates of each of our template folders are compiled, and
the code the package's build compiled for every template of ours, so that no build compiles them
again, not even a ward's first build in a fresh CI container.

Compiling our templates was about a tenth of a build's CPU (docs/pages/speed.md). The package's
build (setup.py, with `generator.engine.compiled.wheel_templates`) writes each template's Python
code into `compiled/`, beside this module, in a file named by a digest of everything that code
depends on (`code_digest`). pip byte-compiles these files at install, as it does every module.
A template whose digest names no file (edited since, overridden by a ward, or compiled by another
Jinja or with other filters) is compiled as before; nothing is written while a site is built.
"""

from __future__ import annotations

import hashlib
import os
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import CodeType

import jinja2
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket, BytecodeCache

_PACKAGE = Path(__file__).resolve().parents[1]
COMPILED = Path(__file__).with_name("compiled")
"""Where the package's build writes the compiled templates (not in git: `.gitignore`)."""

TEMPLATE_FOLDERS = {
    "generator.render": {"keep_trailing_newline": True},
    "generator.province": {},
}
"""The packages whose `templates/` folder holds our Jinja templates, with their own settings."""

TEMPLATE_SETTINGS = dict(
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    # Jinja folds constant expressions at compile time, calling a template's filters: off, so
    # that compiled code depends on nothing but the template and the settings in its digest.
    optimized=False,
)
"""How every template of ours is compiled: autoescaped (text from content/ never becomes HTML),
strict, blocks trimmed."""

_COMPILED_IN = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix",
    "line_comment_prefix", "trim_blocks", "lstrip_blocks", "newline_sequence",
    "keep_trailing_newline", "optimized",
)  # fmt: skip
"""The settings of an environment that Jinja compiles into a template's code."""


def theme_dir() -> Path:
    """Our theme overrides: `generator/theme/` in an installed package, the repository's
    top-level `theme/` in a checkout of the generator (pyproject.toml maps one to the other)."""
    installed = _PACKAGE / "theme"
    return installed if installed.is_dir() else _PACKAGE.parent / "theme"


def template_environment(
    package: str, *, also: Path | None = None, compiled: Path | None = COMPILED
) -> Environment:
    """The environment of `package`'s templates (one of `TEMPLATE_FOLDERS`), then those of the
    folder `also` (the theme's, for a part shared with the wards' pages), reading the code
    compiled into `compiled` where it is there."""
    own = PackageLoader(package, "templates")
    return Environment(
        loader=own if also is None else ChoiceLoader([own, FileSystemLoader(also)]),
        bytecode_cache=PrecompiledTemplates(compiled) if compiled else None,
        **TEMPLATE_SETTINGS,
        **TEMPLATE_FOLDERS[package],
    )


def own_templates(environment: Environment) -> list[str]:
    """The templates of the environment's own folder (not those of an `also` folder)."""
    loader = environment.loader
    return (loader.loaders[0] if isinstance(loader, ChoiceLoader) else loader).list_templates()


def theme_templates() -> list[str]:
    """Our theme overrides' templates (not its scripts, styles and images)."""
    folder = FileSystemLoader(theme_dir())
    return [name for name in folder.list_templates() if name.endswith((".html", ".xml"))]


def code_digest(environment: Environment, name: str, source: str) -> str:
    """What a template's compiled code depends on, as a file name's worth of hex: the template,
    the environment's syntax settings, and how each filter and test is called (Jinja refuses an
    unknown one and passes some the context), its finalize too, and Jinja's version."""
    autoescape = environment.autoescape
    settings = [getattr(environment, setting) for setting in _COMPILED_IN]
    settings += [autoescape(name) if callable(autoescape) else autoescape]
    settings += [environment.is_async, environment.sandboxed, jinja2.__version__]
    # the i18n extension compiles `{% trans %}` by these
    settings += [sorted(environment.extensions), environment.policies.get("ext.i18n.trimmed")]
    settings += [getattr(environment, "newstyle_gettext", None)]
    settings += [_called(environment.filters), _called(environment.tests)]
    settings += [_called({"": environment.finalize} if environment.finalize else {})]
    return hashlib.sha256(repr((name, source, settings)).encode()).hexdigest()[:40]


def _called(functions: dict) -> list[tuple[str, str]]:
    """Each function's name, and what Jinja passes it first (`pass_context`…)."""
    kinds = ((name, getattr(f, "jinja_pass_arg", None)) for name, f in functions.items())
    return sorted((name, str(kind) if kind else "") for name, kind in kinds)


class PrecompiledTemplates(BytecodeCache):
    """Jinja's code for a template, from the module the package's build wrote for it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        bucket = Bucket(environment, code_digest(environment, name, source), "")
        path = self.folder / f"t{bucket.key}.py"
        try:
            # Python's own loader: the byte-code pip wrote at install, or the file compiled.
            code = SourceFileLoader(path.stem, str(path)).get_code(path.stem)
        except OSError:  # none for this digest (or just replaced): compiled as before
            return bucket
        bucket.code = _located(code, filename or name)
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        """A template compiled during a build is kept nowhere."""


def _located(code: CodeType, filename: str) -> CodeType:
    """`code` as if compiled from the template's own file, as Jinja compiles it: tracebacks
    name the template, not the module it was compiled into."""
    consts = tuple(_located(c, filename) if isinstance(c, CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def write_compiled(folder: Path, templates: list[tuple[Environment, list[str]]]) -> int:
    """Compile each environment's templates named beside it into `folder`, and remove the
    templates compiled there before; the number of templates. Jinja needs each filter a
    template names, and compiles in how it is called: these are the environments a site's
    build uses. Each file is replaced whole, so a build reading the folder meanwhile (an
    editable install's) finds a file complete or none."""
    folder.mkdir(parents=True, exist_ok=True)
    written = set()
    for environment, names in templates:
        for name in names:
            source, filename, _ = environment.loader.get_source(environment, name)
            code = environment.compile(source, name, filename, raw=True)
            path = folder / f"t{code_digest(environment, name, source)}.py"
            partial = path.with_suffix(".partial")
            partial.write_text(code, encoding="utf-8")
            os.replace(partial, path)
            written.add(path)
    for old in set(folder.glob("t*.py")) - written:
        old.unlink()
    return len(written)
