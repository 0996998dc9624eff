"""The Decap CMS configuration (`admin/config.yml`), built from the declaration and the content.

Collections: progress reports (one file each, the daily use: the task is chosen from the
programme's tasks, searched by their text), the programme's amendments (with the task fields
an amendment may change, in the same commit), the units and the ward. The programme as issued
stays out of reach: its other fields are hidden and kept as they are, and no task can be added,
removed or moved from the editor. Paths are relative to the git repository's root.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import yaml

from generator import contentformat as fmt
from generator.editor.fields import (
    DATE_WIDGET,
    DEADLINE,
    HTTPS,
    PLAIN_NAME,
    Widget,
    choice,
    form_fields,
    hidden,
)
from generator.editor.settings import EditorSettings
from generator.load.records import WARD_KINDS
from generator.model import Content, Programme, Status, Task
from generator.wording import STATUS_LABELS, shorten

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
    config: dict[str, object] = {"locale": "vi", "backend": _backend(settings)}
    if not settings.local:
        config["publish_mode"] = "editorial_workflow"
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    config["media_folder"] = str(base / "sources")
    config["slug"] = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    config["collections"] = [
        reports_collection(content, base),
        programmes_collection(content, base),
        units_collection(base),
        ward_collection(base),
    ]
    return config


def published_tasks(content: Content) -> dict[str, object]:
    """Per programme, its amendments and each task's changeable fields as the site shows them.

    The editor's own check (`static/ctct-editor.js`) compares a saved programme with this: a
    task whose content, lead or deadline changed must be named by an amendment not listed here.
    """
    return {
        p.id: {
            "amendments": [a.id for a in p.amendments],
            "tasks": {
                t.id: {
                    "content": t.content,
                    "lead": t.lead_as_written,
                    "deadline": t.deadline.as_written,
                }
                for t in p.tasks
            },
        }
        for p in content.programmes
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
        "reported_on": {**DATE_WIDGET, "default": "{{now}}"},
        "status": choice(status),
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
        "folder": str(base / "reports"),
        "create": True,
        "delete": False,
        "extension": "yaml",
        "format": "yaml",
        "slug": "{{task}}--{{year}}-{{month}}-{{day}}",
        "identifier_field": "task",
        "summary": "{{task}} · {{reported_on}} · {{status}}",
        "editor": {"preview": False},
        "fields": form_fields(fmt.REPORT, special),
    }


def programmes_collection(content: Content, base: PurePosixPath) -> dict[str, object]:
    programmes = sorted(content.programmes, key=lambda p: -p.year)
    return {
        "name": "chuong-trinh",
        "label": "Điều chỉnh chương trình",
        "description": (
            "Văn bản đã ban hành không sửa ở đây. Khi Ủy ban điều chỉnh chương trình, thêm một "
            "bản ghi điều chỉnh (văn bản, ngày, lý do, các nhiệm vụ) và sửa chính các nhiệm vụ "
            "đó trong cùng một lần lưu."
        ),
        "delete": False,
        "editor": {"preview": False},
        "files": [_programme_file(p, base) for p in programmes],
    }


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
        "vào nó); thêm cách viết mới vào “Các cách viết khác”.",
        base / "units.yaml",
        form_fields(fmt.UNITS_FILE, {"units": listed}),
    )


def ward_collection(base: PurePosixPath) -> dict[str, object]:
    special: dict[str, Widget] = {
        "kind": choice([(kind, kind) for kind in WARD_KINDS]),
        **{
            name: {"widget": "string", "pattern": PLAIN_NAME} for name in ("name", "city", "issuer")
        },
    }
    return _single_file(
        "phuong",
        "Phường",
        "Tên phường và cơ quan ban hành, in ở đầu mọi trang.",
        base / "ward.yaml",
        form_fields(fmt.WARD, special),
    )


def task_option(task: Task) -> tuple[str, str]:
    """A task in the list to choose from: its id and its text, searchable by either."""
    lead = f" ({task.lead_as_written})" if task.lead_as_written else ""
    return task.id, f"{task.id} — {shorten(task.content, OPTION_CHARS)}{lead}"


def _programme_file(programme: Programme, base: PurePosixPath) -> dict[str, object]:
    tasks = form_fields(
        fmt.TASK,
        {
            **hidden(fmt.TASK),
            "content": {"widget": "text"},
            "lead": {"widget": "string", "required": False},
            "deadline": {"widget": "string", "pattern": DEADLINE},
        },
    )
    month = form_fields(
        fmt.MONTH,
        {**hidden(fmt.MONTH), "tasks": _fixed_list(tasks, "{{fields.id}} — {{fields.content}}")},
    )
    amendment = form_fields(
        fmt.AMENDMENT,
        {
            "tasks": choice([task_option(t) for t in programme.tasks], multiple=True),
            "reason": {"widget": "text"},
            "link": {"widget": "string", "pattern": HTTPS},
        },
    )
    amendments: Widget = {
        "widget": "list",
        "summary": "{{fields.id}} — {{fields.decision}}",
        "collapsed": True,
        "fields": amendment,
    }
    special = {
        **hidden(fmt.PROGRAMME),
        "amendments": amendments,
        "months": _fixed_list(month, "{{fields.heading}}"),
    }
    return {
        "name": programme.id,
        "label": f"Chương trình năm {programme.year}",
        "file": str(base / PurePosixPath(programme.source.file).relative_to(_top(programme))),
        "fields": form_fields(fmt.PROGRAMME, special),
    }


def _top(programme: Programme) -> str:
    """The content folder's own name at the start of the programme's label."""
    return PurePosixPath(programme.source.file).parts[0]


def _fixed_list(fields: list[Widget], summary: str) -> Widget:
    """Items that can be edited but not added, removed or moved."""
    return {
        "widget": "list",
        "allow_add": False,
        "allow_remove": False,
        "allow_reorder": False,
        "collapsed": True,
        "summary": summary,
        "fields": fields,
    }


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


def _backend(settings: EditorSettings) -> dict[str, object]:
    if settings.local:
        return {"name": "proxy", "proxy_url": settings.proxy_url, "branch": settings.branch}
    backend: dict[str, object] = {
        "name": "github",
        "repo": settings.repo,
        "branch": settings.branch,
        "commit_messages": COMMIT_MESSAGES,
    }
    if settings.auth_url:
        backend["base_url"] = settings.auth_url
    return backend
