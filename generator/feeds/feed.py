"""One calendar file as the feeds stage makes it and the subscribe page lists it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Feed:
    """One calendar file, as the subscribe page lists it."""

    path: str
    """Site path, e.g. 'lich/tat-ca.ics'."""
    anchor: str
    """Id of its section on the subscribe page ('tat-ca', 'giao-ban' or the unit id)."""
    name: str
    """Calendar name (NAME, X-WR-CALNAME)."""
    description: str
    events: int
    """How many VEVENTs it holds (a recurring meeting counts once, a tombstone too)."""
    make: Callable[[], bytes] = field(compare=False, repr=False)
    """Serialises the calendar: only when its bytes are needed (see `data`)."""
    recurring: bool = False
    """True for the review-meeting feed, whose events repeat."""
    year: int | None = None
    """The programme year of an archive feed (`lich/<year>/tat-ca.ics`); None if year-free."""

    @cached_property
    def data(self) -> bytes:
        """The file's bytes, made once, when first needed: the subscribe page needs only the
        rest, so the engine can have the bytes made and written apart from the pages."""
        return self.make()
