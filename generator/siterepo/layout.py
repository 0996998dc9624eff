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

from generator.model import Ward
from generator.wording import ward_place

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
    files = {}
    for placed in LAYOUT:
        text = (FILES / placed.source).read_text(encoding="utf-8")
        files[placed.path] = text.replace(RUNS_ON, placed.runs_on).encode("utf-8")
    files[README] = _readme(ward, year).encode("utf-8")
    files[REQUIREMENTS] = pin.encode("utf-8")
    files[CODEOWNERS] = codeowners(owners).encode("utf-8")
    files[FORMAT_README] = format_readme().read_bytes()
    return files


def format_readme() -> Path:
    """content/README.md as the package carries it (`generator/contentdoc/` when installed, the
    generator repository's own content/ in a checkout: pyproject.toml maps one to the other)."""
    installed = _PACKAGE / "contentdoc" / "README.md"
    return installed if installed.is_file() else _PACKAGE.parent / FORMAT_README


def executable(path: str) -> bool:
    return any(p.path == path and p.executable for p in LAYOUT)


def _readme(ward: Ward, year: int) -> str:
    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    template = env.from_string((FILES / "README.md.j2").read_text(encoding="utf-8"))
    return template.render(
        place=ward_place(ward), issuer=ward.issuer, city=ward.city, kind=ward.kind, year=year
    )


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
