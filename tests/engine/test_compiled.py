"""Templates compiled once in `build-all`'s parent (`engine/compiled.py`): used by its forked
wards' builds only for the same source and the same settings."""

from __future__ import annotations

import jinja2
import pytest

from generator.engine import compiled


def _env(templates: dict[str, str], **settings) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates), **settings)


@pytest.fixture
def shared(monkeypatch):
    monkeypatch.setattr(compiled, "_SHARED", None)
    single = compiled.site_templates()
    assert not isinstance(single, compiled.CompiledTemplates), "a single build reads the wheel's"
    compiled.compile_once(_env({"a.html": "<p>{{ x }}</p>", "b.xml": "<b/>", "c.css": "{{"}))
    return compiled.site_templates()


def _compiles(env: jinja2.Environment, monkeypatch) -> list[str]:
    """The templates `env` compiles itself."""
    seen: list[str] = []
    original = env.compile

    def counting(source, name=None, filename=None, *args, **kwargs):
        seen.append(name)
        return original(source, name, filename, *args, **kwargs)

    monkeypatch.setattr(env, "compile", counting)
    return seen


def test_a_ward_uses_the_code_compiled_before_it_was_forked(shared, monkeypatch):
    env = _env({"a.html": "<p>{{ x }}</p>", "b.xml": "<b/>"})
    env.bytecode_cache = shared
    seen = _compiles(env, monkeypatch)
    assert env.get_template("a.html").render(x="<>") == "<p><></p>"
    env.get_template("b.xml")
    assert seen == []


@pytest.mark.parametrize(
    ("templates", "settings"),
    [
        ({"a.html": "<p>{{ x }}!</p>"}, {}),  # its source changed
        ({"a.html": "<p>{{ x }}</p>"}, {"trim_blocks": True}),
        ({"a.html": "<p>{{ x }}</p>"}, {"extensions": ["jinja2.ext.loopcontrols"]}),
        ({"a.html": "<p>{{ x }}</p>"}, {"autoescape": True}),
    ],
    ids=["other source", "other settings", "other extensions", "escaped"],
)
def test_other_source_or_settings_are_compiled_again(shared, monkeypatch, templates, settings):
    env = _env(templates, **settings)
    env.bytecode_cache = shared
    seen = _compiles(env, monkeypatch)
    env.get_template("a.html")
    assert seen == ["a.html"]


def test_a_template_that_cannot_compile_here_is_left_to_the_build(monkeypatch):
    monkeypatch.setattr(compiled, "_SHARED", None)
    compiled.compile_once(_env({"a.html": "{{ x | a_plugins_filter }}", "b.html": "ok"}))
    assert len(compiled.site_templates().codes) == 1, "b.html only"


def test_a_province_without_content_beside_its_configuration_still_compiles_once(
    tmp_path, monkeypatch
):
    """`build-all` runs at a province's root: no content/ beside its mkdocs.yml (which it need
    not have either). Its parent reads the configuration as a ward's build does, with a ward's
    content, and compiles Material's templates for the wards."""
    from generator.province.build_all import _warm_up

    monkeypatch.setattr(compiled, "_SHARED", None)
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "wards" / "an-hoa" / "content"
    content.mkdir(parents=True)
    _warm_up(tmp_path / "mkdocs.yml", content)
    shared = compiled.site_templates()
    assert isinstance(shared, compiled.CompiledTemplates)
    assert len(shared.codes) > 20  # Material's pages and partials
