"""The Decap CMS configuration (`admin/config.yml`), built from the declaration and the content.

Collections: progress reports (one file each, the daily use: the task is chosen from the
programme's tasks, searched by their text), amendments (one small file each, naming the new
fields of each task they change), the units and the ward. The programme as issued is out of
reach: the editor never writes its file. Dates are typed day first (our `ctct-date` widget,
`static/ctct-editor.js`) and stored as ISO dates, so a file's name follows its own date, the
day in Vietnam. Paths are relative to the git repository's root.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import yaml

from generator.common.wording import STATUS_LABELS, shorten
from generator.contentformat import choices, layout
from generator.contentformat import records as fmt
from generator.domain.model import ALL_ROWS, Content, Status, Task
from generator.editor.fields import (
    DATE_WIDGET,
    DEADLINE,
    HTTPS,
    LABELS,
    PLAIN_NAME,
    Widget,
    choice,
    deadline_from,
    form_fields,
)
from generator.editor.settings import EditorSettings

COMMIT_MESSAGES = {
    "create": "Thêm {{collection}} “{{slug}}”",
    "update": "Sửa {{collection}} “{{slug}}”",
    "delete": "Xóa {{collection}} “{{slug}}”",
    "uploadMedia": "Tải lên “{{path}}”",
    "deleteMedia": "Xóa “{{path}}”",
    "openAuthoring": "{{message}}",
}
OPTION_CHARS = 160
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""How much of a task's content its entry in the task list shows."""


def editor_config(
    content: Content, settings: EditorSettings, site_url: str = ""
) -> dict[str, object]:
    """The whole configuration, as data."""
    base = PurePosixPath(settings.content_path)
    config: dict[str, object] = {"locale": "vi", "backend": backend_config(settings)}
    if settings.review:
        config["publish_mode"] = "editorial_workflow"
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    config["media_folder"] = str(base / layout.SOURCES)
    config["slug"] = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    config["collections"] = [
        reports_collection(content, base),
        amendments_collection(content, base),
        *confirmations_collection(content, base),
        units_collection(base),
        ward_collection(content.ward.kind, base),
    ]
    return config


def editor_data(content: Content) -> dict[str, object]:
    """What the script shows in list views: status labels and each task's text, by id."""
    return {
        "statuses": {s.value: STATUS_LABELS[s] for s in Status},
        "tasks": {t.id: shorten(t.content, OPTION_CHARS) for t in content.tasks},
    }


def config_yaml(config: dict[str, object]) -> str:
    """The configuration as YAML text (safe: every value is quoted as YAML needs).

    libyaml's emitter when present: the same text as PyYAML's own, about seven times faster.
    """
    return yaml.dump(config, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)


def reports_collection(content: Content, base: PurePosixPath) -> dict[str, object]:
    status = [(s.value, STATUS_LABELS[s]) for s in Status]
    special: dict[str, Widget] = {
        "task": choice([task_option(t) for t in content.tasks]),
        "reported_on": {**DATE_WIDGET, "today": True},
        "status": choice(status),
        "done_on": {
            **DATE_WIDGET,
            "required_when": {
                "field": "status",
                "value": Status.DONE.value,
                "message": f"{LABELS[('report', 'status')]} là {STATUS_LABELS[Status.DONE]} "
                "thì cần ngày hoàn thành.",
            },
            "not_after": "reported_on",
        },
        "link": {"widget": "string", "pattern": HTTPS},
        "note": {"widget": "text"},
    }
    return {
        "name": "bao-cao",
        "label": "Báo cáo tiến độ",
        "label_singular": "Báo cáo tiến độ",
        "description": (
            "Mỗi báo cáo là một tệp: chọn nhiệm vụ (gõ vài chữ của nội dung hoặc mã để tìm), "
            "tình trạng, ngày hoàn thành khi đã xong, văn bản kết quả. Báo cáo mới nhất là "
            "tình trạng của nhiệm vụ; báo cáo cũ được giữ làm lịch sử."
        ),
        "folder": str(base / layout.REPORTS),
        "create": True,
        "delete": False,
        "extension": "yaml",
        "format": "yaml",
        "slug": "{{task}}--{{fields.reported_on}}",
        "identifier_field": "task",
        "summary": "{{reported_on}} · {{status}} · {{task}}",
        "editor": {"preview": False},
        "fields": form_fields(fmt.REPORT, special),
    }


