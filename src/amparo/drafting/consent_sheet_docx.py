"""The consent conversation sheet as a Word document, for caseworkers who adapt it before printing.

The page, language, fonts per script and properties are ``amparo.typeset.word``'s. Each
person's section is a Word section of its own: it starts on a new page and its pages are
numbered from 1 within it, with the person's ref in the footer, like the PDF's. Boxes
to tick are "☐" characters held to their words by no-break spaces, and lines to write on
are tab leaders, so that the sheet prints as it shows.
"""

from __future__ import annotations

import io

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor

from amparo.drafting.consent_sheet_document import ConsentSheet
from amparo.typeset.page import LETTER_PAGE
from amparo.typeset.word import add_text, new_word_document, right_to_left

_ACCENT = RGBColor(0x00, 0x4A, 0x80)
_GREY = RGBColor(0x64, 0x64, 0x64)
_WARN = RGBColor(0x96, 0x14, 0x14)
BOX = "☐"
NBSP = "\u00a0"


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE) that the word processor fills in itself."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _restart_numbering(section) -> None:
    """Number this Word section's pages from 1 (``w:pgNumType``, in its schema place)."""
    sect = section._sectPr
    found = sect.find(qn("w:pgNumType"))
    if found is None:
        found = OxmlElement("w:pgNumType")
        sect.insert_element_before(found, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                                   "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
                                   "w:sectPrChange")
    found.set(qn("w:start"), "1")


def render_docx(sheet: ConsentSheet) -> bytes:
    """The sheet as .docx bytes; the core properties carry no name."""
    d = new_word_document(title=sheet.metadata.title, subject=sheet.metadata.subject, author=sheet.metadata.author,
                          keywords="", language=sheet.language, day=sheet.date, direction=sheet.direction,
                          page=LETTER_PAGE)
    paragraphs = []
    width = Mm(LETTER_PAGE.width - LETTER_PAGE.left - LETTER_PAGE.right)

    def add(text: str = "", style: str | None = None, *, bold: bool = False, color: RGBColor | None = None,
            align=None, indent: bool = False):
        p = d.add_paragraph(style=style)
        if text:
            add_text(p, text, bold=bold, color=color)
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.left_indent = Mm(6)
        paragraphs.append(p)
        return p

    def page_break() -> None:
        p = paragraphs[-1] if paragraphs else d.add_paragraph()
        p.add_run().add_break(WD_BREAK.PAGE)

    def footer(word_section, ref: str) -> None:
        word_section.footer.is_linked_to_previous = False
        line = word_section.footer.paragraphs[0]
        paragraphs.append(line)
        case = f"{sheet.labels.get('case', 'Case')} {sheet.case_id} · " if sheet.case_id else ""
        add_text(line, f"{case}{ref} · ", color=_GREY)
        # The page within the section; no "of N": LibreOffice leaves SECTIONPAGES blank.
        _field(line, "PAGE")
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _restart_numbering(word_section)

    for n, section in enumerate(sheet.people):
        word_section = d.add_section(WD_SECTION.NEW_PAGE) if n else d.sections[0]
        footer(word_section, section.ref)
        add(sheet.title, color=_GREY)
        add(section.heading, "Heading 1")
        add(sheet.date_text, color=_GREY)
        for notice in section.notices:
            add(notice, bold=True, color=_WARN, align=WD_ALIGN_PARAGRAPH.CENTER)
        for part in section.parts:
            add(part.heading, "Heading 2" if part.level == 1 else "Heading 3")
            for text in part.paragraphs:
                add(text)
            for text in part.items:
                add(text, "List Bullet")
            for text in part.after:
                add(text)
        page_break()
        add(section.record_heading, "Heading 2")
        add(section.record_intro)
        for blank in section.blanks:
            if blank.kind == "heading":
                add(blank.label, "Heading 3")
            elif blank.kind == "choose":
                add(blank.label, bold=not blank.indent, indent=blank.indent)
                # Each box held to its words, so that a line breaks between choices only.
                add("    ".join(f"{BOX}{NBSP}{c.replace(' ', NBSP)}" for c in blank.choices), indent=True)
            else:
                add(blank.label, bold=True)
                if blank.hint:
                    add(blank.hint, color=_GREY)
                line = add()
                line.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
                line.add_run("\t")

    if sheet.direction == "rtl":
        for p in paragraphs:
            right_to_left(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
