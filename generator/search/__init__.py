"""The search index: the model in, small static files out (see `index.py` for their layout).

Searching runs in the reader's browser (theme/assets/javascripts/search.js), which downloads
only the parts of the index that a query needs.
"""

from __future__ import annotations

import datetime as dt

from generator.domain.model import Content
from generator.output import SiteOutput
from generator.search.documents import search_documents
from generator.search.index import index_files


def add_search_index(output: SiteOutput, content: Content, as_of: dt.date) -> None:
    """Add the index files; called once every page is added (their titles are indexed too);
    the programme of `as_of`'s year wins ties."""
    for path, data in index_files(search_documents(content, output.pages, as_of)).items():
        output.add_file(path, data)