def amendments_collection(content: Content, base: PurePosixPath) -> dict[str, object]:
    programmes = sorted(content.programmes, key=lambda p: -p.year)
    latest = programmes[0] if programmes else None
    year = latest.year if latest else ""  # the examples' year: the latest programme's
    task = form_fields(
        fmt.AMENDED_TASK,
        {
            "task": choice([task_option(t) for t in content.tasks]),
            "content": {"widget": "text"},
            "deadline": {
                "widget": "string",
                "pattern": deadline_from(min(p.year for p in programmes)) if latest else DEADLINE,
                "hint": f"để trống nếu thời hạn không đổi; 20/03/{year}, 10-25/3/{year}",
            },
        },
    )
    special: dict[str, Widget] = {
        "programme": {
            **choice([(p.id, f"Chương trình năm {p.year}") for p in programmes]),
            "default": latest.id if latest else "",
            "hint": f"chương trình được điều chỉnh (mã “{latest.id}”)" if latest else "",
        },
        "decided_on": {**DATE_WIDGET, "hint": f"ngày/tháng/năm của văn bản, ví dụ 10/03/{year}"},
        "decision": {
            "widget": "string",
            "hint": f"văn bản điều chỉnh, ví dụ Quyết định số 15/QĐ-UBND ngày 10/3/{year}",
        },
        "tasks": {
            "widget": "list",
            "label_singular": "nhiệm vụ",
            "summary": "{{fields.task}}",
            "collapsed": False,
            "min": 1,
            "fields": task,
        },
        "reason": {"widget": "text"},
        "link": {"widget": "string", "pattern": HTTPS},
    }
    return {
        "name": "dieu-chinh",
        "label": "Điều chỉnh chương trình",
        "label_singular": "Điều chỉnh chương trình",
        "description": (
            "Khi Ủy ban điều chỉnh chương trình: ghi văn bản điều chỉnh, ngày, lý do và, với "
            "từng nhiệm vụ, chỉ các trường được đổi (trường để trống giữ như văn bản ban hành). "
            "Mỗi lần điều chỉnh là một tệp riêng; tệp chương trình không bị sửa."
        ),
        "folder": str(base / layout.AMENDMENTS),
        "create": True,
        "delete": False,
        "extension": "yaml",
        "format": "yaml",
        "slug": "{{fields.decided_on}}-{{fields.decision}}",
        "identifier_field": "decision",
        "summary": "{{decided_on}} · {{decision}}",
        "editor": {"preview": False},
        "fields": form_fields(fmt.AMENDMENT, special),
    }


def confirmations_collection(content: Content, base: PurePosixPath) -> list[dict[str, object]]:
    """Checks of a programme read by OCR against the paper; none when no programme was."""
    scanned = sorted((p for p in content.programmes if p.read_by_ocr), key=lambda p: -p.year)
    if not scanned:
        return []
    rows = [(ALL_ROWS, "Cả văn bản (mọi mục)")]
    for p in scanned:
        rows += [(k.id, f"{k.id} — {shorten(k.content, OPTION_CHARS)}") for k in p.key_tasks]
        rows += [task_option(t) for t in p.tasks]
    special: dict[str, Widget] = {
        "programme": {
            **choice([(p.id, f"Chương trình năm {p.year}") for p in scanned]),
            "default": scanned[0].id,
        },
        "checked_on": DATE_WIDGET,
        "rows": choice(rows, multiple=True),
    }
    return [
        {
            "name": "doi-chieu",
            "label": "Đối chiếu với bản giấy",
            "label_singular": "Lần đối chiếu với bản giấy",
            "description": (
                "Chương trình được máy đọc (OCR) từ bản quét: mọi trang ghi “chữ do máy đọc” "
                "cho tới khi một người đối chiếu các mục với bản giấy có chữ ký. Ghi ngày, người "
                "đối chiếu và các mục đã đối chiếu (hoặc cả văn bản)."
            ),
            "folder": str(base / layout.CONFIRMATIONS),
            "create": True,
            "delete": False,
            "extension": "yaml",
            "format": "yaml",
            "slug": "{{fields.checked_on}}-{{fields.checked_by}}",
            "identifier_field": "checked_by",
            "summary": "{{checked_on}} · {{checked_by}}",
            "editor": {"preview": False},
            "fields": form_fields(fmt.CONFIRMATION, special),
        }
    ]


