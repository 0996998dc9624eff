"""Every internal link and asset of the built real site resolves to a file in the site folder.

No browser: each HTML file is parsed with html.parser, every href/src/srcset is resolved against
the page's own URL (as published at SITE_URL), fragments and queries are dropped, directory URLs
map to index.html. Links to other hosts and mailto:, tel:, data: links are left alone; absolute
https:// and webcal:// links to the site's own address (feeds, canonical) are checked too.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

# The public address the `real_site` fixture is built with (SITE_URL).
SITE_URL = "https://example.org/ctct/"
URL_ATTRIBUTES = ("href", "src", "srcset", "poster", "data", "action", "formaction", "cite")
OTHER_SCHEMES = ("mailto", "tel", "data", "sms", "geo")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[int, str, str]] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None or name not in URL_ATTRIBUTES:
                continue
            if tag == "base" and name == "href":
                self.base = value
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.urls.append((self.getpos()[0], tag, candidate.split()[0]))
            else:
                self.urls.append((self.getpos()[0], tag, value))


def page_url(site: Path, page: Path) -> str:
    """Published URL of a built file: site/thang/2026-01/index.html → SITE_URL + thang/2026-01/."""
    rel = page.relative_to(site).as_posix()
    if rel == "index.html":
        rel = ""
    elif rel.endswith("/index.html"):
        rel = rel.removesuffix("index.html")
    return SITE_URL + rel


def target_file(site: Path, url: str) -> Path | None:
    """The file an absolute URL on the site's own address names; None for other addresses."""
    parts = urlsplit(url)
    own = urlsplit(SITE_URL)
    if parts.scheme == "webcal":
        parts = parts._replace(scheme="https")
    if parts.scheme not in ("http", "https") or parts.hostname != own.hostname:
        return None
    path = unquote(parts.path)
    if not path.startswith(own.path):
        return site / "__outside_the_site__" / path.lstrip("/")
    rel = PurePosixPath(path.removeprefix(own.path))
    target = site.joinpath(*rel.parts)
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        here = page_url(site, page)
        base = urljoin(here, parser.base) if parser.base else here
        for line, tag, raw in parser.urls:
            value = raw.strip()
            if not value or value.startswith("#"):
                continue
            scheme = urlsplit(value).scheme.lower()
            if scheme in OTHER_SCHEMES:
                continue
            assert scheme != "javascript", f"{page}:{line} <{tag}> uses {value}"
            target = target_file(site, urljoin(base, value))
            if target is not None and not target.is_file():
                where = page.relative_to(site).as_posix()
                broken.append(f"{where}:{line} <{tag}> {raw} → {target.relative_to(site)}")
    return broken


def test_every_internal_link_and_asset_resolves(real_site: Path) -> None:
    pages = list(real_site.rglob("*.html"))
    assert len(pages) > 100, "the real site should have a page per task"
    broken = broken_links(real_site)
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:50])


def test_the_walker_sees_broken_links(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "thang" / "2026-01").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "x.css").write_text("")
    (site / "index.html").write_text(
        '<a href="thang/2026-01/">ok</a><a href="thang/2026-02/">missing</a>'
        '<link href="assets/x.css"><img src="assets/y.png" srcset="assets/x.css 1x, a.png 2x">'
        '<a href="https://example.org/ctct/thang/2026-01/#x">own address</a>'
        '<a href="webcal://example.org/ctct/lich/tat-ca.ics">feed</a>'
        '<a href="https://other.example/x">other host</a><a href="mailto:a@b.vn">mail</a>'
        '<a href="data:text/plain,x">data</a><a href="/elsewhere/">outside</a>'
    )
    (site / "thang" / "2026-01" / "index.html").write_text(
        '<a href="../../">home</a><a href="../2026-01/?q=1#top">self</a><a href="../../x">x</a>'
    )
    found = "\n".join(broken_links(site))
    for expected in (
        "thang/2026-02/",
        "assets/y.png",
        "a.png",
        "lich/tat-ca.ics",
        "/elsewhere/",
        "../../x",
    ):
        assert expected in found, (expected, found)
    assert len(found.splitlines()) == 6, found
