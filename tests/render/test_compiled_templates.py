"""Our templates compiled when the package is built (generator/render/environments.py): the code
read back renders every page as a template compiled at build time does; a template edited since,
or compiled by another Jinja, is compiled again; errors still name the template's own file."""

from __future__ import annotations

import datetime as dt
import traceback

import jinja2
import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader

from generator.engine.compiled import wheel_templates
from generator.load.content import load_content
from generator.output import SiteInfo
from generator.province.templating import portal_environment
from generator.render.environments import (
    TEMPLATE_FOLDERS,
    TEMPLATE_SETTINGS,
    PrecompiledTemplates,
    code_digest,
    own_templates,
    theme_templates,
    write_compiled,
)
from generator.render.templating import environment
from generator.site import render_site

from ..conftest import ROOT


def _compiles(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from here on."""
    names: list[str] = []
    compile_ = Environment.compile

    def counted(self, source, name=None, *args, **kwargs):
        names.append(name)
        return compile_(self, source, name, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", counted)
    return names


def _reading(env: Environment, cache, monkeypatch) -> None:
    monkeypatch.setattr(env, "bytecode_cache", cache)
    env.cache.clear()  # the templates loaded before, by this process's other tests


def test_every_template_of_ours_is_compiled_once(tmp_path):
    written = write_compiled(tmp_path, wheel_templates())
    folders = [ROOT / package.replace(".", "/") / "templates" for package in TEMPLATE_FOLDERS]
    pages = sum(1 for folder in folders for f in folder.rglob("*") if f.is_file())
    theme = [f for f in (ROOT / "theme").rglob("*") if f.suffix in (".html", ".xml")]
    assert written == pages + len(theme) and len(theme) >= 5
    assert len(list(tmp_path.glob("t*.py"))) == written  # one file each: no digest shared
    assert write_compiled(tmp_path, wheel_templates()) == written
    assert len(list(tmp_path.glob("t*.py"))) == written  # the earlier ones replaced


def test_the_site_renders_the_same_from_compiled_code_without_compiling(tmp_path, monkeypatch):
    as_of = dt.date(2026, 11, 24)
    content = load_content(ROOT / "content", as_of=as_of)
    site = SiteInfo("https://example.org/", as_of)
    env = environment()
    _reading(env, None, monkeypatch)
    compiled_here = render_site(content, site)
    write_compiled(tmp_path, [(env, own_templates(env))])
    _reading(env, PrecompiledTemplates(tmp_path), monkeypatch)
    compiles = _compiles(monkeypatch)
    read_back = render_site(content, site)
    assert compiles == []
    assert [(p.path, p.body) for p in read_back.pages] == [
        (p.path, p.body) for p in compiled_here.pages
    ]
    assert read_back.files == compiled_here.files


def test_the_portal_reads_its_compiled_template(tmp_path, monkeypatch):
    env = portal_environment()
    write_compiled(tmp_path, [(env, own_templates(env))])
    _reading(env, PrecompiledTemplates(tmp_path), monkeypatch)
    compiles = _compiles(monkeypatch)
    for name in own_templates(env):
        env.get_template(name)
    assert compiles == []


def test_a_template_edited_since_the_package_was_built_is_compiled_again(tmp_path, monkeypatch):
    templates = {"page.html": "<p>{{ text }}</p>"}
    env = Environment(
        loader=DictLoader(templates),
        bytecode_cache=PrecompiledTemplates(tmp_path),
        **TEMPLATE_SETTINGS,
    )
    write_compiled(tmp_path, [(env, ["page.html"])])
    compiles = _compiles(monkeypatch)
    assert env.get_template("page.html").render(text="<b>") == "<p>&lt;b&gt;</p>"
    assert compiles == []
    templates["page.html"] = "<div>{{ text }}</div>"
    env.cache.clear()
    assert env.get_template("page.html").render(text="a") == "<div>a</div>"
    assert compiles == ["page.html"]


def test_code_compiled_by_another_jinja_or_with_other_settings_is_not_read(monkeypatch):
    env = Environment(**TEMPLATE_SETTINGS)
    digest = code_digest(env, "page.html", "<p>{{ text }}</p>")
    assert code_digest(env, "other.html", "<p>{{ text }}</p>") != digest
    unescaped = Environment(**{**TEMPLATE_SETTINGS, "autoescape": False})
    assert code_digest(unescaped, "page.html", "<p>{{ text }}</p>") != digest
    kept_newline = Environment(**TEMPLATE_SETTINGS, keep_trailing_newline=True)
    assert code_digest(kept_newline, "page.html", "<p>{{ text }}</p>") != digest
    with_filter = Environment(**TEMPLATE_SETTINGS)
    with_filter.filters["shout"] = str.upper
    shouted = code_digest(with_filter, "page.html", "<p>{{ text }}</p>")
    assert shouted != digest  # Jinja refuses a filter it does not know
    with_filter.filters["shout"] = jinja2.pass_context(lambda context, text: text.upper())
    assert code_digest(with_filter, "page.html", "<p>{{ text }}</p>") != shouted
    monkeypatch.setattr(jinja2, "__version__", "9.9.9")
    assert code_digest(env, "page.html", "<p>{{ text }}</p>") != digest


def test_an_error_in_a_compiled_template_names_the_template_and_its_line(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<p>\n{{ missing.part }}\n</p>\n", encoding="utf-8")
    compiled = tmp_path / "compiled"
    env = Environment(
        loader=FileSystemLoader(templates),
        bytecode_cache=PrecompiledTemplates(compiled),
        **TEMPLATE_SETTINGS,
    )
    write_compiled(compiled, [(env, ["page.html"])])
    with pytest.raises(jinja2.UndefinedError) as caught:
        env.get_template("page.html").render()
    frames = traceback.extract_tb(caught.value.__traceback__)
    assert [(f.filename, f.lineno) for f in frames if "page" in f.filename] == [
        (str(templates / "page.html"), 2)
    ]
    assert not [f for f in frames if f.filename.startswith(str(compiled))]


def test_a_build_reads_the_theme_overrides_compiled(tmp_path, monkeypatch):
    """mkdocs' environment, made by a real build, reads our theme overrides' code: it compiles
    Material's templates only."""
    from generator.engine import compiled
    from generator.engine.mkdocs_build import build_site

    written = tmp_path / "compiled"
    write_compiled(written, wheel_templates())
    monkeypatch.setattr(compiled, "COMPILED", written)
    compiles = _compiles(monkeypatch)
    assert build_site(ROOT / "mkdocs.yml", ROOT / "content", tmp_path / "site") == 0
    overrides = set(theme_templates())
    assert compiles and not overrides & set(compiles)
    assert {"main.html", "partials/search.html", "partials/ctct-search-box.html"} <= overrides
