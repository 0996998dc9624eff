"""The English pages (Nghị định 42/2022): `lang="en"`, declared English names only, the
programme's texts in Vietnamese marked so; `name_en` declared once and checked."""

from __future__ import annotations

import dataclasses

from generator.disclosure.english import english_pages
from generator.load.content import check_content

from ..conftest import AS_OF, copy_fixture


def bodies(content, site_info) -> dict[str, str]:
    return {p.path: p.body for p in english_pages(content, site_info)}


def test_the_english_pages_are_english_and_not_searched(mini_content, site_info):
    pages = english_pages(mini_content, site_info)
    assert [(p.path, p.lang, p.searchable) for p in pages] == [
        ("en/index.md", "en", False),
        ("en/programme/index.md", "en", False),
    ]


def test_a_declared_english_name_is_shown_and_a_missing_one_is_marked(mini_content, site_info):
    first, second, *rest = [u for u in mini_content.units if not u.is_all]
    named = dataclasses.replace(first, name_en="Office of the <People's> Council")
    content = dataclasses.replace(mini_content, units=(named, second, *rest))
    body = bodies(content, site_info)["en/index.md"]
    assert "Office of the &lt;People&#39;s&gt; Council" in body
    assert f'(<span lang="vi">{first.name}</span>)' in body
    assert f'<span lang="vi">{second.name}</span> <em>(Vietnamese name; no English' in body


def test_without_contacts_it_says_to_ask_the_peoples_committee(mini_content, site_info):
    body = bodies(mini_content, site_info)["en/index.md"]
    assert f'ask the <span lang="vi">{mini_content.ward.issuer}</span> directly' in body
    assert "mailto:" not in body and "tel:" not in body


def test_the_programmes_texts_stay_vietnamese_under_english_headings(mini_content, site_info):
    body = bodies(mini_content, site_info)["en/programme/index.md"]
    programme = mini_content.programmes[-1]
    for key in programme.key_tasks:
        assert f'<li lang="vi">{key.content}</li>' in body
    assert f'<dd lang="vi">{programme.title}</dd>' in body


def test_check_refuses_markup_in_an_english_name_at_its_line(tmp_path):
    content = copy_fixture(tmp_path)
    units = content / "units.yaml"
    lines = units.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("short:"))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines.insert(at + 1, f"{indent}name_en: '<i>Office</i>'\n")
    units.write_text("".join(lines), encoding="utf-8")
    model, problems = check_content(content, AS_OF, history=False)
    found = [p for p in problems if p.field == "name_en"]
    assert model is None and found and found[0].line == at + 2, [str(p) for p in problems]
