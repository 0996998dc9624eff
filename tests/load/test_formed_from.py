"""A commune formed by the 2025 merger (`formed_from`, `formed_by` in ward.yaml): checked at
their lines, named on the about page, and an old commune's name finds the new one's tasks."""

from __future__ import annotations

import dataclasses

from generator.load.content import check_content
from generator.render.context import PageContext
from generator.render.pages import about_page
from generator.search.documents import search_documents
from generator.search.text import terms, words

from ..conftest import AS_OF, copy_fixture

FORMED = (
    "formed_from:\n  - name: xã Lê Lợi\n  - name: phường Đông Hải\n"
    "formed_by: Nghị quyết số 1669/NQ-UBTVQH15\n"
)


def ward_with(tmp_path, extra: str):
    content = copy_fixture(tmp_path)
    path = content / "ward.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return check_content(content, AS_OF, history=False)


def test_check_reads_the_former_units_and_the_resolution(tmp_path):
    model, problems = ward_with(tmp_path, FORMED)
    assert model is not None, [str(p) for p in problems]
    assert model.ward.formed_from == ("xã Lê Lợi", "phường Đông Hải")
    assert model.ward.formed_by == "Nghị quyết số 1669/NQ-UBTVQH15"


def test_check_refuses_a_former_unit_without_a_name_or_with_markup_at_its_line(tmp_path):
    model, problems = ward_with(tmp_path, "formed_from:\n  - name: '<b>x</b>'\n  - tên: y\n")
    assert model is None
    found = sorted((p.line, p.field) for p in problems)
    assert (7, "name") in found and any(line == 8 for line, _ in found), [str(p) for p in problems]


def test_the_about_page_names_the_former_units(mini_content, site_info):
    ward = dataclasses.replace(mini_content.ward, formed_from=("xã <Lê Lợi>",), formed_by="")
    body = about_page(PageContext(dataclasses.replace(mini_content, ward=ward), site_info)).body
    assert "<li>xã &lt;Lê Lợi&gt;</li>" in body and "Theo: không ghi." in body


def test_an_old_communes_name_finds_the_new_communes_tasks(mini_content):
    ward = dataclasses.replace(mini_content.ward, formed_from=("xã Lê Lợi",))
    content = dataclasses.replace(mini_content, ward=ward)
    docs = search_documents(content, [], AS_OF)
    for query in ("Lê Lợi", "le loi"):
        keys = set(terms(words(query)))
        found = [d.url for d in docs if keys <= set(terms(words(" ".join((d.title, *d.body)))))]
        tasks = [f"nhiem-vu/{t.id}/" for t in content.tasks]
        assert set(tasks) <= set(found), query
    plain = search_documents(mini_content, [], AS_OF)
    assert not [d for d in plain if {"le", "loi"} <= set(terms(words(" ".join(d.body))))]
