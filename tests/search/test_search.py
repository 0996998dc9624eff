"""The search index (generator/search/): words, documents and the files the browser fetches.

The ranking itself runs in the browser; tests/browser/test_search.py tests it there.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from generator.common.urls import search_docs_path, search_index_path, search_terms_path
from generator.output import Page
from generator.search.documents import SearchDoc, search_documents
from generator.search.glossary import GLOSSARY, Glossary, derived, expansions
from generator.search.index import SHARD_BYTES, IndexShare, index_files, index_share, joined_index
from generator.search.text import folded, shard_of, terms, words

from ..conftest import AS_OF


def decode(entry: list) -> tuple[list[str], dict[int, list[tuple[int, int, int]]], dict[int, int]]:
    """A term file entry back to (spellings, doc → [(position, spelling, field)], doc → title
    length), as search.js reads it."""
    spellings, rows = entry
    doc, where, title_words = 0, {}, {}
    for step, *codes in rows:
        doc += step
        if codes[0] < 0:
            title_words[doc] = -codes.pop(0)
        where[doc] = [
            ((code // 2) // len(spellings), (code // 2) % len(spellings), code % 2)
            for code in codes
        ]
    return spellings, where, title_words


def files_of(docs: list[SearchDoc]) -> tuple[dict, dict[str, list], list[list[str]]]:
    """(manifest, every term entry by accent-free word, every result) of an index."""
    files = index_files(docs)
    manifest = json.loads(files[search_index_path()])
    terms: dict[str, list] = {}
    for shard in range(manifest["shards"]):
        part = json.loads(files[search_terms_path(shard)])
        assert all(shard_of(term, manifest["shards"]) == shard for term in part), shard
        terms.update(part)
    results = [json.loads(files[search_docs_path(n)]) for n in range(manifest["docs"])]
    return manifest, terms, results


# --- words ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đăng ký nghĩa vụ quân sự (tuổi 17)",
            ["đăng", "ký", "nghĩa", "vụ", "quân", "sự", "tuổi", "17"],
        ),
        ("Phòng VH-XH; 20/11", ["phòng", "vh", "xh", "20", "11"]),
        ("ANCT, TTATXH…", ["anct", "ttatxh"]),
        ("", []),
        ("a_b", ["a", "b"]),
    ],
)
def test_words_are_syllables_numbers_and_abbreviations(text, expected):
    assert words(text) == expected


def test_words_are_nfc_whatever_the_input():
    decomposed = "Ma tu\u0301y"  # u + combining acute
    assert words(decomposed) == ["ma", "túy"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("đấu", "dau"),
        ("Đường", "duong"),
        ("túy", "tuy"),
        ("tuý", "tuy"),
        ("nghĩa", "nghia"),
        ("ﬁ", "ﬁ"),  # as JavaScript's toLowerCase leaves it (casefold would give 'fi')
    ],
)
def test_folded_drops_tones_and_reads_d_for_đ(word, expected):
    assert folded(word) == expected


def test_folded_agrees_with_the_sites_fold_on_vietnamese(mini_content):
    from generator.common.dates import fold_accents

    for task in mini_content.tasks:
        assert all(folded(w) == fold_accents(w) for w in words(task.content)), task.content


def test_shard_of_is_fnv1a_and_spreads_words():
    # FNV-1a of "" is its offset basis; search.js computes the same (checked in the browser).
    assert shard_of("", 1 << 32) == 0x811C9DC5
    assert shard_of("a", 1 << 32) == 0xE40C292C
    used = {shard_of(folded(w), 16) for w in words("ma túy nghĩa vụ quân sự đấu giá bầu cử")}
    assert len(used) > 4


# --- documents -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mini_docs(mini_content):
    from generator.output import SiteInfo, SiteOutput
    from generator.render.pages import add_pages

    output = SiteOutput()
    add_pages(output, mini_content, SiteInfo("https://example.org/", AS_OF))
    return search_documents(mini_content, output.pages, AS_OF)


def test_every_task_is_a_document_with_its_whole_text_as_title(mini_content, mini_docs):
    by_url = {doc.url: doc for doc in mini_docs}
    for task in mini_content.tasks:
        doc = by_url[f"nhiem-vu/{task.id}/"]
        assert doc.title == task.content
        assert f"Tháng {task.month}/" in doc.teaser
        unit = mini_content.unit(task.lead_unit_id) if task.lead_unit_id else None
        if unit:
            assert unit.name in doc.body and unit.short in doc.body


def test_key_tasks_link_to_their_item_on_the_key_tasks_page(mini_content, mini_docs):
    urls = {doc.url for doc in mini_docs}
    for programme in mini_content.programmes:
        for key in programme.key_tasks:
            assert f"trong-tam/#{key.id}" in urls


def test_pages_are_found_by_title_and_the_home_page_is_left_out(mini_docs):
    urls = [doc.url for doc in mini_docs]
    assert "" not in urls, "the home page only repeats other pages"
    assert "thang/2026-01/" in urls and "don-vi/van-phong/" in urls
    assert len(urls) == len(set(urls)), "a page indexed twice"


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2026, ["2026", "2027"]), (2027, ["2027", "2026"]), (2030, ["2027", "2026"])],
)
def test_the_current_years_programme_first_then_the_newest(year, expected):
    """Results that tie (the same task in two years) follow this order, months included."""
    content = _two_years()
    pages = [Page("a.md", "A", "")] + [
        Page(f"thang/{p.id}-01.md", f"Tháng 1/{p.year}", "") for p in content.programmes
    ]
    docs = search_documents(content, pages, dt.date(year, 6, 1))
    assert [d.url for d in docs if d.url.startswith("nhiem-vu/")] == [
        f"nhiem-vu/{y}-01/" if y == "2027" else "nhiem-vu/2026-01/" for y in expected
    ]
    assert [d.url for d in docs if d.url.startswith("thang/")] == [
        f"thang/{y}-01/" for y in expected
    ]
    assert docs[-1].url == "a/"


def _two_years():
    """A two-programme model, built from the mini fixture's first task."""
    import dataclasses

    from generator.load.content import load_content

    from ..conftest import MINI

    content = load_content(MINI, as_of=AS_OF, history=False)
    first = content.programmes[0]
    task = dataclasses.replace(first.months[0].tasks[0], id="2026-01", parent_id=None)
    month = dataclasses.replace(first.months[0], tasks=(task,))
    old = dataclasses.replace(first, id="2026", year=2026, months=(month,), key_tasks=())
    new_task = dataclasses.replace(task, id="2027-01", programme_id="2027")
    new = dataclasses.replace(
        old, id="2027", year=2027, months=(dataclasses.replace(month, tasks=(new_task,)),)
    )
    return dataclasses.replace(content, programmes=(old, new))


