"""The built site as a whole: strict mkdocs build, hostile content, no other host, search."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.load.content import load_content

from ..conftest import CONTENT, EPOCH, MINI, build_into, copy_fixture
from ..helpers import edit_file

AS_OF_REAL = dt.date(2026, 11, 24)
"""The build date of the `real_site` fixture (SOURCE_DATE_EPOCH 1795478400)."""

HOSTILE = {
    "script": "<script>alert('x')</script>",
    "pipe": "a | b | c",
    "link": "[bấm vào](javascript:alert(1))",
    "heading": "# Không phải tiêu đề",
    "jinja": "{{ 7*7 }} {% if true %}x{% endif %}",
    "html": "<img src=x onerror=alert(2)>",
}
# Hosts a page may *link* to (the user clicks; nothing is requested while the page loads).
LINK_HOSTS = {
    "calendar.google.com",
    "outlook.live.com",
    "outlook.office.com",
    "f-droid.org",
    "play.google.com",
    "example.org",
    "example.gov.vn",
    "creativecommons.org",
    "schema.org",
    "www.w3.org",
    "specs.frictionlessdata.io",
}


class Tags(HTMLParser):
    """Every start tag with its attributes; the text of <script> elements, by script type."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.data_scripts: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            is_data = dict(attrs).get("type") == "application/ld+json"
            self._script = self.data_scripts if is_data else self.scripts

    def handle_endtag(self, tag):
        self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)


def parse(path: Path) -> Tags:
    tags = Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def hostile_content(tmp: Path) -> Path:
    content = copy_fixture(tmp)
    programme = content / "programmes" / "2026.yaml"
    for old, new in (
        ("content: Kế hoạch tiêm chủng mở rộng", " ".join(HOSTILE.values())),
        ("content: Chăm sóc sức khỏe Nhân dân", HOSTILE["heading"]),
        ("name: Trần Văn A", HOSTILE["html"]),
        ("  - Lưu VT.", HOSTILE["link"]),
    ):
        head = old[: old.index(":") + 1] if ":" in old else "  -"
        written = json.dumps(new, ensure_ascii=head == "name:")  # the name written with \u escapes
        edit_file(programme, old, f"{head} {written}")
    edit_file(
        content / "units.yaml",
        "name: Trạm Y tế phường",
        "name: " + json.dumps("Trạm <b>Y tế</b> | {{ x }}", ensure_ascii=False),
    )
    (content / "reports" / "2026-01-02--2026-01-20.yaml").write_text(
        'task: "2026-01-02"\nreported_on: 20/01/2026\nstatus: in_progress\n'
        f"document: {json.dumps(HOSTILE['html'])}\n"
        f"note: {json.dumps(' '.join(HOSTILE.values()), ensure_ascii=False)}\n"
        f"reported_by: {json.dumps(HOSTILE['script'])}\n",
        encoding="utf-8",
    )
    return content


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    return build_into(tmp, hostile_content(tmp), {"SOURCE_DATE_EPOCH": EPOCH})


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_hostile_strings_stay_text(hostile_site):
    task_page = hostile_site / "nhiem-vu" / "2026-01-02-1" / "index.html"
    html = task_page.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html.split("<article")[1].split("</article>")[0]
    assert "[bấm vào](javascript:alert(1))" not in html or 'href="javascript' not in html
    for page in html_files(hostile_site):
        tags = parse(page)
        for tag, attrs in tags.tags:
            assert tag != "img" or attrs.get("src") != "x", page
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            href = (attrs.get("href") or "").strip().lower()
            assert not href.startswith("javascript:"), (page, href)
        assert not any("alert(" in script for script in tags.scripts), page
        for data in tags.data_scripts:  # structured data: JSON that never closes its script
            json.loads(data)
            assert "<" not in data, page


def test_hostile_strings_reach_search_results_as_text(hostile_site):
    """The result files are JSON; search.js puts their text into the page as text, never HTML."""
    results = {url: (title, teaser) for url, title, teaser in search_results(hostile_site)}
    title, _ = results["nhiem-vu/2026-01-02-1/"]
    assert HOSTILE["script"] in title and HOSTILE["jinja"] in title
    for path in (hostile_site / "tim-kiem").rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


