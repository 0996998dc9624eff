"""The files of a ward's repository besides its content, made from the installed package.

One table says where each file goes and what it is made from; nothing is copied from a working
tree. The ward may change any of them afterwards (its README, its colours, its schedule): its
checks read only its content and its built site.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from generator.common.wording import ward_place
from generator.domain.model import Ward

FILES = Path(__file__).with_name("files")
_PACKAGE = Path(__file__).resolve().parents[1]
RUNS_ON = "@RUNS_ON@"
"""In the Gitea and Forgejo workflows: the runner label, which the two hosts name differently."""


@dataclasses.dataclass(frozen=True)
class Placed:
    """One file of the repository: its path there, and what it is made from."""

    path: str
    source: str
    executable: bool = False
    runs_on: str = ""
    """For a Gitea or Forgejo workflow: the label of the runner it asks for."""


LAYOUT = (
    Placed(".ci/run", "ci-run", executable=True),
    Placed(".github/workflows/publish.yml", "github-publish.yml"),
    Placed(".github/workflows/check.yml", "github-check.yml"),
    Placed(".github/dependabot.yml", "dependabot.yml"),
    Placed(".gitlab-ci.yml", "gitlab-ci.yml"),
    Placed(".gitea/workflows/publish.yml", "gitea-publish.yml", runs_on="ubuntu-latest"),
    Placed(".gitea/workflows/check.yml", "gitea-check.yml", runs_on="ubuntu-latest"),
    Placed(".forgejo/workflows/publish.yml", "gitea-publish.yml", runs_on="docker"),
    Placed(".forgejo/workflows/check.yml", "gitea-check.yml", runs_on="docker"),
    Placed(".gitignore", "gitignore"),
    Placed("renovate.json", "renovate.json"),
    Placed("mkdocs.yml", "mkdocs.yml"),
)
"""The files taken as they are from `files/`."""
PROVINCE_LAYOUT = (
    Placed(".ci/run", "province-ci-run", executable=True),
    Placed(".github/workflows/province.yml", "province-github.yml"),
    Placed(".github/workflows/check.yml", "province-github-check.yml"),
    Placed(".github/dependabot.yml", "dependabot.yml"),
    Placed(".gitlab-ci.yml", "province-gitlab-ci.yml"),
    Placed(".gitea/workflows/province.yml", "province-gitea.yml", runs_on="ubuntu-latest"),
    Placed(".gitea/workflows/check.yml", "province-gitea-check.yml", runs_on="ubuntu-latest"),
    Placed(".forgejo/workflows/province.yml", "province-gitea.yml", runs_on="docker"),
    Placed(".forgejo/workflows/check.yml", "province-gitea-check.yml", runs_on="docker"),
    Placed(".gitignore", "province-gitignore"),
    Placed("renovate.json", "renovate.json"),
)
"""A province's repository (`new-province`): the files taken from `files/`, as `LAYOUT`."""
INSTALL = "@INSTALL@"
"""In the province's workflows: how a job installs the generator into `.venv`."""
PROVINCE_INSTALL = "bash .ci/run install"
"""A province's repository installs its pin (`requirements.txt`), as its `.ci/run` does."""
SOURCE_INSTALL = "python -m venv .venv && .venv/bin/python -m pip install --quiet ."
"""The generator's own repository installs itself (its `.github/workflows/province.yml`)."""
OWN_WORKFLOWS = (".github/workflows/province.yml", ".gitea/workflows/province.yml")
"""The province workflows the generator's own repository carries, made from the same templates
with `SOURCE_INSTALL` (a test holds them to it)."""
FORMAT_README = "content/README.md"
"""The content format's documentation: the one file of content/ that is no ward's data."""
README = "README.md"
REQUIREMENTS = "requirements.txt"
CODEOWNERS = "CODEOWNERS"
GENERATED = (README, REQUIREMENTS, CODEOWNERS)
"""The files written for this ward: its README, the generator's pin, who reviews changes."""

OWNER = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:/[A-Za-z0-9._-]+)?\Z")
"""A GitHub, GitLab, Gitea or Forgejo user or team handle: `@van-phong` or `@ubnd/van-phong`."""


def site_files(ward: Ward, year: int, pin: str, owners: tuple[str, ...]) -> dict[str, bytes]:
    """Every file of the repository besides content/, by path: the table's and the ward's."""
    files = placed_files(LAYOUT)
    files[README] = _readme(ward, year).encode("utf-8")
    files[REQUIREMENTS] = pin.encode("utf-8")
    files[CODEOWNERS] = codeowners(owners).encode("utf-8")
    files[FORMAT_README] = format_readme().read_bytes()
    return files


