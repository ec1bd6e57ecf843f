"""Drafting: the letter each avenue expects, redacted by consent, in the formats people send.

``build_document`` makes a ``Document`` (content and redaction); ``render`` lays it out
as txt, md, eml, pdf or docx; ``suggested_filename`` names the file without any name of a
person. See ``build.py`` for how the purpose and the circle are chosen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from amparo.drafting.build import build_document
from amparo.drafting.document import Document
from amparo.drafting.history import History
from amparo.drafting.render_eml import FileToAttach
from amparo.language.i18n import available_languages
from amparo.model.errors import InvalidInput, Problem

Format = Literal["txt", "md", "eml", "pdf", "docx", "sp-questionnaire"]
#: The formats of the letter itself, for every avenue.
LETTER_FORMATS: tuple[str, ...] = ("txt", "md", "eml", "pdf", "docx")
#: Every format, the answers to OHCHR's Special Procedures form included (sp: avenues only).
FORMATS: tuple[str, ...] = (*LETTER_FORMATS, "sp-questionnaire")
#: The file name suffix of each format (the questionnaire's answers are Markdown text).
SUFFIXES = {"sp-questionnaire": "md"}


def render(document: Document, fmt: Format, *, attachments: Sequence[FileToAttach] = ()) -> bytes:
    """The document in format ``fmt``; ``attachments`` are used by ``eml`` only."""
    if fmt == "txt":
        from amparo.drafting.render_text import render_txt
        return render_txt(document)
    if fmt == "md":
        from amparo.drafting.render_text import render_md
        return render_md(document)
    if fmt == "eml":
        from amparo.drafting.render_eml import render_eml
        return render_eml(document, attachments)
    if fmt == "pdf":
        from amparo.drafting.render_pdf import render_pdf
        return render_pdf(document)
    if fmt == "sp-questionnaire":
        if not document.questionnaire:
            raise InvalidInput(Problem("format", "sp-questionnaire answers OHCHR's form for Special Procedures: "
                                                 "draft to an sp: avenue, or choose txt, md, eml, pdf or docx"))
        from amparo.drafting.render_text import render_questionnaire
        return render_questionnaire(document)
    if fmt == "docx":
        from amparo.drafting.render_docx import render_docx
        return render_docx(document)
    raise InvalidInput(Problem("format", f"{fmt!r} is not one of {', '.join(FORMATS)}"))


def suggested_filename(document: Document, fmt: Format) -> str:
    """A file name made of the case id (or "draft"), the avenue, language and date."""
    base = "-".join([
        document.case_id or "draft", document.purpose.avenue_id, document.language,
        document.date.isoformat(),
    ])
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip("-")
    return f"{safe}.{SUFFIXES.get(fmt, fmt)}"


__all__ = [
    "FORMATS", "LETTER_FORMATS", "Document", "Format", "History", "available_languages", "build_document", "render",
    "suggested_filename",
]
