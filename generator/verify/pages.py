"""An HTML page read once: its language, title, canonical address, links and structure.

The structure check is deliberately narrow, so that it never cries wolf: HTML lets many end tags
be left out (`</p>`, `</li>`, `</td>`…) and some start tags close an open element, and both are
allowed for. What is flagged is what no browser reads as written: an element closed by the end
tag of another, an end tag with nothing to close, an element never closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

URL_ATTRIBUTES = ("href", "src", "srcset", "poster", "data", "action", "formaction", "cite")


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


VOID = _tags("area base br col embed hr img input link meta param source track wbr keygen")
OPTIONAL_END = _tags(
    "html head body p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption "
    "rb rt rtc rp"
)
"""Elements whose end tag may be left out: never reported as unclosed."""
_CLOSES_P = _tags(
    "address article aside blockquote details dialog div dl fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre search section table ul"
)
_CLOSED_BY = {
    **{tag: frozenset({"p"}) for tag in _CLOSES_P},
    "li": frozenset({"li", "p"}),
    "dt": frozenset({"dt", "dd", "p"}),
    "dd": frozenset({"dt", "dd", "p"}),
    "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "thead": frozenset({"tbody", "tr", "td", "th", "caption", "colgroup"}),
    "tbody": frozenset({"thead", "tbody", "tr", "td", "th", "caption", "colgroup"}),
    "tfoot": frozenset({"thead", "tbody", "tr", "td", "th", "caption", "colgroup"}),
    "option": frozenset({"option"}),
    "optgroup": frozenset({"option", "optgroup"}),
    "body": frozenset({"head"}),
    "rt": frozenset({"rb", "rt", "rtc", "rp"}),
    "rp": frozenset({"rb", "rt", "rtc", "rp"}),
}
"""Start tags that close the open element (when it is the innermost one) by themselves."""


@dataclass(frozen=True)
class Url:
    line: int
    tag: str
    value: str
    """As written in the attribute (one candidate of a srcset)."""


@dataclass
class Page:
    """What the checks need of one HTML page."""

    lang: str | None = None
    """The `lang` of its first `<html>`; None without one."""
    title: str | None = None
    """The text of its first `<title>`; None without one."""
    canonical: str | None = None
    """Its `<link rel="canonical">` address."""
    base: str | None = None
    """Its `<base href>`, which every relative link is read against."""
    urls: list[Url] = field(default_factory=list)
    structure: list[tuple[int, str]] = field(default_factory=list)
    """(line, message) of each structure problem."""


def read_page(text: str) -> Page:
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser.page


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.open: list[tuple[str, int]] = []
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._note(tag, attrs)
        if tag in VOID:
            return
        while self.open and self.open[-1][0] in _CLOSED_BY.get(tag, ()):
            self.open.pop()
        self.open.append((tag, self.getpos()[0]))
        if tag == "title" and self.page.title is None:
            self._in_title = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._note(tag, attrs)  # `<x/>`: closed at once (void elements, SVG shapes)

    def handle_endtag(self, tag: str) -> None:
        line = self.getpos()[0]
        if tag == "title" and self._in_title:
            self._in_title = False
            self.page.title = "".join(self._title).strip()
        if tag in VOID:
            return
        names = [name for name, _ in self.open]
        if tag not in names:
            if tag not in OPTIONAL_END:
                self.page.structure.append((line, f"thẻ đóng </{tag}> không có thẻ mở tương ứng"))
            return
        while self.open:
            name, opened = self.open.pop()
            if name == tag:
                break
            if name not in OPTIONAL_END:
                self.page.structure.append(
                    (line, f"thẻ <{name}> mở ở dòng {opened} chưa đóng trước </{tag}>")
                )

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)

    def close(self) -> None:
        super().close()
        for name, opened in self.open:
            if name not in OPTIONAL_END:
                self.page.structure.append((opened, f"thẻ <{name}> không được đóng"))
        self.open.clear()

    def _note(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value for name, value in attrs if value is not None}
        if tag == "html" and self.page.lang is None:
            self.page.lang = values.get("lang", "").strip() or None
        elif tag == "base" and "href" in values and self.page.base is None:
            self.page.base = values["href"]
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.page.canonical = self.page.canonical or values.get("href")
        for name, value in values.items():
            if tag == "base" and name == "href":
                continue
            if name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.page.urls.append(Url(line, tag, candidate.split()[0]))
            elif name in URL_ATTRIBUTES:
                self.page.urls.append(Url(line, tag, value))
