"""Every internal link and asset of the built real site resolves to a file in the site folder.

The logic is `generator.verify.links`, the one `python -m generator verify` runs: each HTML file
is parsed with html.parser, every href/src/srcset is resolved against the page's own URL (as
published at SITE_URL), fragments and queries are dropped, directory URLs map to index.html.
Links to other hosts and mailto:, tel:, data: links are left alone; absolute https:// and
webcal:// links to the site's own address (feeds, canonical) are checked too.
"""

from __future__ import annotations

from pathlib import Path

from generator.verify.links import broken_links

from ..conftest import REAL_SITE_ENV

SITE_URL = REAL_SITE_ENV["SITE_URL"]


def test_every_internal_link_and_asset_resolves(real_site: Path) -> None:
    pages = list(real_site.rglob("*.html"))
    assert len(pages) > 100, "the real site should have a page per task"
    broken = [str(finding) for finding in broken_links(real_site, SITE_URL)]
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
        '<a href="thang/2026-01">folder</a><a href="thang/2026%2D01/index.html">encoded</a>'
        '<a href="javascript:void(0)">script</a>'
    )
    (site / "thang" / "2026-01" / "index.html").write_text(
        '<a href="../../">home</a><a href="../2026-01/?q=1#top">self</a><a href="../../x">x</a>'
    )
    found = "\n".join(str(finding) for finding in broken_links(site, SITE_URL))
    for expected in (
        "thang/2026-02/",
        "assets/y.png",
        "a.png",
        "lich/tat-ca.ics",
        "/elsewhere/: trỏ ra ngoài địa chỉ của trang",
        "thang/2026-01/index.html:1: liên kết hỏng <a> ../../x",
        "javascript:",
    ):
        assert expected in found, (expected, found)
    assert len(found.splitlines()) == 7, found
