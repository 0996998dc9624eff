"""`python -m generator check-scope`: a change to a province's repository stays in its scope.

The rule. A change is attributed by its branch: one a ward's web editor made (Decap names its
branches `cms/<collection>/<slug>`) is that ward's editor's, and may change only the files of
one ward's folder, `wards/<id>/` (the ward most of its files are in); every other file it
changes is refused, one line each. Any other change is a person's, reviewed as `CODEOWNERS`
says: one ward's folder by that ward's office (or the province office), anything more (two
wards, or a file outside `wards/`) by the province office; the check says which.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

from generator.province.provincefile import WARDS_DIR, is_ward_id

EDITOR_BRANCH = "cms/"
"""How the branches of a web editor's proposals begin (Decap's `cms/<collection>/<slug>`)."""
_REVISION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/@^~-]{0,199}\Z")


class ScopeError(Exception):
    """A revision that is none, or git that cannot compare them: one line."""


def changed(root: Path, base: str, head: str) -> list[str]:
    """The files the change from `base` (its merge base with `head`) to `head` touches."""
    for rev in (base, head):
        if not _REVISION.match(rev) or ".." in rev:
            raise ScopeError(f"'{rev[:60]}': không phải một phiên bản git (mã commit, nhánh)")
    done = subprocess.run(
        ["git", "-c", "core.quotepath=off", "diff", "--name-only", "-z", "--no-renames",
         f"{base}...{head}", "--"],
        cwd=root,
        capture_output=True,
    )  # fmt: skip
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ScopeError(f"git không so được {base} với {head}: {said[-1] if said else ''}")
    return sorted(p for p in done.stdout.decode("utf-8", "replace").split("\0") if p)


def ward_of(path: str) -> str | None:
    """The ward whose folder holds `path` (`wards/<id>/…`), or None."""
    parts = path.split("/")
    if len(parts) > 2 and parts[0] == WARDS_DIR and is_ward_id(parts[1]):
        return parts[1]
    return None


def out_of_scope(paths: list[str], branch: str) -> tuple[str, list[str]]:
    """What the change is (one line), and one line per file it may not change."""
    wards = Counter(w for w in map(ward_of, paths) if w is not None)
    if branch.startswith(EDITOR_BRANCH):
        ward = min(wards, key=lambda w: (-wards[w], w)) if wards else None
        where = f"{WARDS_DIR}/{ward}/" if ward else f"{WARDS_DIR}/<mã>/"
        refused = [
            f"{path}: đề xuất từ trang quản trị của một phường (nhánh {branch[:80]}) chỉ được "
            f"sửa thư mục {where} của phường đó; tệp này phải do văn phòng tỉnh sửa, trong một "
            "đề xuất riêng"
            for path in paths
            if ward_of(path) != ward or ward is None
        ]
        return f"Đề xuất của trang quản trị phường {ward or '?'}: {len(paths)} tệp.", refused
    if len(wards) == 1 and sum(wards.values()) == len(paths):
        (ward,) = wards
        return f"Thay đổi trong thư mục của phường {ward}: văn phòng của phường duyệt.", []
    outside = sum(ward_of(p) is None for p in paths)
    return (
        f"Thay đổi của tỉnh ({len(wards)} phường, {outside} tệp ngoài {WARDS_DIR}/): văn phòng "
        "tỉnh duyệt (CODEOWNERS).",
        [],
    )
