"""The recipe: the loaded model in, every page and file of the site out.

Nothing here knows about mkdocs or reads the disk: `generator.load` gathered content, history
and source documents into the model; each stage below only renders into one `SiteOutput`, the
build's only way out. Moving to another engine means rewriting only `generator/engine/`.
"""

from __future__ import annotations

from generator.disclosure.catalogue import catalogue
from generator.disclosure.english import english_pages
from generator.disclosure.pages import access_page, catalogue_page
from generator.domain.model import Content
from generator.editor.files import add_editor
from generator.editor.settings import EditorSettings
from generator.feeds.atom import add_change_feeds
from generator.feeds.calendars import add_feeds
from generator.opendata.page import add_open_data, add_source_documents
from generator.output import SiteInfo, SiteOutput
from generator.render.pages import add_pages
from generator.search import add_search_index

NO_EDITOR = EditorSettings()
"""/admin/ not connected: it says how to connect it."""


def render_site(content: Content, site: SiteInfo, editor: EditorSettings = NO_EDITOR) -> SiteOutput:
    """Render every page and file of the site; `editor` says where /admin/ saves."""
    output = SiteOutput()
    add_pages(output, content, site)
    add_feeds(output, content, site)
    add_change_feeds(output, content, site)
    add_source_documents(output, content)
    add_editor(output, content, site, editor)
    output.add_page(access_page(content))
    for page in english_pages(content, site):
        output.add_page(page)
    rows = catalogue(content, output.paths)  # what the outputs so far hold, and what follows
    add_open_data(output, content, site, rows)
    output.add_page(catalogue_page(content, site, rows))
    add_search_index(output, content, site.as_of)  # last: it indexes every page
    return output
