"""`python -m generator verify`: built sites pass; each defect planted in a copy is named by file.

Each planted-defect test expects exactly the findings of its defect (the start of each line, `{}`
standing for a line number), so it fails when the check that finds it is missing, and when
another check cries wolf on the rest of the site.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.verify.data import json_problems
from generator.verify.pages import read_page
from generator.verify.run import verify_site

from ..conftest import CONTENT, MINI


def _copy(site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(site, copy, symlinks=True)
    return copy


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_bytes().decode("utf-8")
    assert old in text, (path, old)
    path.write_bytes(text.replace(old, new, count).encode("utf-8"))


def _findings(site: Path, content: Path | None = None) -> list[str]:
    return [str(finding) for finding in verify_site(site, content).findings]


def test_the_real_site_passes(real_site: Path, capsys) -> None:
    assert _findings(real_site, CONTENT) == []
    assert main(["verify", "--site-dir", str(real_site), "--content", str(CONTENT)]) == 0
    assert capsys.readouterr().err.splitlines()[-1].startswith("0 lỗi trong ")


def test_the_mini_site_passes(mini_site: Path) -> None:
    result = verify_site(mini_site, MINI)
    assert result.findings == []
    assert result.site_url == "https://example.org/ctct/"


def _broken_link(site: Path) -> None:
    _edit(site / "thang/index.html", "</article>", '<a href="2026-13/">x</a></article>')


def _link_outside(site: Path) -> None:
    _edit(site / "index.html", "</article>", '<a href="https://example.org/khac/">x</a></article>')


def _no_lang(site: Path) -> None:
    _edit(site / "gioi-thieu/index.html", '<html lang="vi"', "<html")


def _no_title(site: Path) -> None:
    _edit(site / "gioi-thieu/index.html", "<title>", "<meta name=x>")
    _edit(site / "gioi-thieu/index.html", "</title>", "")


def _unclosed(site: Path) -> None:
    _edit(site / "gioi-thieu/index.html", "</article>", "<section></article>")


def _no_uid(site: Path) -> None:
    _edit(site / "lich/tram-y-te.ics", "\r\nUID:", "\r\nX-UID:")


def _twice_the_same_uid(site: Path) -> None:
    path = site / "lich/tat-ca.ics"
    text = path.read_bytes().decode("utf-8")
    first = text[text.index("BEGIN:VEVENT") : text.index("END:VEVENT") + len("END:VEVENT\r\n")]
    _edit(path, "END:VCALENDAR", first + "END:VCALENDAR")


def _lf_endings(site: Path) -> None:
    _edit(site / "lich/van-phong.ics", "\r\n", "\n", -1)


def _garbage_ics(site: Path) -> None:
    _edit(site / "lich/giao-ban.ics", "BEGIN:VCALENDAR\r\n", "BEGIN:VCALENDAR\r\nkhông phải\r\n")


def _no_prodid(site: Path) -> None:
    _edit(site / "lich/van-phong.ics", "\r\nPRODID:", "\r\nX-PRODID:")


def _atom_without_id(site: Path) -> None:
    _edit(site / "thay-doi/atom.xml", "<id>", "<x>")
    _edit(site / "thay-doi/atom.xml", "</id>", "</x>")


def _broken_xml(site: Path) -> None:
    _edit(site / "sitemap.xml", "</urlset>", "")


def _invalid_json(site: Path) -> None:
    (site / "search/search_index.json").write_bytes(b'{"docs": [')


def _off_schema_json(site: Path) -> None:
    _edit(site / "du-lieu/chuong-trinh.json", '"schema_version"', '"phien_ban"')


def _unparsable_csv(site: Path) -> None:
    with (site / "du-lieu/chuong-trinh.csv").open("ab") as out:
        out.write(b'2026-99,"abc"def\r\n')


def _ragged_csv(site: Path) -> None:
    with (site / "du-lieu/lich-su.csv").open("ab") as out:
        out.write(b"2026-99,x\r\n")


def _csv_without_bom(site: Path) -> None:
    path = site / "du-lieu/lich-su.csv"
    path.write_bytes(path.read_bytes().removeprefix(b"\xef\xbb\xbf"))


def _package_names_a_missing_file(site: Path) -> None:
    _edit(site / "du-lieu/datapackage.json", '"path": "lich-su.csv"', '"path": "lich-su-cu.csv"')


def _hidden_file(site: Path) -> None:
    (site / "lich/.DS_Store").write_bytes(b"x")


def _git_folder(site: Path) -> None:
    (site / ".git").mkdir()
    (site / ".git/HEAD").write_text("ref: refs/heads/main\n")


def _staging_folder(site: Path) -> None:
    (site / ".site-k3j2x").mkdir()
    (site / ".site-k3j2x/index.html").write_text("<html lang=vi><title>x</title></html>")


def _lock_file(site: Path) -> None:
    (site / "build.lock").write_text("")


def _yaml_file(site: Path) -> None:
    (site / "van-ban").mkdir(exist_ok=True)
    (site / "van-ban/ward.yaml").write_text("id: an-bien\n")


def _content_copy(site: Path) -> None:
    shutil.copy(MINI / "units.yaml", site / "du-lieu/don-vi.txt")


def _link_out_of_the_site(site: Path) -> None:
    os.symlink("/etc/passwd", site / "assets/mat-khau.txt")


def _private_key(site: Path) -> None:
    (site / "id_rsa").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n")


def _shadow_copy(site: Path) -> None:
    (site / "assets/shadow").write_text("root:$6$x$y:19000:0:99999:7:::\ndaemon:*:19000::::::\n")


def _folder_link_out_of_the_site(site: Path) -> None:
    os.symlink("../../..", site / "lich/ngoai")


DEFECTS: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "broken link": (
        _broken_link,
        ["thang/index.html:{}: liên kết hỏng <a> 2026-13/: trang không có tệp thang/2026-13/"],
    ),
    "link outside": (_link_outside, ["index.html:{}: liên kết hỏng <a> https://example.org/khac/"]),
    "no lang": (_no_lang, ["gioi-thieu/index.html:1: thiếu ngôn ngữ của trang"]),
    "no title": (_no_title, ["gioi-thieu/index.html: thiếu tiêu đề trang <title>"]),
    "unclosed": (_unclosed, ["gioi-thieu/index.html:{}: thẻ <section> mở ở dòng"]),
    "no UID": (_no_uid, ["lich/tram-y-te.ics:{}: sự kiện thiếu UID"]),
    "same UID twice": (_twice_the_same_uid, ["lich/tat-ca.ics:{}: UID "]),
    "LF endings": (_lf_endings, ["lich/van-phong.ics:1: dòng phải kết thúc bằng CRLF"]),
    "garbage ics": (_garbage_ics, ["lich/giao-ban.ics: icalendar không đọc được tệp"]),
    "no PRODID": (_no_prodid, ["lich/van-phong.ics:1: lịch thiếu PRODID"]),
    "atom without id": (_atom_without_id, ["thay-doi/atom.xml: nguồn tin Atom thiếu <id>"]),
    "broken xml": (_broken_xml, ["sitemap.xml:{}: XML không hợp lệ"]),
    "invalid json": (_invalid_json, ["search/search_index.json:1: JSON không hợp lệ"]),
    "off-schema json": (
        _off_schema_json,
        ["du-lieu/chuong-trinh.json: không đúng lược đồ chuong-trinh.schema.json"] * 2,
    ),
    "unparsable csv": (_unparsable_csv, ["du-lieu/chuong-trinh.csv:{}: CSV không đọc được"]),
    "ragged csv": (_ragged_csv, ["du-lieu/lich-su.csv:{}: dòng có 2 cột"]),
    "csv without BOM": (_csv_without_bom, ["du-lieu/lich-su.csv:1: tệp CSV phải là UTF-8 có BOM"]),
    "package file missing": (
        _package_names_a_missing_file,
        ["du-lieu/datapackage.json: resource thứ 2: trang không có tệp lich-su-cu.csv"],
    ),
    "hidden file": (_hidden_file, ["lich/.DS_Store: tệp hoặc thư mục ẩn không được đăng"]),
    ".git": (_git_folder, [".git: kho git (.git) không được đăng"]),
    "staging folder": (_staging_folder, [".site-k3j2x: tệp hoặc thư mục ẩn không được đăng"]),
    "lock file": (_lock_file, ["build.lock: tệp khóa, tệp tạm"]),
    "yaml file": (_yaml_file, ["van-ban/ward.yaml: tệp YAML không được đăng"]),
    "symlink out": (
        _link_out_of_the_site,
        ["assets/mat-khau.txt: liên kết (symlink) trỏ ra ngoài trang: /etc/passwd"],
    ),
    "private key": (_private_key, ["id_rsa: tệp chứa khóa bí mật hoặc tài khoản hệ thống"]),
    "shadow copy": (
        _shadow_copy,
        ["assets/shadow: tệp chứa khóa bí mật hoặc tài khoản hệ thống"],
    ),
    "folder symlink out": (
        _folder_link_out_of_the_site,
        ["lich/ngoai: liên kết (symlink) trỏ ra ngoài trang"],
    ),
}


@pytest.mark.parametrize("name", list(DEFECTS))
def test_each_planted_defect_is_named_by_file(name: str, mini_site: Path, tmp_path: Path) -> None:
    plant, expected = DEFECTS[name]
    site = _copy(mini_site, tmp_path)
    plant(site)
    found = _findings(site)
    assert len(found) == len(expected), found
    for finding, start in zip(found, expected, strict=True):
        pattern = r"[1-9]\d*".join(re.escape(part) for part in start.split("{}"))
        assert re.match(pattern, finding), (finding, start)  # {}: a line number


def test_a_copy_of_the_content_under_another_name_is_found(mini_site, tmp_path) -> None:
    site = _copy(mini_site, tmp_path)
    _content_copy(site)
    assert _findings(site) == []  # only the content tells
    assert _findings(site, MINI) == [
        f"du-lieu/don-vi.txt: bản sao của {MINI.name}/units.yaml: dữ liệu nguồn không được đăng"
    ]


def test_what_a_site_may_hold(mini_site, tmp_path) -> None:
    site = _copy(mini_site, tmp_path)
    os.symlink("../index.html", site / "lich/trang-chu.html")  # a link inside the site
    (site / "thang/.ctct-site").write_text("")  # the mark, as in each ward of a province
    assert (site / "admin/config.yml").is_file()  # the web editor's settings
    assert _findings(site) == []


@pytest.mark.parametrize("kind", ["missing", "empty", "file", "link"])
def test_no_site_is_said_plainly(kind, tmp_path, capsys) -> None:
    site = tmp_path / "site"
    if kind == "empty":
        site.mkdir()
    elif kind == "file":
        site.write_text("x")
    elif kind == "link":
        (tmp_path / "real").mkdir()
        site.symlink_to(tmp_path / "real")
    assert main(["verify", "--site-dir", str(site)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{site}: ") and len(err.splitlines()) == 1, err
    assert "Traceback" not in err


def test_the_command_prints_one_line_a_problem_and_a_count(mini_site, tmp_path, capsys) -> None:
    site = _copy(mini_site, tmp_path)
    _no_lang(site)
    _hidden_file(site)
    assert main(["verify", "--site-dir", str(site), "--content", str(MINI)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("gioi-thieu/index.html:1: ")
    assert lines[1].startswith("lich/.DS_Store: ")
    assert lines[2].startswith("2 lỗi trong ") and len(lines) == 3


def test_a_missing_content_folder_is_said(mini_site, tmp_path, capsys) -> None:
    assert main(["verify", "--site-dir", str(mini_site), "--content", str(tmp_path / "x")]) == 1
    assert "không có thư mục dữ liệu" in capsys.readouterr().err


def test_without_jsonschema_the_top_level_fields_are_checked(mini_site, tmp_path, monkeypatch):
    site = _copy(mini_site, tmp_path)
    _off_schema_json(site)
    monkeypatch.setitem(sys.modules, "jsonschema", None)  # as in a ward's CI: not installed
    assert _findings(site) == [
        "du-lieu/chuong-trinh.json: không đúng lược đồ chuong-trinh.schema.json: "
        "thiếu trường schema_version"
    ]


@pytest.mark.parametrize(
    "html",
    [
        "<ul><li>a<li>b</ul><p>c<p>d<div>e</div>",
        "<table><thead><tr><th>a<tbody><tr><td>b<td>c</table>",
        "<dl><dt>a<dd>b</dl><select><option>a<option>b</select>",
        '<svg><path d="M0 0"/><g></g></svg><br><img src="x.png"></br>',
        "<script>if (a < b) document.write('</div>')</script><p><section></section>",
    ],
)
def test_what_html_allows_is_not_reported(html: str) -> None:
    page = read_page(f"<!doctype html><html lang=vi><head><title>x</title><body>{html}")
    assert page.structure == []
    assert (page.lang, page.title) == ("vi", "x")


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<div><span>a</div>", [(1, "thẻ <span> mở ở dòng 1 chưa đóng trước </div>")]),
        ("<div>a</div></div>", [(1, "thẻ đóng </div> không có thẻ mở tương ứng")]),
        ("\n<main><div>a</main>", [(2, "thẻ <div> mở ở dòng 2 chưa đóng trước </main>")]),
        ("<nav>\n<a href=x>a", [(1, "thẻ <nav> không được đóng"), (2, "thẻ <a> không được đóng")]),
    ],
)
def test_what_no_browser_reads_as_written_is_reported(html: str, expected) -> None:
    assert read_page(html).structure == expected


def test_json_is_read_as_json_not_as_python() -> None:
    assert json_problems(b'{"a": NaN}')[1] == [(0, "JSON không hợp lệ: NaN không có trong JSON")]


def test_verify_imports_no_mkdocs() -> None:
    code = (
        "import sys, generator.verify.run; print(sorted(m for m in sys.modules if 'mkdocs' in m))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
