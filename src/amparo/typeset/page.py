"""Page setup shared by the PDF and the Word renderers: ISO A4, the UN's paper size."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PageSetup:
    """A page and its margins, in millimetres."""

    width: float
    height: float
    left: float
    top: float
    right: float
    bottom: float


#: A letter to a UN body: A4 with margins wide enough for a reader's notes.
LETTER_PAGE = PageSetup(width=210, height=297, left=25, top=22, right=25, bottom=22)
#: The contribution to the Secretary-General's report: A4, a little more text per page.
REPORT_PAGE = PageSetup(width=210, height=297, left=22, top=20, right=22, bottom=20)
