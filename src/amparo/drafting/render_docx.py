"""The letter as a Word document, for people who edit letters in a word processor."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time
from typing import Any

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from amparo.drafting.document import Document

_ACCENT = RGBColor(0x00, 0x4A, 0x80)
_WARN = RGBColor(0x96, 0x14, 0x14)


def _page_field(paragraph) -> None:
    """A PAGE field, so that Word numbers the pages itself."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _rtl(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(OxmlElement("w:bidi"))


def new_amparo_docx(*, title: str, subject: str, author: str, keywords: str, language: str, day: date) -> Any:
    """A blank Word document in Amparo's style whose core properties hold only what is given.

    Every property is set, none left at python-docx's defaults: a document's metadata is
    read by whoever receives it, and must carry no name that consent withholds. The time
    is noon of ``day``, so the same content gives the same file.
    """
    d = new_docx()
    normal = d.styles["Normal"]
    normal.font.name = "DejaVu Serif"
    normal.font.size = Pt(10.5)
    props = d.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.keywords = keywords
    props.language = language
    props.comments = ""
    props.category = ""
    stamp = datetime.combine(day, time(12, 0), tzinfo=UTC).replace(tzinfo=None)
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    return d


def render_docx(doc: Document) -> bytes:
    """The letter as .docx bytes; core properties carry only consent-safe text."""
    d = new_amparo_docx(title=doc.metadata.title, subject=doc.metadata.subject, author=doc.metadata.author,
                        keywords=", ".join(doc.metadata.keywords), language=doc.language, day=doc.date)
    rtl = doc.direction == "rtl"

    paragraphs = []

    def add(text: str, style: str | None = None, bold: bool = False,
            color: RGBColor | None = None, align=None):
        p = d.add_paragraph(style=style)
        run = p.add_run(text)
        run.bold = bold
        if color is not None:
            run.font.color.rgb = color
        if align is not None:
            p.alignment = align
        paragraphs.append(p)
        return p

    for notice in doc.notices:
        add(notice, bold=True, color=_WARN, align=WD_ALIGN_PARAGRAPH.CENTER)
    for i, line in enumerate(doc.sender):
        add(line, bold=i == 0)
    add(doc.date_text, align=WD_ALIGN_PARAGRAPH.LEFT if rtl else WD_ALIGN_PARAGRAPH.RIGHT)
    add(doc.addressee.name, bold=True)
    for line in doc.addressee.lines:
        add(line.text)
    add(f"{doc.labels.get('subject', 'Subject:')} {doc.subject}", bold=True)
    add(doc.salutation)
    for section in doc.sections:
        h = d.add_heading(section.heading, level=2)
        paragraphs.append(h)
        for para in section.paragraphs:
            add(para, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        style = "List Number" if section.numbered else "List Bullet"
        for item in section.items:
            add(item, style=style)
    add(doc.closing)
    for i, line in enumerate(doc.signature):
        add(line, bold=i == 0)
    if doc.attachments:
        paragraphs.append(d.add_heading(doc.labels.get("attachments", "Attachments"), level=2))
        for a in doc.attachments:
            text = a.filename + (f" — {a.description}" if a.description else "")
            add(text, style="List Bullet")
            if not a.attach:
                add(f"{doc.labels.get('not_attached', '')}: {a.warning or ''}", color=_WARN)
    if rtl:
        for p in paragraphs:
            _rtl(p)

    footer = d.sections[0].footer.paragraphs[0]
    if doc.case_id:
        footer.add_run(f"{doc.labels.get('case', 'Case')} {doc.case_id} · ")
    _page_field(footer)
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
