"""Another ward adopts the generator: `generator new` makes a thin repository (the ward's data,
the pinned generator, its CI), a programme of another ward refused, a history that belongs to
one ward, one unit however the document spells it, and a full copy made before 0.2.0 turned
into a thin repository by `generator migrate`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main as cli_main
from generator.common.errors import Severity
from generator.domain.model import ChangeKind, Ward
from generator.importer.run import run_import
from generator.importer.unit_registry import slug
from generator.load.content import check_content, load_content
from generator.siterepo.layout import GENERATED, LAYOUT
from generator.siterepo.migrate import migrate
from generator.siterepo.new import new_site
from generator.siterepo.pin import pin_line

from ..conftest import FIXTURES, MINI, REAL_CONTENT, run_git
from ..helpers import edit_file, replaced
from ..word import word_from_text

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

(COMMUNE,) = (FIXTURES / "wards").glob("ctct-2027-*.txt")
"""A fictional commune's 2027 programme, in the shape of a real one. The tests name no ward
(tests/load/test_content.py): they read the names from the fixtures."""


def adopter(name: str) -> str:
    """The commune that adopts the copy: the fixture's, its words reversed ('An Hòa' → 'Hòa
    An'), so that no file of the copy, nor of a copy made from that fixture, names it."""
    return " ".join(reversed(name.split()))


def imported_ward(document: Path, tmp: Path) -> Ward:
    assert errors(run_import(document, tmp)) == []
    return load_content(tmp, history=False).ward


@pytest.fixture(scope="module")
def commune(tmp_path_factory) -> Ward:
    return imported_ward(COMMUNE, tmp_path_factory.mktemp("commune"))


def errors(problems) -> list[str]:
    return [str(p) for p in problems if p.severity is Severity.ERROR]


def git_lines(repo: Path, *args: str) -> list[str]:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


@pytest.fixture(scope="module")
def adopted(tmp_path_factory, commune) -> Path:
    tmp = tmp_path_factory.mktemp("new")
    document = tmp / "ctct-2027-xa-moi.txt"
    name = adopter(commune.name)
    text = replaced(COMMUNE.read_text(encoding="utf-8"), commune.name, name, None)
    document.write_text(replaced(text, commune.name.upper(), name.upper(), None), encoding="utf-8")
    out = tmp / "ctct-xa-moi"
    problems = new_site(document, out, owners=("@van-phong",), pin=PIN)
    assert errors(problems) == []
    return out


PIN = pin_line("0.2.0", "0" * 64)
"""The tests' pin: `new` would ask pip's index for the hash of the running version."""


