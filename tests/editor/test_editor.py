"""The web editor's configuration comes from the content format's declaration, and its forms
refuse what `check` refuses; the admin page and the settings that reach it."""

from __future__ import annotations

import dataclasses
import re

import pytest
import yaml

from generator.contentformat import choices
from generator.contentformat import records as fmt
from generator.contentformat.vocabulary import Field
from generator.editor import fields as ed
from generator.editor.config import config_yaml, editor_config, editor_data, task_option
from generator.editor.page import admin_page, csp
from generator.editor.settings import SettingsError, editor_settings

GITHUB = editor_settings(repo="ubnd-example/chuong-trinh", auth_url="https://auth.example.org")
LOCAL = editor_settings(proxy_url="http://127.0.0.1:8081/api/v1")


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def names(fields: list[dict]) -> list[str]:
    return [f["name"] for f in fields]


def nested(fields: list[dict], name: str) -> list[dict]:
    return next(f for f in fields if f["name"] == name)["fields"]


def report_fields(config: dict) -> list[dict]:
    return collection(config, "bao-cao")["fields"]


def amendment_fields(config: dict) -> list[dict]:
    return collection(config, "dieu-chinh")["fields"]


def unit_fields(config: dict) -> list[dict]:
    return nested(collection(config, "don-vi")["files"][0]["fields"], "units")


def ward_fields(config: dict) -> list[dict]:
    return collection(config, "phuong")["files"][0]["fields"]


EXAMPLES_OF_THE_YEAR = {("amendment", n) for n in ("programme", "decided_on", "decision")}
"""Hints whose examples name the latest programme's year (not the declaration's)."""

FORMS = {
    "report": report_fields,
    "amendment": amendment_fields,
    "unit": unit_fields,
    "ward": ward_fields,
}


@pytest.fixture(scope="module")
def config(mini_content) -> dict:
    return editor_config(mini_content, GITHUB)


@pytest.mark.parametrize("record", [fmt.REPORT, fmt.AMENDMENT, fmt.UNIT, fmt.WARD])
def test_every_declared_field_is_in_its_form_in_declared_order(config, record):
    form = FORMS[record.key](config)
    assert names(form) == list(record.names)
    for declared, field in zip(record.fields, form, strict=True):
        # A field needed only sometimes is checked by the date widget, not marked optional.
        assert field["required"] is (declared.required or bool(declared.when)), declared.name
        if (record.key, declared.name) in EXAMPLES_OF_THE_YEAR:
            assert field["hint"] and "`" not in field["hint"]
        else:
            assert field["hint"] == ed.HINTS.get((record.key, declared.name), declared.vi)
        assert field["label"] and "`" not in field["label"]


@pytest.mark.parametrize("record", [fmt.REPORT, fmt.AMENDMENT, fmt.UNIT, fmt.WARD])
def test_a_field_added_to_the_format_appears_in_the_editor(mini_content, monkeypatch, record):
    added = Field("so_van_ban", "text", "số văn bản mới", "a new field", False)
    name = {"report": "REPORT", "amendment": "AMENDMENT", "unit": "UNIT", "ward": "WARD"}
    grown = dataclasses.replace(record, fields=(*record.fields, added))
    monkeypatch.setattr(fmt, name[record.key], grown)
    field = FORMS[record.key](editor_config(mini_content, GITHUB))[-1]
    assert field["name"] == "so_van_ban" and field["label"] == "Số văn bản mới"
    assert field["widget"] == "string" and field["required"] is False


def test_a_type_without_a_widget_is_named_not_guessed(mini_content, monkeypatch):
    odd = Field("lich", "records", "lịch", "schedule", False)
    monkeypatch.setattr(fmt, "REPORT", dataclasses.replace(fmt.REPORT, fields=(odd,)))
    with pytest.raises(ValueError, match=r"report\.lich: kiểu 'records' cần một widget riêng"):
        editor_config(mini_content, GITHUB)


def test_the_task_is_chosen_from_the_programme_by_its_id_and_text(config, mini_content):
    task = next(f for f in report_fields(config) if f["name"] == "task")
    assert task["widget"] == "select"
    assert [o["value"] for o in task["options"]] == [t.id for t in mini_content.tasks]
    first = mini_content.tasks[0]
    assert task["options"][0]["label"].startswith(f"{first.id} — {first.content[:20]}")
    amended = nested(amendment_fields(config), "tasks")
    assert names(amended) == list(fmt.AMENDED_TASK.names)
    chosen = next(f for f in amended if f["name"] == "task")
    assert [o["value"] for o in chosen["options"]] == [t.id for t in mini_content.tasks]


