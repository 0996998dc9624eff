"""Importer, Word lists: the label ('1.', 'a)', '-') Word draws before a list paragraph.

Word keeps no '1.' or '-' in the text of an automatically numbered or bulleted paragraph: it
draws them from the numbering definitions (word/numbering.xml), given by the paragraph or by
its style. The shared readers need them ('1. Tập trung ...', '- Căn cứ ...'), so the labels are
counted here in document order, as Word counts them: one count per list (`w:num`) and level, a
level restarting below the level before it. Decimal, letters and Roman numerals are drawn as
Word draws them; every bullet is read as '-'.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsmap, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

from generator.importer.docx_file import MAX_LABEL, NotWordError, too_large

_LEVELS = 9
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def xpath(element: etree._Element, path: str) -> list:
    """`path` (with the `w:` prefix) evaluated on any element of the document."""
    return _compiled(path)(element)


@cache
def _compiled(path: str) -> etree.XPath:
    return etree.XPath(path, namespaces={"w": nsmap["w"]})


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    """Word's numFmt: decimal, lowerLetter, upperRoman, bullet, none..."""
    text: str
    """Word's lvlText: '%1.', '%1.%2', a bullet character."""


def list_labels(document: Document) -> dict[BaseOxmlElement, str]:
    """The label of every list paragraph of the document, by its `w:p` element."""
    levels = _levels(_part(document, RT.NUMBERING))
    styles = _style_numbering(_part(document, RT.STYLES))
    counts: dict[str, list[int | None]] = {}
    labels: dict[BaseOxmlElement, str] = {}
    for p in document.element.body.iter(qn("w:p")):
        num_id, level = _numbering_of(p, styles)
        definition = levels.get(num_id, {}).get(level)
        if definition is None:
            continue
        count = counts.setdefault(num_id, [None] * _LEVELS)
        previous = count[level]
        count[level] = definition.start if previous is None else previous + 1
        count[level + 1 :] = [None] * (_LEVELS - level - 1)
        labels[p] = _draw(level, count, levels[num_id])
    return labels


def _part(document: Document, relationship: str) -> BaseOxmlElement | None:
    """The XML of a related part (numbering, styles); None when absent or not XML."""
    try:
        part = document.part.part_related_by(relationship)
    except KeyError:
        return None
    except ValueError:  # python-docx: an external target, or two parts of one kind
        raise NotWordError(
            "văn bản trỏ phần danh sách đánh số hoặc kiểu chữ ra ngoài tệp, hoặc có hai phần "
            "như vậy; tệp có thể bị hỏng hoặc bị sửa: mở bằng Word, lưu lại dưới dạng .docx rồi "
            "nhập lại"
        ) from None
    return getattr(part, "element", None)


def _label_text(lvl: BaseOxmlElement) -> str:
    text = _val(lvl, "w:lvlText") or ""
    if len(text) > MAX_LABEL:
        raise too_large(f"nhãn danh sách dài {len(text)} ký tự")
    return text


def _val(element: BaseOxmlElement, path: str) -> str | None:
    found = xpath(element, f"{path}/@w:val")
    return str(found[0]) if found else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _levels(numbering: BaseOxmlElement | None) -> dict[str, dict[int, _Level]]:
    """Each list's (`w:num`) level definitions, with its start overrides."""
    if numbering is None:
        return {}
    abstract = {
        element.get(qn("w:abstractNumId")): {
            _int(lvl.get(qn("w:ilvl")), 0): _Level(
                max(0, _int(_val(lvl, "w:start"), 1)),
                _val(lvl, "w:numFmt") or "decimal",
                _label_text(lvl),
            )
            for lvl in xpath(element, "w:lvl")
        }
        for element in xpath(numbering, "w:abstractNum")
    }
    lists: dict[str, dict[int, _Level]] = {}
    for num in xpath(numbering, "w:num"):
        levels = dict(abstract.get(_val(num, "w:abstractNumId"), {}))
        for override in xpath(num, "w:lvlOverride"):
            level = _int(override.get(qn("w:ilvl")), 0)
            start = _val(override, "w:startOverride")
            if start is not None and level in levels:
                levels[level] = replace(levels[level], start=max(0, _int(start, 1)))
        lists[num.get(qn("w:numId"))] = levels
    return lists


def _style_numbering(styles: BaseOxmlElement | None) -> dict[str, tuple[str | None, str | None]]:
    """Each paragraph style's numbering (numId, ilvl), followed through `w:basedOn`."""
    if styles is None:
        return {}
    own = {
        style.get(qn("w:styleId")): (
            _val(style, "w:pPr/w:numPr/w:numId"),
            _val(style, "w:pPr/w:numPr/w:ilvl"),
            _val(style, "w:basedOn"),
        )
        for style in xpath(styles, "w:style")
    }
    found: dict[str, tuple[str | None, str | None]] = {}
    for style_id in own:
        num_id = level = None
        seen: set[str | None] = set()
        current: str | None = style_id
        while current in own and current not in seen and num_id is None:
            seen.add(current)
            num_id, level, current = own[current]
        found[style_id] = (num_id, level)
    return found


def _numbering_of(
    p: BaseOxmlElement, styles: dict[str, tuple[str | None, str | None]]
) -> tuple[str, int]:
    """The paragraph's list and level ('0' is Word's 'no list')."""
    style_num, style_level = styles.get(_val(p, "w:pPr/w:pStyle") or "", (None, None))
    num_id = _val(p, "w:pPr/w:numPr/w:numId") or style_num or "0"
    level = _int(_val(p, "w:pPr/w:numPr/w:ilvl") or style_level, 0)
    return num_id, min(max(level, 0), _LEVELS - 1)


def _draw(level: int, count: list[int | None], levels: dict[int, _Level]) -> str:
    """'%1.%2' with the counts of levels 1 and 2; a level not counted yet shows its start."""
    if levels[level].fmt == "bullet":
        return "-"
    label = levels[level].text
    for k in range(level, -1, -1):
        known = levels.get(k, _Level(1, "decimal", ""))
        n = count[k]
        label = label.replace(f"%{k + 1}", _format(known.start if n is None else n, known.fmt))
    return label.strip()


def _format(n: int, fmt: str) -> str:
    if fmt == "none":
        return ""
    if fmt in ("lowerLetter", "upperLetter") and 0 < n <= 26 * 3:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        roman = "".join(_roman(n))
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> Iterable[str]:
    for value, letters in _ROMAN:
        while n >= value:
            yield letters
            n -= value
