"""The values some fields of the content format may take: part of its declaration.

`generator.contentformat.records` writes them into the fields' meaning (so the field tables of
`content/README.md` show them); the loader accepts nothing else and the web editor offers them.
The values of a key task's `cadence` and of a report's `status` are the model's enumerations
(`values.Cadence`, `values.Status`). A leaf: it imports nothing of ours.
"""

from __future__ import annotations

WARD_KINDS = ("phường", "xã", "thị trấn", "đặc khu")
"""ward.yaml's `kind`: a ward, a commune, a township or a special zone."""

PROGRAMME_CORRECTABLE = ("title", "issuer", "document_number", "issued_on")
KEY_TASK_CORRECTABLE = ("content", "cadence")
MONTH_CORRECTABLE = ("heading",)
TASK_CORRECTABLE = ("deadline", "lead", "number", "content")
"""The fields a correction of each record may name (its `field`), in the README's order."""
