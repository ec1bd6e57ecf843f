"""A printable letter: sender, date, addressee block, subject, body, numbered pages.

Typesetting (fonts for every script, shaping, right to left, A4) is ``amparo.typeset``'s;
this module only lays the letter out. Before anything is drawn, every field is checked
for characters no installed font has: the letter is refused with the field's path
(``sections[2].items[0]``) rather than printed with a blank where a name should be.
"""

from __future__ import annotations

from collections.abc import Iterator

from fpdf.enums import XPos, YPos

from amparo.drafting.document import Document
from amparo.typeset import LETTER_PAGE, TypesetPDF, check_covered
from amparo.typeset.pdf_style import ACCENT, GREY, INK, WARN


def printed_fields(doc: Document) -> Iterator[tuple[str, str]]:
    """Every string the PDF prints, with its path in the Document (for error messages)."""
    yield from ((f"notices[{i}]", t) for i, t in enumerate(doc.notices))
    yield from ((f"sender[{i}]", t) for i, t in enumerate(doc.sender))
    yield "date_text", doc.date_text
    yield "addressee.heading", doc.addressee.heading
    yield from ((f"addressee.lines[{i}].text", line.text) for i, line in enumerate(doc.addressee.lines))
    yield "subject", doc.subject
    yield "salutation", doc.salutation
    for i, s in enumerate(doc.sections):
        yield f"sections[{i}].heading", s.heading
        yield from ((f"sections[{i}].paragraphs[{j}]", t) for j, t in enumerate(s.paragraphs))
        yield from ((f"sections[{i}].items[{j}]", t) for j, t in enumerate(s.items))
    yield "closing", doc.closing
    yield from ((f"signature[{i}]", t) for i, t in enumerate(doc.signature))
    for i, a in enumerate(doc.attachments):
        yield f"attachments[{i}].filename", a.filename
        yield f"attachments[{i}].description", a.description or ""
        yield f"attachments[{i}].warning", a.warning or ""
    yield "case_id", doc.case_id or ""
    for key in ("case", "subject", "attachments", "not_attached"):
        yield f"labels.{key}", doc.labels.get(key, "")


#: RIGHT-TO-LEFT MARK: a strong right-to-left character with no width.
RLM = "\u200f"


def item_mark(number: int, rtl: bool) -> str:
    """The number in front of a numbered item: "1." (shown ".1" in a right-to-left letter).

    In Arabic an RLM sits between the digits and the full stop. It changes nothing on the
    page, but text extraction (pdftotext, search, copy and paste) rebuilds a right-to-left
    line by gluing every neutral next to a number onto the number's left-to-right run: the
    item's number and the date that starts the item ("1. 20 مايو 2026") came back as
    "20 .1". The mark ends the number's run, so they come back in the order written.
    """
    return f"{number}{RLM}." if rtl else f"{number}."


def body_alignment(language: str) -> str:
    """Justified text for alphabetic left-to-right languages, ragged for Chinese and Russian.

    fpdf2 justifies by widening the spaces only. A Chinese line has one or two spaces (around
    a Latin name), and a Russian line before a long word few, so those spaces grew into gaps
    that text extraction took for columns, printing half a sentence after the next line.
    """
    return "L" if language in ("zh", "ru") else "J"


