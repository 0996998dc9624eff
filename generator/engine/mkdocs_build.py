"""`python -m generator build`: run mkdocs into a temporary folder, then swap it in.

A failed build (bad content, a template error, a folder that cannot be written) leaves the last
good site untouched. One build at a time per site folder: a lock file beside it
(`.<site>.lock`) is held for the whole build; under it, any leftover `.<site>-*` folder is the
debris of a killed build and is removed.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError


class BuildRefused(Exception):
    """The build cannot start or finish; the message is one Vietnamese line."""


def build_site(
    config_file: Path,
    content_dir: Path | None = None,
    site_dir: Path | None = None,
    strict: bool = True,
) -> int:
    """Build the site; 0 on success, 1 (with a clear message, old site kept) on failure."""
    _quiet_mkdocs()
    try:
        config = load_config(config_file=str(config_file), strict=strict)
    except (ConfigurationError, Abort, OSError) as exc:
        print(
            f"{config_file}: cấu hình mkdocs không hợp lệ (xem dòng ERROR ở trên; site_url lấy "
            f"từ biến môi trường SITE_URL): {exc}",
            file=sys.stderr,
        )
        return 1
    if content_dir is not None:
        config.plugins["ctct"].config.content = str(Path(content_dir).resolve())
    target = Path(site_dir or config.site_dir).resolve()
    try:
        with _exclusive(target):
            _build_and_swap(config, target)
    except BuildRefused as exc:
        print(str(exc).strip(), file=sys.stderr)
        print(f"Không dựng được trang; {target} vẫn giữ bản trước.", file=sys.stderr)
        return 1
    print(f"Đã dựng trang vào {target}", file=sys.stderr)
    return 0


def _build_and_swap(config, target: Path) -> None:
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    except OSError as exc:
        raise BuildRefused(f"không tạo được thư mục tạm trong {target.parent}: {exc}") from None
    config.site_dir = str(staging)
    try:
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        _swap(staging, target)
    except (PluginError, Abort, ConfigurationError) as exc:
        raise BuildRefused(str(exc)) from None
    except OSError as exc:
        raise BuildRefused(f"không ghi được {exc.filename or target}: {exc.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _exclusive(target: Path) -> Iterator[None]:
    """Hold `.<site>.lock` beside the site folder; remove a killed build's leftovers."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = (target.parent / f".{target.name}.lock").open("a")
    except OSError as exc:
        raise BuildRefused(f"không ghi được vào {target.parent}: {exc.strerror}") from None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildRefused(
                f"một lần dựng khác đang ghi vào {target}; chờ nó xong rồi chạy lại"
            ) from None
        for debris in target.parent.glob(f".{target.name}-*"):
            shutil.rmtree(debris, ignore_errors=True)
        yield


def _swap(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with two renames, so readers never see half a site."""
    staging.chmod(0o755)
    old = target.with_name(f".{target.name}-old")
    if target.exists():
        target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)  # put the last good site back
        raise
    shutil.rmtree(old, ignore_errors=True)


def _quiet_mkdocs() -> None:
    """Show mkdocs warnings and errors, not its chatter."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
