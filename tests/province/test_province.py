"""`build-all`: a province of wards, built in parallel, incrementally, with its portal."""

from __future__ import annotations

import csv
import dataclasses
import errno
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from generator.editor.files import VENDOR
from generator.engine.sitedir import MARK
from generator.load.content import check_content
from generator.province.digest import WardDigest
from generator.province.keys import generator_key, ward_key
from generator.province.provincefile import read_province

from ..conftest import MINI, ROOT, copy_fixture, run_git
from ..helpers import snapshot
from ..province_kit import PROVINCE_EPOCH, build_all, make_province, rename_ward, state_of

# --- the province file -----------------------------------------------------------------------


def _province(tmp_path: Path, text: str, wards: tuple[str, ...] = ("phuong-a",)) -> Path:
    for ward in wards:
        (tmp_path / "wards" / ward / "content").mkdir(parents=True)
    (tmp_path / "province.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _errors(root: Path) -> str:
    province, problems = read_province(root)
    assert province is None
    return "\n".join(map(str, problems))


def test_wards_are_found_under_wards_when_not_listed(tmp_path):
    province, problems = read_province(_province(tmp_path, "name: Hải Phòng\n", ("b", "a")))
    assert not problems
    assert [w.id for w in province.wards] == ["a", "b"]
    assert province.wards[0].content == (tmp_path / "wards" / "a" / "content").resolve()


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        ("- id: ../x", "chỉ được gồm chữ thường"),
        ("- id: assets", "không trùng thư mục của cổng tỉnh"),
        ("- id: tim-kiem", "không trùng thư mục của cổng tỉnh"),
        ("- {id: phuong-a, content: ../elsewhere}", "không có '..'"),
        ("- {id: phuong-a, content: /etc}", "đường dẫn tương đối"),
        ("- {id: phuong-a, content: 'wards\\\\phuong-a'}", "đường dẫn tương đối"),
        ("- {id: phuong-a, content: province.yaml}", "là tệp, không phải thư mục"),
        ("- {id: phuong-a, colour: red}", "trường không xác định"),
        ("- id: [phuong-a", "YAML"),
    ],
)
def test_hostile_province_files_are_refused_at_their_line(tmp_path, entry, said):
    root = _province(tmp_path, f"name: Hải Phòng\nwards:\n  {entry}\n")
    message = _errors(root)
    assert said in message and message.startswith("province.yaml:"), message


def test_the_same_ward_twice_is_refused(tmp_path):
    root = _province(tmp_path, "name: X\nwards:\n  - id: phuong-a\n  - id: phuong-a\n")
    assert "xuất hiện hai lần" in _errors(root)


def test_a_symlinked_content_folder_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "p"
    (root / "wards" / "phuong-a").mkdir(parents=True)
    (root / "wards" / "phuong-a" / "content").symlink_to(outside)
    (root / "province.yaml").write_text("name: X\n", encoding="utf-8")
    assert "symlink" in _errors(root)


def test_a_name_with_markup_is_refused(tmp_path):
    root = _province(tmp_path, "name: <script>\n")
    assert "name" in _errors(root)


# --- the ward's administrative unit code ------------------------------------------------------


@pytest.mark.parametrize("code", ["1234", "123456", "12a45", "１２３４５"])
def test_a_bad_administrative_code_is_an_error_at_its_line(tmp_path, code):
    content = copy_fixture(tmp_path)
    with (content / "ward.yaml").open("a", encoding="utf-8") as ward:
        ward.write(f"code: '{code}'\n")
    model, problems = check_content(content, history=False)
    assert model is None
    assert any(p.file.endswith("ward.yaml") and p.line == 6 and p.field == "code" for p in problems)


def test_a_good_administrative_code_reaches_the_model(tmp_path):
    content = copy_fixture(tmp_path)
    with (content / "ward.yaml").open("a", encoding="utf-8") as ward:
        ward.write("code: '00004'\n")
    model, _ = check_content(content, history=False)
    assert model.ward.code == "00004"


# --- keys ---------------------------------------------------------------------------------------


