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

from generator.common.dates import VIETNAM
from generator.siterepo import DEPENDENCIES
from generator.siterepo.layout import PROVINCE_LAYOUT
from generator.siterepo.pin import pin_line

from ..conftest import ROOT, run_git
from ..helpers import replaced
from ..province_kit import rename_ward
from ..word import word_from_text

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
        "generator/theme/partials/ctct-search-box.html",
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
        "generator/siterepo/files/province-README.md.j2",
        "generator/province/static/portal.js",
        *(f"generator/siterepo/files/{placed.source}" for placed in PROVINCE_LAYOUT),
        "generator/contentdoc/README.md",
    ):
        assert needed in names, needed
    packages = {n.rsplit("/", 1)[0] for n in names if n.endswith("/__init__.py")}
    ours = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "generator").rglob("__init__.py")}
    assert ours <= packages  # pyproject.toml lists every package of ours
    assert not [n for n in names if n.startswith(("tests/", "content/", "benchmarks/"))]
    templates = [n for n in names if re.fullmatch(r"generator/\w+/templates/.+", n)]
    templates += [n for n in names if re.fullmatch(r"generator/theme/.+\.(html|xml)", n)]
    compiled = [n for n in names if re.fullmatch(r"generator/render/compiled/t\w+\.py", n)]
    assert len(compiled) == len(templates) > 0  # setup.py compiled each of our templates
    (sdist,) = dist.glob("*.tar.gz")
    assert sdist.name.startswith("ctct_site-")


COMPILES = """
import jinja2
from generator.engine.compiled import site_templates, wheel_templates
compiled, compile_ = [], jinja2.Environment.compile
jinja2.Environment.compile = lambda self, *a, **k: compiled.append(a[1]) or compile_(self, *a, **k)
templates = wheel_templates()
for env, names in templates:
    env.bytecode_cache = env.bytecode_cache or site_templates()  # the theme's: as on_env sets it
    for name in names:
        env.get_template(name)
print(sum(len(names) for _, names in templates), compiled)
"""


def test_the_installed_generator_compiles_none_of_its_templates(installed, tmp_path):
    _, python = installed
    done = subprocess.run([str(python), "-c", COMPILES], cwd=tmp_path, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    count, compiled = done.stdout.decode().split(" ", 1)
    assert int(count) > 0 and compiled.strip() == "[]"


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
    # the search box of the portal and the wards', from the theme's shared partial
    assert portal.count("data-ctct-search") == 1 and '<label for="q">' in portal
    for ward_id in ("an-hoa", "an-hoa-tay"):
        home = (site / ward_id / "index.html").read_text(encoding="utf-8")
        assert "data-ctct-search" in home and 'class="md-search__input" name="q"' in home
        assert (site / ward_id / "lich" / "tat-ca.ics").is_file()


# --- a year in the life of the adopted commune ----------------------------------------------------


def _tasks(ward: Ward, year: int) -> list[dict]:
    """The programme's tasks with one plain deadline of that year, a lead and no correction,
    in the document's order, as the repository holds them."""
    import yaml

    text = (ward.repo / "content" / "programmes" / f"{year}.yaml").read_text(encoding="utf-8")
    plain = re.compile(rf"\d\d/\d\d/{year}")
    return [
        task
        for month in yaml.safe_load(text)["months"]
        for task in month["tasks"]
        if plain.fullmatch(str(task.get("deadline")))
        and task.get("lead")
        and not task.get("corrections")
    ]


def _event(ward: Ward, task_id: str) -> str:
    """The task's VEVENT in the calendar of every task, unfolded."""
    feed = ward.page("lich/tat-ca.ics").replace("\r\n ", "")
    start = feed.index(f"UID:{task_id}@")
    return feed[feed.rindex("BEGIN:VEVENT", 0, start) : feed.index("END:VEVENT", start)]


def _next_release(tmp: Path) -> Path:
    """The generator's next version, 0.2.1, built from this checkout's files: its folder."""
    source = tmp / "source"
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, names.split("\0")):
        if (ROOT / name).is_file() and not (ROOT / name).is_symlink():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    project = source / "pyproject.toml"
    project.write_text(
        replaced(project.read_text("utf-8"), 'version = "0.2.0"', 'version = "0.2.1"')
    )
    dist = tmp / "dist-next"
    _build(source, dist, "--wheel")
    return dist


