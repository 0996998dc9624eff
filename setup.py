"""The package's build step beyond pyproject.toml's declarations: our Jinja templates compiled
into the wheel (generator/render/environments.py says why)."""

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithCompiledTemplates(build_py):
    def run(self) -> None:
        super().run()
        sys.path.insert(0, str(ROOT))  # the generator being built, not one installed
        from generator.engine.compiled import wheel_templates
        from generator.render.environments import COMPILED, write_compiled

        # An editable install reads the package from this checkout: compiled here, then.
        folder = (
            COMPILED if self.editable_mode else Path(self.build_lib) / COMPILED.relative_to(ROOT)
        )
        write_compiled(folder, wheel_templates())


setup(cmdclass={"build_py": BuildWithCompiledTemplates})
