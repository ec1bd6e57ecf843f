"""The consent conversation sheet as a Word document, for caseworkers who adapt it before printing.

The page, language, fonts per script and properties are ``amparo.typeset.word``'s. Each
person's section starts on a new page, like the PDF's; boxes to tick are "☐" characters
and lines to write on are tab leaders, so that the sheet prints as it shows.
"""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Mm, RGBColor

from amparo.drafting.consent_sheet import ConsentSheet
from amparo.typeset.page import LETTER_PAGE
from amparo.typeset.word import add_text, new_word_document, page_number_field, right_to_left

_ACCENT = RGBColor(0x00, 0x4A, 0x80)
_GREY = RGBColor(0x64, 0x64, 0x64)
_WARN = RGBColor(0x96, 0x14, 0x14)
BOX = "☐"


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

    for n, section in enumerate(sheet.people):
        if n:
            page_break()
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
                add("    ".join(f"{BOX} {c}" for c in blank.choices), indent=True)
            else:
                add(blank.label, bold=True)
                if blank.hint:
                    add(blank.hint, color=_GREY)
                line = add()
                line.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
                line.add_run("\t")

    footer = d.sections[0].footer.paragraphs[0]
    paragraphs.append(footer)
    if sheet.case_id:
        add_text(footer, f"{sheet.labels.get('case', 'Case')} {sheet.case_id} · ")
    page_number_field(footer)
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if sheet.direction == "rtl":
        for p in paragraphs:
            right_to_left(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
