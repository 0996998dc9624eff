"""The province portal from the wards' digests: one page, a cross-ward search, data, a feed.

Pure: the digests, the province's name and the portal's own files (read by the load stage)
in, files by path out. The page is autoescaped Jinja; the search is the wards' own engine
(`theme/assets/javascripts/search.js`) over one index of every ward's tasks, joined from the
wards' shares of it (`generator.search.index`), fetched only when someone types.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment

from generator.common.dates import fold_accents, format_date
from generator.common.urls import search_index_path
from generator.engine.siteconfig import theme_dir
from generator.opendata.page import LICENCE, human_size
from generator.output import SiteInfo
from generator.province.digest import WardDigest
from generator.province.distinct import told_apart_by_code
from generator.province.portal_data import (
    FEED,
    JSON_FILE,
    PACKAGE_FILE,
    TASKS_CSV,
    WARDS_CSV,
    change_feed,
    data_files,
)
from generator.render.templating import template_environment
from generator.search.index import joined_index

PORTAL_PAGE = "index.html"
WARD_ROWS = "du-lieu/bang-phuong.json"
"""A large portal's ward table, fetched when someone filters it (`static/portal.js`)."""
INLINE_WARDS = 300
"""The most wards whose rows the page itself holds; a larger portal (the country's 3,321)
keeps its first view light: its rows are in `WARD_ROWS`, `ROW_LIMIT` of them shown at once."""
ROW_LIMIT = 200
DATA_LABELS = {
    JSON_FILE: "Mọi phường, xã và mọi nhiệm vụ (JSON)",
    TASKS_CSV: "Nhiệm vụ của mọi phường, xã, mỗi nhiệm vụ một dòng (CSV, mở được bằng Excel)",
    WARDS_CSV: "Các phường, xã và số liệu của bảng trên (CSV)",
    PACKAGE_FILE: "Mô tả dữ liệu (Data Package)",
}


@dataclass(frozen=True)
class PortalAssets:
    """The portal's own static files, by site path (read by the load stage)."""

    files: dict[str, bytes]


@dataclass(frozen=True)
class _Totals:
    tasks: int
    reported: int
    overdue: int


def render_portal(
    province: str,
    wards: list[WardDigest],
    missing: list[str],
    site: SiteInfo,
    assets: PortalAssets,
) -> dict[str, bytes]:
    """Every file of the portal; `missing` names the wards that have no site yet."""
    files = dict(assets.files)
    files.update(data_files(province, wards, site))
    files[FEED] = change_feed(province, wards, site)
    files.update(joined_index([w.search for w in wards]))
    if len(wards) > INLINE_WARDS:
        files[WARD_ROWS] = _rows(wards)
    files[PORTAL_PAGE] = portal_page(province, wards, missing, site, files).encode()
    return files


def _rows(wards: list[WardDigest]) -> bytes:
    """The table's rows as the page's script renders them: [id, place, province, code, year,
    tasks, reported, overdue, last report]."""
    told = told_apart_by_code(wards)
    rows = [
        [
            w.id,
            f"{w.place} (mã {w.code})" if w.id in told else w.place,
            w.city,
            w.code or "—",
            w.year,
            w.tasks,
            w.reported,
            w.overdue,
            format_date(dt.date.fromisoformat(w.last_report)) if w.last_report else "chưa có",
        ]
        for w in wards
    ]
    return (json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def _cities(wards: list[WardDigest]) -> list[dict[str, object]]:
    """The provinces of the wards, in Vietnamese order of their names, each with its count."""
    counts: dict[str, int] = {}
    for w in wards:
        counts[w.city] = counts.get(w.city, 0) + 1
    return [
        {"name": c, "count": counts[c]}
        for c in sorted(counts, key=lambda c: (fold_accents(c).lower(), c))
    ]


def portal_page(
    province: str, wards: list[WardDigest], missing: list[str], site: SiteInfo, files: dict
) -> str:
    totals = _Totals(*(sum(getattr(w, f) for w in wards) for f in ("tasks", "reported", "overdue")))
    return (
        _environment()
        .get_template("portal.html")
        .render(
            title=f"Chương trình công tác các phường, xã – {province}",
            description=f"Chương trình công tác năm của {len(wards)} phường, xã của {province}: "
            "nhiệm vụ, tiến độ báo cáo, tìm kiếm chung và dữ liệu mở.",
            province=province,
            as_of=site.as_of,
            wards=wards,
            inline_wards=wards if len(wards) <= INLINE_WARDS else [],
            rows_file=WARD_ROWS if len(wards) > INLINE_WARDS else "",
            row_limit=ROW_LIMIT,
            wards_csv=WARDS_CSV,
            cities=_cities(wards),
            told_apart=told_apart_by_code(wards),
            missing=missing,
            totals=totals,
            feed=FEED,
            search_index=search_index_path(),
            licence=LICENCE["title"],
            data_files=[
                {"path": path, "label": label, "size": human_size(len(files[path]))}
                for path, label in DATA_LABELS.items()
            ],
        )
    )


@cache
def _environment() -> Environment:
    # the theme's too: the search box's parts shared with the wards' pages
    # (theme/partials/ctct-search-box.html), found where the wards' builds find the theme
    env = template_environment("generator.province", also=theme_dir())
    env.filters["date"] = format_date
    env.filters["iso_date"] = lambda text: format_date(dt.date.fromisoformat(text)) if text else ""
    return env
