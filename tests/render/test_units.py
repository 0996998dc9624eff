"""A unit's page lists the current programme's tasks; each other year has a page of its own, so
the page a citizen opens grows with one year, not with every year the site keeps."""

from __future__ import annotations

import datetime as dt

from generator.load.content import load_content
from generator.output import SiteInfo
from generator.site import render_site

from ..conftest import copy_fixture
from ..helpers import replaced

AS_OF = dt.date(2026, 3, 1)


def _two_years(tmp_path):
    content = copy_fixture(tmp_path)
    text = (content / "programmes" / "2026.yaml").read_text(encoding="utf-8")
    (content / "programmes" / "2027.yaml").write_text(replaced(text, "2026", "2027", None), "utf-8")
    for report in (content / "reports").glob("*.yaml"):
        report.unlink()  # reports name 2026's tasks only; not what is tested here
    return load_content(content, AS_OF, history=False)


def test_the_unit_page_lists_this_year_and_links_the_others(tmp_path):
    content = _two_years(tmp_path)
    pages = {p.path: p for p in render_site(content, SiteInfo("https://x.vn/", AS_OF)).pages}
    unit = next(u for u in content.units if not u.is_all)
    main, other = pages[f"don-vi/{unit.id}.md"], pages[f"don-vi/{unit.id}/2027.md"]
    mine = [t for t in content.tasks_of_unit(unit) if t.programme_id == "2026"]
    assert mine and all(f"nhiem-vu/{t.id}/" in main.body for t in mine)
    assert not any(f"nhiem-vu/{t.id}/" in main.body for t in content.tasks if "2027" in t.id)
    assert f'<a href="../../don-vi/{unit.id}/2027/">Năm 2027</a>' in main.body
    assert "Năm 2026:" in main.body
    later = [t for t in content.tasks_of_unit(unit) if t.programme_id == "2027"]
    assert all(f"nhiem-vu/{t.id}/" in other.body for t in later)
    assert other.title == f"{unit.name} – năm 2027"


def test_with_one_programme_the_unit_page_is_as_before(tmp_path):
    content = load_content(copy_fixture(tmp_path), AS_OF, history=False)
    paths = [p.path for p in render_site(content, SiteInfo("https://x.vn/", AS_OF)).pages]
    assert not [p for p in paths if p.startswith("don-vi/") and p.count("/") > 1]
