"""The generator as a ward really runs it: the wheel installed in a fresh virtual environment
with no checkout, a ward's thin repository made by `new` from a Word document, its own
`.ci/run` (check, build, verify) through a year of real use, a province built from the same
installed package, and an upgrade that is one changed line.

Slow (two virtual environments, two wheels): the packages come from pip's cache or PyPI, the
generator from the wheels built here (PIP_FIND_LINKS), as a ward's CI takes them from PyPI.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from generator.dates import VIETNAM
from generator.siterepo import DEPENDENCIES

from .conftest import ROOT, run_git
from .helpers import replaced
from .province_kit import rename_ward

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

DOCUMENT = ROOT / "tests" / "fixtures" / "corpus" / "ctct-2027-xa-an-hoa-landscape.docx"
"""A commune's 2027 programme as a Word layout a ward office makes (tests/fixtures/corpus/)."""
NEXT_YEAR = ROOT / "tests" / "fixtures" / "import" / "ctct-2027-xa-an-hoa.txt"
"""The same programme's text, from which next year's document is made."""


def _build(source: Path, dist: Path, *kinds: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", *kinds, "--outdir", str(dist), "."],
        cwd=source,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def _environment(**more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.pop("SOURCE_DATE_EPOCH", None)
    env.pop("CTCT_ALLOW_SHALLOW", None)
    return {**env, **more}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(the folder of the built sdist and wheel, the python of a fresh environment holding the
    wheel and the pinned dependencies), made outside any checkout."""
    tmp = tmp_path_factory.mktemp("installed")
    dist = tmp / "dist"
    _build(ROOT, dist)  # the sdist, then the wheel from it
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    (wheel,) = dist.glob("*.whl")
    for args in (["--require-hashes", "-r", str(DEPENDENCIES)], ["--no-deps", str(wheel)]):
        done = subprocess.run([*pip, *args], cwd=tmp, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
    return dist, python


def _run(python: Path, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(python), "-m", "generator", *args],
        cwd=cwd,
        env=_environment(**env),
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_wheel_holds_everything_a_build_reads(installed):
    dist, _ = installed
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "generator/theme/main.html",
        "generator/theme/assets/stylesheets/ctct.css",
        "generator/theme/partials/languages/custom.html",
        "generator/engine/defaults/mkdocs.yml",
        "generator/engine/decap_server/package-lock.json",
        "generator/render/templates/task.html.j2",
        "generator/province/templates/portal.html",
        "generator/province/static/portal.css",
        "generator/editor/static/ctct-editor.js",
        "generator/editor/vendor/decap-cms/decap-cms.js",
        "generator/opendata/schema/chuong-trinh.schema.json",
        "generator/siterepo/dependencies.lock",
        "generator/siterepo/files/ci-run",
        "generator/contentdoc/README.md",
    ):
        assert needed in names, needed
    packages = {n.rsplit("/", 1)[0] for n in names if n.endswith("/__init__.py")}
    ours = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "generator").rglob("__init__.py")}
    assert ours <= packages  # pyproject.toml lists every package of ours
    assert not [n for n in names if n.startswith(("tests/", "content/", "benchmarks/"))]
    (sdist,) = dist.glob("*.tar.gz")
    assert sdist.name.startswith("ctct_site-")


def test_the_dependency_lock_pins_what_pyproject_asks():
    """Each dependency of pyproject.toml is pinned, with hashes, within its range."""
    import tomllib

    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    pins: dict[str, list[str]] = {}
    text = DEPENDENCIES.read_text(encoding="utf-8")
    for block in re.split(r"\n(?=\S)", text):
        if block.startswith("#") or not block.strip():
            continue
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
        assert match and "--hash=sha256:" in block, block[:80]
        pins.setdefault(match[1].lower().replace("_", "-"), []).append(match[2])
    for line in wanted["dependencies"]:
        requirement = Requirement(line)
        versions = pins.get(requirement.name.lower().replace("_", "-"))
        assert versions, f"{requirement.name} is not pinned in {DEPENDENCIES.name}"
        assert all(requirement.specifier.contains(v) for v in versions), (requirement, versions)


def _epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=VIETNAM).timestamp()))


class Ward:
    """A ward's repository and the clerk's day: commits dated that day, its CI run on it."""

    def __init__(self, repo: Path, dist: Path):
        self.repo, self.dist = repo, dist
        self.day = dt.date(2027, 1, 5)

    def ci(self) -> subprocess.CompletedProcess:
        done = subprocess.run(
            ["bash", ".ci/run"],
            cwd=self.repo,
            env=_environment(
                CI="true", SOURCE_DATE_EPOCH=_epoch(self.day), PIP_FIND_LINKS=str(self.dist)
            ),
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert done.returncode == 0, f"{self.day}: {done.stdout[-2000:]}{done.stderr[-3000:]}"
        assert re.search(r"^0 lỗi trong \d+ tệp", done.stderr, re.M), done.stderr[-2000:]
        return done

    def generator(self, *args: str) -> subprocess.CompletedProcess:
        done = _run(
            self.repo / ".venv" / "bin" / "python",
            *args,
            cwd=self.repo,
            SOURCE_DATE_EPOCH=_epoch(self.day),
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    def commit(self, message: str) -> None:
        run_git(self.repo, "add", "content", "requirements.txt")
        run_git(self.repo, "commit", "-qm", message, when=f"{self.day.isoformat()}T09:00:00+07:00")

    def page(self, path: str) -> str:
        return (self.repo / "site" / path).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ward(installed, tmp_path_factory) -> Ward:
    """`new` from a Word document, with the installed generator, in a folder of no checkout."""
    dist, python = installed
    work = tmp_path_factory.mktemp("work")
    document = work / DOCUMENT.name
    shutil.copy(DOCUMENT, document)
    done = _run(
        python, "new", document.name, "--out", "xa", "--office", "@van-phong", cwd=work,
        PIP_FIND_LINKS=str(dist),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return Ward(work / "xa", dist)


def test_new_makes_a_repository_without_the_generator_that_passes_its_own_ci(ward, installed):
    dist, _ = installed
    files = subprocess.run(
        ["git", "ls-files"], cwd=ward.repo, capture_output=True, text=True, check=True
    ).stdout.split()
    assert not [f for f in files if f.endswith(".py") or f.startswith(("tests/", "generator/"))]
    (wheel,) = dist.glob("*.whl")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    pinned = (ward.repo / "requirements.txt").read_text(encoding="utf-8")
    assert f"ctct-site==0.2.0 --hash=sha256:{digest}\n" in pinned
    ward.ci()
    home = ward.page("index.html")
    assert "Chương trình công tác – xã An Hòa" in home
    # The commune writes its own name in its own README and changes its colours: still green.
    readme = ward.repo / "README.md"
    readme.write_text(readme.read_text("utf-8") + "\nXã An Hòa, huyện cũ An Lão.\n", "utf-8")
    config = ward.repo / "mkdocs.yml"
    config.write_text(replaced(config.read_text("utf-8"), "primary: red", "primary: teal"))
    run_git(ward.repo, "commit", "-qam", "Trang của xã An Hòa", when="2027-01-05T10:00:00+07:00")
    ward.ci()
    assert 'data-md-color-primary="teal"' in ward.page("index.html")


def test_an_installed_generator_builds_a_province_with_its_portal(ward, installed, tmp_path):
    _, python = installed
    province = tmp_path / "tinh"
    for ward_id, name in (("an-hoa", "An Hòa"), ("an-hoa-tay", "An Hòa Tây")):
        target = province / "wards" / ward_id / "content"
        shutil.copytree(ward.repo / "content", target)
        rename_ward(target, ward_id, name)
    (province / "province.yaml").write_text("name: Hải Phòng\n", encoding="utf-8")
    run_git(province, "init", "-q")
    run_git(province, "add", "-A")
    run_git(province, "commit", "-qm", "Các xã")
    site = tmp_path / "site"
    done = _run(
        python, "build-all", "--province", ".", "--site-dir", str(site), "-j", "2",
        "--base-url", "https://tinh.example.org/", cwd=province,
        SOURCE_DATE_EPOCH=_epoch(dt.date(2027, 2, 1)),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    portal = (site / "index.html").read_text(encoding="utf-8")
    assert "An Hòa Tây" in portal and "an-hoa-tay/" in portal
    for ward_id in ("an-hoa", "an-hoa-tay"):
        assert (site / ward_id / "index.html").is_file()
        assert (site / ward_id / "lich" / "tat-ca.ics").is_file()
