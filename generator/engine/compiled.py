"""Templates compiled ahead of a build.

- Into the wheel: every template of ours (page bodies, the portal, the theme overrides), with
  the environment a build compiles it in (`wheel_templates`, for setup.py); a build reads the
  code back (`generator.render.environments.PrecompiledTemplates`).
- Once for a province: `build-all` compiles Material's templates in its parent process, and
  every ward's build, forked from it, uses that code instead of compiling its own. In memory
  only, in the parent and its children: nothing compiled is written anywhere, and a single
  `generator build` has none of it.

Measured with `benchmarks/build_speed.py` and `benchmarks/province_speed.py`
(docs/pages/speed.md): compiling Material's templates and ours was about a sixth of a ward's
build, ours alone a tenth.
"""

from __future__ import annotations

import contextlib

from jinja2 import Environment, TemplateError
from jinja2.bccache import Bucket

from generator.engine.siteconfig import theme_environment
from generator.province.templating import portal_environment
from generator.render.environments import (
    COMPILED,
    PrecompiledTemplates,
    own_templates,
    theme_templates,
)
from generator.render.templating import environment

_SHARED: CompiledTemplates | None = None


def wheel_templates() -> list[tuple[Environment, list[str]]]:
    """Every template of ours, with the environment a build compiles it in."""
    page, portal = environment(), portal_environment()
    return [
        (page, own_templates(page)),
        (portal, own_templates(portal)),
        (theme_environment(), theme_templates()),
    ]


def site_templates() -> PrecompiledTemplates:
    """Where a site's build finds compiled code: the code compiled by `compile_once`, in a ward's
    build forked from it; the wheel's elsewhere."""
    return _SHARED or PrecompiledTemplates(COMPILED)


class CompiledTemplates(PrecompiledTemplates):
    """The wheel's code, and the code compiled in this process, kept for the processes forked
    from it."""

    def __init__(self) -> None:
        super().__init__(COMPILED)
        self.codes: dict[str, object] = {}

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        bucket = super().get_bucket(environment, name, filename, source)
        if bucket.code is None:
            bucket.code = self.codes.get(bucket.key)
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        self.codes[bucket.key] = bucket.code


def compile_once(theme_environment: Environment) -> None:
    """Compile every page template of the theme's environment (Material's; ours come compiled
    in the wheel), here, before the wards' builds are forked."""
    global _SHARED
    _SHARED = CompiledTemplates()
    theme_environment.bytecode_cache = _SHARED
    for name in theme_environment.list_templates(extensions=("html", "xml")):
        # one needing what this build does not have (a plugin's filter) is not used
        with contextlib.suppress(TemplateError):
            theme_environment.get_template(name)