class _Letter(TypesetPDF):
    def __init__(self, doc: Document):
        super().__init__(page=LETTER_PAGE, language=doc.language, direction=doc.direction,
                         texts=[t for _, t in printed_fields(doc)])
        self.doc = doc

    def footer(self) -> None:
        with self.artifact():
            self._footer()

    def _footer(self) -> None:
        self.set_y(-14)
        self.use_font("sans", "", 8)
        self.set_text_color(*GREY)
        left = f"{self.doc.labels.get('case', 'Case')} {self.doc.case_id}" if self.doc.case_id else ""
        width = self.epw / 2
        rtl = self.doc.direction == "rtl"
        self.cell(width, 5, f"{self.page_no()}/{{nb}}" if rtl else left, align="L")
        self.cell(width, 5, left if rtl else f"{self.page_no()}/{{nb}}", align="R",
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_pdf(doc: Document) -> bytes:
    """The letter as PDF bytes; metadata carries only consent-safe text.

    Raises ``InvalidInput`` naming the field and the character (``U+XXXX NAME``) when a
    character is in no installed font.
    """
    check_covered(printed_fields(doc))
    pdf = _Letter(doc)
    rtl = doc.direction == "rtl"
    align = "R" if rtl else "L"
    body_align = "R" if rtl else body_alignment(doc.language)
    pdf.set_info(title=doc.metadata.title, subject=doc.metadata.subject, author=doc.metadata.author,
                 keywords=doc.metadata.keywords, day=doc.date)
    pdf.enable_tagging()
    pdf.add_page()
    pdf.set_text_color(*INK)

    def para(text: str, size: float = 10.5, style: str = "", after: float = 2.2,
             color: tuple[int, int, int] = INK, al: str = body_align, tag: str = "P") -> None:
        pdf.use_font("serif", style, size)
        pdf.set_text_color(*color)
        with pdf.tagged(tag, text):
            pdf.multi_cell(0, pdf.leading(), text, align=al, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(after)

    for notice in doc.notices:
        pdf.set_draw_color(*WARN)
        pdf.use_font("sans", "B", 9)
        pdf.set_text_color(*WARN)
        with pdf.tagged("P", notice):
            pdf.multi_cell(0, pdf.leading(1.6), notice, border=1, align="C", padding=2,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(5)

    # Sender block on the side the text starts, date on the other, as in a formal letter.
    top = pdf.get_y()
    pdf.set_text_color(*INK)
    sender_x = pdf.l_margin + (pdf.epw * 0.4 if rtl else 0)
    for i, line in enumerate(doc.sender):
        pdf.use_font("serif", "B" if i == 0 else "", 10.5 if i == 0 else 9.5)
        pdf.set_x(sender_x)
        with pdf.tagged("P", line):
            pdf.multi_cell(pdf.epw * 0.6, pdf.leading(), line, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    after_sender = pdf.get_y()
    pdf.set_xy(pdf.l_margin + (0 if rtl else pdf.epw * 0.6), top)
    pdf.use_font("serif", "", 10.5)
    with pdf.tagged("P", doc.date_text):
        pdf.cell(pdf.epw * 0.4, pdf.leading(), doc.date_text, align="L" if rtl else "R")
    pdf.set_y(max(after_sender, top + 5) + 8)

    # Addressee block, on the side the text starts.
    block_x = pdf.l_margin + (pdf.epw * 0.25 if rtl else 0)
    pdf.use_font("serif", "B", 10.5)
    pdf.set_x(block_x)
    with pdf.tagged("P", doc.addressee.heading):
        pdf.multi_cell(pdf.epw * 0.75, pdf.leading(), doc.addressee.heading, align=align,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for line in doc.addressee.lines:
        pdf.use_font("serif", "", 9.5)
        pdf.set_text_color(*(INK if line.address else GREY))
        pdf.set_x(block_x)
        with pdf.tagged("P", line.text):
            pdf.multi_cell(pdf.epw * 0.75, pdf.leading(), line.text, align=align,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)

    pdf.use_font("serif", "B", 11)
    pdf.set_text_color(*INK)
    with pdf.tagged("H1", doc.subject_line):
        pdf.multi_cell(0, pdf.leading(1.44), doc.subject_line,
                       align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(5)
    para(doc.salutation, after=3, al=align)

    for section in doc.sections:
        if pdf.get_y() > pdf.h - pdf.b_margin - 22:
            pdf.add_page()  # keep a heading with the first lines below it
        pdf.ln(1.5)
        para(section.heading, size=11, style="B", after=1.6, color=ACCENT, al=align, tag="H2")
        for p in section.paragraphs:
            para(p)
        for i, item in enumerate(section.items, 1):
            mark = item_mark(i, rtl) if section.numbered else "•"
            indent = 7
            pdf.use_font("serif", "", 10.5)
            pdf.set_text_color(*INK)
            line_h = pdf.leading()
            # Break before an item rather than inside it, and never between its number
            # and its text (the number is a separate cell).
            lines = pdf.multi_cell(pdf.epw - indent, line_h, item, dry_run=True, output="LINES")
            height = line_h * len(lines)
            if height < pdf.eph / 2 and pdf.will_page_break(height):
                pdf.add_page()
            y = pdf.get_y()
            with pdf.tagged("P", f"{mark} {item}"):  # the number or bullet with its text
                if rtl:
                    pdf.set_xy(pdf.l_margin + pdf.epw - indent, y)
                    pdf.cell(indent, line_h, mark, align="R")
                    pdf.set_xy(pdf.l_margin, y)
                else:
                    pdf.set_xy(pdf.l_margin, y)
                    pdf.cell(indent, line_h, mark)
                    pdf.set_xy(pdf.l_margin + indent, y)
                pdf.multi_cell(pdf.epw - indent, line_h, item, align=body_align,
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
             color=ACCENT, al=align, tag="H2")
        for a in doc.attachments:
            text = a.annex_text()
            para("• " + text, size=9.5, after=0.8, al=align)
            if not a.attach:
                para(f"{doc.labels.get('not_attached', '')}: {a.warning or ''}", size=8.5,
                     style="I", after=1.2, color=WARN, al=align)
    return pdf.render()
