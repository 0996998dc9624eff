"""Search in Chromium: the query table on the built real site, what it downloads, its keyboard;
and the ranking function itself (search.js in a blank page, fed index entries made by Python).
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from generator.search.documents import SearchDoc
from generator.search.index import collect_terms
from generator.search.text import folded, shard_of, terms, words

from ..conftest import ROOT
from .conftest import Tab
from .search_queries import FIRST, QUERIES

pytestmark = pytest.mark.browser

SEARCH_JS = ROOT / "theme" / "assets" / "javascripts" / "search.js"
RESULTS = ".md-search-result__list > .md-search-result__item > a"


def search(tab: Tab, text: str) -> list[str]:
    """Type a query (one input event) and return the site paths of the results shown."""
    page = tab.page
    page.fill("input.md-search__input", text)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__list').dataset.query === q", arg=text
    )
    hrefs = page.locator(RESULTS).evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(href).path.removeprefix(urlsplit(tab.base).path) for href in hrefs]


def task_id(path: str) -> str:
    return path.removeprefix("nhiem-vu/").rstrip("/") if path.startswith("nhiem-vu/") else path


# --- the query table -----------------------------------------------------------------------------


def test_queries_find_their_task_in_the_top_three(tab: Tab) -> None:
    tab.goto("")
    tab.page.click("input.md-search__input")
    ranks, misses = {}, []
    for query, task in QUERIES:
        top = [task_id(path) for path in search(tab, query)[:3]]
        ranks[query] = top.index(task) + 1 if task in top else None
        if ranks[query] is None:
            misses.append(f"«{query}»: {task} not in the top 3 {top}")
        if query in FIRST and top[:1] != [FIRST[query]]:
            misses.append(f"«{query}»: {FIRST[query]} should come first, not {top[:1]}")
    top1 = sum(r == 1 for r in ranks.values())
    top3 = sum(r is not None for r in ranks.values())
    print(f"search precision: top-1 {top1}/{len(QUERIES)}, top-3 {top3}/{len(QUERIES)}")
    assert len(QUERIES) >= 30
    assert not misses, "\n".join(misses)
    assert not tab.problems(), "\n".join(tab.problems())
    assert not tab.foreign_requests(), "\n".join(tab.foreign_requests())


def test_search_without_accents_finds_every_election_task(tab: Tab, model) -> None:
    election = {f"nhiem-vu/{t.id}/" for t in model.tasks if "bầu cử" in t.content.lower()}
    assert election, "the 2026 programme should have tasks about «bầu cử»"
    tab.goto("")
    page = tab.page
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    found = set(search(tab, "bau cu"))
    more = page.locator(".ctct-search-more")
    while more.is_visible():
        shown = page.locator(RESULTS).count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('{RESULTS}').length > {shown}")
        found |= {task for task in election if page.locator(f"{RESULTS}[href$='{task}']").count()}
    assert election <= found, f"«bau cu» misses {sorted(election - found)}"
    first = page.locator(".md-search-result__list h1").first
    assert "bầu cử" in first.inner_text().lower()
    assert first.locator("mark").all_inner_texts() == ["bầu", "cử"]
    assert not tab.problems(), "\n".join(tab.problems())


# --- downloads -----------------------------------------------------------------------------------


def test_a_query_downloads_only_its_words_and_results(tab: Tab, real_site) -> None:
    manifest = json.loads((real_site / "tim-kiem" / "chi-muc.json").read_text(encoding="utf-8"))
    tab.goto("thang/2026-03/", wait_until="networkidle")
    before = len(tab.requests)
    tab.page.click("input.md-search__input")
    shown = search(tab, "ma túy")
    tab.page.wait_for_load_state("networkidle")
    fetched = {urlsplit(url).path.removeprefix("/") for url in tab.requests[before:]}
    fetched.discard("assets/images/logo.svg")  # the favicon, which Chromium asks for when it likes
    shards = {shard_of(folded(w), manifest["shards"]) for w in words("ma túy")}
    assert {path for path in fetched if "/t/" in path} == {f"tim-kiem/t/{s}.json" for s in shards}
    assert len([path for path in fetched if "/d/" in path]) == len(shown) <= 10
    assert fetched - {p for p in fetched if "/t/" in p or "/d/" in p} == {
        "assets/javascripts/search.js",
        "tim-kiem/chi-muc.json",
    }
    assert not tab.problems(), "\n".join(tab.problems())


# --- keyboard ------------------------------------------------------------------------------------


def test_keyboard_search_arrows_enter_and_escape(tab: Tab) -> None:
    page = tab.page
    tab.goto("gioi-thieu/")
    page.keyboard.press("/")
    page.keyboard.type("giao quan", delay=20)
    page.wait_for_function(
        "document.querySelector('.md-search-result__list').dataset.query === 'giao quan'"
    )
    assert page.is_checked("#__search")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.md-search-result__link')")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    assert page.locator(".md-search__output").is_hidden()
    page.keyboard.press("/")
    best = page.locator(RESULTS).first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith(best.lstrip("./")))
    assert not tab.problems(), "\n".join(tab.problems())


# --- the engine at unit level: search.js in a blank page -----------------------------------------


@pytest.fixture(scope="module")
def engine(desktop_context):
    page = desktop_context.new_page()
    page.set_content("<!doctype html><html lang='vi'><body></body></html>")
    page.add_script_tag(content=SEARCH_JS.read_text(encoding="utf-8"))
    yield page
    page.close()


def ranked(engine, titles: list[str], query: str, bodies: list[tuple[str, ...]] = ()) -> list:
    """The order search.js gives documents with these titles (and bodies) for a query."""
    docs = [
        SearchDoc(f"{n}/", title, "", bodies[n] if n < len(bodies) else ())
        for n, title in enumerate(titles)
    ]
    lengths = [len(words(d.title)) for d in docs]
    entries = {term: t.encode(lengths) for term, t in collect_terms(docs).items()}
    stats = {"docs": len(docs), "titleWords": sum(lengths) / len(docs)}
    return engine.evaluate(
        """([entries, stats, query]) => {
          const s = window.ctctSearch, decoded = {};
          for (const [term, entry] of Object.entries(entries)) decoded[term] = s.decode(entry);
          return s.rank(s.parseQuery(query), decoded, stats)
            .map(r => ({doc: r.doc, score: r.score}));
        }""",
        [entries, stats, query],
    )


def order(engine, titles, query, bodies=()) -> list[int]:
    return [r["doc"] for r in ranked(engine, titles, query, bodies)]


def test_side_by_side_syllables_rank_far_above_scattered_ones(engine) -> None:
    titles = ["ma quỷ và thuốc túy", "xây dựng phường không ma túy"]
    result = ranked(engine, titles, "ma tuy")
    assert [r["doc"] for r in result] == [1, 0]
    assert result[0]["score"] > 3 * result[1]["score"]


def test_query_order_matters_for_phrases(engine) -> None:
    assert order(engine, ["giá đấu", "đấu giá"], "dau gia") == [1, 0]


def test_title_ranks_above_body(engine) -> None:
    assert order(engine, ["hội nghị", "bầu cử"], "bau cu", [("bầu cử",), ()]) == [1, 0]


def test_typed_accents_rank_above_other_spellings(engine) -> None:
    titles = ["hóa giải mâu thuẫn", "hòa giải mâu thuẫn"]
    assert order(engine, titles, "hòa giải") == [1, 0]
    assert order(engine, titles, "hóa giải") == [0, 1]
    assert order(engine, titles, "hoa giai") == [0, 1], "no accents typed: a tie, in index order"


def test_old_tone_placement_counts_as_the_same_accents(engine) -> None:
    titles = ["hóa giải", "hoà giải"]
    assert order(engine, titles, "hòa giải") == [1, 0]
    assert order(engine, ["mã tuy", "ma tuý"], "ma túy") == [1, 0]


def test_d_finds_đ(engine) -> None:
    assert order(engine, ["đấu giá quyền sử dụng đất", "sân bay Gia Bình"], "dau gia") == [0]
    assert order(engine, ["Đăng ký nghĩa vụ"], "dang ky") == [0]


def test_every_known_word_is_required_and_unknown_ones_are_ignored(engine) -> None:
    titles = ["ma túy", "ma quỷ", "túy"]
    assert order(engine, titles, "ma tuy") == [0]
    assert order(engine, titles, "ma tuy xyzw") == [0], "a typo does not empty the list"
    assert order(engine, titles, "xyzw") == []


def test_shorter_titles_win_a_tie(engine) -> None:
    titles = ["giao quân và các nhiệm vụ khác của ban chỉ huy quân sự trong năm", "giao quân"]
    assert order(engine, titles, "giao quan") == [1, 0]


def test_js_splits_folds_and_files_words_as_python_does(engine, real_site) -> None:
    manifest = json.loads((real_site / "tim-kiem" / "chi-muc.json").read_text(encoding="utf-8"))
    texts = [
        json.loads(path.read_text(encoding="utf-8"))[1]
        for path in sorted((real_site / "tim-kiem" / "d").glob("*.json"))
    ]
    texts += ["ĐẤU GIÁ Đường", "hoá hòa", "Ma tu\u0301y", "x_y 2026-2031 (20/11)", "ǅ ﬁ Ⅻ", ""]
    shards = manifest["shards"]
    texts += ["Quý I, quý iv, tháng ba, tháng Giêng, Thứ Ba, tháng", "khóa XVI"]
    python = [
        [(w, k, shard_of(k, shards)) for w, k in zip(words(t), terms(words(t)), strict=True)]
        for t in texts
    ]
    browser = engine.evaluate(
        """([texts, shards]) => texts.map(t => {
            const s = window.ctctSearch, list = s.words(t), keys = s.terms(list);
            return list.map((w, i) => [w, keys[i], s.shardOf(keys[i], shards)]);
        })""",
        [texts, shards],
    )
    differ = [
        (t, p, b) for t, p, b in zip(texts, python, browser, strict=True) if p != [*map(tuple, b)]
    ]
    assert not differ, differ[:3]


def test_results_show_content_as_text(engine) -> None:
    html = engine.evaluate(
        """() => window.ctctSearch.item(
             {url: "https://example.org/x", title: "<img src=x onerror=alert(1)> ma túy",
              teaser: "<b>Tháng 3</b>"},
             {doc: 0, score: 1, titlePositions: new Set([6, 7])}).outerHTML"""
    )
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<mark>ma</mark> <mark>túy</mark>" in html


def test_a_title_holding_every_word_ranks_above_a_phrase_and_the_rest_elsewhere(engine) -> None:
    """'so ket 6 thang': the June review is not a six-month report."""
    titles = ["Sơ kết thực hiện nghị quyết", "Báo cáo kết quả chuyển đổi số 6 tháng đầu năm"]
    bodies = [("Tháng 6/2026",), ("Tháng 6/2026",)]
    assert order(engine, titles, "so ket 6 thang", bodies) == [1, 0]


def test_month_words_and_roman_numerals_find_digits(engine) -> None:
    titles = ["Báo cáo quý 1", "Báo cáo tháng 3", "Giao ban thứ ba"]
    assert order(engine, titles, "quý I") == [0]
    assert order(engine, titles, "thang ba") == [1]
    assert order(engine, titles, "thu ba") == [2]
