"""`python -m generator build`: run mkdocs into a temporary folder, then swap it in.

A failed build (bad content, a template error, a folder that cannot be written) leaves the last
good site untouched. The site folder, its lock and the swap are `sitedir`'s: a build refuses a
site folder that is the content or the repository, and replaces only what a build made.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from generator.common.safewrite import UnsafeWrite
from generator.engine.siteconfig import load_site_config
from generator.engine.sitedir import (
    CONTENT,
    BuildRefused,
    Outside,
    check_target,
    config_and_repository,
    exclusive,
    mark,
    swap,
    work_folder,
)


def build_site(
    config_file: Path,
    content_dir: Path | None = None,
    site_dir: Path | None = None,
    strict: bool = True,
    outside: Outside | None = None,
    content_in_repo: str | None = None,
    shared_bundle: bool = False,
) -> int:
    """Build the site; 0 on success, 1 (with a clear message, old site kept) on failure.
    `outside`: where the staging, lock and mark go instead (`sitedir.Outside`, `build-all`);
    `content_in_repo`: the content's folder in its repository, where the editor writes;
    `shared_bundle`: the editor's Decap bundle is the province portal's (`build-all`)."""
    _quiet_mkdocs()
    try:
        overrides = {"docs_dir": str(Path(content_dir).resolve())} if content_dir else {}
        config = load_site_config(Path(config_file), strict=strict, **overrides)
    except (ConfigurationError, Abort, OSError, ValueError) as exc:
        print(
            f"{config_file}: cấu hình mkdocs không hợp lệ (xem dòng ERROR ở trên; site_url lấy "
            f"từ biến môi trường SITE_URL): {exc}",
            file=sys.stderr,
        )
        return 1
    if "ctct" not in config.plugins:
        print(
            f"{config_file}: danh sách plugins thiếu ctct (plugin dựng trang từ content/); bỏ "
            "khóa plugins để dùng mặc định, hoặc thêm '- ctct' vào danh sách",
            file=sys.stderr,
        )
        return 1
    if content_dir is not None:
        config.plugins["ctct"].config.content = str(Path(content_dir).resolve())
    if content_in_repo is not None:
        config.plugins["ctct"].config.content_in_repo = content_in_repo
    if shared_bundle:
        config.plugins["ctct"].config.editor_shared_bundle = True
    target = Path(site_dir or config.site_dir).resolve()
    try:
        check_target(target, protected_folders(config, Path(config_file)), outside)
        with exclusive(target, outside):
            _build_and_swap(config, target, outside)
    except BuildRefused as exc:
        print(str(exc).strip(), file=sys.stderr)
        kept = f"{target} vẫn giữ bản trước" if target.exists() else "không có tệp nào bị xóa"
        print(f"Không dựng được trang; {kept}.", file=sys.stderr)
        return 1
    print(f"Đã dựng trang vào {target}", file=sys.stderr)
    return 0


def _build_and_swap(config, target: Path, outside: Outside | None) -> None:
    work = work_folder(target, outside)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=work))
    except OSError as exc:
        raise BuildRefused(f"không tạo được thư mục tạm trong {work}: {exc}") from None
    if outside is None:
        mark(staging)
    config.site_dir = str(staging)
    try:
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        swap(staging, target, outside)
    except (PluginError, Abort, ConfigurationError, UnsafeWrite) as exc:
        raise BuildRefused(str(exc)) from None
    except OSError as exc:
        raise BuildRefused(f"không ghi được {exc.filename or target}: {exc.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def protected_folders(config, config_file: Path) -> dict[str, Path]:
    """The folders a site folder may not be, hold, or (the content) lie in, by their role."""
    content = config_file.resolve().parent / config.plugins["ctct"].config.content
    return {CONTENT: content} | config_and_repository(config_file)


def _quiet_mkdocs() -> None:
    """Show mkdocs warnings and errors, not its chatter."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def serve_site(config_file: Path, address: str) -> int:
    """`python -m generator serve`: mkdocs' live preview of the site, rebuilt on every change."""
    from mkdocs.commands.serve import serve

    from generator.engine.siteconfig import DEFAULTS, site_options

    _quiet_mkdocs()
    try:
        options = site_options(Path(config_file))
        options.pop("site_dir", None)  # serve builds into a folder of its own
        print(f"Xem trước: http://{address}/  (tự dựng lại khi sửa; dừng: Ctrl+C)", file=sys.stderr)
        serve(
            config_file=str(DEFAULTS),
            config_file_path=str(Path(config_file).absolute()),
            dev_addr=address,
            **options,
        )
    except (ConfigurationError, Abort, OSError, ValueError) as exc:
        print(f"{config_file}: không xem trước được: {exc}", file=sys.stderr)
        return 1
    return 0
