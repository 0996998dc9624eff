"""`python -m generator edit`: the web editor on one machine, saving into this working tree,
with a live preview.

Starts decap-server on 127.0.0.1, then `python -m generator serve` with the editor pointed at
it; Ctrl+C stops both. decap-server is pinned by the package's own lock file
(`decap_server/package-lock.json`) and installed by `npm ci` into `.cache/decap-server/` of the
site's folder the first time (the generator's repository uses its `editor/node_modules`).
Nothing is committed: the clerk looks at the preview, then commits what the editor wrote.
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
LOCKED = Path(__file__).with_name("decap_server")
"""package.json and package-lock.json: decap-server, pinned."""
INSTALLED = ROOT / ".cache" / "decap-server"
_ENTRY = Path("node_modules", "decap-server", "dist", "index.js")
SITE = ("127.0.0.1", 8000)


def decap_server() -> Path | None:
    """decap-server's entry: the generator repository's own, or the pinned one installed once
    into this site's `.cache/` (git ignores it); None when it cannot be installed."""
    for folder in (ROOT / "editor", INSTALLED):
        if (folder / _ENTRY).is_file():
            return folder / _ENTRY
    npm = shutil.which("npm")
    if npm is None:
        return None
    INSTALLED.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(LOCKED / name, INSTALLED / name)
    print("Cài decap-server (một lần, vài phút)…", file=sys.stderr)
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=INSTALLED)
    return INSTALLED / _ENTRY if done.returncode == 0 and (INSTALLED / _ENTRY).is_file() else None


def main() -> int:
    node = shutil.which("node")
    server = decap_server() if node is not None else None
    if node is None or server is None:
        print(
            "Chưa có Node.js hoặc không cài được decap-server: cài Node.js (apt-get install "
            "nodejs npm) rồi chạy lại lệnh (lệnh tự cài decap-server bằng npm ci).",
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
    backend = _start_decap_server(node, server, port)
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
        serve = [sys.executable, "-m", "generator", "serve", "--dev-addr", f"{SITE[0]}:{SITE[1]}"]
        return subprocess.call(serve, env=env)
    except KeyboardInterrupt:
        return 0
    finally:
        backend.terminate()
        backend.wait(timeout=10)


def _start_decap_server(node: str, server: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "GIT_REPO_DIRECTORY": str(ROOT),
        "MODE": "fs",
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen([node, str(server)], env=env)
    deadline = time.monotonic() + 20
    while not _busy(port) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    return process


def _busy(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


if __name__ == "__main__":
    sys.exit(main())
