"""The web editor at /admin/, driven in Chromium.

On this machine (`make edit`): decap-server from the pinned `editor/node_modules` writes into a
temporary git repository holding a copy of content/ (never the real one); a clerk records a
task as done, typing dates day first; the file written passes `check` and the rebuilt task page
shows the new standing; the Office records an amendment, saved as one new file. No screen shows
an English word. As published (GitHub, GitLab, Gitea, Forgejo): Decap accepts the generated
configuration and the page asks nothing of another host until the user chooses to sign in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.common.dates import VIETNAM
from generator.load.content import check_content
from tests.conftest import CONTENT, run_git

from ..conftest import SCREENSHOTS, serve
from .conftest import AS_OF, AUTH, ROOT, Recorder, built, publish, saved, sign_in

pytestmark = pytest.mark.browser

TASK = "2026-01-01"
LOCALES = ROOT / "editor" / "node_modules" / "decap-cms-locales" / "src"
WORD = re.compile(r"[A-Za-z]{3,}")
REACT_SELECT = ["No options", "Loading..."]
"""The English of the choice lists Decap takes from react-select (not in Decap's locales)."""


def english_words(node: str) -> set[str]:
    """Words of Decap's English phrases that its Vietnamese ones never use."""
    script = (
        "const fs=require('fs');"
        "const read=l=>new Function(fs.readFileSync(process.argv[1]+'/'+l+'/index.js','utf8')"
        ".replace(/^const \\w+ = /,'return ').replace(/export default \\w+;?\\s*$/,''))();"
        "const all=o=>typeof o==='string'?[o]:Object.values(o).flatMap(all);"
        "console.log(JSON.stringify([all(read('en')),all(read('vi'))]))"
    )
    out = subprocess.run(
        [node, "-e", script, str(LOCALES)], capture_output=True, text=True, check=True
    )
    en, vi = yaml.safe_load(out.stdout)
    en += REACT_SELECT
    vi_words = {w.lower() for text in vi for w in WORD.findall(text)}
    words = {w.lower() for text in en for w in WORD.findall(re.sub(r"%\{\w+\}", "", text))}
    return words - vi_words


@pytest.fixture(scope="module")
def english(node) -> set[str]:
    words = english_words(node)
    assert {"add", "save", "entries", "optional", "options"} <= words  # the test can fail
    return words


class Screens:
    """The visible text of every screen seen, checked for English words."""

    def __init__(self, page, english: set[str]) -> None:
        self.page, self.english, self.seen = page, english, {}

    def look(self, name: str) -> None:
        self.page.wait_for_timeout(300)
        text = self.page.locator("body").inner_text()
        # Not a screen: react-select's log for screen readers, hidden, in English (not ours yet).
        for log in self.page.locator("[role=log][aria-live]").all_inner_texts():
            text = text.replace(log, "") if log.strip() else text
        self.seen[name] = sorted({w for w in WORD.findall(text) if w.lower() in self.english})

    def assert_vietnamese(self) -> None:
        assert {name: words for name, words in self.seen.items() if words} == {}


def field(page, name: str):
    return page.locator(f":is(input, textarea)[id^={name}-field] >> visible=true")


def control_of(page, name: str):
    """The box around one field: its label, its errors, its input."""
    return page.locator(
        f"div:has(> div > label[for^={name}-field]), div:has(> label[for^={name}-field])"
    ).last


def test_admin_asks_nothing_of_another_host_until_sign_in(editor_page, github_site: str) -> None:
    seen = Recorder(editor_page)
    editor_page.goto(github_site + "admin/")
    sign_in_button = editor_page.get_by_role("button", name="Đăng nhập bằng GitHub")
    sign_in_button.wait_for()
    editor_page.wait_for_timeout(1000)  # anything started with the page has had time to ask
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    editor_page.screenshot(path=SCREENSHOTS / "admin-dang-nhap.png")
    assert seen.foreign == []
    assert seen.page_errors == [] and seen.console_errors == []
    assert editor_page.locator("script[src]").evaluate_all("s => s.map(e => e.src)") == [
        github_site + "admin/decap-cms.js",
        github_site + "admin/ctct-editor.js",
    ]
    # Choosing to sign in is the first request to leave: to the ward's sign-in service.
    with editor_page.expect_popup() as popup:
        sign_in_button.click()
    popup.value.wait_for_load_state()
    assert seen.foreign == [] and popup.value.url.startswith(AUTH + "/auth?provider=github")


HOSTS = {
    "gitlab": ({"CTCT_EDITOR_APP_ID": "ung-dung-1"}, "Đăng nhập bằng GitLab"),
    "gitea": (
        {
            "CTCT_EDITOR_APP_ID": "ung-dung-1",
            "CTCT_EDITOR_API_ROOT": "https://git.example.org/api/v1",
        },
        "Đăng nhập bằng Gitea",
    ),
    "forgejo": (
        {
            "CTCT_EDITOR_APP_ID": "ung-dung-1",
            "CTCT_EDITOR_API_ROOT": "https://git.example.org/api/v1",
        },
        "Đăng nhập bằng Forgejo",
    ),
}


@pytest.mark.parametrize("host", sorted(HOSTS))
def test_decap_accepts_the_configuration_for_each_host(editor_page, tmp_path, host) -> None:
    env, button = HOSTS[host]
    site = built(
        tmp_path,
        CONTENT,
        CTCT_EDITOR_BACKEND=host,
        CTCT_EDITOR_REPO="ubnd-example/chuong-trinh",
        CTCT_EDITOR_PROXY_URL="",
        **env,
    )
    for url in serve(site):
        seen = Recorder(editor_page)
        editor_page.goto(url + "admin/")
        editor_page.get_by_role("button", name=button).wait_for()
        editor_page.wait_for_timeout(500)
        text = editor_page.locator("body").inner_text()
        assert "Lỗi cấu hình" not in text and "Config Errors" not in text
        assert seen.foreign == [] and seen.page_errors == [] and seen.console_errors == []


def test_clerk_records_a_task_done(
    editor_page, local_site: str, repo: Path, tmp_path, english
) -> None:
    page, screens = editor_page, Screens(editor_page, english)
    seen = Recorder(page)
    reports = repo / "content" / "reports"
    task_page = built(tmp_path / "before", repo / "content") / "nhiem-vu" / TASK / "index.html"
    assert "Đã hoàn thành" not in task_page.read_text(encoding="utf-8")

    # 06:30 in Vietnam is still the day before in UTC: one "today", Vietnam's, everywhere.
    page.clock.set_fixed_time(dt.datetime(2026, 1, 24, 6, 30, tzinfo=VIETNAM))
    page.goto(local_site + "admin/")
    screens.look("đăng nhập")
    sign_in(page, local_site)
    screens.look("danh sách báo cáo")
    page.goto(local_site + "admin/#/collections/bao-cao/new")
    field(page, "task").wait_for()
    screens.look("báo cáo mới")
    assert field(page, "reported_on").input_value() == "24/01/2026"
    field(page, "task").fill("không có nhiệm vụ nào như thế")
    screens.look("không tìm thấy nhiệm vụ")
    assert page.get_by_text("Không có lựa chọn nào khớp").is_visible()
    field(page, "task").fill("cải cách hành chính nhà nước")  # found by its text, not its id
    page.get_by_role("option", name=re.compile(f"^{TASK} — Kế hoạch cải cách")).click()
    field(page, "status").fill("hoàn thành")
    page.get_by_role("option", name="Đã hoàn thành", exact=True).click()
    field(page, "document").fill("Kế hoạch số 12/KH-UBND ngày 14/01/2026")
    field(page, "link").fill("http://haiphong.gov.vn/van-ban/12")

    publish(page)  # the link, and done without its date, are refused at their fields
    link_error = control_of(page, "link").get_by_text("bắt đầu bằng https:// và có tên miền")
    done_error = control_of(page, "done_on").get_by_text(
        "Tình trạng là Đã hoàn thành thì cần ngày hoàn thành."
    )
    link_error.wait_for()
    done_error.wait_for()
    screens.look("lỗi ở trường")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "admin-loi-o-truong.png", full_page=True)
    page.wait_for_timeout(11_000)  # a toast would be gone by now; the errors stay
    assert link_error.is_visible() and done_error.is_visible()
    assert not reports.exists()

    field(page, "link").fill("")
    field(page, "link").fill("https://haiphong.gov.vn/van-ban/12")
    field(page, "done_on").press_sequentially("31022026")  # no such day
    publish(page)
    control_of(page, "done_on").get_by_text("không phải một ngày có thật").wait_for()
    field(page, "done_on").fill("")
    field(page, "done_on").press_sequentially("14012026")  # day first, by keyboard
    field(page, "done_on").blur()
    assert field(page, "done_on").input_value() == "14/01/2026"
    page.screenshot(path=SCREENSHOTS / "admin-bao-cao.png", full_page=True)
    publish(page)
    saved(page, "bao-cao")

    written = reports / f"{TASK}--2026-01-24.yaml"
    assert sorted(p.name for p in reports.iterdir()) == [written.name]
    data = yaml.load(written.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # all text
    assert {k: v for k, v in data.items() if v not in ("", None)} == {
        "task": TASK,
        "reported_on": "2026-01-24",
        "status": "done",
        "done_on": "2026-01-14",
        "document": "Kế hoạch số 12/KH-UBND ngày 14/01/2026",
        "link": "https://haiphong.gov.vn/van-ban/12",
    }
    content, problems = check_content(repo / "content", AS_OF, history=False)
    assert content is not None, problems
    assert not [p for p in problems if p.file.endswith(written.name)]
    after = built(tmp_path / "after", repo / "content") / "nhiem-vu" / TASK / "index.html"
    shown = after.read_text(encoding="utf-8")
    assert "Đã hoàn thành" in shown and "14/01/2026" in shown

    page.goto(local_site + "admin/#/collections/bao-cao")
    listed = page.get_by_text(re.compile(r"^24/01/2026 · Đã hoàn thành · 2026-01-01 — Kế hoạch"))
    listed.wait_for()
    screens.look("danh sách có báo cáo")
    for name in ("dieu-chinh", "don-vi", "phuong"):
        page.goto(local_site + f"admin/#/collections/{name}")
        page.wait_for_timeout(500)
        screens.look(name)
    page.goto(local_site + "admin/#/collections/don-vi/entries/don-vi")
    page.get_by_text("Danh sách đơn vị").first.wait_for()
    screens.look("đơn vị")
    screens.assert_vietnamese()
    assert seen.foreign == []


def test_office_records_an_amendment_as_one_new_file(
    editor_page, local_site: str, repo: Path, english
) -> None:
    page, screens = editor_page, Screens(editor_page, english)
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "-q", "--allow-empty", "-m", "Trước khi điều chỉnh")
    page.clock.set_fixed_time(dt.datetime(2026, 3, 20, 10, 0, tzinfo=VIETNAM))
    sign_in(page, local_site)
    page.goto(local_site + "admin/#/collections/dieu-chinh/new")
    field(page, "decision").wait_for()
    screens.look("điều chỉnh mới")
    field(page, "decided_on").press_sequentially("10032026")
    field(page, "decision").fill("Quyết định số 15/QĐ-UBND ngày 10/3/2026")
    field(page, "reason").fill("Lùi hạn để chờ hướng dẫn của thành phố.")
    page.get_by_role("button", name=re.compile("^Thêm nhiệm vụ")).click()
    field(page, "task").fill("2026-03-05")
    page.get_by_role("option", name=re.compile("^2026-03-05 — Tập trung")).click()
    field(page, "deadline").fill("sau bầu cử")
    publish(page)  # a deadline `check` could not read is refused at its field
    control_of(page, "deadline").get_by_text("một ngày (15/01/2026), một khoảng").wait_for()
    screens.look("lỗi điều chỉnh")
    field(page, "deadline").fill("")
    field(page, "deadline").fill("10-25/3/2026")
    publish(page)
    saved(page, "dieu-chinh")
    page.goto(local_site + "admin/#/collections/dieu-chinh")
    page.wait_for_url(re.compile(r"/collections/dieu-chinh$"))
    page.reload()  # the list as decap-server lists it now, not as Decap cached it
    page.get_by_text("10/03/2026 · Quyết định số 15/QĐ-UBND").wait_for()
    screens.look("danh sách điều chỉnh")
    screens.assert_vietnamese()

    status = run_git(repo, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert len(status) == 1 and status[0].startswith("?? content/amendments/"), status
    name = status[0].removeprefix("?? content/amendments/")
    assert re.fullmatch(r"2026-03-10-quyet-dinh-so-15-q[d]?-ubnd-ngay-10-3-2026\.yaml", name)
    checked, problems = check_content(repo / "content", dt.date(2026, 3, 20), history=False)
    assert checked is not None, problems
    (amendment,) = checked.programmes[0].amendments
    assert (amendment.decided_on, amendment.task_ids) == (dt.date(2026, 3, 10), ("2026-03-05",))
    task = next(t for t in checked.tasks if t.id == "2026-03-05")
    assert task.deadline.as_written == "10-25/3/2026"
    original, _ = check_content(CONTENT, dt.date(2026, 3, 20), history=False)

    def as_issued(content):  # the programme's facts, without reports from other tests
        return {
            t.id: dataclasses.replace(t, progress=None, reports=())
            for t in content.tasks
            if t.id != "2026-03-05"
        }

    assert as_issued(checked) == as_issued(original)
