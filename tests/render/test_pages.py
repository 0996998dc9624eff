"""Page bodies of the fixture programme against golden files, and page behaviour.

Update the goldens after an intended change with
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_pages.py
then review the diff in tests/golden/pages/ before committing.
"""

from __future__ import annotations

import os
import re

import pytest

from generator.output import SiteOutput
from generator.render.pages import add_pages, current_programme

from ..conftest import ROOT
from ..helpers import edit_file

GOLDEN = ROOT / "tests" / "golden" / "pages"


@pytest.fixture(scope="module")
def pages(mini_content, site_info):
    output = SiteOutput()
    add_pages(output, mini_content, site_info)
    return {page.path: page for page in output.pages}


def golden_name(path: str) -> str:
    return path.replace("/", "__").removesuffix(".md") + ".html"


def test_pages_match_golden_files(pages):
    expected_names = {golden_name(path) for path in pages}
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.glob("*.html"):
            old.unlink()
        for path, page in pages.items():
            (GOLDEN / golden_name(path)).write_text(page.body, encoding="utf-8")
    assert {p.name for p in GOLDEN.glob("*.html")} == expected_names
    for path, page in pages.items():
        assert page.body == (GOLDEN / golden_name(path)).read_text(encoding="utf-8"), path


def test_one_page_per_month_unit_and_task(pages, mini_content):
    for programme in mini_content.programmes:
        for month in programme.months:
            assert f"thang/{programme.id}-{month.number:02d}.md" in pages
    for unit in mini_content.units:
        assert f"don-vi/{unit.id}.md" in pages
    for task in mini_content.tasks:
        assert f"nhiem-vu/{task.id}.md" in pages
    for fixed in ("index.md", "trong-tam.md", "gioi-thieu.md", "thang/index.md", "don-vi/index.md"):
        assert fixed in pages


def test_home_states_the_build_date_and_what_falls_due(pages):
    home = pages["index.md"].body
    assert "Tiến độ tính đến ngày 24/01/2026" in home
    assert "Cập nhật ngày" not in home, "the build date is not when the data changed"
    recent = home.split('id="vua-den-han"')[1]
    assert "Kế hoạch tiêm chủng mở rộng" in recent  # due 20/01, four days before
    upcoming = home.split('id="sap-den-han"')[1].split('id="vua-den-han"')[0]
    assert "Không có nhiệm vụ nào" in upcoming  # next deadline is 25/02, 32 days ahead


def test_month_page_shows_vietnamese_deadlines_and_corrections(pages):
    january = pages["thang/2026-01.md"].body
    assert "Thứ Năm, 15/01/2026" in january
    assert "10–20/1/2026" in january
    assert "Theo kế hoạch" in january
    assert 'class="ctct-sub"' in january  # sub-item 2.1 under its parent
    february = pages["thang/2026-02.md"].body
    assert "<del" in february and "25/02/2025" in february and "Thứ Tư, 25/02/2026" in february
    assert 'rel="prev"' in february and 'href="../../thang/2026-01/"' in february


def test_unit_page_includes_tasks_given_to_all_units(pages):
    body = pages["don-vi/phong-van-hoa-xa-hoi.md"].body
    assert "Chương trình công tác năm 2026 của phường" in body
    assert "Giao cho tất cả các phòng, đơn vị" in body
    assert body.index("Thứ Năm, 15/01/2026") < body.index("Thứ Ba, 20/01/2026")


def test_task_page_links_back_and_explains_missing_dates(pages):
    per_plan = pages["nhiem-vu/2026-01-03.md"].body
    assert "không có trong lịch" in per_plan
    assert "Văn bản không ghi đơn vị chủ trì" in per_plan
    child = pages["nhiem-vu/2026-01-02-1.md"].body
    assert 'href="../../nhiem-vu/2026-01-02/"' in child
    assert 'href="../../don-vi/tram-y-te/"' in child
    assert 'href="../../lich/nhiem-vu/2026-01-02-1.ics"' in child


def test_current_programme_is_the_build_year_else_the_latest(mini_content):
    import datetime as dt

    assert current_programme(mini_content, dt.date(2026, 5, 1)).year == 2026
    assert current_programme(mini_content, dt.date(2031, 5, 1)).year == 2026


def test_progress_is_shown_and_never_invented(pages):
    done = pages["nhiem-vu/2026-01-01.md"].body
    assert "Đã hoàn thành ngày 14/01/2026 · đúng hạn" in done
    assert 'href="https://example.gov.vn/vb/12"' in done
    assert '<script type="application/ld+json">' in done
    no_record = pages["nhiem-vu/2026-01-02.md"].body
    assert "Chưa cập nhật tiến độ" in no_record
    for path in ("index.md", "thang/2026-01.md", "don-vi/tram-y-te.md"):
        assert 'class="ctct-rollup"' in pages[path].body, path
    home = pages["index.md"].body
    units = home.split('class="ctct-units-progress"')[1].split("</details>")[0]
    months = home.split('class="ctct-months-progress"')[1].split("</details>")[0]
    assert units.count('class="ctct-rollup"') == 4  # the fixture's four units
    assert months.count('class="ctct-rollup"') == 2  # and its two months