def test_hostile_report_stays_text_in_the_atom_feed_and_the_history_csv(hostile_site):
    import xml.etree.ElementTree as ET

    atom = (hostile_site / "thay-doi" / "atom.xml").read_bytes()
    entries = ET.fromstring(atom).findall("{http://www.w3.org/2005/Atom}entry")
    summaries = [e.find("{http://www.w3.org/2005/Atom}summary").text for e in entries]
    hostile = [s for s in summaries if "alert" in s]
    assert hostile, summaries
    for html in hostile:  # HTML whose markup is ours alone: <p> around escaped text
        assert re.sub(r"</?p>", "", html).count("<") == 0, html
    rows = (hostile_site / "du-lieu" / "lich-su.csv").read_text(encoding="utf-8-sig")
    assert "<script>alert('x')</script>" in rows  # CSV is text: kept as written


def test_hostile_heading_and_pipes_do_not_change_structure(hostile_site):
    key_tasks = (hostile_site / "trong-tam" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="khong-phai-tieu-e"' not in key_tasks
    assert key_tasks.count("<h1") == 1
    assert "# Không phải tiêu đề" in key_tasks
    task = (hostile_site / "nhiem-vu" / "2026-01-02-1" / "index.html").read_text(encoding="utf-8")
    article = task.split("<article")[1].split("</article>")[0]
    assert "<table" not in article  # "a | b | c" stayed text
    nav = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "Trạm &lt;b&gt;Y tế&lt;/b&gt;" in nav and "<b>Y tế</b>" not in nav


def resource_urls(site: Path):
    """Every URL the browser would *load* (not links it would follow) in the built files."""
    for page in html_files(site):
        for tag, attrs in parse(page).tags:
            for name in ("src", "srcset", "poster", "data", "action"):
                if attrs.get(name):
                    yield page, attrs[name]
            rels = (attrs.get("rel") or "").split()
            loaded = not {"canonical", "alternate"} & set(rels)  # these are never fetched
            if tag == "link" and attrs.get("href") and loaded:
                yield page, attrs["href"]
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"url\(\s*['\"]?([^'\")]+)", text):
            yield page, match[1]
    for sheet in site.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        for match in re.finditer(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)", text):
            yield sheet, match[1] or match[2]


def test_no_file_makes_a_request_to_another_host(real_site):
    for path, url in resource_urls(real_site):
        parts = urlsplit(url)
        assert not parts.netloc, f"{path} loads {url}"
        assert parts.scheme in ("", "data"), f"{path} loads {url}"
    for page in html_files(real_site):
        for tag, attrs in parse(page).tags:
            if tag == "a" and attrs.get("href", "").startswith(("http://", "https://")):
                host = urlsplit(attrs["href"]).hostname
                assert host in LINK_HOSTS, f"{page} links to unexpected host {host}"
    for script in real_site.rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        for marker in (
            "fonts.googleapis",
            "fonts.gstatic",
            "googletagmanager",
            "cdn.jsdelivr",
            "cdnjs",
        ):
            assert marker not in text, f"{script} mentions {marker}"
        # Material's bundle names unpkg.com for two optional loads only: a ResizeObserver
        # polyfill (theme/main.html defines a local fallback first) and mermaid (no page has
        # a diagram). Anything else from unpkg would be a new dependency on another host.
        for url in re.findall(r"https://unpkg\.com/[^\"')]+", text):
            assert url.startswith(
                ("https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid@")
            ), f"{script} loads {url}"
    for page in html_files(real_site):
        html = page.read_text(encoding="utf-8")
        assert 'class="mermaid"' not in html, page
        if "assets/javascripts/bundle." in html:
            assert html.index("resize-observer-fallback.js") < html.index(
                "assets/javascripts/bundle."
            ), page


def test_every_page_is_vietnamese_but_the_english_section(real_site):
    from generator.common.urls import ENGLISH_URL

    english = real_site / ENGLISH_URL.strip("/")
    for page in html_files(real_site):
        head = page.read_text(encoding="utf-8")[:300]
        lang = "en" if page.is_relative_to(english) else "vi"
        assert f'<html lang="{lang}"' in head, page


