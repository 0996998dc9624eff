"""`python -m generator verify`: checks of a built site folder before it is published.

A ward's CI runs them after `check` and the build, and they gate the editor's pull requests, so
the ward runs the checks the release was tested with. They read the built folder only (and
`content/`, to be sure none of it is published); nothing here imports mkdocs or writes a file.
`run.py` is the recipe; this module holds the one type every check returns.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One thing wrong in the built site."""

    path: str
    """The file or folder, relative to the site folder, '/'-separated."""
    line: int
    """The line in that file; 0 when the problem is of the whole file."""
    message: str
    """What is wrong, in Vietnamese."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
