"""`python -m generator new`: a ready site repository for the ward a programme document names.

The recipe: import the document (the importer's own reading and checks) into a scratch folder;
only when that has no error, copy every file git tracks of this repository except `content/`
(the generator, theme, tests, CI, workflows), put the new ward's `content/` in place (its
`ward.yaml`, `units.yaml`, programme and official document, and the format's README), and make
a git repository with one first commit. Nothing else names a ward: the site's name, description
and every page come from `content/`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.errors import Problem, Problems, Severity, unwritable
from generator.importer.run import run_import
from generator.load.content import check_content
from generator.model import Ward
from generator.wording import ward_place

ROOT = Path(__file__).resolve().parents[1]
"""This repository: what a new site is copied from."""
CONTENT = "content"
FORMAT_README = "content/README.md"
"""The content format's documentation: the one file of content/ that is no ward's data."""
_GIT = ("git", "-c", "core.quotepath=off", "-c", "commit.gpgsign=false")
_FIRST_COMMIT = "Trang chương trình công tác của {place}: dữ liệu ban đầu từ {document}"


def new_site(
    document: Path,
    out: Path,
    *,
    city: str | None = None,
    ward_name: str | None = None,
    year: int | None = None,
) -> list[Problem]:
    """Make the site repository `out` for the ward `document` names; every problem found.

    `out` must not exist or be an empty folder. Nothing is written when there is an error.
    """
    problems = Problems()
    label = document.name
    if _taken(out):
        problems.error(
            label,
            0,
            "out",
            f"{out} đã có và không phải thư mục trống; chọn một thư mục mới (lệnh không "
            "bao giờ ghi vào thư mục đã có dữ liệu)",
        )
        return problems.sorted()
    tracked = _tracked_files(ROOT, problems, label)
    scratch = _scratch(out, problems, label) if tracked is not None else None
    if scratch is None:
        return problems.sorted()
    try:
        _make(document, scratch, tracked, problems, year=year, ward_name=ward_name, city=city)
        if not problems.has_errors:
            if out.exists():
                out.rmdir()  # empty, checked above
            scratch.rename(out)
    except OSError as exc:
        problems.error(label, 0, "out", unwritable(out, exc))
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()
        problems.error(label, 0, "git", f"không tạo được kho git trong {out}: {detail}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return problems.sorted()


def _taken(out: Path) -> bool:
    return out.exists() and (out.is_symlink() or not out.is_dir() or any(out.iterdir()))


def _scratch(out: Path, problems: Problems, label: str) -> Path | None:
    """A folder beside `out`, renamed to it once everything is in place; made with the
    permissions of any new folder (mkdtemp's are private)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
        mask = os.umask(0)
        os.umask(mask)
        scratch.chmod(0o777 & ~mask)
    except OSError as exc:
        problems.error(label, 0, "out", unwritable(out.parent, exc))
        return None
    return scratch


def _make(document: Path, into: Path, tracked: list[str], problems: Problems, **overrides) -> None:
    """Import, check, copy and commit into `into`; stops at the first error."""
    problems.items.extend(run_import(document, into / CONTENT, **overrides))
    if problems.has_errors:
        return
    ward, found = _checked_ward(into / CONTENT)
    problems.items.extend(p for p in found if p.severity is Severity.ERROR)
    if ward is None:
        return
    _copy(ROOT, into, tracked)
    _commit(into, _FIRST_COMMIT.format(place=ward_place(ward), document=document.name))


def _tracked_files(root: Path, problems: Problems, label: str) -> list[str] | None:
    """What git tracks here, outside content/ (but for the format's README)."""
    try:
        done = subprocess.run([*_GIT, "ls-files", "-z"], cwd=root, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        problems.error(
            label,
            0,
            "git",
            f"{root} không phải một bản sao git của công cụ: lệnh chỉ chép những tệp git "
            "quản lý. Hãy chạy lệnh từ một bản sao (git clone) của kho mã",
        )
        return None
    names = done.stdout.decode("utf-8").split("\0")
    return [n for n in names if n and (n == FORMAT_README or not _in_content(n))]


def _in_content(name: str) -> bool:
    return name == CONTENT or name.startswith(CONTENT + "/")


def _copy(root: Path, out: Path, names: list[str]) -> None:
    """Copy each file, keeping its mode (.ci/run is executable); never a symlink's target."""
    for name in names:
        source, target = root / name, out / name
        if source.is_symlink() or not source.is_file():
            continue  # a file deleted but not yet committed, or a link: not copied
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def _checked_ward(content: Path) -> tuple[Ward | None, list[Problem]]:
    """The new content read back as `check` reads it: the ward, or the errors."""
    model, problems = check_content(content, history=False)
    return (model.ward if model is not None else None), problems


def _commit(out: Path, message: str) -> None:
    """`git init` and one first commit; a machine without a git identity gets a neutral one."""

    def git(*args: str) -> str:
        done = subprocess.run([*_GIT, *args], cwd=out, capture_output=True, check=True)
        return done.stdout.decode("utf-8", "replace").strip()

    git("init", "-q", "-b", "main")
    git("add", "-A")
    who = ()
    if not _configured(out, "user.name") or not _configured(out, "user.email"):
        who = ("-c", "user.name=generator new", "-c", "user.email=generator-new@localhost")
    git(*who, "commit", "-q", "-m", message)


def _configured(out: Path, key: str) -> bool:
    done = subprocess.run([*_GIT, "config", key], cwd=out, capture_output=True)
    return done.returncode == 0 and bool(done.stdout.strip())