def test_a_ward_key_moves_with_its_content_its_history_and_the_generator(tmp_path):
    content = copy_fixture(tmp_path)
    run_git(tmp_path, "init", "-q")
    run_git(tmp_path, "add", "-A")
    run_git(tmp_path, "commit", "-qm", "một")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    common = generator_key(config, "https://a.example/", "2026-01-01")
    first = ward_key(common, "a", content)
    assert ward_key(common, "a", content) == first
    assert ward_key(common, "b", content) != first
    assert generator_key(config, "https://b.example/", "2026-01-01") != common
    assert generator_key(config, "https://a.example/", "2026-01-02") != common
    config.write_text("site_name: y\n", encoding="utf-8")
    assert (
        ward_key(generator_key(config, "https://a.example/", "2026-01-01"), "a", content) != first
    )
    run_git(tmp_path, "commit", "-q", "--allow-empty", "-m", "không đổi dữ liệu")
    assert ward_key(common, "a", content) == first, "a commit elsewhere is no change"
    (content / "units.yaml").write_text((content / "units.yaml").read_text() + "\n")
    edited = ward_key(common, "a", content)
    assert edited != first
    run_git(tmp_path, "commit", "-qam", "sửa")
    assert ward_key(common, "a", content) != edited, "the commit is in the ward's history"


# --- a province built, rebuilt, broken -------------------------------------------------------


