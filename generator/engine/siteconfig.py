"""A site's mkdocs configuration: the installed generator's defaults, with the ward's own
`mkdocs.yml` (optional, short) laid over them key by key, as mkdocs' INHERIT would.

A ward's repository holds its content and, at most, the settings it changes (its colours, its
address, its editor); the theme overrides, the templates and every other setting come from the
installed package, so an upgrade is a changed pin and nothing else.
"""

from __future__ import annotations

import io
from pathlib import Path

import mergedeep
import yaml
from jinja2 import Environment
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.theme import Theme
from mkdocs.utils.yaml import yaml_load

from generator.render.environments import theme_dir

DEFAULTS = Path(__file__).with_name("defaults") / "mkdocs.yml"
"""The default site configuration, shipped in the package."""
CONFIG_NAME = "mkdocs.yml"
"""A site's own configuration file, beside its content/."""


def site_options(config_file: Path) -> dict:
    """The defaults with the site's own file laid over them (a missing file changes nothing).
    Its `!ENV` values and its own INHERIT are read as mkdocs reads them."""
    with DEFAULTS.open("rb") as fd:
        options = yaml_load(fd)
    if config_file.is_file():
        try:
            with config_file.open("rb") as fd:
                own = yaml_load(fd) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            raise ValueError(f"{config_file}{line}: tệp cấu hình không đọc được (YAML)") from None
        except ConfigurationError as exc:  # its INHERIT names no file
            raise ValueError(f"{config_file}: {exc}") from None
        if not isinstance(own, dict):
            raise ValueError(f"{config_file}: tệp cấu hình phải là các cặp 'khóa: giá trị'")
        _own_overrides_only(config_file, own)
        mergedeep.merge(options, own)
    return options


def _own_overrides_only(config_file: Path, own: dict) -> None:
    """A site's own theme overrides (`theme.custom_dir`) are published whole: they must be a
    folder of the site's own, never one elsewhere on the machine (`/etc`), nor reached by a
    link out of it."""
    theme = own.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom is None:
        return
    folder = config_file.absolute().parent
    target = (folder / str(custom)).resolve()
    if not target.is_relative_to(folder.resolve()) or target == folder.resolve():
        raise ValueError(
            f"{config_file}: theme.custom_dir '{custom}' phải là một thư mục con của {folder} "
            "(mọi tệp trong đó được đăng lên trang)"
        )


def load_site_config(config_file: Path, **overrides) -> MkDocsConfig:
    """The validated configuration of the site whose settings are `config_file` (which need
    not exist): paths in it are relative to its folder. Raises mkdocs' own exceptions."""
    options = {**site_options(config_file), **overrides}
    # The options are the whole configuration, the defaults already read: no file to read again.
    return load_config(
        config_file=io.BytesIO(b"{}"), config_file_path=str(config_file.absolute()), **options
    )


def add_theme_overrides(theme) -> None:
    """Our templates and assets, installed with the generator, among mkdocs' theme folders:
    after the site's own custom_dir (if it declares one), before Material's, as a custom_dir
    of ours would be."""
    ours = str(theme_dir())
    if ours not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, ours)


def theme_environment() -> Environment:
    """The default theme's Jinja environment with our overrides, as a build makes it before any
    plugin's `on_env`: the environment our theme overrides are compiled in."""
    with DEFAULTS.open("rb") as fd:
        theme = Theme(name=yaml_load(fd)["theme"]["name"])
    add_theme_overrides(theme)
    return theme.get_env()
