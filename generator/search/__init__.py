"""The search index: the model in, small static files out (see `index.py` for their layout).

Searching runs in the reader's browser (theme/assets/javascripts/search.js), which downloads
only the parts of the index that a query needs.
"""

from __future__ import annotations

from generator.model import Content
from generator.output import SiteOutput
from generator.search.documents import search_documents
from generator.search.index import index_files


def add_search_index(output: SiteOutput, content: Content, year: int) -> None:
    """Add the index files, made once every page is added (their titles are indexed too);
    `year`'s programme wins ties."""
    output.add_later(lambda: index_files(search_documents(content, output.pages, year)))
