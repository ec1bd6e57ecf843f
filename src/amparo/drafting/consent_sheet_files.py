"""The consent conversation sheet as a file: rendered in a format, named by ids only."""

from __future__ import annotations

import re

from amparo.drafting.consent_sheet_document import ConsentSheet
from amparo.model.errors import InvalidInput, Problem

FORMATS: tuple[str, ...] = ("pdf", "docx", "md")


def suggested_filename(sheet: ConsentSheet, fmt: str, person: str | None = None) -> str:
    """A file name of ids only: the case id (or "facts"), "consent", the person's ref, language, date."""
    parts = [sheet.case_id or "facts", "consent", person or "all", sheet.language, sheet.date.isoformat()]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", "-".join(parts)).strip("-") + f".{fmt}"


def render_consent_sheet(sheet: ConsentSheet, fmt: str) -> bytes:
    """The sheet as ``pdf``, ``docx`` or ``md`` bytes."""
    if fmt == "pdf":
        from amparo.drafting.consent_sheet_pdf import render_pdf
        return render_pdf(sheet)
    if fmt == "docx":
        from amparo.drafting.consent_sheet_docx import render_docx
        return render_docx(sheet)
    if fmt == "md":
        from amparo.drafting.consent_sheet_md import render_md
        return render_md(sheet)
    raise InvalidInput(Problem("format", f"{fmt!r} is not one of {', '.join(FORMATS)}"))
