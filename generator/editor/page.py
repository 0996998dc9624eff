"""The admin page, `admin/index.html`: the pinned Decap bundle and our checks, all from this site.

Its Content-Security-Policy lets scripts come from this site only; the page talks to this
site, and after sign-in to the git host's API (GitHub's, or the ward's GitLab, Gitea or Forgejo;
decap-server on this machine for `make edit`).
Without a repository to save to, the page says how to connect one instead of loading the editor.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from generator.editor.settings import SHARED_BUNDLE, EditorSettings

TITLE = "Quản trị dữ liệu – Chương trình công tác"
GITHUB_ORIGINS = ("https://api.github.com", "https://www.githubstatus.com")
AVATARS = "https://avatars.githubusercontent.com"
GITLAB_COM = "https://gitlab.com"
SCRIPTS = ("decap-cms.js", "ctct-editor.js")
STYLE = "ctct-editor.css"
"""Our layout fixes on top of Decap's own styles (a phone's width)."""

_NOT_CONNECTED = """<main style="max-width:40rem;margin:3rem auto;font-family:system-ui,sans-serif;
line-height:1.5;padding:0 1rem">
<h1>Trang quản trị chưa được kết nối</h1>
<p>Trang này sửa dữ liệu của trang web ngay trong kho mã của phường (GitHub, GitLab, Gitea
hoặc Forgejo). Người quản trị đặt biến <code>CTCT_EDITOR_BACKEND</code>,
<code>CTCT_EDITOR_REPO</code> (kho dạng <code>chủ/tên</code>) và cách đăng nhập khi dựng trang:
xem tài liệu của công cụ, trang “Đăng trang và trang quản trị”.</p>
<p>Thử trên một máy, không cần máy chủ git: chạy <code>python -m generator edit</code> rồi mở
<code>http://127.0.0.1:8000/admin/</code>.</p>
</main>"""


def admin_page(settings: EditorSettings) -> str:
    """The page: the editor when it has somewhere to save, else how to connect it."""
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">',
        f'<meta http-equiv="Content-Security-Policy" content="{_attribute(csp(settings))}">',
        '<link rel="icon" href="data:,">',
        f"<title>{html.escape(TITLE)}</title>",
    ]
    if settings.connected:
        head.append(f'<link rel="stylesheet" href="{STYLE}">')
        shared = {"decap-cms.js": SHARED_BUNDLE} if settings.shared_bundle else {}
        body = "\n".join(
            f'<script src="{shared.get(name, "")}{name}"></script>' for name in SCRIPTS
        )
    else:
        body = _NOT_CONNECTED
    return (
        '<!doctype html>\n<html lang="vi">\n<head>\n'
        + "\n".join(head)
        + f"\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def csp(settings: EditorSettings) -> str:
    """Scripts, styles and fonts from this site only; data from this site and the git host."""
    if settings.local:
        connect, images = [_origin(settings.proxy_url)], []
    elif settings.host == "github":
        connect, images = list(GITHUB_ORIGINS), [AVATARS]
    else:
        host = _origin(settings.api_root) if settings.api_root else GITLAB_COM
        connect, images = [host], [host]
    rules = {
        "default-src": ["'self'"],
        # Decap compiles its configuration schema (ajv) at run time: without eval it stops.
        "script-src": ["'self'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *images],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", *connect],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in rules.items())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _attribute(value: str) -> str:
    """A double-quoted attribute value: only what would end or break it is escaped."""
    return html.escape(value, quote=False).replace('"', "&quot;")