def test_a_year_in_the_life_of_the_commune_keeps_its_ci_green_and_its_site_true(ward, tmp_path):
    """The clerk's year, its CI run at every step on that day: reports from `generator report`
    and as the editor writes them, a same-day correction, a postponement, two amendments (one
    with a `corrections` record), the next year's programme in December, and an upgrade of the
    generator that changes one line. On each day the site says what is true that day."""
    done_task, editor_task, postponed_task, moved, handed, noted = _tasks(ward, 2027)[:6]
    ward.day = dt.date(2027, 1, 5)  # the day `new` made it
    ward.ci()

    ward.day = dt.date(2027, 1, 20)
    ward.generator("report", done_task["id"], "--status", "done", "--done-on", "18/01/2027",
                   "--document", "Kế hoạch số 3/KH-UBND ngày 18/01/2027")  # fmt: skip
    ward.commit("Báo cáo tiến độ")
    ward.ci()
    page = ward.page(f"nhiem-vu/{done_task['id']}/index.html")
    assert "Đã hoàn thành" in page and "18/01/2027" in page
    assert f"nhiem-vu/{done_task['id']}/" in ward.page("tien-do/index.html")
    assert "18/01/2027" in _event(ward, done_task["id"])

    # The same day, the clerk corrects the day it was done: the later report is the standing.
    ward.generator("report", done_task["id"], "--status", "done", "--done-on", "19/01/2027",
                   "--document", "Kế hoạch số 3/KH-UBND ngày 19/01/2027")  # fmt: skip
    ward.commit("Sửa báo cáo cùng ngày")
    ward.ci()
    page = ward.page(f"nhiem-vu/{done_task['id']}/index.html")
    assert "Kế hoạch số 3/KH-UBND ngày 19/01/2027" in page
    assert "19/01/2027" in _event(ward, done_task["id"])

    # A report as the web editor writes it (ISO dates, its own file name).
    ward.day = dt.date(2027, 2, 12)
    report = ward.repo / "content" / "reports" / f"{editor_task['id']}--2027-02-12.yaml"
    report.write_text(
        f"task: {editor_task['id']}\nreported_on: 2027-02-12\nstatus: in_progress\n"
        "note: Đang lấy ý kiến các thôn\n",
        encoding="utf-8",
    )
    ward.commit("Báo cáo tiến độ (trang quản trị)")
    ward.ci()
    assert "Đang thực hiện" in ward.page(f"nhiem-vu/{editor_task['id']}/index.html")

    ward.day = dt.date(2027, 3, 5)
    ward.generator("report", postponed_task["id"], "--status", "postponed",
                   "--note", "Chờ hướng dẫn của tỉnh")  # fmt: skip
    ward.commit("Tạm hoãn một nhiệm vụ")
    ward.ci()
    assert "Tạm hoãn" in ward.page(f"nhiem-vu/{postponed_task['id']}/index.html")

    # Amendment 1: a deadline moved by a decision.
    ward.day = dt.date(2027, 3, 20)
    amendments = ward.repo / "content" / "amendments"
    amendments.mkdir()
    (amendments / "2027-03-20-quyet-dinh-so-20-qd-ubnd.yaml").write_text(
        'programme: "2027"\ndecided_on: 20/03/2027\n'
        "decision: Quyết định số 20/QĐ-UBND ngày 20/3/2027 của UBND xã\n"
        "reason: Lùi hạn để chờ hướng dẫn của tỉnh.\n"
        f'tasks:\n  - task: "{moved["id"]}"\n    deadline: 28/05/2027\n',
        encoding="utf-8",
    )
    ward.commit("Điều chỉnh: Quyết định số 20/QĐ-UBND")
    ward.ci()
    page = ward.page(f"nhiem-vu/{moved['id']}/index.html")
    assert "28/05/2027" in page and "Quyết định số 20/QĐ-UBND" in page
    assert "Quyết định số 20/QĐ-UBND" in ward.page("thay-doi/index.html")
    event = _event(ward, moved["id"])
    assert "DTSTART;VALUE=DATE:20270528" in event and "SEQUENCE:1" in event

    # Amendment 2 hands a task to another unit; a corrections record notes what the paper says.
    ward.day = dt.date(2027, 6, 10)
    units = [u for u in _units(ward) if u != handed["lead"]]
    (amendments / "2027-06-10-quyet-dinh-so-41-qd-ubnd.yaml").write_text(
        'programme: "2027"\ndecided_on: 10/06/2027\n'
        "decision: Quyết định số 41/QĐ-UBND ngày 10/6/2027 của UBND xã\n"
        "reason: Giao lại cho đơn vị phụ trách lĩnh vực.\n"
        f'tasks:\n  - task: "{handed["id"]}"\n    lead: {units[0]}\n',
        encoding="utf-8",
    )
    programme = ward.repo / "content" / "programmes" / "2027.yaml"
    text = programme.read_text(encoding="utf-8")
    anchor = f'      - id: "{noted["id"]}"\n'
    block_end = text.index(f"        deadline: {noted['deadline']}\n", text.index(anchor))
    line_end = text.index("\n", block_end) + 1
    programme.write_text(
        text[:line_end]
        + "        corrections:\n          - field: deadline\n"
        + f"            as_written: {noted['deadline']}\n            read_as: null\n"
        + "            reason: Văn bản ghi đúng như vậy; ghi nhận theo đề nghị của Văn phòng.\n"
        + text[line_end:],
        encoding="utf-8",
    )
    ward.commit("Điều chỉnh: Quyết định số 41/QĐ-UBND; ghi nhận một đính chính")
    ward.ci()
    assert units[0] in ward.page(f"nhiem-vu/{handed['id']}/index.html")
    assert "ghi nhận theo đề nghị của Văn phòng" in ward.page(f"nhiem-vu/{noted['id']}/index.html")

    # Months pass with no report: a deadline gone by is overdue that day, and said so.
    ward.day = dt.date(2027, 8, 16)
    ward.ci()
    late = (ward.day - dt.datetime.strptime(handed["deadline"], "%d/%m/%Y").date()).days
    assert f"đã quá hạn {late} ngày" in ward.page(f"nhiem-vu/{handed['id']}/index.html")
    assert "đã quá hạn" not in ward.page(f"nhiem-vu/{done_task['id']}/index.html")

    # December: next year's programme, imported beside this year's; 2027 is still the current.
    ward.day = dt.date(2027, 12, 10)
    document = tmp_path / "ctct-2028-xa-an-hoa.docx"
    text = NEXT_YEAR.read_text(encoding="utf-8").replace("2027", "2028").replace("2026", "2027")
    word_from_text(text).save(document)
    ward.generator("import", str(document), "--out", "content", "--units", "content/units.yaml")
    ward.commit("Chương trình công tác năm 2028")
    ward.ci()
    first = _tasks(ward, 2028)[0]["id"]
    assert (ward.repo / "site" / "nhiem-vu" / first / "index.html").is_file()
    assert "năm 2027" in ward.page("tien-do/index.html")

    # An upgrade is the pin's one line, proposed as Renovate or Dependabot would.
    ward.day = dt.date(2027, 12, 20)
    dist = _next_release(tmp_path)
    (wheel,) = dist.glob("*.whl")
    pin = pin_line("0.2.1", hashlib.sha256(wheel.read_bytes()).hexdigest())
    (ward.repo / "requirements.txt").write_text(pin, encoding="utf-8")
    ward.commit("Cập nhật công cụ lên 0.2.1")
    changed = run_git(ward.repo, "show", "--numstat", "--format=", "HEAD").split()
    assert changed == ["1", "1", "requirements.txt"]
    ward.dist = dist
    ward.ci()
    installed = subprocess.run(
        [str(ward.repo / ".venv" / "bin" / "python"), "-c",
         "import importlib.metadata as m; print(m.version('ctct-site'))"],
        cwd=ward.repo, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert installed.stdout.strip() == "0.2.1"


def _units(ward: Ward) -> list[str]:
    import yaml

    text = (ward.repo / "content" / "units.yaml").read_text(encoding="utf-8")
    return [u["name"] for u in yaml.safe_load(text)["units"]]