# --- the index files -----------------------------------------------------------------------------

DOCS = [
    SearchDoc("a/", "Xây dựng phường không ma túy", "A", ("Công an phường",)),
    SearchDoc("b/", "Kế hoạch đấu giá đất; Ma Túy", "B", ("Tháng 10/2026", "Phòng Kinh tế")),
    SearchDoc("c/", "<script>alert('x')</script> & \"quotes\"", "C · <b>", ()),
]


def test_each_word_lists_its_spellings_positions_and_fields():
    manifest, terms, _ = files_of(DOCS)
    assert manifest["docs"] == 3
    spellings, where, title_words = decode(terms["tuy"])
    assert spellings == ["túy"], "'Túy' is filed lower case, once"
    assert where == {0: [(5, 0, 0)], 1: [(6, 0, 0)]}
    assert title_words == {0: 6, 1: 7}
    _, where, title_words = decode(terms["phuong"])
    assert where == {0: [(2, 0, 0), (2, 0, 1)]}, "third word of the title and of the body"
    assert title_words == {0: 6}
    spellings, where, title_words = decode(terms["dau"])
    assert spellings == ["đấu"] and where == {1: [(2, 0, 0)]}


def test_a_body_fact_does_not_run_into_the_next():
    _, terms, _ = files_of(DOCS)
    _, month, _ = decode(terms["2026"])
    _, unit, _ = decode(terms["phong"])
    # 'Tháng 10/2026' ends at body position 2; 'Phòng' starts at 4, not 3: no phrase '2026 phòng'.
    assert month[1] == [(2, 0, 1)] and unit[1] == [(4, 0, 1)]


def test_words_with_several_spellings_keep_each():
    docs = [
        SearchDoc("a/", "hòa giải", ""),
        SearchDoc("b/", "văn hóa", ""),
        SearchDoc("c/", "hoa", ""),
    ]
    _, terms, _ = files_of(docs)
    spellings, where, _ = decode(terms["hoa"])
    assert spellings == ["hòa", "hóa", "hoa"]
    assert {doc: occ[0][1] for doc, occ in where.items()} == {0: 0, 1: 1, 2: 2}


def test_results_are_text_as_written_in_json():
    _, _, results = files_of(DOCS)
    assert results[2] == ["c/", "<script>alert('x')</script> & \"quotes\"", "C · <b>"]


def test_term_files_grow_in_number_with_the_index_not_in_size():
    small = index_files([SearchDoc(f"{i}/", f"nhiệm vụ số {i}", "") for i in range(20)])
    large = index_files(
        [SearchDoc(f"{i}/", f"nhiệm vụ số {i} tổ {i * 7}", "") for i in range(2000)]
    )
    shards = [json.loads(f[search_index_path()])["shards"] for f in (small, large)]
    assert shards[0] < shards[1]
    sizes = [len(data) for path, data in large.items() if "/t/" in path]
    assert sum(sizes) / len(sizes) < 2 * SHARD_BYTES


def test_same_documents_same_files_and_a_new_version_otherwise():
    first, again = index_files(DOCS), index_files(DOCS)
    assert first == again
    changed = index_files([*DOCS[:2], SearchDoc("c/", "khác", "C")])
    version = json.loads(first[search_index_path()])["version"]
    assert json.loads(changed[search_index_path()])["version"] != version


