"""`python -m generator build`: run mkdocs into a temporary folder, then swap it in.

A failed build (bad content, a template error) leaves the last good site untouched.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError


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
    except (ConfigurationError, Abort) as exc:
        print(f"{config_file}: cấu hình mkdocs không hợp lệ: {exc}", file=sys.stderr)
        return 1
    if content_dir is not None:
        config.plugins["ctct"].config.content = str(Path(content_dir).resolve())
    target = Path(site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    config.site_dir = str(staging)
    try:
        build(config)
    except (PluginError, Abort, ConfigurationError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(str(exc).strip(), file=sys.stderr)
        print(f"Không dựng được trang; {target} vẫn giữ bản trước.", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, target)
    print(f"Đã dựng trang vào {target}", file=sys.stderr)
    return 0


def _swap(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with two renames, so readers never see half a site."""
    staging.chmod(0o755)
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _quiet_mkdocs() -> None:
    """Show mkdocs warnings and errors, not its chatter."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
