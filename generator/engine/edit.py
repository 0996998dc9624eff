"""`make edit`: the web editor on one machine, saving into this working tree, with a live preview.

Starts decap-server (pinned in editor/package-lock.json, installed by `npm ci --prefix editor`)
on 127.0.0.1, then `mkdocs serve` with the editor pointed at it; Ctrl+C stops both. Nothing
is committed: the clerk looks at the preview, then commits the files the editor wrote.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from generator.load.content import content_links

ROOT = Path.cwd()
CONTENT = ROOT / "content"
DECAP_SERVER = ROOT / "editor" / "node_modules" / "decap-server" / "dist" / "index.js"
SITE = ("127.0.0.1", 8000)


def main() -> int:
    node = shutil.which("node")
    if node is None or not DECAP_SERVER.is_file():
        print(
            "Chưa có Node.js hoặc decap-server: cài Node.js (apt-get install nodejs npm) rồi "
            "chạy lại make edit (lệnh tự cài decap-server bằng npm ci --prefix editor).",
            file=sys.stderr,
        )
        return 1
    if links := content_links(CONTENT):
        print("\n".join(str(p) for p in links), file=sys.stderr)
        return 1  # decap-server would write through them
    port = int(os.environ.get("CTCT_EDITOR_PORT", "8081"))
    if _busy(port) or _busy(SITE[1]):
        print(
            f"Cổng {port} hoặc {SITE[1]} đang được dùng (có thể make edit đang chạy ở cửa sổ "
            "khác). Đóng nó, hoặc đặt CTCT_EDITOR_PORT=<cổng khác>.",
            file=sys.stderr,
        )
        return 1
    backend = _start_decap_server(node, port)
    try:
        print(
            f"\nTrang quản trị: http://{SITE[0]}:{SITE[1]}/admin/  (bấm Đăng nhập)\n"
            f"Xem trước trang web: http://{SITE[0]}:{SITE[1]}/\n"
            "Tệp được ghi vào content/ của thư mục này; xem lại rồi commit. Dừng: Ctrl+C.\n",
            file=sys.stderr,
        )
        env = {
            **os.environ,
            "CTCT_EDITOR_PROXY_URL": f"http://127.0.0.1:{port}/api/v1",
            "NO_MKDOCS_2_WARNING": "1",
        }
        mkdocs = Path(sys.executable).with_name("mkdocs")
        serve = [str(mkdocs), "serve", "--dev-addr", f"{SITE[0]}:{SITE[1]}"]
        return subprocess.call(serve, env=env)
    except KeyboardInterrupt:
        return 0
    finally:
        backend.terminate()
        backend.wait(timeout=10)


def _start_decap_server(node: str, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "GIT_REPO_DIRECTORY": str(ROOT),
        "MODE": "fs",
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen([node, str(DECAP_SERVER)], env=env)
    deadline = time.monotonic() + 20
    while not _busy(port) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    return process


def _busy(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


if __name__ == "__main__":
    sys.exit(main())
