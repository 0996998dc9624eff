"""A province's own repository (`new-province`): its files, its workflows (and the generator's,
made from the same templates), wards added with their office, and its `.ci/run`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.province.provincefile import read_province
from generator.siterepo.layout import OWN_WORKFLOWS, PROVINCE_LAYOUT, own_workflows, placed_files

from ..conftest import MINI, ROOT, run_git
from ..helpers import FIXTURE
from ..province_kit import PROVINCE_EPOCH, rename_ward

PIN = "ctct-site==0.2.0\n"


def _new_province(tmp: Path, *office: str) -> Path:
    from generator.siterepo.new import new_province

    out = tmp / "hai-phong"
    assert new_province(out, "Hải Phòng", " ".join(office), pin=PIN) == []
    return out


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


def test_new_province_writes_its_table_and_one_commit(tmp_path):
    out = _new_province(tmp_path, "@cntt-hp")
    tracked = set(_git(out, "ls-files").split())
    assert {p.path for p in PROVINCE_LAYOUT} | {
        "province.yaml", "README.md", "requirements.txt", "CODEOWNERS", "wards/.gitkeep"
    } == tracked  # fmt: skip
    assert len(_git(out, "log", "--oneline").splitlines()) == 1
    assert os.access(out / ".ci" / "run", os.X_OK)
    assert (out / "requirements.txt").read_text(encoding="utf-8") == PIN
    province = yaml.safe_load((out / "province.yaml").read_text(encoding="utf-8"))
    assert province == {"name": "Hải Phòng", "office": "@cntt-hp", "wards": []}
    assert "* @cntt-hp\n.* @cntt-hp\n" in (out / "CODEOWNERS").read_text(encoding="utf-8")
    readme = (out / "README.md").read_text(encoding="utf-8")
    for said in ("new ", "--province .", "--office", "http.server -d site", "--content wards/"):
        assert said in readme, said
    tops = {path.split("/")[0] for path in tracked} - {"README.md", ".gitignore"}
    assert [top for top in sorted(tops) if f"`{top}" not in readme] == []  # its file table
    for ignored in ("/site/", "/site.state/", "/.venv/"):
        assert ignored in (out / ".gitignore").read_text(encoding="utf-8")


def test_new_province_refuses_a_folder_with_files_and_a_bad_name(tmp_path, capsys):
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "x").write_text("x")
    assert main(["new-province", str(taken), "--name", "Hải Phòng"]) == 1
    assert "không phải thư mục trống" in capsys.readouterr().err
    assert main(["new-province", str(tmp_path / "a"), "--name", "<b>Hải Phòng"]) == 1
    assert main(["new-province", str(tmp_path / "b"), "--name", "HP", "--office", "cntt"]) == 1
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def _workflows(files: dict[str, bytes]) -> dict[str, dict]:
    return {
        path: yaml.safe_load(data)
        for path, data in files.items()
        if path.endswith(".yml") and ("workflows/" in path or path == ".gitlab-ci.yml")
    }


def test_every_province_workflow_parses_and_its_matrix_counts_its_shards():
    workflows = _workflows(placed_files(PROVINCE_LAYOUT))
    assert len(workflows) == 7
    for path, flow in workflows.items():
        text = placed_files(PROVINCE_LAYOUT)[path].decode()
        assert "@INSTALL@" not in text and "@RUNS_ON@" not in text, path
        if path == ".gitlab-ci.yml":
            shards = flow["build-shard"]["parallel"]["matrix"][0]["SHARD"]
            count = flow["variables"]["SHARDS"]
            assert "publish" in " ".join(flow["build-shard"]["script"][1:])
            assert "check-scope" in " ".join(flow["check"]["script"])
        elif path.endswith("province.yml"):
            shards = flow["jobs"]["shard"]["strategy"]["matrix"]["shard"]
            count = flow["env"]["SHARDS"]
            runs = " ".join(s.get("run", "") for s in flow["jobs"]["portal"]["steps"])
            assert "--portal-only" in runs and "publish" in runs, path
        else:
            runs = " ".join(s.get("run", "") for s in flow["jobs"]["check"]["steps"])
            assert "bash .ci/run" in runs and "check-scope" in runs, path
            continue
        assert [int(s) for s in shards] == list(range(int(count))), path


WORKFLOW_NAMED = re.compile(r"`(\.(?:github|gitea|forgejo)/workflows/[\w.-]+\.ya?ml)`")


def test_every_workflow_the_docs_name_exists_and_parses():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs" / "pages").glob("*.md"))]
    named = {p: set(WORKFLOW_NAMED.findall(p.read_text(encoding="utf-8"))) for p in pages}
    assert ".gitea/workflows/province.yml" in set().union(*named.values())
    for page, path in sorted((page, path) for page, paths in named.items() for path in paths):
        assert (ROOT / path).is_file(), f"{page.name} names {path}, which does not exist"
        assert isinstance(yaml.safe_load((ROOT / path).read_text(encoding="utf-8")), dict), path


def test_the_generators_own_province_workflows_are_the_templates():
    for path, data in own_workflows().items():
        assert (ROOT / path).read_bytes() == data, (
            f"{path} differs from generator/siterepo/files: write it again with "
            "python -c 'from generator.siterepo.layout import own_workflows; ...'"
        )
    assert set(own_workflows()) == set(OWN_WORKFLOWS)


def test_a_ward_added_with_its_office_is_listed_and_owns_its_folder(tmp_path):
    out = _new_province(tmp_path, "@cntt-hp")
    argv = ["new", str(FIXTURE), "--province", str(out), "--id", "an-hoa", "--office", "@xa"]
    assert main(argv) == 0
    province, problems = read_province(out)
    assert problems == [] and province is not None
    assert [(w.id, w.office) for w in province.wards] == [("an-hoa", "@xa")]
    owners = (out / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/wards/an-hoa/ @xa @cntt-hp\nwards/an-hoa/.* @xa @cntt-hp\n" in owners
    assert _git(out, "status", "--porcelain") == ""
    changed = _git(out, "show", "--name-only", "--format=", "HEAD").split()
    assert "CODEOWNERS" in changed and "province.yaml" in changed
    # A second ward keeps the first ward's lines and the comments of province.yaml.
    assert main([*argv[:4], "--id", "an-hoa-2", "--office", "@xa-2"]) == 0
    text = (out / "province.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Các phường") and text.count("- id:") == 2
    assert [w.office for w in read_province(out)[0].wards] == ["@xa", "@xa-2"]


def test_an_office_for_a_province_of_found_wards_lists_every_ward(tmp_path):
    root = tmp_path / "tinh"
    shutil.copytree(MINI, root / "wards" / "cu" / "content")
    rename_ward(root / "wards" / "cu" / "content", "cu", "Cũ")
    (root / "province.yaml").write_text("name: Hải Phòng  # tên\n", encoding="utf-8")
    argv = ["new", str(FIXTURE), "--province", str(root), "--id", "moi", "--office", "@moi"]
    assert main(argv) == 0
    province, _ = read_province(root)
    assert [(w.id, w.office) for w in province.wards] == [("cu", ""), ("moi", "@moi")]


def test_a_bad_office_in_province_yaml_is_named_at_its_line(tmp_path):
    root = tmp_path / "tinh"
    shutil.copytree(MINI, root / "wards" / "a" / "content")
    rename_ward(root / "wards" / "a" / "content", "a", "A")
    text = "name: Hải Phòng\nwards:\n  - id: a\n    office: 'cntt; rm -rf /'\n"
    (root / "province.yaml").write_text(text, encoding="utf-8")
    province, problems = read_province(root)
    assert province is None
    assert [str(p).split(": ")[0] for p in problems] == ["province.yaml:4"]


@pytest.fixture()
def province_with_wards(tmp_path) -> Path:
    out = _new_province(tmp_path)
    for ward_id, name in (("an-hoa", "An Hòa"), ("an-hoa-tay", "An Hòa Tây")):
        argv = ["new", str(FIXTURE), "--province", str(out), "--id", ward_id, "--ward", name]
        assert main(argv) == 0
    return out


def test_the_provinces_ci_run_builds_every_ward_and_verifies_each(province_with_wards):
    """`.ci/run` with the generator already in `.venv` (as after its first run)."""
    out = province_with_wards
    venv = out / ".venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "python").write_text(f'#!/bin/sh\nexec {sys.executable} "$@"\n')
    (venv / "python").chmod(0o755)
    shutil.copy(out / "requirements.txt", out / ".venv" / "requirements.txt")
    run_git(out, "status")  # the wards' history is read from the repository
    env = {"PATH": os.environ["PATH"], "HOME": str(out.parent), "SOURCE_DATE_EPOCH": PROVINCE_EPOCH}
    done = subprocess.run(
        ["bash", ".ci/run"], cwd=out, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert sorted(re.findall(r"^== (\S+)$", done.stderr, re.M)) == ["an-hoa", "an-hoa-tay"]
    assert len(re.findall(r"^0 lỗi trong \d+ tệp", done.stderr, re.M)) == 2
    assert not (out / "site").exists()  # a temporary folder, removed


def _scoped(repo: Path, branch: str, *paths: str) -> int:
    run_git(repo, "checkout", "-q", "-b", branch.replace("/", "-"), "main")
    for path in paths:
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text("sửa\n", encoding="utf-8")
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "-qm", "Đề xuất")
    return main(["check-scope", "--province", str(repo), "--base", "main", "--branch", branch])


@pytest.fixture()
def scoped_repo(tmp_path) -> Path:
    repo = tmp_path / "tinh"
    (repo / "wards" / "a" / "content").mkdir(parents=True)
    (repo / "wards" / "b" / "content").mkdir(parents=True)
    (repo / "province.yaml").write_text("name: Hải Phòng\n", encoding="utf-8")
    run_git(repo, "init", "-q", "-b", "main")
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "-qm", "Tỉnh", "--allow-empty")
    return repo


def test_a_ward_editors_change_stays_in_its_ward(scoped_repo, capsys):
    code = _scoped(scoped_repo, "cms/reports/2026-01-01", "wards/a/content/reports/x.yaml")
    assert code == 0
    assert "phường a" in capsys.readouterr().err


def test_a_ward_editors_change_to_another_ward_or_outside_is_refused_path_by_path(
    scoped_repo, capsys
):
    paths = ("wards/a/content/r/1.yaml", "wards/a/content/r/2.yaml", "wards/b/content/ward.yaml",
             "province.yaml", ".github/workflows/province.yml")  # fmt: skip
    code = _scoped(scoped_repo, "cms/reports/2026-01-02", *paths)
    assert code == 1
    lines = capsys.readouterr().err.splitlines()
    refused = [line.split(": ")[0] for line in lines if "chỉ được sửa thư mục wards/a/" in line]
    assert refused == [
        ".github/workflows/province.yml",
        "province.yaml",
        "wards/b/content/ward.yaml",
    ]


def test_a_persons_change_across_wards_is_the_province_offices(scoped_repo, capsys):
    code = _scoped(scoped_repo, "sua-hai-phuong", "wards/a/content/x", "wards/b/content/y")
    assert code == 0
    assert "văn phòng tỉnh duyệt" in capsys.readouterr().err


@pytest.mark.parametrize("rev", ["--output=/tmp/x", "main..x", "a b"])
def test_check_scope_refuses_a_revision_that_is_none(scoped_repo, rev, capsys):
    assert main(["check-scope", "--province", str(scoped_repo), f"--base={rev}"]) == 1
    assert "không phải một phiên bản git" in capsys.readouterr().err