def test_new_makes_one_commit_with_only_the_communes_content(adopted, commune):
    assert len(git_lines(adopted, "log", "--format=%H")) == 1
    assert git_lines(adopted, "status", "--porcelain") == []
    files = git_lines(adopted, "ls-files")
    assert sorted(f for f in files if f.startswith("content/")) == [
        "content/README.md",
        "content/programmes/2027.yaml",
        "content/sources/ctct-2027-xa-moi.txt",
        "content/units.yaml",
        "content/ward.yaml",
    ]
    # The ward's data and its own small files: no generator code, test, theme or tool.
    assert sorted(f for f in files if not f.startswith("content/")) == sorted(
        [p.path for p in LAYOUT] + list(GENERATED)
    )
    assert not [f for f in files if f.endswith(".py") or f.split("/")[0] in ("tests", "theme")]
    for absent in (".venv", "site", "node_modules", "generator", "Makefile", "pyproject.toml"):
        assert not (adopted / absent).exists(), absent
    ward = load_content(adopted / "content", history=False).ward
    name = adopter(commune.name)
    assert (ward.id, ward.kind, ward.name, ward.city) == (slug(name), "xã", name, commune.city)
    assert (adopted / ".ci" / "run").stat().st_mode & 0o111
    assert adopted.stat().st_mode & 0o077 == 0o077 & ~current_umask()
    assert (adopted / "requirements.txt").read_text(encoding="utf-8") == PIN
    assert "* @van-phong\n.* @van-phong\n" in (adopted / "CODEOWNERS").read_text("utf-8")
    readme = (adopted / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# Chương trình công tác – xã {name}\n")
    assert "git add content && git commit" in readme


def test_the_readme_says_what_each_file_of_the_repository_is_for(adopted):
    """Its table names every top-level file and folder `new` wrote (but itself and .gitignore)."""
    table = (adopted / "README.md").read_text(encoding="utf-8").split("## ", 2)[1]
    tops = {f.split("/")[0] for f in git_lines(adopted, "ls-files")} - {"README.md", ".gitignore"}
    assert [top for top in sorted(tops) if f"`{top}" not in table] == []


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_new_names_nothing_of_the_ward_it_was_copied_from(adopted):
    """No file `new` wrote (the format's README in content/ is the generator's documentation,
    whose examples may name its first ward)."""
    here = load_content(REAL_CONTENT, history=False).ward
    where = [".", ":!content/README.md"]
    found = subprocess.run(
        ["git", "grep", "-l", "-F", "-e", here.name, "-e", here.name.upper(), "--", *where],
        cwd=adopted,
        capture_output=True,
        text=True,
    )
    assert found.stdout == ""


def test_new_copies_nothing_from_the_working_tree_it_runs_in(tmp_path, commune):
    """Run from a province's repository with a secret staged in a workflow: the new ward's
    first commit holds its own files only, none of the other wards' content, no secret."""
    province = tmp_path / "tinh"
    other = province / "wards" / "an-bien" / "content"
    shutil.copytree(MINI, other)
    (province / ".github" / "workflows").mkdir(parents=True)
    run_git(province, "init", "-q")
    run_git(province, "add", "-A")
    run_git(province, "commit", "-qm", "Tỉnh")
    (province / ".github" / "workflows" / "publish.yml").write_text("token: bi-mat-123\n")
    run_git(province, "add", "-A")  # staged, not committed
    out = tmp_path / "xa-moi"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(province)
        assert errors(new_site(COMMUNE, out, pin=PIN)) == []
    found = subprocess.run(["git", "grep", "-l", "-e", "bi-mat-123"], cwd=out, capture_output=True)
    assert found.stdout == b""
    outside = [f for f in git_lines(out, "ls-files") if not f.startswith("content/")]
    assert sorted(outside) == sorted([p.path for p in LAYOUT] + list(GENERATED))
    assert not (out / "wards").exists()


@pytest.mark.parametrize("inside", ["repository", "content"])
def test_new_refuses_a_folder_inside_a_repository_or_a_content_folder(tmp_path, inside):
    top = tmp_path / "kho"
    (top / "content").mkdir(parents=True)
    if inside == "repository":
        run_git(top, "init", "-q")
        out = top / "xa-moi"
    else:
        out = top / "content" / "xa-moi"
    problems = new_site(COMMUNE, out, pin=PIN)
    assert any(
        ("kho git" if inside == "repository" else "thư mục dữ liệu") in e for e in errors(problems)
    )
    assert not out.exists()


def test_the_adopted_site_is_the_communes_alone(adopted, commune, tmp_path):
    site = tmp_path / "site"
    env = {"PATH": "/usr/bin:/bin", "SITE_URL": "https://example.org/xa/"}
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", str(site)],
        cwd=adopted,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    here = load_content(REAL_CONTENT, history=False).ward
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".ics", ".xml", ".json", ".yml", ".csv"):
            text = path.read_text(encoding="utf-8")
            assert here.name not in text, path
    home = (site / "index.html").read_text(encoding="utf-8")
    name = adopter(commune.name)
    assert f"Chương trình công tác – xã {name}" in home
    assert f"Ủy ban nhân dân xã {name}, {commune.city}" in (site / "404.html").read_text("utf-8")
    for feed in (site / "lich").glob("*.ics"):
        assert "CANCELLED" not in feed.read_text(encoding="utf-8"), feed
    assert "Bỏ nhiệm vụ" not in (site / "thay-doi" / "index.html").read_text(encoding="utf-8")


def test_new_reads_a_word_document(tmp_path, commune):
    document = word_from_text(COMMUNE.read_text(encoding="utf-8")).save(tmp_path / "ctct.docx")
    out = tmp_path / "site"
    assert errors(new_site(document, out, pin=PIN)) == []
    ward = load_content(out / "content", history=False).ward
    assert (ward.kind, ward.name, ward.city) == ("xã", commune.name, commune.city)
    assert (out / "content" / "sources" / "ctct.docx").read_bytes()[:4] == b"PK\x03\x04"


def test_new_refuses_a_folder_that_holds_anything(tmp_path, capsys):
    out = tmp_path / "taken"
    out.mkdir()
    (out / "notes.txt").write_text("giữ lại")
    assert cli_main(["new", str(COMMUNE), "--out", str(out)]) == 1
    assert "không phải thư mục trống" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "link").symlink_to(empty)  # a link is never followed into another folder
    assert cli_main(["new", str(COMMUNE), "--out", str(tmp_path / "link")]) == 1
    assert list(empty.iterdir()) == []


