"""The letter as a Word document, for people who edit letters in a word processor.

The page, the language, the fonts of each script and the properties are
``amparo.typeset.word``'s; this module lays the letter out.
"""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import RGBColor

from amparo.drafting.document import Document
from amparo.typeset.page import LETTER_PAGE
from amparo.typeset.word import add_text, new_word_document, page_number_field, right_to_left

_ACCENT = RGBColor(0x00, 0x4A, 0x80)
_WARN = RGBColor(0x96, 0x14, 0x14)


def render_docx(doc: Document) -> bytes:
    """The letter as .docx bytes; core properties carry only consent-safe text."""
    rtl = doc.direction == "rtl"
    d = new_word_document(title=doc.metadata.title, subject=doc.metadata.subject, author=doc.metadata.author,
                          keywords=", ".join(doc.metadata.keywords), language=doc.language, day=doc.date,
                          direction=doc.direction, page=LETTER_PAGE)

    paragraphs = []

    def add(text: str, style: str | None = None, bold: bool = False,
            color: RGBColor | None = None, align=None):
        p = d.add_paragraph(style=style)
        add_text(p, text, bold=bold, color=color)
        if align is not None:
            p.alignment = align
        paragraphs.append(p)
        return p

    for notice in doc.notices:
        add(notice, bold=True, color=_WARN, align=WD_ALIGN_PARAGRAPH.CENTER)
    for i, line in enumerate(doc.sender):
        add(line, bold=i == 0)
    # "right" is the end of the line in a right-to-left paragraph (Word's and LibreOffice's
    # reading of w:jc there): the date faces the sender in both directions.
    add(doc.date_text, align=WD_ALIGN_PARAGRAPH.RIGHT)
    add(doc.addressee.heading, bold=True)
    for line in doc.addressee.lines:
        add(line.text)
    add(doc.subject_line, bold=True)
    add(doc.salutation)
    for section in doc.sections:
        add(section.heading, style="Heading 2")
        for para in section.paragraphs:
            add(para, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        style = "List Number" if section.numbered else "List Bullet"
        for item in section.items:
            add(item, style=style)
    add(doc.closing)
    for i, line in enumerate(doc.signature):
        add(line, bold=i == 0)
    if doc.attachments:
        add(doc.labels.get("attachments", "Attachments"), style="Heading 2")
        for a in doc.attachments:
            text = a.annex_text()
            add(text, style="List Bullet")
            if not a.attach:
                add(f"{doc.labels.get('not_attached', '')}: {a.warning or ''}", color=_WARN)

    footer = d.sections[0].footer.paragraphs[0]
    paragraphs.append(footer)
    if doc.case_id:
        add_text(footer, f"{doc.labels.get('case', 'Case')} {doc.case_id} · ")
    page_number_field(footer)
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if rtl:
        for p in paragraphs:
            right_to_left(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