PARTS = (
    [
        SearchDoc("a/1/", "Dấu mốc bầu cử", "A", ("đầu năm", "dẫu vậy")),
        SearchDoc("a/2/", "Hội nghị", ""),
    ],
    [],
    [
        SearchDoc("b/1/", "Đầu tư công", "B", ("bầu cử đại biểu", "dấu")),
        SearchDoc("b/2/", "dau", ""),
    ],
    [SearchDoc(f"c/{i}/", f"Bầu cử tổ {i}", "C", ("đẩu", f"số {i}")) for i in range(30)],
)


def test_a_province_joins_its_wards_shares_into_the_same_files_as_one_index():
    """Each part's words are numbered for its own spellings; joined, every code, step and
    file is as if the index had been made of all the documents at once."""
    everything = [doc for part in PARTS for doc in part]
    shares = [
        IndexShare.from_json(json.loads(json.dumps(index_share(list(p)).to_json()))) for p in PARTS
    ]
    assert joined_index(shares) == index_files(everything)
    assert shares[0].terms["dau"][0] != shares[2].terms["dau"][0]  # the recoding was needed


def test_the_manifest_gives_the_file_patterns():
    manifest = json.loads(index_files(DOCS)[search_index_path()])
    assert manifest["terms"] == "t/{}.json" and manifest["results"] == "d/{}.json"
    assert manifest["title_words"] == pytest.approx((6 + 7 + 5) / 3, abs=0.01)


# --- the administration's words: numerals after 'tháng'/'quý', abbreviations -----------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quý I năm 2026", ["quy", "1", "nam", "2026"]),
        ("quý iv", ["quy", "4"]),
        ("tháng ba", ["thang", "3"]),
        ("tháng Giêng, tháng Chạp", ["thang", "1", "thang", "12"]),
        ("Thứ Ba, 31/03/2026", ["thu", "ba", "31", "03", "2026"]),
        ("khóa XVI", ["khoa", "xvi"]),
        ("I", ["i"]),
    ],
)
def test_numerals_after_month_and_quarter_are_filed_as_digits(text, expected):
    assert terms(words(text)) == expected


def test_a_weekday_does_not_make_a_task_of_march():
    docs = [
        SearchDoc("a/", "Giao ban", "", ("Tháng 5/2026", "Thứ Ba, 05/05/2026")),
        SearchDoc("b/", "Giao quân", "", ("Tháng 3/2026",)),
    ]
    files = index_files(docs)
    manifest = json.loads(files[search_index_path()])
    entry = json.loads(files[search_terms_path(shard_of("3", manifest["shards"]))])["3"]
    assert decode(entry)[1].keys() == {1}


def test_glossary_gives_each_form_its_other_forms():
    extra = expansions("Kế hoạch đảm bảo an ninh trật tự, ATGT, PCCN trước Tết", Glossary(GLOSSARY))
    assert "an toàn giao thông" in extra and "phòng cháy chữa cháy" in extra
    assert "PCCC" in extra and "ANTT" in extra
    assert "PCCN" not in extra and "ATGT" not in extra, "what the text holds is not repeated"
    assert "KT-XH" in expansions("phát triển kinh tế - xã hội quý I", Glossary(GLOSSARY))
    assert "ktxh" in expansions("phát triển kinh tế - xã hội quý I", Glossary(GLOSSARY))
    assert expansions("Kế hoạch tuyển sinh", Glossary(GLOSSARY)) == ()


def test_derived_abbreviations_are_the_contents_own_and_written_out_there():
    texts = [
        "Ban Chỉ huy Quân sự phường",
        "BCH Quân sự",
        "Báo cáo của BTV",  # never written out: nothing derived
        "Sơ kết học kỳ II",  # a Roman numeral
        "KH-UBND số 12 và Kế hoạch",  # two letters (KH) are too few
    ]
    found = {n.abbreviations: n.phrases for n in derived(texts)}
    assert found == {("BCH",): ("ban chỉ huy",)}


def test_every_document_holds_the_other_forms_of_its_abbreviations(mini_docs):
    led_by_office = [d for d in mini_docs if "Văn phòng HĐND và UBND" in d.body]
    assert led_by_office, "the fixture's office leads some task"
    for doc in led_by_office:
        assert {"hội đồng nhân dân", "ủy ban nhân dân"} <= set(doc.body), doc.title


def test_a_content_correction_is_searchable(tmp_path):
    import dataclasses

    from generator.domain.model import Correction

    content = _two_years()
    task = content.programmes[0].months[0].tasks[0]
    fixed = dataclasses.replace(
        task, corrections=(Correction("content", "Trưng nguyên", "Trạng nguyên", "Lỗi gõ."),)
    )
    from generator.search.documents import task_doc

    assert "Trạng nguyên" in task_doc(content, content.programmes[0], fixed, AS_OF).body
