"""Attack class: YAML that would exhaust time, memory or the stack. Refused quickly, located."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from generator.common.errors import Problems
from generator.load.yamlsrc import MAX_DEPTH, parse_yaml

from ..conftest import ROOT, copy_fixture
from ..helpers import BOMB

# The peak is this process's own (VmHWM): getrusage's maxrss keeps, across the exec, the size of
# the pytest process it was forked from, which grows with the suite.
MEASURE = """
import json, re, sys, time
from pathlib import Path
from generator.load.content import check_content
start = time.monotonic()
content, problems = check_content(sys.argv[1], history=False)
status = Path("/proc/self/status").read_text()
print(json.dumps({
    "seconds": time.monotonic() - start,
    "peak_mb": int(re.search(r"VmHWM:\\s+(\\d+) kB", status)[1]) / 1024,
    "problems": [str(p) for p in problems],
    "loaded": content is not None,
}))
"""


def test_the_alias_bomb_is_refused_in_under_2_s_and_200_mb(tmp_path):
    content = copy_fixture(tmp_path)
    (content / "units.yaml").write_text(BOMB + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(content)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert not result["loaded"]
    assert any("units.yaml" in p and "bí danh" in p for p in result["problems"])
    assert result["seconds"] < 2 and result["peak_mb"] < 200, result


@pytest.mark.parametrize(
    "text, line",
    [
        ("x: &r [*r]\n", 1),
        ("a: 1\nb: &x {k: v}\nc: *x\n", 2),
        ("x: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n", 1),
        ("x: " + "[" * 5000 + "]" * 5000 + "\n", 1),
        ("a: 1\nb: [\n", 3),
        ("- just\n- a list\n", 1),
        ("", 1),
    ],
)
def test_hostile_yaml_is_one_located_error_never_an_exception(text, line):
    problems = Problems()
    assert parse_yaml(text, "f.yaml", problems) is None
    assert len(problems.items) == 1
    assert problems.items[0].file == "f.yaml" and problems.items[0].line == line


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path):
    content = copy_fixture(tmp_path)
    with (content / "units.yaml").open("w") as big:
        big.write("units:\n")
        big.write("  # " + "x" * 6_000_000 + "\n")
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(content)], cwd=ROOT, capture_output=True, text=True
    )
    result = json.loads(done.stdout)
    assert any("quá lớn" in p for p in result["problems"])