def test_built_site_has_every_page(real_site, tmp_path):
    from generator.load.content import load_content

    content = load_content(CONTENT)
    for programme in content.programmes:
        for month in programme.months:
            assert (
                real_site / "thang" / f"{programme.id}-{month.number:02d}" / "index.html"
            ).is_file()
    for unit in content.units:
        assert (real_site / "don-vi" / unit.id / "index.html").is_file()
    for task in content.tasks:
        assert (real_site / "nhiem-vu" / task.id / "index.html").is_file()
    for fixed in ("trong-tam", "gioi-thieu", "lich", "du-lieu"):
        assert (real_site / fixed / "index.html").is_file()


def search_results(site: Path) -> list[list[str]]:
    """Every search result of a built site: [url, title, teaser]."""
    manifest = json.loads((site / "tim-kiem" / "chi-muc.json").read_text(encoding="utf-8"))
    folder = site / "tim-kiem" / "d"
    assert len(list(folder.glob("*.json"))) == manifest["docs"]
    return [
        json.loads((folder / f"{n}.json").read_text(encoding="utf-8"))
        for n in range(manifest["docs"])
    ]


def test_search_finds_every_task_key_task_month_and_unit(real_site):
    content = load_content(CONTENT, as_of=AS_OF_REAL)
    urls = {url for url, _, _ in search_results(real_site)}
    assert {f"nhiem-vu/{t.id}/" for t in content.tasks} <= urls
    assert {f"trong-tam/#{k.id}" for p in content.programmes for k in p.key_tasks} <= urls
    assert {f"don-vi/{u.id}/" for u in content.units} <= urls
    assert {f"thang/{p.id}-{m.number:02d}/" for p in content.programmes for m in p.months} <= urls
    assert "" not in urls, "the home page only repeats other pages"
    for url in urls:
        page = url.split("#")[0]
        assert (real_site / page / "index.html").is_file(), url


def test_key_task_results_land_on_their_item(real_site):
    html = (real_site / "trong-tam" / "index.html").read_text(encoding="utf-8")
    anchors = [url.split("#")[1] for url, _, _ in search_results(real_site) if "#" in url]
    assert anchors and all(f'id="{anchor}"' in html for anchor in anchors)


def test_material_search_downloads_nothing(real_site):
    """Material's lunr index stays empty and its search script is not on the pages."""
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []
    html = (real_site / "thang" / "2026-01" / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in html and 'name="search"' not in html
    assert "data-ctct-search" in html


def test_same_content_same_bytes(tmp_path):
    first = build_into(tmp_path / "a", MINI, {"SOURCE_DATE_EPOCH": EPOCH})
    second = build_into(tmp_path / "b", MINI, {"SOURCE_DATE_EPOCH": EPOCH})
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_plain_mkdocs_build_is_strict_clean(tmp_path):
    """`mkdocs build --strict` (without our CLI) builds the site of content/ with no warning,
    on the suite's day (SOURCE_DATE_EPOCH when set, else today): content/ grows all year."""
    import os
    import subprocess
    import sys

    from ..conftest import ROOT

    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    if "SOURCE_DATE_EPOCH" in os.environ:
        env["SOURCE_DATE_EPOCH"] = os.environ["SOURCE_DATE_EPOCH"]
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    programme = load_content(ROOT / "content", history=False).programmes[0]
    first = f"{programme.id}-{programme.months[0].number:02d}"
    assert (tmp_path / "site" / "thang" / first / "index.html").is_file()


def test_structured_data_is_a_script_not_text(real_site):
    for page in sorted((real_site / "nhiem-vu").glob("*/index.html"))[:20]:
        html = page.read_text(encoding="utf-8")
        scripts = parse(page).data_scripts
        assert sum(s.count('"@context"') for s in scripts) == html.count('"@context"') == 1, page


def test_every_page_announces_the_changes_feed(real_site):
    for page in html_files(real_site):
        if page.parent.name == "admin":
            continue  # the web editor's own page, not a page of the site
        links = [
            a for tag, a in parse(page).tags if tag == "link" and "feed" in (a.get("rel") or "")
        ]
        assert [(a["rel"], a["type"]) for a in links] == [
            ("alternate feed", "application/atom+xml")
        ], page
        assert links[0]["href"] == "https://example.org/ctct/thay-doi/atom.xml", page
    assert (real_site / "thay-doi" / "atom.xml").is_file()