def units_collection(base: PurePosixPath) -> dict[str, object]:
    units = form_fields(fmt.UNIT, {"aliases": _texts("Cách viết")})
    listed: Widget = {
        "widget": "list",
        "summary": "{{fields.short}} ({{fields.id}})",
        "collapsed": True,
        "fields": units,
    }
    return _single_file(
        "don-vi",
        "Đơn vị",
        "Danh mục đơn vị. Mã đơn vị là cố định: không đổi mã đã có (địa chỉ trang, lịch dựa "
        f"vào nó); thêm cách viết mới vào “{LABELS[('unit', 'aliases')]}”.",
        base / layout.UNITS_YAML,
        form_fields(fmt.UNITS_FILE, {"units": listed}),
    )


def ward_collection(kind: str, base: PurePosixPath) -> dict[str, object]:
    """ward.yaml, named by its own kind: a commune's clerk reads "Xã", not "Phường"."""
    special: dict[str, Widget] = {
        "kind": choice([(k, k) for k in choices.WARD_KINDS]),
        **{
            name: {"widget": "string", "pattern": PLAIN_NAME} for name in ("name", "city", "issuer")
        },
        "formed_from": {
            "widget": "list",
            "summary": "{{fields.name}}",
            "fields": form_fields(
                fmt.FORMER_UNIT, {"name": {"widget": "string", "pattern": PLAIN_NAME}}
            ),
        },
    }
    fields = [
        f
        if f["name"] == "kind"
        else {**f, "label": _kind(f["label"], kind), "hint": _kind(f["hint"], kind)}
        for f in form_fields(fmt.WARD, special)
    ]
    return _single_file(
        "phuong",
        kind[:1].upper() + kind[1:],
        f"Tên {kind} và cơ quan ban hành, in ở đầu mọi trang.",
        base / layout.WARD_YAML,
        fields,
    )


def _kind(text: object, kind: str) -> object:
    """The declaration's word for the ward ("phường") as the ward's own kind."""
    return re.sub(r"\bphường\b", kind, text) if isinstance(text, str) else text


def task_option(task: Task) -> tuple[str, str]:
    """A task in the list to choose from: its id and its text, searchable by either."""
    lead = f" ({task.lead_as_written})" if task.lead_as_written else ""
    return task.id, f"{task.id} — {shorten(task.content, OPTION_CHARS)}{lead}"


def _texts(item_label: str) -> Widget:
    return {"widget": "list", "field": {"name": "item", "label": item_label, "widget": "string"}}


def _single_file(
    name: str, label: str, description: str, path: PurePosixPath, fields: list[Widget]
) -> dict[str, object]:
    return {
        "name": name,
        "label": label,
        "description": description,
        "delete": False,
        "editor": {"preview": False},
        "files": [{"name": name, "label": label, "file": str(path), "fields": fields}],
    }


def backend_config(settings: EditorSettings) -> dict[str, object]:
    """Decap's `backend`: decap-server on this machine, or the ward's git host."""
    if settings.local:
        return {"name": "proxy", "proxy_url": settings.proxy_url, "branch": settings.branch}
    backend: dict[str, object] = {
        "name": settings.host,
        "repo": settings.repo,
        "branch": settings.branch,
        "commit_messages": COMMIT_MESSAGES,
    }
    if settings.host == "github" and settings.auth_url:
        backend["base_url"] = settings.auth_url
    elif settings.host == "gitlab":
        backend.update(auth_type="pkce", app_id=settings.app_id)
        if settings.api_root:
            backend["api_root"] = settings.api_root
            backend["base_url"] = settings.server_url
    elif settings.host in ("gitea", "forgejo"):
        backend.update(api_root=settings.api_root, app_id=settings.app_id)
        if settings.host == "gitea":
            backend["base_url"] = settings.server_url
    return backend
