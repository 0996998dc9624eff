"""The province file: which wards a province builds, and where each ward's content lies.

    name: Hải Phòng                # the province or city, shown on the portal
    office: "@cntt-hai-phong"      # optional: the province office's handle (CODEOWNERS)
    wards:                         # optional; without it, every wards/<id>/content/
      - id: an-bien
        content: wards/an-bien/content    # optional; a ward repository checked out here
        office: "@ubnd-an-bien"    # optional: who reviews the ward's folder (CODEOWNERS)

It is untrusted like all content: ids are safe slugs that cannot take the portal's own
folders, and every content folder is a relative path inside the province folder, reached
through no symlink.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.common.errors import Problem, Problems
from generator.contentformat.vocabulary import Record, field
from generator.editor.settings import BUNDLE_FOLDER
from generator.load.fields import FileReader, is_identifier
from generator.load.yamlsrc import load_yaml
from generator.siterepo.layout import OWNER

PROVINCE_FILE = "province.yaml"
WARDS_DIR = "wards"
MAX_WARDS = 5000
"""More than the country's communes and wards (about 3,300)."""
RESERVED = frozenset({"assets", "tim-kiem", "du-lieu", "thay-doi", BUNDLE_FOLDER})
"""The portal's own folders: no ward may be published there."""

OFFICE = "office"
"""The field naming an office's handles on the git host, in the province and in each ward."""

PROVINCE = Record(
    "province",
    "tỉnh",
    (
        field("name", "text", "tên tỉnh, thành phố (`Hải Phòng`)", "province or city"),
        field(
            OFFICE,
            "text",
            'tài khoản của văn phòng tỉnh, duyệt mọi thay đổi (`"@cntt-tinh"`)',
            "the province office's handle: reviews every change",
            False,
        ),
        field("wards", "records", "các phường, xã (dưới đây)", "the wards (below)", False),
    ),
)
PROVINCE_WARD = Record(
    "province_ward",
    "phường trong tỉnh",
    (
        field("id", "id", "mã phường, cũng là thư mục trang (`an-bien`)", "ward id"),
        field(
            "content",
            "text",
            "thư mục dữ liệu, tính từ thư mục tỉnh (`wards/<id>/content`)",
            "content folder, relative to the province folder",
            False,
        ),
        field(
            OFFICE,
            "text",
            'tài khoản của văn phòng phường, duyệt thư mục của phường (`"@ubnd-an-bien"`)',
            "the ward office's handle: reviews the ward's folder",
            False,
        ),
    ),
)


@dataclass(frozen=True)
class WardEntry:
    """One ward of the province."""

    id: str
    """Safe slug: the ward's folder in the site, `site/<id>/`."""
    content: Path
    """Its content folder, absolute, inside the province folder (perhaps missing)."""
    line: int = 0
    """The line of province.yaml naming it; 0 when found under wards/."""
    office: str = ""
    """Its office's handles, space-separated (`@ubnd-an-bien`), or ''."""


@dataclass(frozen=True)
class Province:
    name: str
    root: Path
    """The province folder, absolute."""
    wards: tuple[WardEntry, ...]
    office: str = ""
    """The province office's handles, space-separated, or ''."""
    listed: bool = False
    """Whether province.yaml lists its wards (`wards:`), rather than wards/ holding them."""


def read_province(root: Path) -> tuple[Province | None, list[Problem]]:
    """The province file, validated; None (with every problem) when it cannot be used."""
    problems = Problems()
    root = root.resolve()
    path = root / PROVINCE_FILE
    r = FileReader(PROVINCE_FILE, problems)
    if path.is_symlink() or not path.is_file():
        r.error(1, "tệp", f"không tìm thấy {PROVINCE_FILE} (một tệp thật) trong {root}")
        return None, problems.sorted()
    doc = load_yaml(path, PROVINCE_FILE, problems)
    rec = r.record(doc, 1, PROVINCE) if doc is not None else None
    if rec is None:
        return None, problems.sorted()
    name = r.plain_name(rec, "name")
    office = _office(rec, r)
    if "wards" in rec:
        wards = [_entry(item, line, root, r) for item, line in r.records(rec, "wards")]
    else:
        wards = [_discovered(d.name, root, r) for d in _ward_folders(root)]
    _check_list([w for w in wards if w is not None], r)
    if problems.has_errors:
        return None, problems.sorted()
    found = tuple(w for w in wards if w is not None)
    return Province(name, root, found, office, "wards" in rec), problems.sorted()