def placed_files(layout: tuple[Placed, ...], install: str = PROVINCE_INSTALL) -> dict[str, bytes]:
    """The files of a table, by path, each with its runner label and install command."""
    files = {}
    for placed in layout:
        text = (FILES / placed.source).read_text(encoding="utf-8")
        text = text.replace(RUNS_ON, placed.runs_on).replace(INSTALL, install)
        files[placed.path] = text.encode("utf-8")
    return files


def own_workflows() -> dict[str, bytes]:
    """The generator repository's own province workflows, as `OWN_WORKFLOWS` says."""
    layout = tuple(p for p in PROVINCE_LAYOUT if p.path in OWN_WORKFLOWS)
    return placed_files(layout, SOURCE_INSTALL)


def province_files(name: str, office: str, pin: str) -> dict[str, bytes]:
    """Every file of a new province's repository, by path (its `province.yaml` included)."""
    files = placed_files(PROVINCE_LAYOUT)
    files[README] = _render("province-README.md.j2", name=markdown_text(name)).encode("utf-8")
    files[REQUIREMENTS] = pin.encode("utf-8")
    files[CODEOWNERS] = province_codeowners(office, ()).encode("utf-8")
    return files


def format_readme() -> Path:
    """content/README.md as the package carries it (`generator/contentdoc/` when installed, the
    generator repository's own content/ in a checkout: pyproject.toml maps one to the other)."""
    installed = _PACKAGE / "contentdoc" / "README.md"
    return installed if installed.is_file() else _PACKAGE.parent / FORMAT_README


def executable(path: str, layout: tuple[Placed, ...] = LAYOUT) -> bool:
    return any(p.path == path and p.executable for p in layout)


def _readme(ward: Ward, year: int) -> str:
    words = {"place": ward_place(ward), "issuer": ward.issuer, "city": ward.city}
    return _render(
        "README.md.j2",
        kind=ward.kind,
        year=year,
        **{key: markdown_text(value) for key, value in words.items()},
    )


def _render(source: str, **values: object) -> str:
    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    return env.from_string((FILES / source).read_text(encoding="utf-8")).render(**values)


_MARKDOWN = re.compile(r"([\\`*_\[\](){}#+!|<>])")


def markdown_text(text: str) -> str:
    """Text from the content as Markdown shows it literally: a ward named '[x](https://…)'
    is its name in the README, never a link."""
    return _MARKDOWN.sub(r"\\\1", text)


def codeowners(owners: tuple[str, ...]) -> str:
    """Every file is the Office's to review. `*` is GitHub's and GitLab's pattern, `.*` Gitea's
    and Forgejo's (a regular expression; to GitHub it names the hidden files, the same owners)."""
    head = (
        "# Ai phải duyệt mỗi thay đổi: Văn phòng HĐND và UBND (bật “Require review from Code\n"
        "# Owners” cho nhánh main). Who must review each change: the Office.\n"
    )
    if not owners:
        return head + (
            "# Chưa ghi tài khoản của Văn phòng: thêm hai dòng như `* @van-phong` và\n"
            "# `.* @van-phong` (tài khoản hoặc nhóm trên máy chủ git), rồi commit.\n"
        )
    names = " ".join(owners)
    return head + f"* {names}\n.* {names}\n"


def province_codeowners(office: str, wards: tuple[tuple[str, str], ...]) -> str:
    """The province office reviews every file; each ward's office its own folder (`wards`:
    (id, handles) pairs, from `province.yaml`). The last matching line wins on GitHub and
    GitLab; Gitea and Forgejo read the `.*` lines (regular expressions) and ask every owner
    whose line matches."""
    head = (
        "# Ai phải duyệt mỗi thay đổi: văn phòng của tỉnh mọi tệp, văn phòng của mỗi phường thư\n"
        "# mục của mình. Tệp này do công cụ ghi lại từ province.yaml (office của tỉnh, office\n"
        "# của từng phường): sửa province.yaml, đừng sửa ở đây. Who reviews each change.\n"
    )
    lines = (
        [f"* {office}", f".* {office}"]
        if office
        else ['# Chưa ghi office của tỉnh trong province.yaml (ví dụ office: "@cntt-tinh").']
    )
    for ward_id, handles in wards:
        if handles:
            owners = f"{handles} {office}".strip()
            lines += [f"/wards/{ward_id}/ {owners}", f"wards/{ward_id}/.* {owners}"]
    return head + "".join(line + "\n" for line in lines)