def test_status_offers_every_status_in_vietnamese(config):
    status = next(f for f in report_fields(config) if f["name"] == "status")
    assert [o["value"] for o in status["options"]] == [
        "not_started",
        "in_progress",
        "done",
        "postponed",
        "cancelled",
    ]
    assert "Đã hoàn thành" in [o["label"] for o in status["options"]]


def test_programme_as_issued_is_out_of_reach(config, mini_content):
    """No collection writes a programme file: amendments are files of their own."""
    written = [c.get("folder") or c["files"][0]["file"] for c in config["collections"]]
    assert written == [
        "content/reports",
        "content/amendments",
        "content/units.yaml",
        "content/ward.yaml",
    ]
    amendments = collection(config, "dieu-chinh")
    assert amendments["slug"] == "{{fields.decided_on}}-{{fields.decision}}"
    assert collection(config, "bao-cao")["slug"] == "{{task}}--{{fields.reported_on}}"


def test_dates_are_typed_day_first_with_the_loaders_years(config):
    dates = {f["name"]: f for f in report_fields(config) if f["widget"] == "ctct-date"}
    assert set(dates) == {"reported_on", "done_on"}
    assert dates["reported_on"]["today"] is True
    when = dates["done_on"]["required_when"]
    assert (when["field"], when["value"]) == ("status", "done")
    assert dates["done_on"]["not_after"] == "reported_on"
    assert dates["done_on"]["years"] == [1945, 2100]


def test_published_editor_proposes_changes_local_one_writes_the_working_tree(mini_content):
    published = editor_config(mini_content, GITHUB)
    assert published["backend"]["name"] == "github"
    assert published["backend"]["repo"] == "ubnd-example/chuong-trinh"
    assert published["backend"]["base_url"] == "https://auth.example.org"
    assert published["publish_mode"] == "editorial_workflow"
    local = editor_config(mini_content, LOCAL)
    assert local["backend"] == {
        "name": "proxy",
        "proxy_url": "http://127.0.0.1:8081/api/v1",
        "branch": "main",
    }
    assert "publish_mode" not in local and "github" not in config_yaml(local)
    assert published["locale"] == local["locale"] == "vi"


def test_paths_start_where_content_lies_in_the_repository(mini_content):
    config = editor_config(mini_content, editor_settings(repo="a/b", content_path="du-lieu/ctct"))
    assert collection(config, "bao-cao")["folder"] == "du-lieu/ctct/reports"
    assert collection(config, "phuong")["files"][0]["file"] == "du-lieu/ctct/ward.yaml"
    assert collection(config, "dieu-chinh")["folder"] == "du-lieu/ctct/amendments"


def test_the_ward_kinds_offered_are_the_declared_ones(mini_content):
    ward = collection(editor_config(mini_content, GITHUB), "phuong")["files"][0]["fields"]
    kind = next(f for f in ward if f["name"] == "kind")
    assert [o["value"] for o in kind["options"]] == list(choices.WARD_KINDS)


@pytest.mark.parametrize("kind", choices.WARD_KINDS)
def test_the_ward_collection_is_named_by_the_ward_kind(mini_content, kind):
    ward = dataclasses.replace(mini_content.ward, kind=kind)
    config = editor_config(dataclasses.replace(mini_content, ward=ward), GITHUB)
    named = collection(config, "phuong")
    labels = [f["label"] for f in named["files"][0]["fields"] if f["name"] in ("id", "name")]
    assert named["label"] == named["files"][0]["label"] == kind[:1].upper() + kind[1:]
    assert labels == [f"Mã {kind}", f"Tên {kind}"]
    assert named["description"].startswith(f"Tên {kind} ")
    others = [f for f in named["files"][0]["fields"] if f["name"] != "kind"]  # it offers all
    if kind != "phường":
        assert "phường" not in config_yaml({**named, "files": [{"fields": others}]}).lower()


def test_the_amendment_examples_name_the_latest_programme_year(mini_content):
    later = [dataclasses.replace(p, id="2031", year=2031) for p in mini_content.programmes]
    config = editor_config(dataclasses.replace(mini_content, programmes=tuple(later)), GITHUB)
    hints = [f["hint"] for f in amendment_fields(config)]
    hints += [f["hint"] for f in nested(amendment_fields(config), "tasks")]
    assert not [h for h in hints if "2026" in h]
    assert sum("2031" in h for h in hints) == 4