@pytest.fixture(scope="module")
def province(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("tinh")
    wards = {"an-bien": ("An Biên", MINI, "31006"), "xa-dong": ("Đông Hưng", MINI, "")}
    province = make_province(root / "repo", wards)
    site = root / "site"
    done = build_all(province, site)
    assert done.returncode == 0, done.stderr
    return province, site


def test_every_ward_and_the_portal_are_built(province):
    _, site = province
    for ward in ("an-bien", "xa-dong"):
        assert (site / ward / "index.html").is_file()
        assert (
            "https://tinh.example.org/" + ward + "/"
            in (site / ward / "lich" / "tat-ca.ics").read_text()
        )
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="an-bien/"' in page and "Đông Hưng" in page and "31006" in page
    assert (site / "tim-kiem" / "chi-muc.json").is_file()


def test_a_ward_built_in_the_province_is_the_ward_built_alone(province, tmp_path):
    """Forked from a parent that compiled the templates once (`engine/compiled.py`), a ward's
    build gives the bytes of the same ward built alone at the same address."""
    root, site = province
    alone = tmp_path / "alone"
    env = {"SOURCE_DATE_EPOCH": PROVINCE_EPOCH, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    argv = [sys.executable, "-m", "generator", "build", "--content"]
    argv += [str(root / "wards" / "an-bien" / "content"), "--site-dir", str(alone)]
    env["SITE_URL"] = "https://tinh.example.org/an-bien/"
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    built_alone, in_province = snapshot(alone), snapshot(site / "an-bien")
    assert built_alone.pop(MARK)  # a lone build marks its folder; a ward's mark is in the state
    editor = "admin/config.yml"  # the editor writes the ward's folder of the province's repository
    alone_editor, province_editor = built_alone.pop(editor), in_province.pop(editor)
    assert province_editor == alone_editor.replace(b"content/", b"wards/an-bien/content/")
    for bundled in sorted(p.name for p in VENDOR.iterdir() if p.is_file()):  # served once
        assert built_alone.pop(f"admin/{bundled}") == (site / "admin-bundle" / bundled).read_bytes()
    assert built_alone == in_province


def test_open_data_names_each_ward_and_its_code(province):
    _, site = province
    data = json.loads((site / "du-lieu" / "tinh.json").read_text(encoding="utf-8"))
    assert [(w["id"], w["code"]) for w in data["wards"]] == [
        ("an-bien", "31006"),
        ("xa-dong", None),
    ]
    assert {t["ward"] for t in data["tasks"]} == {"an-bien", "xa-dong"}
    raw = (site / "du-lieu" / "tinh.json").read_bytes()
    canonical = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert raw == canonical.encode(), "joined from the wards' parts, it is one compact JSON"
    assert [t["ward_code"] for t in data["tasks"] if t["ward"] == "an-bien"][:1] == ["31006"]
    rows = list(csv.reader(io.StringIO((site / "du-lieu" / "tinh.csv").read_text("utf-8-sig"))))
    assert rows[0][:3] == ["Mã phường", "Mã đơn vị hành chính", "Phường, xã"]
    assert {tuple(r[:2]) for r in rows[1:]} == {("an-bien", "31006"), ("xa-dong", "")}
    package = json.loads((site / "du-lieu" / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} == {"tinh.csv", "phuong.csv", "tinh.json"}


def test_the_feed_carries_every_wards_reports(province):
    _, site = province
    feed = (site / "thay-doi" / "atom.xml").read_text(encoding="utf-8")
    ward_feed = (site / "an-bien" / "thay-doi" / "atom.xml").read_text(encoding="utf-8")
    assert "phường An Biên:" in feed and "phường Đông Hưng:" in feed
    ids = [line for line in ward_feed.split("<id>")[2:]]
    assert ids and all(i.split("</id>")[0] in feed for i in ids), "entry ids as in the ward's feed"


def test_the_digest_survives_its_json(province):
    def _read(data: dict) -> WardDigest | None:
        return WardDigest.from_json(data, "an-bien", "https://tinh.example.org/")

    _, site = province
    data = json.loads((state_of(site) / "wards" / "an-bien.json").read_text(encoding="utf-8"))
    digest = _read(data)
    assert digest is not None and digest.code == "31006"
    assert _read(json.loads(json.dumps(digest.to_json()))) == digest
    assert _read({**data, "format": 99}) is None
    assert _read({**data, "task_items": 3}) is None
    assert _read({**data, "search": {}}) is None
    assert _read({**data, "task_items": '{"a":1}]},{"b":'}) is None
    assert _read({**data, "task_lines": 'an-bien,,"=HYPERLINK(""x"")"\r\n'}) is None
    term, entry = next(iter(data["search"]["terms"].items()))
    for bad in ("]}<script>", 3, entry[3] + "x"):
        terms = {**data["search"]["terms"], term: [*entry[:3], bad]}
        assert _read({**data, "search": {**data["search"], "terms": terms}}) is None
    late = {**data["search"]["terms"], term: [entry[0], entry[1], 10**6, entry[3]]}
    assert _read({**data, "search": {**data["search"], "terms": late}}) is None


def test_nothing_is_rebuilt_when_nothing_changed(province):
    root, site = province
    before = (site / "an-bien" / "index.html").stat().st_mtime_ns
    done = build_all(root, site)
    assert done.returncode == 0, done.stderr
    assert "0 phường cần dựng, 2 không đổi" in done.stderr and "Cổng tỉnh không đổi" in done.stderr
    assert (site / "an-bien" / "index.html").stat().st_mtime_ns == before


def test_one_wards_commit_rebuilds_that_ward_only(province):
    root, site = province
    kept = (site / "xa-dong" / "index.html").stat().st_mtime_ns
    rename_ward(root / "wards" / "an-bien" / "content", "an-bien", "An Biên Mới")
    run_git(root, "commit", "-qam", "Đổi tên", when="2026-02-01T08:00:00+07:00")
    done = build_all(root, site)
    assert done.returncode == 0, done.stderr
    assert "1 phường cần dựng, 1 không đổi" in done.stderr and "an-bien: đã dựng" in done.stderr
    assert (site / "xa-dong" / "index.html").stat().st_mtime_ns == kept
    assert "An Biên Mới" in (site / "index.html").read_text(encoding="utf-8")


def _portal_files(site: Path) -> dict[str, bytes]:
    wards = {"an-bien", "xa-dong"}
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and p.relative_to(site).parts[0] not in wards
    }


def test_the_portal_made_again_for_one_ward_is_the_portal_made_afresh(province, tmp_path):
    """Only the files one ward moved are written (the record of the last write says what
    the others hold), and the result is the portal a first build makes, file for file."""
    root, site = province
    rename_ward(root / "wards" / "xa-dong" / "content", "xa-dong", "Đông Hưng Mới")
    run_git(root, "commit", "-qam", "Đổi tên", when="2026-02-02T08:00:00+07:00")
    assert build_all(root, site).returncode == 0
    fresh = tmp_path / "fresh"
    assert build_all(root, fresh).returncode == 0
    assert _portal_files(site) == _portal_files(fresh)
    record = json.loads((state_of(site) / "portal-files.json").read_text(encoding="utf-8"))
    assert set(record["files"]) == set(_portal_files(fresh))


def test_a_forged_record_of_the_portal_deletes_nothing_outside_it(province):
    root, site = province
    outside = site.parent / "outside.txt"
    outside.write_text("giữ", encoding="utf-8")
    ward_page = site / "an-bien" / "index.html"
    forged = {"../outside.txt": "0", "an-bien/index.html": "0", "du-lieu/../../outside.txt": "0"}
    folders = {"an-bien": "0", "tim-kiem/t": "0"}  # folders, not files
    for record in ({"format": 1, "files": forged}, {"format": 1, "files": folders}):
        (state_of(site) / "portal-files.json").write_text(json.dumps(record), "utf-8")
        (state_of(site) / "portal.key").unlink()  # the portal is written again
        done = build_all(root, site)
        assert done.returncode == 0, done.stderr
        assert outside.read_text(encoding="utf-8") == "giữ" and ward_page.is_file()


def test_a_forged_digest_reaches_no_published_file_and_its_ward_is_built_again(province):
    root, site = province
    path = state_of(site) / "wards" / "xa-dong.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    formula = '"=HYPERLINK(""https://x.example/"")"'
    path.write_text(json.dumps({**data, "task_lines": f"xa-dong,,{formula}\r\n"}), "utf-8")
    (state_of(site) / "portal.key").unlink()
    done = build_all(root, site)
    assert done.returncode == 0, done.stderr
    assert "xa-dong: tệp tóm tắt xa-dong.json hỏng" in done.stderr
    assert "HYPERLINK" not in (site / "du-lieu" / "tinh.csv").read_text(encoding="utf-8-sig")
    again = build_all(root, site)
    assert "1 phường cần dựng" in again.stderr and "xa-dong: đã dựng" in again.stderr
    assert "Đông Hưng" in (site / "index.html").read_text(encoding="utf-8")


def test_a_broken_ward_fails_alone_and_keeps_its_last_good_site(province):
    root, site = province
    good = (site / "xa-dong" / "index.html").read_bytes()
    (root / "wards" / "xa-dong" / "content" / "units.yaml").write_text("units: [\n")
    with (root / "wards" / "an-bien" / "content" / "units.yaml").open("a") as units:
        units.write("\n")
    done = build_all(root, site)
    assert done.returncode == 1
    assert "xa-dong: LỖI, giữ trang cũ" in done.stderr
    block = done.stderr.split("xa-dong: LỖI, giữ trang cũ")[1]
    assert "\n  content/units.yaml:" in block, "its problems follow, file:line"
    assert "an-bien: đã dựng" in done.stderr
    assert (site / "xa-dong" / "index.html").read_bytes() == good
    assert "Đông Hưng" in (site / "index.html").read_text(encoding="utf-8")
    again = build_all(root, site)
    assert "1 phường cần dựng" in again.stderr, "the failed ward is tried again"
    run_git(root, "checkout", "--", ".")


def test_a_ward_whose_id_differs_from_its_folder_is_refused(tmp_path):
    root = make_province(tmp_path / "p", {"phuong-a": ("A", MINI, "")})
    rename_ward(root / "wards" / "phuong-a" / "content", "phuong-b", "A")
    done = build_all(root, tmp_path / "site")
    assert done.returncode == 1 and "khác mã 'phuong-a'" in done.stderr


def test_a_bad_public_address_is_refused(tmp_path):
    root = make_province(tmp_path / "p", {"phuong-a": ("A", MINI, "")})
    done = build_all(root, tmp_path / "site", "--base-url", "javascript:alert(1)")
    assert done.returncode == 1 and "không hợp lệ" in done.stderr
    assert not (tmp_path / "site" / "phuong-a").exists()


def test_shards_built_apart_and_assembled_give_the_same_portal(province, tmp_path):
    root, site = province
    parts = []
    for k in (0, 1):
        part = tmp_path / f"shard-{k}"
        assert build_all(root, part, "--shard", f"{k}/2").returncode == 0
        assert not (part / "index.html").exists(), "a shard builds no portal"
        parts.append(part)
    merged = tmp_path / "merged"
    for part in parts:
        shutil.copytree(part, merged, dirs_exist_ok=True)
        shutil.copytree(state_of(part), state_of(merged), dirs_exist_ok=True)
    done = build_all(root, merged, "--portal-only")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in merged.iterdir()) == sorted(p.name for p in site.iterdir())
    for path in ("index.html", "du-lieu/tinh.json", "thay-doi/atom.xml", "tim-kiem/chi-muc.json"):
        assert (merged / path).read_bytes() == (site / path).read_bytes(), path


# --- state in the published folder is not trusted as paths (issue 29) ------------------------


def test_a_wards_clean_up_leaves_a_longer_wards_staging_alone(tmp_path):
    """`an-hoa`'s build removes what killed builds of `an-hoa` left, never the staging or the
    previous copy of `an-hoa-tay`, which may be building beside it."""
    from generator.engine.sitedir import exclusive, mark

    others = [tmp_path / ".an-hoa-tay-k2x9q0ab", tmp_path / ".an-hoa-tay-old"]
    debris = [tmp_path / ".an-hoa-zz81mq3c", tmp_path / ".an-hoa-old"]
    for folder in others + debris:
        folder.mkdir()
        mark(folder)
    (tmp_path / "an-hoa").mkdir()
    with exclusive(tmp_path / "an-hoa"):
        assert all(folder.is_dir() for folder in others)
    assert not any(folder.exists() for folder in debris), "its own debris is removed"


def test_a_forged_manifest_key_deletes_no_folder_outside_the_site(province, tmp_path):
    root, site = province
    victims = [site.parent / "victim", tmp_path / "absolute"]
    for victim in victims:
        (victim / "keep").mkdir(parents=True)
    path = state_of(site) / "manifest.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    forged = {"../victim": "0", str(victims[1]): "0", "du-lieu": "0", "An-Hoa": "0"}
    path.write_text(json.dumps({**record, "wards": {**record["wards"], **forged}}), "utf-8")
    done = build_all(root, site)
    assert done.returncode == 0, done.stderr
    assert all((victim / "keep").is_dir() for victim in victims)
    assert (site / "du-lieu" / "tinh.json").is_file()
    kept = json.loads(path.read_text(encoding="utf-8"))["wards"]
    assert set(kept) == {"an-bien", "xa-dong"}


def test_a_portal_folder_swapped_for_a_link_is_neither_emptied_nor_written(province, tmp_path):
    root, site = province
    victim = tmp_path / "victim"
    shutil.copytree(site / "du-lieu", victim)
    (victim / "precious.txt").write_text("giữ", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in victim.iterdir()}
    (victim / "tinh.json").write_text("{}", encoding="utf-8")  # the portal would rewrite it
    before["tinh.json"] = b"{}"
    shutil.rmtree(site / "du-lieu")
    (site / "du-lieu").symlink_to(victim)
    for name in ("portal-files.json", "portal.key"):  # as after a killed run
        (state_of(site) / name).unlink(missing_ok=True)
    done = build_all(root, site)
    assert {p.name: p.read_bytes() for p in victim.iterdir()} == before
    assert done.returncode == 1 and "liên kết (symlink)" in done.stderr
    assert "Traceback" not in done.stderr
    (site / "du-lieu").unlink()
    done = build_all(root, site)
    assert done.returncode == 0, done.stderr
    assert (site / "du-lieu" / "tinh.json").is_file() and not (site / "du-lieu").is_symlink()


def _forged(data: dict, how: str) -> dict:
    bad = "javascript:alert(1)//"
    results = data["search"]["results"]
    change = data["changes"][0]
    return {
        "id": {**data, "id": "javascript:alert(1)"},
        "other id": {**data, "id": "an-bien"},
        "url": {**data, "url": bad},
        "foreign url": {**data, "url": "https://evil.example/xa-dong/"},
        "result": {
            **data,
            "search": {**data["search"], "results": [[bad, *results[0][1:]]] + results[1:]},
        },  # fmt: skip
        "atom link": {**data, "changes": [[*change[:2], bad, *change[3:]]]},
        "atom id": {**data, "changes": [[*change[:4], "<x>"]]},
        "atom time": {**data, "changes": [["hôm qua", *change[1:]]]},
        "count type": {**data, "tasks": "6"},
        "name type": {**data, "name": ["Đông Hưng"]},
        "report date": {**data, "last_report": "mai"},
    }[how]


@pytest.mark.parametrize(
    "how",
    ["id", "other id", "url", "foreign url", "result", "atom link", "atom id", "atom time",
     "count type", "name type", "report date"],
)  # fmt: skip
def test_a_forged_digest_field_is_named_and_left_out(province, how):
    root, site = province
    path = state_of(site) / "wards" / "xa-dong.json"
    good = path.read_text(encoding="utf-8")
    data = json.loads(good)
    assert data["changes"] and data["search"]["results"]
    path.write_text(json.dumps(_forged(data, how)), "utf-8")
    (state_of(site) / "portal.key").unlink()
    try:
        done = build_all(root, site, "--portal-only")
        assert "Traceback" not in done.stderr
        assert "xa-dong: tệp tóm tắt xa-dong.json hỏng" in done.stderr
        for name in ("index.html", "du-lieu/tinh.json", "du-lieu/phuong.csv", "thay-doi/atom.xml"):
            text = (site / name).read_text(encoding="utf-8-sig")
            assert "javascript:" not in text and "evil.example" not in text, name
    finally:
        path.write_text(good, encoding="utf-8")
        assert build_all(root, site).returncode == 0


def test_each_shard_builds_its_own_wards_only(tmp_path):
    wards = {w: (w.upper(), MINI, "") for w in ("an-bien", "xa-dong", "phuong-a")}
    root = make_province(tmp_path / "p", wards)
    built = []
    for k in (0, 1):
        part = tmp_path / f"shard-{k}"
        done = build_all(root, part, "--shard", f"{k}/2")
        assert done.returncode == 0, done.stderr
        built.append({p.name for p in part.iterdir() if not p.name.startswith(".")})
        keys = json.loads((state_of(part) / "manifest.json").read_text(encoding="utf-8"))
        assert set(keys["wards"]) == built[k]
    assert built[0] and built[1] and not built[0] & built[1]
    assert built[0] | built[1] == set(wards)


def test_a_shard_with_the_portal_only_is_refused(tmp_path):
    root = make_province(tmp_path / "p", {"phuong-a": ("A", MINI, "")})
    done = build_all(root, tmp_path / "site", "--shard", "0/2", "--portal-only")
    assert done.returncode == 1 and "--shard" in done.stderr and "--portal-only" in done.stderr
    assert not (tmp_path / "site").exists()


def test_a_site_folder_no_build_made_is_refused(tmp_path):
    root = make_province(tmp_path / "p", {"phuong-a": ("A", MINI, "")})
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.html").write_text("của tôi", encoding="utf-8")
    (mine / "du-lieu").mkdir()
    (mine / "du-lieu" / "notes.txt").write_text("giữ", encoding="utf-8")
    done = build_all(root, mine)
    assert done.returncode == 1 and "không do lần dựng nào tạo ra" in done.stderr
    assert (mine / "index.html").read_text(encoding="utf-8") == "của tôi"
    assert (mine / "du-lieu" / "notes.txt").is_file() and not (mine / "phuong-a").exists()
    site = tmp_path / "site"
    assert build_all(root, site).returncode == 0
    assert build_all(root, site).returncode == 0, "its own folder, built again"


@pytest.mark.parametrize(
    "where", ["wards", "wards/khac", "wards/phuong-a", "wards/phuong-a/content/site", "data/b/x"]
)
def test_a_site_folder_among_the_wards_is_refused(tmp_path, where):
    root = make_province(tmp_path / "p", {"phuong-a": ("A", MINI, "")})
    shutil.copytree(MINI, root / "data" / "b")
    rename_ward(root / "data" / "b", "phuong-b", "B")
    entries = "  - id: phuong-a\n  - {id: phuong-b, content: data/b}\n"
    (root / "province.yaml").write_text(f"name: Hải Phòng\nwards:\n{entries}", encoding="utf-8")
    done = build_all(root, root / where)
    assert done.returncode == 1 and f"không dựng vào {root / where}" in done.stderr
    assert "Traceback" not in done.stderr and not (root / where / "index.html").exists()


def test_a_ward_whose_folder_is_missing_fails_alone(tmp_path):
    wards = {"phuong-a": ("A", MINI, ""), "phuong-b": ("B", MINI, "")}
    root = make_province(tmp_path / "p", wards)
    site = tmp_path / "site"
    assert build_all(root, site).returncode == 0
    shutil.rmtree(root / "wards" / "phuong-b")
    (root / "province.yaml").write_text(
        "name: Hải Phòng\nwards:\n  - id: phuong-a\n  - id: phuong-b\n", encoding="utf-8"
    )
    done = build_all(root, site)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "phuong-b: LỖI, giữ trang cũ\n  không tìm thấy thư mục dữ liệu" in done.stderr
    assert "1 phường lỗi, giữ trang cũ: phuong-b" in done.stderr
    assert (site / "phuong-b" / "index.html").is_file() and (site / "index.html").is_file()


def _portal_to_write(site: Path) -> bytes:
    """The portal's page as it is; its record and key gone, one of its files made stale."""
    for name in ("portal-files.json", "portal.key"):
        (state_of(site) / name).unlink(missing_ok=True)
    (site / "du-lieu" / "tinh.json").write_text("{}", encoding="utf-8")
    return (site / "index.html").read_bytes()


def test_a_full_disk_is_one_line_and_keeps_the_site(province, monkeypatch, capsys):
    from generator.province import build_all as recipe
    from generator.province import manifest

    root, site = province
    page = _portal_to_write(site)

    def full(folder: Path, relative: str, data: bytes, replace: bool = False) -> Path:
        temporary = f".{Path(relative).name}.0123.tmp"  # as `safewrite` names it: in its folder
        raise OSError(errno.ENOSPC, "No space left on device", temporary)

    monkeypatch.setattr(manifest, "write_inside", full)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PROVINCE_EPOCH)  # the environment of `build_all`,
    monkeypatch.delenv("CTCT_ALLOW_SHALLOW", raising=False)  # so that no ward is rebuilt
    options = recipe.Options(root, site, ROOT / "mkdocs.yml", 1, "https://tinh.example.org/")
    assert recipe.build_all(options) == 1
    said = capsys.readouterr().err.strip().splitlines()[-1]
    assert said.startswith(f"{state_of(site)}/manifest.json: không ghi được (No space left")
    assert (site / "index.html").read_bytes() == page
    monkeypatch.undo()
    assert build_all(root, site).returncode == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_site_is_one_line_and_keeps_the_site(province):
    root, site = province
    page = _portal_to_write(site)
    (site / "du-lieu").chmod(0o555)
    try:
        done = build_all(root, site)
    finally:
        (site / "du-lieu").chmod(0o755)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{site / 'du-lieu'}" in done.stderr.strip().splitlines()[-1]
    assert (site / "index.html").read_bytes() == page
    assert build_all(root, site).returncode == 0


# --- the published tree is exactly the public files (issue 29, R15, R20) -----------------------


def _hidden(site: Path) -> list[str]:
    """As `find site -name '.*'`."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob(".*"))


def test_the_published_tree_holds_no_hidden_file_and_each_ward_verifies(province):
    from generator.verify.run import verify_site

    root, site = province
    assert _hidden(site) == []
    assert (state_of(site) / "manifest.json").is_file()
    for ward in ("an-bien", "xa-dong"):
        result = verify_site(site / ward, root / "wards" / ward / "content")
        assert result.findings == [], ward


def _killed_while_building(root: Path, site: Path) -> None:
    """Start `build-all`, and kill it and its workers once a ward's staging folder exists."""
    argv = [sys.executable, "-m", "generator", "build-all", "--province", str(root)]
    argv += ["--site-dir", str(site), "--base-url", "https://tinh.example.org/", "-j", "1"]
    env = {"SOURCE_DATE_EPOCH": PROVINCE_EPOCH, "PATH": "/usr/bin:/bin", "HOME": str(site.parent)}
    run = subprocess.Popen(
        argv, cwd=ROOT, env=env, stderr=subprocess.DEVNULL, start_new_session=True
    )
    work = state_of(site) / "work"
    try:
        for _ in range(3000):
            if work.is_dir() and any(p.is_dir() for p in work.iterdir()):
                break
            assert run.poll() is None, "the run ended before any staging folder was seen"
            time.sleep(0.01)
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()


def test_a_killed_run_leaves_nothing_hidden_and_its_wards_to_be_built(tmp_path):
    wards = {"phuong-a": ("An Hòa", MINI, ""), "phuong-b": ("Bình Minh", MINI, "")}
    root = make_province(tmp_path / "p", wards)
    site = tmp_path / "site"
    assert build_all(root, site).returncode == 0
    rename_ward(root / "wards" / "phuong-a" / "content", "phuong-a", "An Hòa Mới")
    rename_ward(root / "wards" / "phuong-b" / "content", "phuong-b", "Bình Minh Mới")
    _killed_while_building(root, site)
    assert _hidden(site) == []
    keys = json.loads((state_of(site) / "manifest.json").read_text(encoding="utf-8"))["wards"]
    assert keys == {}, "a ward being built has no key until its site is swapped in"
    done = build_all(root, site)
    assert done.returncode == 0, done.stderr
    assert "2 phường cần dựng" in done.stderr and _hidden(site) == []
    work = state_of(site) / "work"
    assert not any(p.is_dir() for p in work.iterdir()), "the killed run's copies are removed"


def test_a_ward_whose_site_lost_its_record_or_folder_is_built_again(province):
    root, site = province
    (state_of(site) / "built" / "xa-dong").unlink()
    shutil.rmtree(site / "an-bien")
    done = build_all(root, site)
    assert done.returncode == 0, done.stderr
    assert "2 phường cần dựng, 0 không đổi" in done.stderr
    assert (state_of(site) / "built" / "xa-dong").is_file() and (site / "an-bien").is_dir()


def test_the_state_of_an_older_layout_is_moved_out_unread(tmp_path):
    """A site built before `--state-dir` kept `.province/`, marks and locks in the published
    folder: they leave it; what `.province/` says is never used (a link to elsewhere too)."""
    root = make_province(tmp_path / "p", {"phuong-a": ("A", MINI, "")})
    site = tmp_path / "site"
    assert build_all(root, site).returncode == 0
    shutil.rmtree(state_of(site))
    victim = tmp_path / "victim"
    (victim / "wards").mkdir(parents=True)
    (victim / "wards" / "keep.json").write_text("{}", encoding="utf-8")
    (site / ".province").symlink_to(victim)
    (site / MARK).write_text("", encoding="utf-8")
    (site / "phuong-a" / MARK).write_text("", encoding="utf-8")
    (site / ".phuong-a.lock").write_text("", encoding="utf-8")
    done = build_all(root, site)
    assert done.returncode == 0, done.stderr
    assert _hidden(site) == [] and (victim / "wards" / "keep.json").is_file()
    assert (state_of(site) / "built" / "phuong-a").is_file()
    (site / ".province" / "wards").mkdir(parents=True)
    forged = {"format": 1, "wards": {"../victim": "0"}}
    (site / ".province" / "manifest.json").write_text(json.dumps(forged), encoding="utf-8")
    done = build_all(root, site)
    assert done.returncode == 0, done.stderr
    assert _hidden(site) == [] and victim.is_dir()


def test_a_state_folder_inside_the_site_or_not_a_builds_is_refused(tmp_path):
    root = make_province(tmp_path / "p", {"phuong-a": ("A", MINI, "")})
    site = tmp_path / "site"
    done = build_all(root, site, "--state-dir", str(site / "state"))
    assert done.returncode == 1 and "phải nằm ngoài thư mục trang" in done.stderr
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("giữ", encoding="utf-8")
    done = build_all(root, site, "--state-dir", str(mine))
    assert done.returncode == 1 and "không do build-all tạo ra" in done.stderr
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"] and not site.exists()


# --- a ward that takes too long holds up no other (issue 29, R12) ------------------------------


def test_a_ward_past_its_time_limit_fails_alone_and_keeps_its_last_good_site(
    province, monkeypatch, capsys
):
    from generator.province import build_all as recipe
    from generator.province import worker

    root, site = province
    page = (site / "xa-dong" / "index.html").read_bytes()
    build_ward = worker.build_ward

    def slow(job):  # runs in the forked child
        if job.ward_id == "xa-dong":
            time.sleep(60)
        return build_ward(job)

    monkeypatch.setattr(worker, "build_ward", slow)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PROVINCE_EPOCH)
    monkeypatch.delenv("CTCT_ALLOW_SHALLOW", raising=False)
    for ward in ("an-bien", "xa-dong"):  # both to be built again
        (state_of(site) / "built" / ward).unlink()
    options = recipe.Options(root, site, ROOT / "mkdocs.yml", 2, "https://tinh.example.org/")
    started = time.monotonic()
    assert recipe.build_all(dataclasses.replace(options, ward_timeout=3)) == 1
    assert time.monotonic() - started < 30
    said = capsys.readouterr().err
    assert "xa-dong: LỖI, giữ trang cũ\n  quá 3 giây mà chưa dựng xong" in said
    assert "an-bien: đã dựng" in said and "1 phường lỗi, giữ trang cũ: xa-dong" in said
    assert (site / "xa-dong" / "index.html").read_bytes() == page
    assert _hidden(site) == [] and (site / "index.html").is_file()
    monkeypatch.undo()
    assert build_all(root, site).returncode == 0


