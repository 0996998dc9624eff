"""Randomly damaged content never crashes `check`: every outcome is a list of problems.

Each case deletes, duplicates, swaps, truncates or garbles lines of the fixture programme with
a fixed seed (so a failure is reproducible), then checks that loading either succeeds or
reports errors with a file and a line, and never raises.
"""

from __future__ import annotations

import random

import pytest

from generator.common.errors import Severity
from generator.load.content import check_content

from ..conftest import AS_OF, MINI, copy_fixture

GARBAGE = ["", "  - ", ":", "- id:", "x: [", "'", "\t", "số: 1", "deadline: 31/02/2026", "~", "]"]


def damage(lines: list[str], rng: random.Random) -> list[str]:
    lines = list(lines)
    i = rng.randrange(len(lines))
    match rng.randrange(6):
        case 0:
            del lines[i]
        case 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        case 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        case 3:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        case 4:
            lines[i] = lines[i] + rng.choice(GARBAGE)
        case 5:
            lines[i] = " " * rng.randrange(8) + rng.choice(GARBAGE)
    return lines


@pytest.mark.parametrize("seed", range(150))
def test_damaged_programme_is_reported_never_raised(tmp_path, seed):
    rng = random.Random(seed)
    content = copy_fixture(tmp_path)
    path = content / "programmes" / "2026.yaml"
    lines = (MINI / "programmes" / "2026.yaml").read_text(encoding="utf-8").split("\n")
    for _ in range(rng.randrange(1, 4)):
        lines = damage(lines, rng)
    path.write_text("\n".join(lines), encoding="utf-8")
    model, problems = check_content(content, AS_OF)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert (model is None) == bool(errors)
    for problem in problems:
        assert problem.file.startswith("content/") and problem.line >= 1, problem
        assert problem.message, problem


def test_an_unreadable_units_file_is_named_before_what_follows_from_it(tmp_path):
    """A units.yaml that cannot be read makes every lead unit unknown: its YAML error, the
    cause, comes first, not under one 'add this unit' line per task."""
    content = copy_fixture(tmp_path)
    units = content / "units.yaml"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("short: Trạm Y tế\n", "short: [Trạm Y tế\n", 1), "utf-8")
    _, problems = check_content(content, AS_OF)
    assert len(problems) > 1, problems
    first = problems[0]
    assert (first.file.endswith("units.yaml"), first.field) == (True, "YAML"), problems[:2]