@pytest.mark.parametrize("option", ["--ward", "--city"])
@pytest.mark.parametrize("name", ["<b>An Hòa</b>", "An Hòa\nx", "An & Hòa", "x" * 101])
def test_a_ward_name_the_content_would_refuse_is_named_as_the_option(
    tmp_path, capsys, name, option
):
    """Said of `--ward` (or `--city`), not of a ward.yaml that was never written, nor written
    into a ward.yaml that `check` then refuses; nothing written."""
    for command in (["new", str(COMMUNE), "--out", str(tmp_path / "out")],
                    ["import", str(COMMUNE), "--out", str(tmp_path / "content")]):  # fmt: skip
        assert cli_main([*command, option, name]) == 1
        (said,) = capsys.readouterr().err.splitlines()
        assert said.startswith(f"{option} ") and "ward.yaml" not in said
    assert list(tmp_path.iterdir()) == []


def test_new_writes_nothing_when_the_document_cannot_be_read(tmp_path, commune):
    document = tmp_path / "ctct.txt"
    text = replaced(COMMUNE.read_text(encoding="utf-8"), f" {commune.name.upper()}", "", None)
    document.write_text(replaced(text, f" {commune.name}", "", None), encoding="utf-8")
    problems = new_site(document, tmp_path / "out", pin=PIN)
    assert any("--ward" in e for e in errors(problems))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ctct.txt"]


# --- a programme of another ward ------------------------------------------------------------------


def test_importing_another_wards_document_into_this_content_is_refused(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REAL_CONTENT, content)
    here = load_content(content, history=False).ward
    documents = [COMMUNE, *sorted((FIXTURES / "year" / "sources").glob("*.txt"))]
    named = [(d, imported_ward(d, tmp_path / d.stem)) for d in documents]
    document, other = next((d, w) for d, w in named if w.name != here.name)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    problems = run_import(document, content, units_file=content / "units.yaml", force=True)
    (message,) = errors(problems)
    assert f"{other.kind} {other.name}" in message and f"{here.kind} {here.name}" in message
    assert "generator new" in message
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before


def test_committing_another_wards_programme_fails_the_check(tmp_path, commune):
    imported = tmp_path / "imported"
    assert errors(run_import(COMMUNE, imported)) == []
    content = tmp_path / "content"  # this ward's ward.yaml, the commune's programme and units
    shutil.copytree(imported, content)
    shutil.copy(MINI / "ward.yaml", content / "ward.yaml")
    model, problems = check_content(content, history=False)
    assert model is None
    (message,) = [e for e in errors(problems) if "issuer" in e]
    assert message.startswith("content/programmes/2027.yaml:1: issuer: Lỗi:")
    mini = load_content(MINI, history=False).ward
    assert f"xã {commune.name}" in message and f"{mini.kind} {mini.name}" in message


