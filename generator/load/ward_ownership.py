"""What belongs to the ward of `ward.yaml`: its programmes, and its history in git.

One rule, shared by the importer and the checker: a programme belongs to the ward when its
issuer ('Ủy ban nhân dân phường An Biên') names no other ward. A repository adopted by another
ward (a fork, or a copy that kept the history) holds versions of content/ that are not this
ward's: those with another ward id, and those before its first programme of its own, are left
out of the history, so its calendars and /thay-doi/ start with its own first programme.
"""

from __future__ import annotations

import re
import unicodedata

from generator.common.dates import fold_accents
from generator.common.errors import Problems
from generator.domain.model import Content, Programme, Ward
from generator.load.versions import ContentVersion

_NAMED = re.compile(r"(?<!\w)(phường|xã|thị\s+trấn|đặc\s+khu)\s+([^,;()]+)", re.IGNORECASE)


def named_ward(text: str) -> tuple[str, str] | None:
    """The (kind, name) of the first ward or commune `text` names, as written; None if none."""
    for m in _NAMED.finditer(unicodedata.normalize("NFC", text)):
        name = m[2].strip().rstrip("./").strip()
        if name and name[0].isupper():
            return m[1].lower(), name
    return None


def same_name(a: str, b: str) -> bool:
    """Two spellings of one ward's name: case, accents and spacing aside."""
    return _plain(a) == _plain(b)


def other_ward(ward: Ward, issuer: str) -> str | None:
    """The ward `issuer` names when it is not `ward` ('phường An Biên'); None when it is, or
    when the issuer names no ward at all. The ward is named by its name, or as its own issuer
    names it (a ward renamed in ward.yaml keeps the programmes it issued)."""
    found = named_ward(issuer)
    if found is None or not ward.name:
        return None
    own = named_ward(ward.issuer)
    if same_name(found[1], ward.name) or (own is not None and same_name(found[1], own[1])):
        return None
    return f"{found[0]} {found[1]}"


def mismatch_message(document_ward: str, ward: Ward) -> str:
    """What the clerk reads when a programme names another ward than ward.yaml."""
    here = f"{ward.kind} {ward.name}"
    return (
        f"văn bản này là chương trình của {document_ward}, nhưng ward.yaml là của {here}. "
        f"Nếu nhầm văn bản, hãy nhập đúng chương trình của {here}; nếu muốn làm trang cho "
        f"{document_ward}, hãy tạo một kho mới: python -m generator new <văn bản> --out "
        "<thư mục mới> (README, “Phường, xã khác dùng công cụ này”)"
    )


def check_programmes_are_own(content: Content, problems: Problems) -> None:
    """Every programme is the ward's own: a page whose header says one ward and body another is
    an error, never a silent build."""
    for programme in content.programmes:
        if other := other_ward(content.ward, programme.issuer):
            where = programme.source
            problems.error(where.file, where.line, "issuer", mismatch_message(other, content.ward))


def own_history(versions: list[ContentVersion], ward: Ward) -> list[ContentVersion]:
    """The versions that are this ward's history: from its first own programme on, and only
    those with its ward id."""
    start = next((i for i, v in enumerate(versions) if _is_own(v, ward)), len(versions))
    return [v for v in versions[start:] if v.content.ward.id == ward.id]


def _is_own(version: ContentVersion, ward: Ward) -> bool:
    """The ward's id, and a programme of its own."""
    content = version.content
    return content.ward.id == ward.id and any(_belongs(p, ward) for p in content.programmes)


def _belongs(programme: Programme, ward: Ward) -> bool:
    return other_ward(ward, programme.issuer) is None


def _plain(name: str) -> str:
    return re.sub(r"[\s\-–]+", " ", fold_accents(unicodedata.normalize("NFC", name))).strip()
