"""The admin page, `admin/index.html`: the pinned Decap bundle and our checks, all from this site.

Its Content-Security-Policy lets scripts come from this site only; the page talks to this
site, and after sign-in to GitHub's API (or to decap-server on this machine, for `make edit`).
Without a repository to save to, the page says how to connect one instead of loading the editor.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from generator.editor.settings import EditorSettings

TITLE = "Quản trị dữ liệu – Chương trình công tác"
GITHUB_ORIGINS = ("https://api.github.com", "https://www.githubstatus.com")
AVATARS = "https://avatars.githubusercontent.com"
SCRIPTS = ("decap-cms.js", "ctct-editor.js")

_NOT_CONNECTED = """<main style="max-width:40rem;margin:3rem auto;font-family:system-ui,sans-serif;
line-height:1.5;padding:0 1rem">
<h1>Trang quản trị chưa được kết nối</h1>
<p>Trang này sửa dữ liệu của trang web ngay trong kho mã GitHub của phường. Người quản trị
đặt biến <code>CTCT_EDITOR_REPO</code> (kho dạng <code>chủ/tên</code>) và
<code>CTCT_EDITOR_AUTH_URL</code> (dịch vụ đăng nhập) khi dựng trang: xem README, mục
“Trang quản trị”.</p>
<p>Thử trên một máy, không cần GitHub: chạy <code>make edit</code> rồi mở
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
        body = "\n".join(f'<script src="{name}"></script>' for name in SCRIPTS)
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
        parts = urlsplit(settings.proxy_url)
        connect, images = [f"{parts.scheme}://{parts.netloc}"], []
    else:
        connect, images = list(GITHUB_ORIGINS), [AVATARS]
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


def _attribute(value: str) -> str:
    """A double-quoted attribute value: only what would end or break it is escaped."""
    return html.escape(value, quote=False).replace('"', "&quot;")
