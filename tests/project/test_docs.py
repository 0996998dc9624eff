"""The documentation site (docs/): built with the project's own mkdocs and Material, strictly.

Every section of the old long README has a home in the docs, reachable from the navigation; a
dated figure log has none here (those live in benchmarks/RESULTS.md). The docs read offline: no
page asks another host for a script, a stylesheet, a font or a picture. README.md is now only a
front door (it is also the package's description on PyPI): short, and every link it gives
opens from the top folder.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "docs" / "mkdocs.yml"
FRONT_DOOR_LINES = 150

MOVED = {
    "The two commands": "development.md#the-commands",
    "Editing the programme": "can-bo.md#dua-len-trang",
    "The programme's life: progress, adjustments, history": (
        "architecture.md#the-programmes-life-history-from-git"
    ),
    "What the law asks of the site": "ap-dung.md#trang-cong-bo-nhung-gi-theo-luat",
    "Trang quản trị / The web editor (`/admin/`)": "editor.md#what-it-is",
    "Thử trên một máy: `make edit`": "can-bo.md#bao-cao-tien-o-bang-trang-quan-tri",
    "Trên trang thật: đăng nhập bằng GitHub": "dang-trang.md#trang-quan-tri-tren-trang-that",
    "Máy chủ git khác: GitLab, Gitea, Forgejo": "dang-trang.md#gitlab-gitea-forgejo",
    "Why Decap CMS, not Sveltia CMS": "editor.md#why-decap-cms-not-sveltia-cms",
    "The vendored bundle": "editor.md#the-vendored-bundle-and-updating-decap",
    "Next year's programme / Chương trình năm sau": "nhap-van-ban.md#tu-tep-word-tung-buoc",
    "From a PDF, or a scanned PDF": "nhap-van-ban.md#tu-tep-pdf-ke-ca-ban-quet-co-chu-ky",
    "Sau khi nhập bản quét": "can-bo.md#sau-khi-nhap-ban-quet",
    "OCR: how a scan is read": "architecture.md#the-importer",
    "Phường, xã khác dùng công cụ này": "ap-dung.md#tao-kho-cua-phuong-xa-tung-buoc",
    "Kho làm theo cách cũ (migrate)": "ap-dung.md#kho-lam-theo-cach-cu-migrate",
    "Releases / Phát hành": "development.md#releases",
    "How it is built": "architecture.md#the-pipeline",
    "Another engine": "architecture.md#another-engine",
    "Security": "security.md#the-attack-classes",
    "Tests": "development.md#tests",
    "Search": "search.md#what-it-does",
    "Publishing": "dang-trang.md#github-pages",
    "A province of wards": "province.md#build-all",
    "A province's own repository: `new-province`": (
        "province.md#a-provinces-own-repository-new-province"
    ),
    "On a CI engine: a job matrix": "province.md#on-a-ci-engine-a-job-matrix",
    "The national layout, on paper": "province.md#the-national-layout-on-paper",
    "Calendar feeds": "feeds.md#the-feeds",
    "Stamps": "feeds.md#stamps-from-the-git-history-never-the-clock",
    "Build from a full clone": "feeds.md#build-from-a-full-clone",
    "Serving (nginx, Apache)": "dang-trang.md#nginx-apache-va-may-chu-tinh-khac",
    "Speed": "speed.md#how-it-is-measured",
    "Speed devices, kept only where they pay in CPU": "speed.md#speed-devices-removed",
    "Long histories": "speed.md#long-histories",
    "A cap on the history read": "speed.md#a-cap-on-the-history-read",
    "A province: `build-all` against plain mkdocs-material": "speed.md#how-it-is-measured",
}
"""Each section of the long README (1,218 lines at the end, before it became a front door), and
where it lives now: the docs answer for these. Left out on purpose, to benchmarks/RESULTS.md:
the dated figure logs of build speed and its devices, long histories and the history cap, a
province's build, search downloads and scores, OCR accuracy and the national portal."""


def nav_pages(nav) -> set[str]:
    found: set[str] = set()
    for item in nav:
        for value in item.values() if isinstance(item, dict) else [item]:
            if isinstance(value, list):
                found |= nav_pages(value)
            else:
                found.add(value)
    return found


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !ENV; none matters to the navigation."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("docs") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(CONFIG), "-d", str(site)],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_docs_build_strictly(built: Path) -> None:
    assert (built / "index.html").is_file()


def test_every_moved_readme_section_is_reachable_from_the_nav(built: Path) -> None:
    config = yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=_Loader)
    pages = nav_pages(config["nav"])
    missing = []
    for section, target in MOVED.items():
        page, anchor = target.split("#")
        html = built / page.removesuffix(".md") / "index.html"
        if page not in pages:
            missing.append(f"{section}: {page} is not in the nav")
        elif f'id="{anchor}"' not in html.read_text(encoding="utf-8"):
            missing.append(f"{section}: {page} has no heading #{anchor}")
    assert missing == []
    folder = CONFIG.parent / "pages"
    assert {p.relative_to(folder).as_posix() for p in folder.glob("**/*.md")} - pages == set()


def test_docs_ask_nothing_of_another_host(built: Path) -> None:
    external = re.compile(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(?:https?:)?//')
    offenders = [
        str(page.relative_to(built))
        for page in built.glob("**/*.html")
        if external.search(page.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_guides_pictures_are_small_and_all_used(built: Path) -> None:
    pictures = sorted((CONFIG.parent / "pages" / "anh").glob("*.png"))
    assert pictures, "docs/pages/anh/: run the opt-in screenshot test (Tests and releases)"
    guide = (CONFIG.parent / "pages" / "can-bo.md").read_text(encoding="utf-8")
    assert [p.name for p in pictures if f"anh/{p.name}" not in guide] == []
    assert [p.name for p in pictures if p.stat().st_size > 60_000] == []


def test_the_readme_is_a_front_door_whose_links_open() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= FRONT_DOOR_LINES
    targets = re.findall(r"\]\(([^)\s]+)\)", readme)
    relative = [t.split("#")[0] for t in targets if "://" not in t and not t.startswith("#")]
    assert relative, "the front door links the docs"
    assert [t for t in relative if not (ROOT / t).is_file()] == []
    config = yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=_Loader)
    linked = {t.removeprefix("docs/pages/") for t in relative if t.startswith("docs/pages/")}
    assert nav_pages(config["nav"]) - {"index.md"} - linked == set()
