"""The province's CI workflow: valid YAML, a matrix whose jobs cover every ward exactly once."""

from __future__ import annotations

import re

import pytest
import yaml

from generator.province.shards import ShardError, in_shard, parse_shard, shard_of

from ..conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "province.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _shard_jobs(workflow: dict) -> tuple[list[int], int]:
    job = workflow["jobs"]["shard"]
    shards = job["strategy"]["matrix"]["shard"]
    run = next(s["run"] for s in job["steps"] if "build-all" in s.get("run", ""))
    assert re.search(r"--shard \$\{\{ matrix\.shard \}\}/\$\{\{ env\.SHARDS \}\}", run), run
    return shards, int(workflow["env"]["SHARDS"])


def test_the_workflow_is_valid_yaml_with_its_jobs(workflow):
    assert set(workflow["jobs"]) == {"shard", "portal"}
    assert workflow["jobs"]["portal"]["needs"] == "shard"
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers and "schedule" in triggers


def test_the_matrix_counts_every_shard_once(workflow):
    shards, count = _shard_jobs(workflow)
    assert sorted(shards) == list(range(count)), "matrix.shard must be 0 … SHARDS-1"


@pytest.mark.parametrize("wards", [10, 114, 3300])
def test_every_ward_is_in_exactly_one_shard(workflow, wards):
    shards, count = _shard_jobs(workflow)
    ids = [f"phuong-{n}" for n in range(wards)]
    for ward in ids:
        assert sum(in_shard(ward, (k, count)) for k in shards) == 1, ward
    sizes = [sum(shard_of(w, count) == k for w in ids) for k in shards]
    assert wards < 100 or min(sizes) > 0.7 * wards / count, f"unbalanced: {sizes}"


def test_each_shard_publishes_its_wards_and_hands_the_portal_only_digests(workflow):
    shard_steps = workflow["jobs"]["shard"]["steps"]
    runs = [s.get("run", "") for s in shard_steps]
    assert any("generator publish" in r and "--shard ${{ matrix.shard }}" in r for r in runs)
    upload = next(s for s in shard_steps if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["name"] == "digests-${{ matrix.shard }}"
    assert upload["with"]["path"].split() == ["site.state/ctct-state", "site.state/wards"]
    steps = workflow["jobs"]["portal"]["steps"]
    download = next(s for s in steps if s.get("uses", "").startswith("actions/download-artifact"))
    assert download["with"]["pattern"] == "digests-*" and download["with"]["merge-multiple"]
    assert download["with"]["path"] == "site.state"
    assert not upload["with"].get("include-hidden-files")
    assert any("--portal-only" in s.get("run", "") and "build-all" in s["run"] for s in steps)
    assert any("--portal-only" in s.get("run", "") and "publish" in s["run"] for s in steps)


@pytest.mark.parametrize("text", ["4/4", "-1/4", "1", "a/b", "1/0", "99999/100000"])
def test_a_bad_shard_is_refused(text):
    with pytest.raises(ShardError):
        parse_shard(text)