def test_long_task_titles_are_cut_at_a_word_and_the_page_keeps_the_whole_text(tmp_path, site_info):
    from generator.load.content import load_content
    from generator.render.pages import TITLE_CHARS

    from ..conftest import AS_OF, copy_fixture

    content_dir = copy_fixture(tmp_path)
    programme = content_dir / "programmes" / "2026.yaml"
    long_text = "Kế hoạch " + "tổ chức các hoạt động chào mừng " * 6 + "năm 2026"
    edit_file(programme, "content: Kế hoạch tiêm chủng mở rộng", f"content: {long_text}", None)
    output = SiteOutput()
    add_pages(output, load_content(content_dir, AS_OF), site_info)
    page = next(p for p in output.pages if p.path == "nhiem-vu/2026-01-02-1.md")
    assert len(page.title) <= TITLE_CHARS and page.title.endswith("…")
    assert long_text.startswith(page.title[:-1]) and not page.title[:-1].endswith(" ")
    assert long_text in page.body


def test_page_bodies_are_well_formed(pages):
    """One wrapper div with its kind, one h1, and nothing of the body leaking into attributes."""
    from html.parser import HTMLParser

    class Check(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack: list[str] = []
            self.first: tuple[str, dict] | None = None
            self.h1 = 0

        def handle_starttag(self, tag, attrs):
            if self.first is None:
                self.first = (tag, dict(attrs))
            self.h1 += tag == "h1"
            if tag not in ("br", "img", "hr", "input", "meta", "link", "wbr"):
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack and self.stack[-1] == tag, (tag, self.stack)
            self.stack.pop()

    for path, page in pages.items():
        check = Check()
        check.feed(page.body)
        check.close()
        assert check.stack == [], path
        tag, attrs = check.first
        assert tag == "div" and re.fullmatch(r"ctct ctct-[a-z-]+", attrs["class"]), path
        assert check.h1 == 1, path
    task = pages["nhiem-vu/2026-01-01.md"].body
    assert task.index("</dl>") < task.index('<script type="application/ld+json">')


# --- where each task stands, and the frame (issue 22) ---------------------------------------


def _rows(body: str) -> list[str]:
    return re.findall(r"<tr[^>]*id=\"nv-[^\"]+\">.*?</tr>", body, re.S)


def test_every_task_line_states_its_standing_in_the_one_wording(pages, mini_content, site_info):
    from generator.domain.standing import progress_text

    january = pages["thang/2026-01.md"].body
    tasks = [t for t in mini_content.tasks if t.month == 1]
    assert len(_rows(january)) == len(tasks)
    for task, row in zip(tasks, _rows(january), strict=True):
        assert progress_text(task, site_info.as_of) in row, task.id
    unit = pages["don-vi/tram-y-te.md"].body
    for task in mini_content.tasks_of_unit(mini_content.unit("tram-y-te")):
        assert progress_text(task, site_info.as_of) in unit
    assert "Chưa thực hiện" not in january + unit, "a status nobody reported"


def test_the_progress_page_lists_overdue_due_soon_and_done_tasks(pages, mini_content, site_info):
    from generator.domain.standing import Standing, standing

    body = pages["tien-do.md"].body
    overdue = body.split('id="qua-han"')[1].split('id="sap-den-han"')[0]
    done = body.split('id="da-hoan-thanh"')[1]
    for task in mini_content.tasks:
        link = f'href="../nhiem-vu/{task.id}/"'
        state = standing(task, site_info.as_of)
        assert (link in overdue) == (state is Standing.OVERDUE), task.id
        assert (link in done) == (state is Standing.DONE_ON_TIME), task.id
    assert 'href="../don-vi/tram-y-te/"' in body, "counted by unit"
    home = pages["index.md"].body
    assert 'href="tien-do/#qua-han">Quá hạn, chưa báo cáo hoàn thành: 2 nhiệm vụ' in home
    assert 'href="tien-do/#da-hoan-thanh">Đã báo cáo hoàn thành: 1 nhiệm vụ' in home


def test_one_label_for_the_deadline_and_no_bare_tt(pages):
    bodies = "".join(page.body for page in pages.values())
    assert "Thời gian xong trước ngày" not in bodies
    assert 'data-label="TT"' not in bodies


def test_the_search_page_works_without_javascript(pages, mini_content):
    body = pages["tim-kiem/index.md"].body
    assert '<form class="ctct-search-form" action="./" method="get"' in body
    assert 'name="q"' in body
    for unit in mini_content.units:
        assert f'href="../don-vi/{unit.id}/"' in body
    assert 'href="../thang/2026-01/"' in body
    assert not pages["tim-kiem/index.md"].searchable


def test_citizens_pages_carry_no_field_names_or_english_jargon(mini_site):
    """/trong-tam/, /du-lieu/ and /lich/ speak Vietnamese, not the data's field names."""
    for path, words in (
        ("trong-tam/index.html", ("<code>meeting</code>",)),
        ("du-lieu/index.html", ("JSON Schema", "BOM", "OWASP")),
        ("lich/index.html", ("(webcal)", "camera iPhone để")),
    ):
        body = (mini_site / path).read_text(encoding="utf-8").split("<article", 1)[1]
        body = body.split("</article>", 1)[0]
        for word in words:
            assert word not in body, f"{path}: {word}"
