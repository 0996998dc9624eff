"""`python -m generator migrate`: a ward's full copy of the generator (made by `new` before
0.2.0) becomes a thin repository, in one commit that keeps its content and its history.

What the copy took from the generator is removed (`COPIED_FOLDERS`, `COPIED_FILES`; git keeps
them in the history); the thin repository's files are written where the copy has none, and its
pin, `.ci/run` and the generator's own workflows replace the copied ones, which ran `make`. The
ward's own files stay as they are: its content, its other workflows, its CODEOWNERS, its
`.gitlab-ci.yml`, a README it rewrote, and every file git does not track. The colours of its
mkdocs.yml are kept in the new short one. A working tree with uncommitted changes is refused.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from generator.common.errors import Problem, Problems, Severity
from generator.load.content import check_content
from generator.siterepo.git import commit, git
from generator.siterepo.layout import CODEOWNERS, README, REQUIREMENTS, executable, site_files
from generator.siterepo.pin import distribution_hash, installed_version, pin_line

COPIED_FOLDERS = ("generator", "theme", "tests", "benchmarks", "editor")
"""The generator's code, theme, tests and tools, as a copy carried them."""
COPIED_FILES = ("Makefile", "pyproject.toml", ".github/workflows/province.yml")
"""The generator's files that a thin repository has no use for."""
REPLACED = (".ci/run", ".github/workflows/publish.yml", ".github/workflows/check.yml")
"""The copy's CI, which ran `make`: the thin repository's own take their place."""
GENERATOR_README = "# Chương trình công tác – trang công khai của một phường, xã"
"""The first line of the generator's README, which a copy carried as its own."""
_PACKAGE = Path(__file__).resolve().parents[1]
"""The generator running this command: never one inside the repository it migrates."""
MESSAGE = "Chuyển sang kho mỏng: công cụ {version} cài từ gói, kho chỉ giữ dữ liệu của phường"


def migrate(repo: Path, owners: tuple[str, ...] = (), pin: str | None = None) -> list[Problem]:
    """Turn the copy at `repo` into a thin repository with one commit; every problem found."""
    problems = Problems()
    try:
        _migrate(repo, owners, pin, problems)
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()
        problems.error(str(repo), 0, "git", f"git không làm được: {detail}")
    return problems.sorted()


def _migrate(repo: Path, owners: tuple[str, ...], pin: str | None, problems: Problems) -> None:
    label = str(repo)
    try:
        status = git(repo, "status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        status = None
    if status is None or not (repo / "content" / "ward.yaml").is_file():
        problems.error(label, 0, "repo", "không phải kho git của một phường, xã (thiếu content/)")
        return
    if status.strip():
        problems.error(
            label,
            0,
            "repo",
            "kho còn thay đổi chưa commit; commit hoặc bỏ chúng trước, để không mất gì",
        )
        return
    if _PACKAGE.is_relative_to(repo.resolve()):
        problems.error(
            label,
            0,
            "repo",
            f"lệnh đang chạy bằng mã công cụ nằm trong chính kho này ({_PACKAGE}): chạy từ thư "
            "mục khác, bằng công cụ đã cài (cd .. && python -m generator migrate --repo <kho>)",
        )
        return
    model, found = check_content(repo / "content", history=False)
    problems.items.extend(p for p in found if p.severity is Severity.ERROR)
    if model is None:
        return
    tracked = set(git(repo, "ls-files", "-z").split("\0")) - {""}
    copied = [n for n in tracked if n.split("/")[0] in COPIED_FOLDERS or n in COPIED_FILES]
    if not copied:
        problems.error(label, 0, "repo", "kho đã là kho mỏng (không có mã công cụ chép vào)")
        return
    removed = sorted({*copied, *(n for n in tracked if n in REPLACED)})
    # Everything written comes from the package, read before anything is removed.
    version = installed_version()
    if pin is None:
        pin = pin_line(version, distribution_hash(version))
    year = max(p.year for p in model.programmes)
    files = site_files(model.ward, year, pin, owners)
    files["mkdocs.yml"] = _short_config(repo / "mkdocs.yml", files["mkdocs.yml"])
    git(repo, "rm", "-q", "--", *removed)
    written = []
    for path, data in files.items():
        target = repo / path
        keep = target.exists() and path not in (*REPLACED, REQUIREMENTS, "mkdocs.yml", README)
        if keep or _own_readme(target, path) or _ward_codeowners(repo, path):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if executable(path):
            target.chmod(target.stat().st_mode | 0o111)
        written.append(path)
    git(repo, "add", "--", *written)
    commit(repo, MESSAGE.format(version=version))


def _own_readme(target: Path, path: str) -> bool:
    """A README the ward wrote itself is kept; the generator's, which a copy carried, is not."""
    if path != README or not target.is_file():
        return False
    first = target.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0]
    return first.strip() != GENERATOR_README


def _ward_codeowners(repo: Path, path: str) -> bool:
    """A ward that names its reviewers already (in any place its host reads) keeps them."""
    places = (CODEOWNERS, ".github/CODEOWNERS", ".gitlab/CODEOWNERS", "docs/CODEOWNERS")
    return path == CODEOWNERS and any((repo / p).exists() for p in places)


def _short_config(old: Path, short: bytes) -> bytes:
    """The short mkdocs.yml, with the palette the copy's configuration declared."""
    try:
        palette = (yaml.load(old.read_text(encoding="utf-8"), Loader=_Lenient) or {})["theme"][
            "palette"
        ]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return short
    if not isinstance(palette, dict):
        return short
    text = short.decode("utf-8")
    for key in ("primary", "accent"):
        value = palette.get(key)
        if isinstance(value, str) and value.replace(" ", "").isalpha():
            text = text.replace(f"    {key}: red\n", f"    {key}: {value}\n")
    return text.encode("utf-8")


class _Lenient(yaml.SafeLoader):
    """Reads an mkdocs.yml with its `!ENV` tags (as plain values)."""


_Lenient.add_multi_constructor("!", lambda loader, suffix, node: None)
