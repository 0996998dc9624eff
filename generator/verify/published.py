"""What the site folder holds, and what it must never publish.

Walked once, without following a link: the files and folders the other checks read, and the
problems of the tree itself (a copy of the content, `.git`, hidden files, leftovers of a build or
an editor, links pointing out of the site, anything that is not a plain file or folder).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from generator.editor.files import ADMIN, CONFIG
from generator.engine.sitedir import MARK
from generator.verify import Finding

ALLOWED_HIDDEN = frozenset({MARK})
"""The only hidden names a site may hold: the mark of a folder a build made."""
EDITOR_CONFIG = f"{ADMIN}/{CONFIG}"
"""The web editor's settings: the one YAML file published (in a province, in each ward's site)."""
DATA_SUFFIXES = (".yaml", ".yml")
LEFTOVER_SUFFIXES = (".lock", ".tmp", ".swp", ".bak", ".orig", "~")
"""Lock files, temporary copies and editors' backups: what a build or a person left behind."""


@dataclass
class Tree:
    """The site folder as walked."""

    files: list[str] = field(default_factory=list)
    """Every plain file (not a link), relative to the site, sorted."""
    folders: set[str] = field(default_factory=set)
    """Every real folder (not a link), relative to the site; the site itself is ''."""
    sizes: dict[str, int] = field(default_factory=dict)
    """Each file's size in bytes."""
    problems: list[Finding] = field(default_factory=list)
    """What must not be published, found on the way."""


def walk(site: Path) -> Tree:
    """Walk `site` without following links; hidden folders are named, not entered."""
    tree = Tree(folders={""})
    root = site.resolve()

    def unreadable(exc: OSError) -> None:
        rel = Path(exc.filename).relative_to(site).as_posix()
        tree.problems.append(Finding(rel, 0, f"không đọc được thư mục: {exc.strerror}"))

    for here, folders, files in os.walk(site, onerror=unreadable):
        base = Path(here).relative_to(site).as_posix()
        prefix = "" if base == "." else base + "/"
        for name in sorted(folders + files):
            path = Path(here) / name
            rel = prefix + name
            try:
                status = path.lstat()
            except OSError as exc:
                tree.problems.append(Finding(rel, 0, f"không đọc được: {exc.strerror}"))
                continue
            mode = status.st_mode
            if problem := _unwanted(rel, name, path, mode, root):
                tree.problems.append(Finding(rel, 0, problem))
            if stat.S_ISREG(mode):
                tree.files.append(rel)
                tree.sizes[rel] = status.st_size
            elif stat.S_ISDIR(mode):
                tree.folders.add(rel)
        folders[:] = sorted(n for n in folders if not n.startswith("."))
    tree.files.sort()
    return tree


def _unwanted(rel: str, name: str, path: Path, mode: int, root: Path) -> str | None:
    if stat.S_ISLNK(mode):
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(root):
            return f"liên kết (symlink) trỏ ra ngoài trang: {os.readlink(path)}"
        if not target.exists():
            return f"liên kết (symlink) hỏng: {os.readlink(path)}"
    if name == ".git":
        return "kho git (.git) không được đăng"
    if name.startswith(".") and name not in ALLOWED_HIDDEN:
        return f"tệp hoặc thư mục ẩn không được đăng (chỉ được có dấu {MARK} của lần dựng)"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
        return "không phải tệp thường hay thư mục"
    lowered = name.lower()
    if lowered.endswith(DATA_SUFFIXES) and not _is_editor_config(rel):
        return "tệp YAML không được đăng (dữ liệu trong content/ chỉ đăng qua trang và dữ liệu mở)"
    if lowered.endswith(LEFTOVER_SUFFIXES):
        return "tệp khóa, tệp tạm hoặc bản sao lưu không được đăng"
    return None


def _is_editor_config(rel: str) -> bool:
    return rel == EDITOR_CONFIG or rel.endswith("/" + EDITOR_CONFIG)


class ContentData:
    """The data files of a content folder, by size and digest: a published file with the same
    bytes is a copy of one (under any name)."""

    def __init__(self, content: Path) -> None:
        self.sources: dict[tuple[int, str], str] = {}
        for here, folders, names in os.walk(content):
            folders[:] = [n for n in folders if not n.startswith(".")]
            for name in names:
                path = Path(here) / name
                if not name.lower().endswith(DATA_SUFFIXES) or path.is_symlink():
                    continue
                if path.is_file() and (blob := _read(path)).strip():
                    rel = path.relative_to(content).as_posix()
                    self.sources.setdefault((len(blob), _digest(blob)), f"{content.name}/{rel}")
        self.sizes = {size for size, _ in self.sources}

    def copied(self, blob: bytes) -> str | None:
        """The data file `blob` is a copy of, if any."""
        if not blob or len(blob) not in self.sizes:
            return None
        return self.sources.get((len(blob), _digest(blob)))


SECRET = re.compile(
    rb"-----BEGIN [A-Z ]*PRIVATE KEY-----|^root:[^:\n]*:[0-9]*:[0-9]*:|^root:[$*!]",
    re.MULTILINE,
)
"""What no public site holds: a private key, a system's password or shadow file."""
SCANNED = 1 << 20
"""Files larger than this (the editor's bundle) are not scanned for secrets."""


def holds_secret(blob: bytes) -> bool:
    """A private key or a copy of a system's account files; `blob` of at most `SCANNED`."""
    return SECRET.search(blob) is not None


def _read(path: Path) -> bytes:
    """The file's bytes; b"" when it cannot be read (the other checks name a site file so)."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _digest(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()
