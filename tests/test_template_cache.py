"""The compiled-template cache: used only when safe, never a reason for a wrong or failed build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment
from jinja2.bccache import bc_magic

from generator.engine.template_cache import SWITCH, template_cache
from tests.conftest import EPOCH, MINI, build_into

SOURCE = "{% if x %}\n  <b>{{ x }}</b>\n{% endif %}\n"


def _env(cache, **options) -> Environment:
    return Environment(loader=DictLoader({"t.html": SOURCE}), bytecode_cache=cache, **options)


def test_off_switch_and_unusable_homes(tmp_path):
    assert template_cache({SWITCH: "0", "XDG_CACHE_HOME": str(tmp_path)}) is None
    assert template_cache({"XDG_CACHE_HOME": "relative/cache"}) is None  # and no HOME
    assert template_cache({"HOME": "relative"}) is None
    cache = template_cache({"XDG_CACHE_HOME": "relative", "HOME": str(tmp_path)})
    assert cache is not None
    assert Path(cache.directory) == tmp_path / ".cache" / "ctct-site" / "templates"


def test_folder_others_can_write_is_not_used(tmp_path):
    folder = tmp_path / "ctct-site" / "templates"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    assert template_cache({"XDG_CACHE_HOME": str(tmp_path)}) is None
    folder.chmod(0o700)
    assert template_cache({"XDG_CACHE_HOME": str(tmp_path)}) is not None
    folder.parent.chmod(0o777)  # whoever can write there can swap the folder itself
    assert template_cache({"XDG_CACHE_HOME": str(tmp_path)}) is None


def test_compiled_code_is_kept_per_environment_settings(tmp_path):
    cache = template_cache({"XDG_CACHE_HOME": str(tmp_path)})
    plain = _env(cache).get_template("t.html").render(x=1)
    trimmed = _env(cache, trim_blocks=True, lstrip_blocks=True).get_template("t.html").render(x=1)
    assert plain != trimmed  # the second did not reuse the first's code
    assert len(list(Path(cache.directory).iterdir())) == 2
    again = _env(cache, trim_blocks=True, lstrip_blocks=True).get_template("t.html").render(x=1)
    assert again == trimmed == "  <b>1</b>\n"


def test_damaged_or_vanished_cache_compiles_again(tmp_path):
    cache = template_cache({"XDG_CACHE_HOME": str(tmp_path)})
    expected = _env(None).get_template("t.html").render(x=2)
    assert _env(cache).get_template("t.html").render(x=2) == expected
    for kept in Path(cache.directory).iterdir():
        kept.write_bytes(bc_magic + b"\x80garbage")  # a right header, then damage
    assert _env(cache).get_template("t.html").render(x=2) == expected
    shutil.rmtree(cache.directory)  # writing fails now: the build goes on without it
    assert _env(cache).get_template("t.html").render(x=2) == expected


def test_site_is_byte_identical_with_cache_off_cold_and_warm(tmp_path):
    env = {"SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": "https://example.org/ctct/"}
    sites = [
        build_into(tmp_path / "off", MINI, {**env, SWITCH: "0"}),
        build_into(tmp_path / "cold", MINI, {**env, "XDG_CACHE_HOME": str(tmp_path / "c")}),
        build_into(tmp_path / "warm", MINI, {**env, "XDG_CACHE_HOME": str(tmp_path / "c")}),
    ]
    assert any((tmp_path / "c" / "ctct-site" / "templates").iterdir())
    listings = [sorted(p.relative_to(s) for p in s.rglob("*") if p.is_file()) for s in sites]
    assert listings[0] == listings[1] == listings[2]
    for name in listings[0]:
        data = (sites[0] / name).read_bytes()
        assert (sites[1] / name).read_bytes() == data == (sites[2] / name).read_bytes(), name


def test_folder_above_owned_by_someone_else_is_not_used(tmp_path):
    if os.getuid() != 0:
        pytest.skip("needs root to give a folder to another user")
    home = tmp_path / "theirs"
    home.mkdir(mode=0o700)
    os.chown(home, 12345, 12345)  # they could swap ctct-site/ once it has been checked
    assert template_cache({"XDG_CACHE_HOME": str(home)}) is None


def test_symlinked_home_is_used_through_its_real_path(tmp_path):
    (tmp_path / "real").mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    cache = template_cache({"XDG_CACHE_HOME": str(tmp_path / "link")})
    assert cache is not None
    assert Path(cache.directory) == tmp_path / "real" / "ctct-site" / "templates"


def test_created_private_whatever_the_umask(tmp_path):
    old = os.umask(0o002)
    try:
        assert template_cache({"XDG_CACHE_HOME": str(tmp_path / "new")}) is not None
    finally:
        os.umask(old)


def test_settings_compiled_in_are_part_of_the_key(tmp_path):
    cache = template_cache({"XDG_CACHE_HOME": str(tmp_path)})
    assert _env(cache).get_template("t.html").render(x="<i>") == "\n  <b><i></b>\n"
    escaped = _env(cache, autoescape=True).get_template("t.html").render(x="<i>")
    assert escaped == "\n  <b>&lt;i&gt;</b>\n"
    final = _env(cache, finalize=lambda v: "-").get_template("t.html").render(x="<i>")
    assert final == "\n  <b>-</b>\n"


def test_any_damaged_byte_compiles_again(tmp_path):
    cache = template_cache({"XDG_CACHE_HOME": str(tmp_path)})
    expected = _env(None).get_template("t.html").render(x=3)
    _env(cache).get_template("t.html").render(x=3)
    (kept,) = Path(cache.directory).iterdir()
    good = kept.read_bytes()
    for at in range(len(bc_magic), len(good)):
        kept.write_bytes(good[:at] + bytes([good[at] ^ 0x10]) + good[at + 1 :])
        assert _env(cache).get_template("t.html").render(x=3) == expected, at