@pytest.mark.parametrize("value", ["0", "-5", "nan", "1e9"])
def test_a_bad_ward_timeout_is_refused(tmp_path, value):
    root = make_province(tmp_path / "p", {"phuong-a": ("A", MINI, "")})
    done = build_all(root, tmp_path / "site", "--ward-timeout", value)
    assert done.returncode == 1 and "--ward-timeout" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "site").exists()


def test_each_wards_editor_writes_only_its_own_folder(province):
    _, site = province
    for ward in ("an-bien", "xa-dong"):
        config = yaml.safe_load((site / ward / "admin" / "config.yml").read_text(encoding="utf-8"))
        folders = [c["folder"] for c in config["collections"] if "folder" in c]
        files = [f["file"] for c in config["collections"] for f in c.get("files", [])]
        assert folders and all(f.startswith(f"wards/{ward}/content/") for f in folders + files)
        assert config["media_folder"].startswith(f"wards/{ward}/content/")


# --- a ward made inside a province (issue 29) ----------------------------------------------------


def test_new_adds_a_ward_to_the_province_and_commits_only_its_folder(tmp_path):
    document = ROOT / "tests" / "fixtures" / "import" / "ctct-2027-xa-an-hoa.txt"
    root = make_province(tmp_path / "p", {"phuong-a": ("An Biên", MINI, "")})
    (root / "notes.txt").write_text("chưa commit", encoding="utf-8")
    run_git(root, "add", "notes.txt")  # staged by someone: not part of the ward's commit
    argv = [sys.executable, "-m", "generator", "new", str(document), "--province", str(root)]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [*argv, "--id", "an-hoa"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    ward = root / "wards" / "an-hoa"
    assert (ward / "content" / "ward.yaml").is_file() and not (ward / ".git").exists()
    assert not (ward / "requirements.txt").exists() and not (ward / "content" / ".git").exists()
    files = run_git(root, "show", "--name-only", "--format=", "HEAD").split()
    assert files and all(f.startswith("wards/an-hoa/content/") for f in files)
    assert sorted(p.name for p in (root / "wards").iterdir()) == ["an-hoa", "phuong-a"]
    again = subprocess.run(
        [*argv, "--id", "an-hoa"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert again.returncode == 1 and "đã có" in again.stderr and "Traceback" not in again.stderr
    bad = subprocess.run([*argv, "--id", "../x"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert bad.returncode == 1 and "mã phường" in bad.stderr
    assert sorted(p.name for p in (root / "wards").iterdir()) == ["an-hoa", "phuong-a"]
    assert build_all(root, tmp_path / "site").returncode == 0