def test_configuration_yaml_reads_back_whatever_the_content_says(mini_content):
    hostile = "Kế hoạch: {{slug}} # '\" </script> & ... \n- item"
    task = dataclasses.replace(mini_content.tasks[0], content=hostile)
    programme = mini_content.programmes[0]
    months = (dataclasses.replace(programme.months[0], tasks=(task,)),)
    content = dataclasses.replace(
        mini_content, programmes=(dataclasses.replace(programme, months=months),)
    )
    config = editor_config(content, GITHUB)
    assert yaml.safe_load(config_yaml(config)) == config
    assert task_option(task)[1].startswith(f"{task.id} — Kế hoạch: {{{{slug}}}} # '\" </script>")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"repo": "ubnd/ctct; rm -rf"}, "CTCT_EDITOR_REPO"),
        ({"repo": "../x"}, "CTCT_EDITOR_REPO"),
        ({"branch": "main..x"}, "CTCT_EDITOR_BRANCH"),
        ({"auth_url": "http://auth.example.org"}, "CTCT_EDITOR_AUTH_URL"),
        ({"auth_url": 'https://a.org/"><script>'}, "CTCT_EDITOR_AUTH_URL"),
        ({"proxy_url": "http://example.org:8081/api/v1"}, "CTCT_EDITOR_PROXY_URL"),
        ({"proxy_url": "http://127.0.0.1/api/v1"}, "CTCT_EDITOR_PROXY_URL"),
        ({"content_path": "../content"}, "content_in_repo"),
        ({"content_path": "/etc"}, "content_in_repo"),
    ],
)
def test_settings_refuse_what_cannot_be_used(values, message):
    with pytest.raises(SettingsError, match=message):
        editor_settings(**values)


def test_page_loads_the_editor_only_when_it_can_save():
    page = admin_page(GITHUB)
    assert re.findall(r'<script src="([^"]+)"', page) == ["decap-cms.js", "ctct-editor.js"]
    assert "<script>" not in page and "http" not in page.split("<body>")[1]
    unconnected = admin_page(editor_settings())
    assert "<script" not in unconnected and "CTCT_EDITOR_REPO" in unconnected
    assert "python -m generator edit" in unconnected


def test_page_policy_keeps_scripts_on_this_site():
    published, local = csp(GITHUB), csp(LOCAL)
    for policy in (published, local):
        rules = dict(rule.split(" ", 1) for rule in policy.split("; "))
        assert rules["script-src"].split()[0] == "'self'"
        assert "http" not in rules["script-src"] and "http" not in rules["style-src"]
    assert "https://api.github.com" in published and "127.0.0.1" not in published
    assert "connect-src 'self' http://127.0.0.1:8081" in local and "github" not in local


def test_list_views_get_status_labels_and_task_texts(mini_content):
    data = editor_data(mini_content)
    assert data["statuses"]["done"] == "Đã hoàn thành" and len(data["statuses"]) == 5
    assert list(data["tasks"]) == [t.id for t in mini_content.tasks]


HOSTED = {
    "gitlab": {"app_id": "ung-dung", "api_root": "https://git.example.org/api/v4"},
    "gitea": {"app_id": "ung-dung", "api_root": "https://git.example.org/api/v1"},
    "forgejo": {"app_id": "ung-dung", "api_root": "https://git.example.org/api/v1"},
}


@pytest.mark.parametrize("host", sorted(HOSTED))
def test_each_host_gets_decaps_backend_and_its_review_story(mini_content, host):
    settings = editor_settings(backend=host, repo="ubnd/ctct", **HOSTED[host])
    config = editor_config(mini_content, settings)
    backend = config["backend"]
    assert (backend["name"], backend["repo"], backend["app_id"]) == (host, "ubnd/ctct", "ung-dung")
    assert backend["api_root"] == HOSTED[host]["api_root"]
    # Decap's gitea backend has no editorial workflow: the branch must be protected instead.
    assert ("publish_mode" in config) is (host != "gitea")
    if host in ("gitlab", "gitea"):
        assert backend["base_url"] == "https://git.example.org"
    policy = csp(settings)
    assert "connect-src 'self' https://git.example.org;" in policy and "github" not in policy


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"backend": "bitbucket"}, "CTCT_EDITOR_BACKEND"),
        ({"backend": "gitea", "app_id": "x"}, "CTCT_EDITOR_API_ROOT"),
        ({"backend": "gitea", "app_id": "x", "api_root": "http://git.x.org/api/v1"}, "API_ROOT"),
        ({"backend": "gitea", "app_id": "x", "api_root": "https://git.x.org/"}, "/api/v1"),
        ({"backend": "gitlab", "app_id": "x", "api_root": "https://git.x.org/api/v1"}, "/api/v4"),
        ({"backend": "forgejo", "api_root": "https://git.x.org/api/v1"}, "CTCT_EDITOR_APP_ID"),
        ({"backend": "gitlab", "app_id": 'x"><script>'}, "CTCT_EDITOR_APP_ID"),
    ],
)
def test_host_settings_refuse_what_cannot_sign_in(values, message):
    with pytest.raises(SettingsError, match=message):
        editor_settings(repo="ubnd/ctct", **values)
