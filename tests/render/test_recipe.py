"""The recipe renders from a model alone: no content folder, no git, no disk; its guards hold."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest

import generator
from generator.domain.model import (
    Cadence,
    Content,
    Correction,
    Deadline,
    DeadlineKind,
    KeyTask,
    Month,
    Programme,
    Signer,
    Source,
    SourceDocument,
    Task,
    Unit,
    Ward,
)
from generator.opendata.csvdata import to_csv
from generator.output import Page, PathTaken, SiteInfo, SiteOutput
from generator.site import render_site

SITE = SiteInfo("https://example.org/", dt.date(2026, 3, 1))
HERE = Source("(bộ nhớ)", 1)
PACKAGE = Path(generator.__file__).resolve().parent


def in_memory_content() -> Content:
    """A one-task programme built in Python, as if no file had ever existed."""
    day = dt.date(2026, 3, 20)
    fix = Correction("deadline", "20/3/2025", "20/3/2026", "Văn bản ghi nhầm năm.")
    task = Task(
        "2026-03-01", "2026", 3, "1", None, "Tổng vệ sinh môi trường", "Phòng KT", "phong-kt",
        Deadline(DeadlineKind.DATE, day, day, "20/3/2025"), (fix,), None, HERE,
    )  # fmt: skip
    programme = Programme(
        id="2026", year=2026, title="Chương trình công tác năm 2026", issuer="UBND phường X",
        document_number="01/CTr-UBND", issued_on=dt.date(2026, 1, 5),
        source_document="sources/ctct.txt", legal_bases=("Căn cứ …",), preamble="",
        key_tasks=(KeyTask("2026-tt-01", 1, "Thu ngân sách", Cadence.NONE, "", None, (), HERE),),
        months=(Month(3, "Tháng 3/2026", (), (task,), HERE),), organisation=("Tổ chức",),
        closing="", recipients=("Như trên",), signer=Signer("TM. UBND", "CHỦ TỊCH", "A"),
        source=HERE,
    )  # fmt: skip
    unit = Unit("phong-kt", "Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng KT")
    ward = Ward("x", "X", "phường", "Hải Phòng", "Ủy ban nhân dân phường X")
    document = SourceDocument("ctct.txt", "Văn bản gốc\n".encode())
    return Content(ward, (unit,), (programme,), documents=(document,))


def test_render_site_needs_no_folder_no_git_and_no_subprocess(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("rendering must not run a subprocess")

    def package_files_only(read):
        def guarded(path, *args, **kwargs):
            # The generator's own files (templates, the export schema) are code, not content.
            if not Path(path).resolve().is_relative_to(PACKAGE):
                raise AssertionError(f"rendering must not read {path}")
            return read(path, *args, **kwargs)

        return guarded

    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(Path, "read_bytes", package_files_only(Path.read_bytes))
    monkeypatch.setattr(Path, "read_text", package_files_only(Path.read_text))
    output = render_site(in_memory_content(), SITE)
    paths = {page.path for page in output.pages}
    assert {"index.md", "nhiem-vu/2026-03-01.md", "don-vi/phong-kt.md", "lich/index.md"} <= paths
    assert output.files["van-ban/ctct.txt"] == "Văn bản gốc\n".encode()
    assert b"SUMMARY" in output.files["lich/tat-ca.ics"]
    assert "du-lieu/chuong-trinh.csv" in output.files


def test_one_path_one_output_whatever_kind_it_is():
    output = SiteOutput()
    output.add_file("lich/tat-ca.ics", b"a")
    with pytest.raises(PathTaken, match="lich/tat-ca.ics"):
        output.add_file("lich/tat-ca.ics", b"b")
    with pytest.raises(PathTaken, match="lich/tat-ca.ics"):
        output.add_copy("lich/tat-ca.ics", PACKAGE / "site.py")
    output.add_page(Page("nhiem-vu/1.md", "Một", "<p>1</p>"))
    with pytest.raises(PathTaken, match="nhiem-vu/1.md"):
        output.add_page(Page("nhiem-vu/1.md", "Hai", "<p>2</p>"))
    with pytest.raises(PathTaken, match="nhiem-vu/1/index.md"):
        output.add_page(Page("nhiem-vu/1/index.md", "Hai", "<p>2</p>"))  # the same page's place
    with pytest.raises(PathTaken, match="nhiem-vu/1/index.html"):
        output.add_file("nhiem-vu/1/index.html", b"")
    with pytest.raises(PathTaken, match="404.html"):
        output.reserve(["index.html", "404.html", "404.html"])  # the engine's own places
    with pytest.raises(PathTaken, match=r"\(nhiem-vu/1/index.html\): nhiem-vu/1.md và nhiem-vu/"):
        output.reserve(["nhiem-vu/1/index.html"])
    assert output.files == {"lich/tat-ca.ics": b"a"} and len(output.pages) == 1
    assert output.copies == {}


@pytest.mark.parametrize("path", ["../out.txt", "/etc/x", "a/../../b", "a\\b", ""])
def test_paths_stay_inside_the_site(path):
    with pytest.raises(PathTaken, match="không hợp lệ"):
        SiteOutput().add_file(path, b"x")


def test_the_editor_is_a_stage_of_the_recipe():
    output = render_site(in_memory_content(), SITE)
    assert b"Trang qu\xe1\xba\xa3n tr\xe1\xbb\x8b" in output.files["admin/index.html"]
    assert {"admin/config.yml", "admin/chuong-trinh.json"} <= output.files.keys()
    assert output.copies["admin/ctct-editor.js"] == PACKAGE / "editor/static/ctct-editor.js"
    assert output.copies["admin/decap-cms.js"].is_relative_to(PACKAGE / "editor/vendor")


def test_csv_says_each_correction_in_the_one_wording():
    rows = list(csv.DictReader(io.StringIO(to_csv(in_memory_content(), SITE).decode("utf-8-sig"))))
    assert rows[0]["Đính chính"] == (
        "Thời hạn: văn bản ghi «20/3/2025», đọc là «20/3/2026». Văn bản ghi nhầm năm."
    )
