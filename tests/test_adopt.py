"""Another ward adopts the generator: `generator new`, a programme of another ward refused, a
history that belongs to one ward, one unit however the document spells it, and the update of
a ward's copy from upstream."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main as cli_main
from generator.errors import Severity
from generator.importer.run import run_import
from generator.importer.units import slug
from generator.load.content import check_content, load_content
from generator.model import ChangeKind, Ward
from generator.newsite import new_site

from .conftest import FIXTURES, MINI, REAL_CONTENT, ROOT, run_git
from .helpers import PACKAGE, edit_file, replaced
from .word import word_from_text

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

(COMMUNE,) = (FIXTURES / "wards").glob("ctct-2027-*.txt")
"""A fictional commune's 2027 programme, in the shape of a real one. The tests name no ward
(tests/test_content.py): they read the names from the fixtures."""


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
    problems = new_site(document, out)
    assert errors(problems) == []
    return out


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
    ours = git_lines(ROOT, "ls-files")
    assert [f for f in files if not f.startswith("content/")] == [
        f for f in ours if not f.startswith("content/") and (ROOT / f).is_file()
    ]
    for absent in (".venv", "site", "node_modules", "tests/js/node_modules"):
        assert not (adopted / absent).exists(), absent
    ward = load_content(adopted / "content", history=False).ward
    name = adopter(commune.name)
    assert (ward.id, ward.kind, ward.name, ward.city) == (slug(name), "xã", name, commune.city)
    assert (adopted / ".ci" / "run").stat().st_mode & 0o111
    assert adopted.stat().st_mode & 0o077 == 0o077 & ~current_umask()


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_new_names_nothing_of_the_ward_it_was_copied_from(adopted):
    """Neither the copy's package (generator, theme) nor the data `new` wrote in its content/
    (the format's README there is upstream's, like the copy's own README)."""
    here = load_content(REAL_CONTENT, history=False).ward
    where = [*PACKAGE, "content/", ":!content/README.md"]
    found = subprocess.run(
        ["git", "grep", "-l", "-F", "-e", here.name, "-e", here.name.upper(), "--", *where],
        cwd=adopted,
        capture_output=True,
        text=True,
    )
    assert found.stdout == ""


def test_the_content_checks_pass_in_the_adopted_copy(adopted):
    """The checks of content/ (test_content.py) run in the copy, on the commune's content."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_content.py"],
        cwd=adopted,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "passed" in done.stdout and "failed" not in done.stdout


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
    assert errors(new_site(document, out)) == []
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


def test_new_writes_nothing_when_the_document_cannot_be_read(tmp_path, commune):
    document = tmp_path / "ctct.txt"
    text = replaced(COMMUNE.read_text(encoding="utf-8"), f" {commune.name.upper()}", "", None)
    document.write_text(replaced(text, f" {commune.name}", "", None), encoding="utf-8")
    problems = new_site(document, tmp_path / "out")
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


# --- a ward's copy takes the generator's later versions ------------------------------------------


def test_update_generator_takes_every_file_but_the_wards_content(tmp_path):
    upstream, ward = tmp_path / "upstream", tmp_path / "ward"
    for repo, data in ((upstream, "Lê A"), (ward, "Xã B")):
        (repo / "content").mkdir(parents=True)
        shutil.copy(ROOT / "Makefile", repo / "Makefile")
        (repo / "generator.py").write_text("v1\n")
        (repo / "old.py").write_text("old\n")
        (repo / "content" / "README.md").write_text("format v1\n")
        (repo / "content" / "ward.yaml").write_text(f"name: {data}\n")
        run_git(repo, "init", "-q")
        run_git(repo, "add", "-A")
        run_git(repo, "commit", "-qm", "v1")
    (upstream / "generator.py").write_text("v2\n")
    (upstream / "new.py").write_text("new\n")
    (upstream / "old.py").unlink()
    (upstream / "content" / "README.md").write_text("format v2\n")
    (upstream / "content" / "ward.yaml").write_text("name: Lê A2\n")
    run_git(upstream, "add", "-A")
    run_git(upstream, "commit", "-qm", "v2")
    done = subprocess.run(
        ["make", "-s", "update-generator", f"UPSTREAM={upstream}"],
        cwd=ward,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (ward / "generator.py").read_text() == "v2\n"
    assert (ward / "new.py").is_file() and not (ward / "old.py").exists()
    assert (ward / "content" / "README.md").read_text() == "format v2\n"
    assert (ward / "content" / "ward.yaml").read_text() == "name: Xã B\n"