def _office(rec, r: FileReader) -> str:
    """The handles of `office`, checked: `@name` or `@group/name`, space-separated."""
    if OFFICE not in rec:
        return ""
    handles = r.text(rec, OFFICE).split()
    if bad := [h for h in handles if not OWNER.match(h)]:
        r.error(
            r.line_of(rec, OFFICE),
            OFFICE,
            f"'{bad[0][:60]}' không phải tài khoản hoặc nhóm trên máy chủ git; viết như "
            '"@van-phong" hoặc "@ubnd/van-phong" (trong dấu ngoặc kép)',
        )
        return ""
    return " ".join(handles)


def _ward_folders(root: Path) -> list[Path]:
    folder = root / WARDS_DIR
    if folder.is_symlink() or not folder.is_dir():
        return []
    return sorted(d for d in folder.iterdir() if d.is_dir() and not d.name.startswith("."))


def _discovered(name: str, root: Path, r: FileReader) -> WardEntry | None:
    where = f"{WARDS_DIR}/{name}"
    if not _good_id(name, 0, where, r):
        return None
    content = _inside(f"{where}/content", root, 0, r)
    return WardEntry(name, content) if content else None


def _entry(item: object, line: int, root: Path, r: FileReader) -> WardEntry | None:
    rec = r.record(item, line, PROVINCE_WARD)
    if rec is None:
        return None
    ward_id = r.identifier(rec)  # reports a malformed id itself
    if not is_identifier(ward_id) or not _good_id(ward_id, r.line_of(rec, "id"), "id", r):
        return None
    written = r.text(rec, "content") if "content" in rec else f"{WARDS_DIR}/{ward_id}/content"
    content = _inside(written, root, r.line_of(rec, "content"), r) if written else None
    office = _office(rec, r)
    return WardEntry(ward_id, content, line, office) if content else None


def is_ward_id(text: object) -> bool:
    """A ward id, safe as a folder of the site: the one rule for every id read, from the
    province file or from the state a run keeps in the site (`manifest.py`)."""
    return isinstance(text, str) and text not in RESERVED and is_identifier(text)


def _good_id(ward_id: str, line: int, where: str, r: FileReader) -> bool:
    if not ward_id:
        return False
    if not is_ward_id(ward_id):
        r.error(
            line,
            where,
            f"mã phường '{ward_id}' phải gồm chữ thường không dấu, số và dấu '-', và không "
            f"trùng thư mục của cổng tỉnh ({', '.join(sorted(RESERVED))})",
        )
        return False
    return True


def _inside(written: str, root: Path, line: int, r: FileReader) -> Path | None:
    """`written` as a folder inside the province folder, reached through no symlink; it may
    be missing."""
    posix = PurePosixPath(written)
    if "\\" in written or posix.is_absolute() or ".." in posix.parts or not posix.parts:
        r.error(line, "content", f"'{written}' phải là đường dẫn tương đối trong thư mục tỉnh, "
                "không có '..', '\\' hay '/' ở đầu (ví dụ wards/an-bien/content)")  # fmt: skip
        return None
    path = root
    for part in posix.parts:
        path = path / part
        if path.is_symlink():
            r.error(line, "content", f"'{written}': {part} là liên kết (symlink); không dùng")
            return None
    if path.exists() and not path.is_dir():
        r.error(line, "content", f"'{written}' là tệp, không phải thư mục dữ liệu")
        return None
    return path  # a missing folder fails its ward only (`build_all`)


def _check_list(wards: list[WardEntry], r: FileReader) -> None:
    if not wards:
        r.error(1, "wards", f"chưa có phường nào: thêm {WARDS_DIR}/<mã>/content/ hoặc 'wards:'")
    if len(wards) > MAX_WARDS:
        r.error(1, "wards", f"{len(wards)} phường; tối đa {MAX_WARDS}")
    seen: set[str] = set()
    for ward in wards:
        if ward.id in seen:
            r.error(1, "wards", f"mã phường '{ward.id}' xuất hiện hai lần")
        seen.add(ward.id)
    folders = [w.content for w in wards]
    if len(set(folders)) != len(folders):
        r.error(1, "wards", "hai phường dùng chung một thư mục dữ liệu")
