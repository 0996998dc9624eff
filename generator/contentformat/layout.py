"""Where each record of the content format lives in `content/`: its files and folders.

Part of the content format's declaration (`generator.contentformat.records` declares the records and
their fields). The loader, the git history, the importer, `report` and the web editor all name
the places from here; `content/README.md` draws the same layout (a test keeps every name in
it). A leaf: it imports nothing of ours.
"""

from __future__ import annotations

WARD_YAML = "ward.yaml"
"""The ward (`contentformat.WARD`)."""
UNITS_YAML = "units.yaml"
"""The units registry (`contentformat.UNITS_FILE`: a list of `UNIT`)."""
PROGRAMMES = "programmes"
"""One file per programme as issued (`contentformat.PROGRAMME`), `<year>.yaml`."""
AMENDMENTS = "amendments"
"""One file per amendment (`contentformat.AMENDMENT`), `<id>.yaml`: its name is its id."""
CONFIRMATIONS = "confirmations"
"""One file per check of an OCR-read programme against the paper (`contentformat.CONFIRMATION`),
`<id>.yaml`."""
REPORTS = "reports"
"""One file per progress report (`contentformat.REPORT`), `<task>--<YYYY-MM-DD>.yaml`."""
SOURCES = "sources"
"""The official documents, no records: the importer copies a document here (and the web
editor uploads there), a programme's `source_document` names it."""

FILES = (WARD_YAML, UNITS_YAML)
"""The single record files, directly in `content/`."""
FOLDERS = (PROGRAMMES, AMENDMENTS, CONFIRMATIONS, REPORTS)
"""The folders of records, one `.yaml` file per record."""
