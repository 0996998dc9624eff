"""A ward's own repository: what `generator new` writes (its content, a short configuration, the
pinned generator, its CI and workflows) and what `generator migrate` turns a full copy into.

A leaf at import: `.ci/run` reads `DEPENDENCIES` before the generator's dependencies are
installed, so this module imports nothing but the standard library.
"""

from pathlib import Path

DEPENDENCIES = Path(__file__).with_name("dependencies.lock")
"""The generator's dependencies, pinned with hashes: `.ci/run` installs them."""
