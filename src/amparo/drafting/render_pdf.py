"""A printable letter: sender, date, addressee block, subject, body, numbered pages.

fpdf2 with DejaVu fonts from Debian's ``fonts-dejavu-core`` (never downloaded) and
HarfBuzz shaping, so that Cyrillic and Arabic (joined, right to left) print correctly.
The body is DejaVu Serif; DejaVu Sans is the fallback for scripts Serif lacks (Arabic).
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from amparo.drafting.document import Document
from amparo.drafting.pdf_style import ACCENT, GREY, INK, WARN, use_amparo_fonts


class _Letter(FPDF):
    def __init__(self, doc: Document):
        super().__init__(format="A4", unit="mm")
        self.doc = doc
        self.set_margins(25, 22, 25)
        self.set_auto_page_break(True, margin=22)
        use_amparo_fonts(self)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("sans", "", 8)
        self.set_text_color(*GREY)
        left = f"{self.doc.labels.get('case', 'Case')} {self.doc.case_id}" if self.doc.case_id else ""
        width = self.epw / 2
        self.cell(width, 5, left, align="L")
        self.cell(width, 5, f"{self.page_no()}/{{nb}}", align="R",
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_pdf(doc: Document) -> bytes:
    """The letter as PDF bytes; metadata carries only consent-safe text."""
    pdf = _Letter(doc)
    rtl = doc.direction == "rtl"
    align = "R" if rtl else "L"
    body_align = "R" if rtl else "J"
    pdf.set_title(doc.metadata.title)
    pdf.set_subject(doc.metadata.subject)
    pdf.set_author(doc.metadata.author)
    pdf.set_keywords(", ".join(doc.metadata.keywords))
    pdf.set_creator("Amparo")
    pdf.set_lang(doc.language)
    pdf.add_page()
    pdf.set_text_color(*INK)

    def para(text: str, size: float = 10.5, style: str = "", after: float = 2.2,
             color: tuple[int, int, int] = INK, al: str = body_align) -> None:
        pdf.set_font("serif", style, size)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, size * 0.48, text, align=al, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(after)

    for notice in doc.notices:
        pdf.set_draw_color(*WARN)
        pdf.set_font("sans", "B", 9)
        pdf.set_text_color(*WARN)
        pdf.multi_cell(0, 5, notice, border=1, align="C", padding=2,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(5)

    # Sender block on one side, date on the other, as in a formal letter.
    top = pdf.get_y()
    pdf.set_font("serif", "B", 10.5)
    pdf.set_text_color(*INK)
    for i, line in enumerate(doc.sender):
        pdf.set_font("serif", "B" if i == 0 else "", 10.5 if i == 0 else 9.5)
        pdf.multi_cell(pdf.epw * 0.6, 5, line, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    after_sender = pdf.get_y()
    pdf.set_xy(pdf.l_margin + pdf.epw * 0.6, top)
    pdf.set_font("serif", "", 10.5)
    pdf.cell(pdf.epw * 0.4, 5, doc.date_text, align="L" if rtl else "R")
    pdf.set_y(max(after_sender, top + 5) + 8)

    # Addressee block.
    pdf.set_font("serif", "B", 10.5)
    pdf.multi_cell(pdf.epw * 0.75, 5, doc.addressee.name, align=align,
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for line in doc.addressee.lines:
        pdf.set_font("serif", "", 9.5)
        pdf.set_text_color(*INK)
        if line.address:
            pdf.multi_cell(pdf.epw * 0.75, 4.6, line.text, align=align,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.set_text_color(*GREY)
            pdf.multi_cell(pdf.epw * 0.75, 4.6, line.text,
                           align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)

    pdf.set_font("serif", "B", 11)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 5.6, f"{doc.labels.get('subject', 'Subject:')} {doc.subject}", align=align,
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(5)
    para(doc.salutation, after=3)

    for section in doc.sections:
        if pdf.get_y() > pdf.h - pdf.b_margin - 22:
            pdf.add_page()  # keep a heading with the first lines below it
        pdf.ln(1.5)
        para(section.heading, size=11, style="B", after=1.6, color=ACCENT, al=align)
        for p in section.paragraphs:
            para(p)
        for i, item in enumerate(section.items, 1):
            mark = f"{i}." if section.numbered else "•"
            indent = 7
            pdf.set_font("serif", "", 10.5)
            pdf.set_text_color(*INK)
            # Break before an item rather than inside it, and never between its number
            # and its text (the number is a separate cell).
            lines = pdf.multi_cell(pdf.epw - indent, 5, item, dry_run=True, output="LINES")
            height = 5 * len(lines)
            if height < pdf.eph / 2 and pdf.will_page_break(height):
                pdf.add_page()
            y = pdf.get_y()
            if rtl:
                pdf.set_xy(pdf.l_margin + pdf.epw - indent, y)
                pdf.cell(indent, 5, mark, align="R")
                pdf.set_xy(pdf.l_margin, y)
            else:
                pdf.set_xy(pdf.l_margin, y)
                pdf.cell(indent, 5, mark)
                pdf.set_xy(pdf.l_margin + indent, y)
            pdf.multi_cell(pdf.epw - indent, 5, item, align=body_align,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1.4)
        if section.items:
            pdf.ln(0.8)

    pdf.ln(3)
    para(doc.closing, after=8, al=align)
    for i, line in enumerate(doc.signature):
        para(line, style="B" if i == 0 else "", after=0.5, al=align)

    if doc.attachments:
        pdf.ln(6)
        para(doc.labels.get("attachments", "Attachments"), size=10.5, style="B", after=1.5,
             color=ACCENT, al=align)
        for a in doc.attachments:
            text = a.filename + (f" — {a.description}" if a.description else "")
            para("• " + text, size=9.5, after=0.8, al=align)
            if not a.attach:
                para(f"{doc.labels.get('not_attached', '')}: {a.warning or ''}", size=8.5,
                     style="I", after=1.2, color=WARN, al=align)
    return bytes(pdf.output())
