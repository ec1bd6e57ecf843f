"""Reporting: a period's compilation, the contribution to the Secretary-General's call, charts.

Pure: takes the store's aggregate rows and the model's values, returns tables, documents
and bytes. Two audiences: ``compile_period`` makes the internal ``Compilation`` (every
case); ``public.select`` and ``public.compile_public`` make the public one (cases whose
people consent to a public mention, small cells suppressed by ``suppression``), the only
kind published. ``render_charts`` draws either (``chart_data`` says what a chart shows,
as text too); ``csv_tables`` exports it; ``assembly``, ``contribution`` and the renderers
make the public document; ``wording`` holds every visible word; ``read_precedents`` reads
a precedents file for bulk import. See docs/reporting.md.
"""

from __future__ import annotations

from amparo.reporting.compilation import (
    AUDIENCES,
    INTERNAL,
    PUBLIC,
    SUPPRESSED,
    Compilation,
    Table,
    check_period,
    compile_period,
)
from amparo.reporting.contribution import Contribution
from amparo.reporting.suppression import DEFAULT_MIN_CELL, check_min_cell

CONTRIBUTION_FORMATS: tuple[str, ...] = ("pdf", "docx", "md")


def render_contribution(contribution: Contribution, fmt: str) -> bytes:
    """The contribution in ``fmt`` (pdf, docx or md)."""
    from amparo.model.errors import InvalidInput, Problem

    if fmt == "pdf":
        from amparo.reporting.render_pdf import render_pdf
        return render_pdf(contribution)
    if fmt == "docx":
        from amparo.reporting.render_docx import render_docx
        return render_docx(contribution)
    if fmt == "md":
        from amparo.reporting.render_text import render_md
        return render_md(contribution)
    raise InvalidInput(Problem("--format", f"{fmt!r} is not one of {', '.join(CONTRIBUTION_FORMATS)}"))


__all__ = [
    "AUDIENCES", "CONTRIBUTION_FORMATS", "DEFAULT_MIN_CELL", "INTERNAL", "PUBLIC", "SUPPRESSED", "Compilation",
    "Contribution", "Table", "check_min_cell", "check_period", "compile_period", "render_contribution",
]
