"""Reporting: a period's compilation, the contribution to the Secretary-General's call, charts.

Pure: takes the store's aggregate rows and the model's values, returns tables, documents
and bytes. ``compile_period`` makes a ``Compilation``; ``render_charts`` draws it;
``csv_tables`` exports it; ``contribution`` and its renderers make the public document;
``read_precedents`` reads a precedents file for bulk import. See docs/reporting.md.
"""

from __future__ import annotations

from amparo.reporting.compilation import Compilation, Table, check_period, compile_period
from amparo.reporting.contribution import Contribution

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
    "CONTRIBUTION_FORMATS", "Compilation", "Contribution", "Table", "check_period", "compile_period",
    "render_contribution",
]
