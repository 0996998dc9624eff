"""`python -m generator new`: a ward's own repository, made from a programme document.

The recipe: import the document (the importer's own reading and checks) into a scratch folder;
only when that has no error, write the repository's other files from the installed package
(`layout`: a short configuration, the pinned generator, CI and workflows, CODEOWNERS, a README),
and make a git repository with one first commit. Nothing is copied from any working tree: the
repository holds the ward's data, not the generator.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.common.errors import Problem, Problems, Severity, unwritable
from generator.common.wording import ward_place
from generator.domain.model import Ward
from generator.importer.ocr_review import FOLDER
from generator.importer.run import run_import
from generator.load.content import check_content
from generator.province.provincefile import PROVINCE_FILE, WARDS_DIR, is_ward_id
from generator.siterepo.git import commit, git
from generator.siterepo.layout import (
    CODEOWNERS,
    PROVINCE_LAYOUT,
    executable,
    province_files,
    site_files,
)
from generator.siterepo.pin import distribution_hash, installed_version, pin_line
from generator.siterepo.provincerepo import add_ward, province_yaml, write_codeowners

CONTENT = "content"
_FIRST_COMMIT = "Trang chương trình công tác của {place}: dữ liệu ban đầu từ {document}"
UNPINNED = (
    "không tìm được tệp của {distribution}=={version} để ghi mã băm vào requirements.txt "
    "(máy không có mạng?): dòng khóa phiên bản được ghi không kèm mã băm; khi có mạng, chạy "
    "lại lệnh new, hoặc thêm --hash=sha256:<mã> vào dòng đó"
)


def new_site(
    document: Path,
    out: Path,
    *,
    city: str | None = None,
    ward_name: str | None = None,
    year: int | None = None,
    owners: tuple[str, ...] = (),
    pin: str | None = None,
) -> list[Problem]:
    """Make the repository `out` for the ward `document` names; every problem found.

    `out` must not exist or be an empty folder, and lie in no repository or content folder.
    `pin` is the generator's line of `requirements.txt` (by default: this version, its hash
    from pip's index). Nothing is written when there is an error, but for a scanned document
    its OCR review, always written beside `out` ('<out>.kiem-tra-ocr/').
    """
    problems = Problems()
    label = document.name
    if refusal := _refused(out):
        problems.error(label, 0, "out", refusal)
        return problems.sorted()
    scratch = _scratch(out, problems, label)
    if scratch is None:
        return problems.sorted()
    try:
        review = out.parent / f"{out.name}.{FOLDER}"  # a scan's review, kept if `new` fails
        overrides = {"year": year, "ward_name": ward_name, "city": city, "review_folder": review}
        _make(document, scratch, problems, owners, pin, **overrides)
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


def _refused(out: Path) -> str | None:
    """Why `out` cannot be the new repository (a ward's or a province's): a folder holding
    anything, or a place inside a repository (its files would be another's) or inside a ward's
    content."""
    if _taken(out):
        return (
            f"{out} đã có và không phải thư mục trống; chọn một thư mục mới (lệnh không "
            "bao giờ ghi vào thư mục đã có dữ liệu)"
        )
    where = out.absolute()
    for folder in (where, *where.parents):
        if (folder / ".git").exists():
            return (
                f"{out} nằm trong kho git {folder}; kho của phường, xã phải là một thư mục "
                "riêng, ngoài mọi kho khác (ví dụ ../ctct-ten-phuong)"
            )
        if folder.name == CONTENT or (folder / "ward.yaml").exists():
            return f"{out} nằm trong thư mục dữ liệu {folder}; chọn một thư mục riêng"
    return None


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


def _make(
    document: Path,
    into: Path,
    problems: Problems,
    owners: tuple[str, ...],
    pin: str | None,
    **overrides,
) -> None:
    """Import, check, write and commit into `into`; stops at the first error."""
    problems.items.extend(run_import(document, into / CONTENT, **overrides))
    if problems.has_errors:
        return
    ward, year, found = _checked_ward(into / CONTENT)
    problems.items.extend(p for p in found if p.severity is Severity.ERROR)
    if ward is None:
        return
    if pin is None:
        pin = _pin(problems, document.name)
    for path, data in site_files(ward, year, pin, owners).items():
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if executable(path):
            target.chmod(target.stat().st_mode | 0o111)
    _commit(into, _FIRST_COMMIT.format(place=ward_place(ward), document=document.name))


def _pin(problems: Problems, label: str) -> str:
    version = installed_version()
    digest = distribution_hash(version)
    if digest is None:
        problems.warn(
            label, 0, "requirements.txt", UNPINNED.format(distribution="ctct-site", version=version)
        )
    return pin_line(version, digest)


def _checked_ward(content: Path) -> tuple[Ward | None, int, list[Problem]]:
    """The new content read back as `check` reads it: the ward and its programme's year, or
    the errors."""
    model, problems = check_content(content, history=False)
    if model is None:
        return None, 0, problems
    return model.ward, max(p.year for p in model.programmes), problems


def _commit(out: Path, message: str) -> None:
    """`git init` and one first commit."""
    git(out, "init", "-q", "-b", "main")
    git(out, "add", "-A")
    commit(out, message)


def new_ward_in_province(
    document: Path,
    province: Path,
    ward_id: str | None = None,
    *,
    city: str | None = None,
    ward_name: str | None = None,
    year: int | None = None,
    office: str = "",
) -> tuple[str, list[Problem]]:
    """Add the ward `document` names to a province: `province/wards/<id>/content/`, no
    repository of its own and no generator; listed in province.yaml with its `office` (when
    the file lists its wards, or an office is given), CODEOWNERS written again; committed
    (those files only) when the province folder is a git repository's top. Returns the
    ward's id and every problem found."""
    problems = Problems()
    label = document.name
    if not (province / PROVINCE_FILE).is_file() or (province / PROVINCE_FILE).is_symlink():
        problems.error(label, 0, "--province", f"{province}: không có {PROVINCE_FILE}")
        return "", problems.sorted()
    if ward_id is not None and not is_ward_id(ward_id):
        problems.error(
            label, 0, "--id", f"'{ward_id}': mã phường gồm chữ thường không dấu, số, '-'"
        )
        return "", problems.sorted()
    wards = province / WARDS_DIR
    if wards.is_symlink():
        problems.error(label, 0, "--province", f"{wards}: là liên kết (symlink); không ghi vào đó")
        return "", problems.sorted()
    try:
        wards.mkdir(exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".moi-", dir=wards))  # hidden: no ward yet
        scratch.chmod(0o755)
    except OSError as exc:
        problems.error(label, 0, "--province", unwritable(wards, exc))
        return "", problems.sorted()
    found = ""
    try:
        found = _ward_into(document, scratch / CONTENT, ward_id, problems, city, ward_name, year)
        target = wards / found
        if found and (target.exists() or target.is_symlink()):
            problems.error(label, 0, "--id", f"phường '{found}' đã có ({target}); chọn mã khác")
        elif found and not problems.has_errors:
            scratch.rename(target)
            _list_ward(province, found, office, document.name, problems)
    except OSError as exc:
        problems.error(label, 0, "--province", unwritable(wards, exc))
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()
        problems.error(label, 0, "git", f"không commit được vào {province}: {detail}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return found, problems.sorted()


def _list_ward(province: Path, ward_id: str, office: str, label: str, problems: Problems) -> None:
    """The ward, in place, listed in province.yaml and CODEOWNERS, and committed; taken away
    again when province.yaml does not read back."""
    listed, found = add_ward(province, ward_id, office)
    if listed is None:
        problems.items.extend(found)
        problems.error(label, 0, "--province", f"{PROVINCE_FILE} không đọc lại được; chưa thêm")
        shutil.rmtree(province / WARDS_DIR / ward_id)
        return
    paths = [f"{WARDS_DIR}/{ward_id}", PROVINCE_FILE]
    if write_codeowners(listed):
        paths.append(CODEOWNERS)
    elif office:
        problems.warn(label, 0, CODEOWNERS, "tệp do tỉnh tự viết, giữ nguyên: thêm văn phòng "
                      f"{office} cho {WARDS_DIR}/{ward_id}/ vào đó")  # fmt: skip
    if (province / ".git").exists():
        git(province, "add", "--", *paths)
        commit(province, f"Thêm phường {ward_id} từ {label}", *paths)


def new_province(out: Path, name: str, office: str = "", pin: str | None = None) -> list[Problem]:
    """Make the province repository `out`: province.yaml with no ward yet, the pinned
    generator, `.ci/run`, workflows, CODEOWNERS, a README; one first commit. `out` is refused
    as `new` refuses its folder; nothing is written when there is an error."""
    problems = Problems()
    if refusal := _refused(out):
        problems.error(str(out), 0, "out", refusal)
        return problems.sorted()
    scratch = _scratch(out, problems, str(out))
    if scratch is None:
        return problems.sorted()
    try:
        files = province_files(name, office, pin or _pin(problems, "new-province"))
        files[PROVINCE_FILE] = province_yaml(name, office).encode("utf-8")
        for path, data in files.items():
            target = scratch / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            if executable(path, PROVINCE_LAYOUT):
                target.chmod(target.stat().st_mode | 0o111)
        (scratch / WARDS_DIR).mkdir()
        (scratch / WARDS_DIR / ".gitkeep").write_bytes(b"")
        _commit(scratch, f"Kho các phường, xã của {name}")
        if out.exists():
            out.rmdir()  # empty, checked above
        scratch.rename(out)
    except OSError as exc:
        problems.error(str(out), 0, "out", unwritable(out, exc))
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()
        problems.error(str(out), 0, "git", f"không tạo được kho git trong {out}: {detail}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return problems.sorted()


def _ward_into(
    document: Path, content: Path, ward_id: str | None, problems: Problems, city, ward_name, year
) -> str:
    """Import the document into `content`; its id (`--id` written into ward.yaml), or ''."""
    problems.items.extend(run_import(document, content, year=year, ward_name=ward_name, city=city))
    if problems.has_errors:
        return ""
    if ward_id is not None:
        ward_file = content / "ward.yaml"
        lines = ward_file.read_text(encoding="utf-8").splitlines(keepends=True)
        lines = [f"id: {ward_id}\n" if line.startswith("id:") else line for line in lines]
        ward_file.write_text("".join(lines), encoding="utf-8")
    ward, _, found = _checked_ward(content)
    problems.items.extend(p for p in found if p.severity is Severity.ERROR)
    return ward.id if ward is not None else ""