def test_a_renamed_ward_keeps_the_programmes_it_issued(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    ward = content / "ward.yaml"
    edit_file(ward, "name: An Biên", "name: An Biên Mới")
    model, problems = check_content(content, history=False)
    assert model is not None, errors(problems)


# --- history that belongs to one ward -------------------------------------------------------------


def test_a_ward_that_adopts_a_repository_starts_with_a_clean_history(tmp_path):
    """Another ward's commits (a task removed among them) give no cancelled event and no
    removal: they are not this ward's history, nor is the ward.yaml commit before its
    programme."""
    top = tmp_path / "repo"
    content = top / "content"
    shutil.copytree(MINI, content)
    run_git(top, "init", "-q")
    run_git(top, "add", "-A")
    run_git(top, "commit", "-qm", "An Biên 2026")
    programme = content / "programmes" / "2026.yaml"
    text = programme.read_text(encoding="utf-8")
    start = text.index("      - id: 2026-01-02-1")
    programme.write_text(text[:start] + text[text.index("      - id:", start + 1) :])
    run_git(top, "commit", "-qam", "Bỏ một nhiệm vụ", when="2026-02-01T08:00:00+07:00")
    assert load_content(content).removed  # the old ward's own history has a tombstone

    imported = tmp_path / "imported"
    assert errors(run_import(COMMUNE, imported)) == []
    shutil.copy(imported / "ward.yaml", content / "ward.yaml")
    run_git(top, "commit", "-qam", "Xã mới", when="2027-01-06T08:00:00+07:00")
    shutil.rmtree(content / "programmes")
    shutil.rmtree(content / "reports")
    shutil.copytree(imported / "programmes", content / "programmes")
    shutil.copytree(imported / "sources", content / "sources")
    shutil.copy(imported / "units.yaml", content / "units.yaml")
    run_git(top, "add", "-A")
    run_git(top, "commit", "-qm", "Chương trình 2027", when="2027-01-07T08:00:00+07:00")

    adopted = load_content(content)
    assert adopted.removed == ()
    assert {c.kind for c in adopted.changes} <= {ChangeKind.ISSUED}
    assert {s.modified.isoformat() for s in adopted.stamps.values()} == {
        "2027-01-07T01:00:00+00:00"
    }


# --- unit spellings -------------------------------------------------------------------------------


def test_spellings_of_one_unit_are_one_unit_with_a_warning(tmp_path):
    problems = run_import(COMMUNE, tmp_path / "out")
    content = load_content(tmp_path / "out", history=False)
    office = [u for u in content.units if u.id.startswith("van-phong")]
    assert len(office) == 1
    assert {"Văn phòng HĐND-UBND", "Văn phòng HĐND và UBND"} <= set(office[0].aliases)
    text = COMMUNE.read_text(encoding="utf-8").split("\n")
    second = next(i for i, line in enumerate(text, 1) if "Văn phòng HĐND-UBND" in line)
    first = next(i for i, line in enumerate(text, 1) if "\tVăn phòng HĐND và UBND" in line)
    (warning,) = [p for p in problems if p.line == second and p.field == "lead"]
    assert warning.severity is Severity.WARNING
    assert "'Văn phòng HĐND-UBND'" in warning.message
    assert f"'Văn phòng HĐND và UBND' (dòng {first})" in warning.message


UNITS = """units:
  - id: phong-tckh
    name: Phòng TCKH
    short: Phòng TCKH
  - id: phong-tai-chinh-ke-hoach
    name: Phòng Tài chính Kế hoạch
    short: Phòng Tài chính Kế hoạch
"""


def test_the_check_warns_of_one_unit_split_in_two(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    units = content / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + UNITS.removeprefix("units:\n"))
    model, problems = check_content(content, history=False)
    assert model is not None, errors(problems)
    (warning,) = [p for p in problems if p.field == "aliases"]
    assert warning.severity is Severity.WARNING
    assert "'Phòng Tài chính Kế hoạch'" in warning.message and "'Phòng TCKH'" in warning.message


def test_the_check_refuses_two_units_spelled_alike(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    units = content / "units.yaml"
    units.write_text(
        units.read_text(encoding="utf-8")
        + "  - id: vp-a\n    name: Ban Tiếp dân HĐND-UBND\n    short: Ban A\n"
        + "  - id: vp-b\n    name: Ban Tiếp dân HĐND và UBND\n    short: Ban B\n"
    )
    _, problems = check_content(content, history=False)
    assert any("vp-a" in e and "vp-b" in e for e in errors(problems))


# --- a full copy made before 0.2.0 becomes a thin repository ------------------------------------


@pytest.fixture()
def full_copy(tmp_path, commune) -> Path:
    """A ward's full copy of the generator as `new` made it before 0.2.0: the generator's files,
    then the ward's own (its CODEOWNERS, a workflow, its colours), and an untracked secret."""
    repo = tmp_path / "copy"
    assert errors(run_import(COMMUNE, repo / "content")) == []
    for name in ("generator/site.py", "theme/main.html", "tests/test_site.py", "Makefile"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("# bản sao cũ\n")
    (repo / ".ci").mkdir()
    (repo / ".ci" / "run").write_text("make test\n")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "publish.yml").write_text("run: make site\n")
    (repo / ".github" / "workflows" / "own.yml").write_text("name: của phường\n")
    (repo / ".github" / "CODEOWNERS").write_text("* @ubnd/van-phong\n")
    (repo / "README.md").write_text(
        "# Chương trình công tác – trang công khai của một phường, xã\n"
    )
    (repo / "mkdocs.yml").write_text("theme:\n  name: material\n  palette:\n    primary: indigo\n")
    run_git(repo, "init", "-q")
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "-qm", "Bản sao")
    (repo / ".env").write_text("TOKEN=bi-mat\n")
    return repo


def test_migrate_keeps_the_wards_files_and_history_and_drops_the_generator(full_copy):
    before = git_lines(full_copy, "log", "--format=%H")
    assert errors(migrate(full_copy, pin=PIN)) == []
    assert git_lines(full_copy, "log", "--format=%H")[1:] == before  # one commit on top
    files = set(git_lines(full_copy, "ls-files"))
    assert not [f for f in files if f.split("/")[0] in ("generator", "theme", "tests")]
    assert "Makefile" not in files
    for kept in (".github/workflows/own.yml", ".github/CODEOWNERS"):
        assert kept in files, kept
    assert "CODEOWNERS" not in files  # the ward names its reviewers already
    assert (full_copy / ".github" / "CODEOWNERS").read_text() == "* @ubnd/van-phong\n"
    assert (full_copy / ".env").read_text() == "TOKEN=bi-mat\n"  # untracked: untouched
    assert (full_copy / "requirements.txt").read_text(encoding="utf-8") == PIN
    assert "make" not in (full_copy / ".ci" / "run").read_text(encoding="utf-8").split()
    assert "primary: indigo" in (full_copy / "mkdocs.yml").read_text(encoding="utf-8")
    assert "bash .ci/run" in (full_copy / ".github" / "workflows" / "publish.yml").read_text()
    assert git_lines(full_copy, "status", "--porcelain") == ["?? .env"]


def test_migrate_refuses_uncommitted_changes(full_copy):
    """A secret staged in a workflow is neither committed nor lost."""
    workflow = full_copy / ".github" / "workflows" / "own.yml"
    workflow.write_text("token: bi-mat-123\n")
    run_git(full_copy, "add", "-A")
    head = git_lines(full_copy, "rev-parse", "HEAD")
    assert any("chưa commit" in e for e in errors(migrate(full_copy, pin=PIN)))
    assert git_lines(full_copy, "rev-parse", "HEAD") == head
    assert workflow.read_text() == "token: bi-mat-123\n"
    assert (full_copy / "generator" / "site.py").is_file()


def test_every_workflow_of_the_thin_repository_runs_the_wards_checks(adopted):
    """GitHub, GitLab, Gitea and Forgejo: each file parses, every job that builds runs
    `.ci/run`, and every publishing job gives it the public address."""
    import yaml

    workflows = [p.path for p in LAYOUT if p.path.endswith(".yml") and "workflows" in p.path]
    for path in [*workflows, ".gitlab-ci.yml"]:
        text = (adopted / path).read_text(encoding="utf-8")
        assert "@RUNS_ON@" not in text, path
        data = yaml.safe_load(text)
        jobs = data["jobs"] if "jobs" in data else {k: v for k, v in data.items() if "script" in v}
        runs = {
            name: " ".join(
                [s.get("run", "") for s in job.get("steps", [])] + list(job.get("script", []))
            )
            for name, job in jobs.items()
        }
        building = [name for name, run in runs.items() if "bash .ci/run" in run]
        assert building, path
        if "publish" in path or path == ".gitlab-ci.yml":
            assert "SITE_URL" in text, path


def test_migrate_refuses_a_repository_that_is_thin_already(adopted, tmp_path):
    thin = tmp_path / "thin"
    subprocess.run(["git", "clone", "-q", str(adopted), str(thin)], check=True)
    head = git_lines(thin, "rev-parse", "HEAD")
    assert any("kho đã là kho mỏng" in e for e in errors(migrate(thin, pin=PIN)))
    assert git_lines(thin, "rev-parse", "HEAD") == head
    assert git_lines(thin, "status", "--porcelain") == []


def test_migrate_refuses_to_run_the_generator_the_repository_itself_holds(full_copy, monkeypatch):
    """`python -m generator` run inside an old copy imports the copy's own generator/: migrate
    would delete the code it runs. It refuses, and nothing is removed."""
    from generator.siterepo import migrate as module

    monkeypatch.setattr(module, "_PACKAGE", full_copy / "generator")
    head = git_lines(full_copy, "rev-parse", "HEAD")
    assert any("cd .." in e for e in errors(migrate(full_copy, pin=PIN)))
    assert git_lines(full_copy, "rev-parse", "HEAD") == head
    assert git_lines(full_copy, "status", "--porcelain") == ["?? .env"]


def test_the_wards_readme_shows_its_name_as_text_never_as_markdown():
    from generator.siterepo.layout import markdown_text

    assert markdown_text("An Hòa](https://evil.example/)") == "An Hòa\\]\\(https://evil.example/\\)"
    assert markdown_text("Lê Ích Mộc") == "Lê Ích Mộc"
    assert markdown_text("**đậm** `mã` #1") == "\\*\\*đậm\\*\\* \\`mã\\` \\#1"
