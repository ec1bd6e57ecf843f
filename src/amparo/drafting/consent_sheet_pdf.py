"""The consent conversation sheet as a printable PDF, set by ``amparo.typeset``.

Each person's section starts on a new page, so that a printed sheet can be cut and each
section handed to its person alone. The answer box has ruled lines to write on and
boxes to tick. Every field is checked first for characters no installed font has: the
sheet is refused with the field's path rather than printed with a blank in a name.
"""

from __future__ import annotations

from collections.abc import Iterator

from fpdf.enums import XPos, YPos

from amparo.drafting.consent_sheet_document import Blank, ConsentSheet
from amparo.typeset import LETTER_PAGE, Script, TypesetPDF, check_covered, script_of
from amparo.typeset.pdf_style import ACCENT, GREY, INK, WARN

BOX = "☐"


def printed_fields(sheet: ConsentSheet) -> Iterator[tuple[str, str]]:
    """Every string the PDF prints, with its path in the sheet (for error messages)."""
    yield "title", sheet.title
    yield "date_text", sheet.date_text
    yield "case_id", sheet.case_id or ""
    yield from ((f"labels.{k}", v) for k, v in sheet.labels.items())
    for i, section in enumerate(sheet.people):
        where = f"people[{i}]"
        yield f"{where}.heading", section.heading
        yield from ((f"{where}.notices[{j}]", t) for j, t in enumerate(section.notices))
        for j, part in enumerate(section.parts):
            yield f"{where}.parts[{j}].heading", part.heading
            for name in ("paragraphs", "items", "after"):
                yield from ((f"{where}.parts[{j}].{name}[{k}]", t) for k, t in enumerate(getattr(part, name)))
        yield f"{where}.record_heading", section.record_heading
        yield f"{where}.record_intro", section.record_intro
        for j, blank in enumerate(section.blanks):
            yield f"{where}.blanks[{j}].label", blank.label
            yield f"{where}.blanks[{j}].hint", blank.hint
            yield from ((f"{where}.blanks[{j}].choices[{k}]", t) for k, t in enumerate(blank.choices))
    yield "box", BOX


class _Sheet(TypesetPDF):
    def __init__(self, sheet: ConsentSheet):
        super().__init__(page=LETTER_PAGE, language=sheet.language, direction=sheet.direction,
                         texts=[t for _, t in printed_fields(sheet)])
        self.sheet = sheet
        #: The section each page belongs to (its index), page by page.
        self.sections: list[int] = []

    def footer(self) -> None:
        # Footers are drawn at the end (``number_pages``), once each section's length is known.
        pass

    def number_pages(self) -> None:
        """Write each page's footer: the case, the person's ref, the page within its section.

        A section handed over alone is numbered "2/5" within itself, not within the whole
        printout; fpdf2 lets a finished page be written on again, so this costs no
        second layout of the sheet.
        """
        case = self.sheet.labels.get("case", "Case")
        rtl = self.sheet.direction == "rtl"
        last = self.page
        self.set_auto_page_break(False)
        for index, section in enumerate(self.sheet.people):
            pages = [n for n, s in enumerate(self.sections, 1) if s == index]
            for k, page in enumerate(pages, 1):
                self.page = page
                # The font must be selected again in this page's content stream.
                self.font_family, self.current_font_is_set_on_page = "", False
                self.set_y(-14)
                self.use_font("sans", "", 8)
                self.set_text_color(*GREY)
                left = " · ".join(x for x in (f"{case} {self.sheet.case_id}" if self.sheet.case_id else "",
                                              section.ref) if x)
                number = f"{k}/{len(pages)}"
                width = self.epw / 2
                self.cell(width, 5, number if rtl else left, align="L")
                self.cell(width, 5, left if rtl else number, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.page = last


def render_pdf(sheet: ConsentSheet) -> bytes:
    """The sheet as PDF bytes; the document information carries no name.

    Raises ``InvalidInput`` naming the field and the character when a character is in no
    installed font.
    """
    check_covered(printed_fields(sheet))
    pdf = _draw(sheet)
    pdf.number_pages()
    return pdf.render()


def _needs_shaping(sheet: ConsentSheet) -> bool:
    """Whether any text is in a script that HarfBuzz must shape (Arabic, Devanagari…) or runs
    right to left. Shaping every line is most of the time a sheet takes (a sheet is five
    to seven pages a person), and Latin, Greek and Cyrillic text sets the same without it."""
    if sheet.direction == "rtl":
        return True
    return any(script_of(c) not in (Script.WESTERN, Script.COMMON)
               for _, text in printed_fields(sheet) for c in set(text))


def _draw(sheet: ConsentSheet) -> _Sheet:
    pdf = _Sheet(sheet)
    if not _needs_shaping(sheet):
        pdf.set_text_shaping(False)
    rtl = sheet.direction == "rtl"
    align = "R" if rtl else "L"
    pdf.set_info(title=sheet.metadata.title, subject=sheet.metadata.subject, author=sheet.metadata.author,
                 day=sheet.date)

    def para(text: str, size: float = 10.5, style: str = "", after: float = 2.0,
             color: tuple[int, int, int] = INK, family: str = "serif", indent: float = 0) -> None:
        pdf.use_font(family, style, size)
        pdf.set_text_color(*color)
        pdf.set_x(pdf.l_margin + (0 if rtl else indent))
        pdf.multi_cell(pdf.epw - indent, pdf.leading(), text, align=align, new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
        pdf.ln(after)

    def heading(text: str, size: float, room: float = 26) -> None:
        if pdf.get_y() > pdf.h - pdf.b_margin - room:
            pdf.add_page()  # keep a heading with the lines below it
        pdf.ln(1.5)
        para(text, size=size, style="B", after=1.6, color=ACCENT, family="sans")

    def item(text: str) -> None:
        indent = 6
        pdf.use_font("serif", "", 10.5)
        pdf.set_text_color(*INK)
        line_h = pdf.leading()
        # Break before an item that would start in the last lines of a page. Measured from
        # the text's length, not by laying it out twice: shaping every line is the cost
        # of this document (a dry run doubled the time of a sheet).
        per_line = max(1.0, (pdf.epw - indent) / max(pdf.get_string_width("n"), 0.1))
        height = line_h * min(4, 1 + len(text) // int(per_line))
        if pdf.will_page_break(height):
            pdf.add_page()
        y = pdf.get_y()
        # The bullet in a cell of its own, the text hanging beside it.
        pdf.set_xy(pdf.l_margin + (pdf.epw - indent if rtl else 0), y)
        pdf.cell(indent, line_h, "•", align="R" if rtl else "L")
        pdf.set_xy(pdf.l_margin + (0 if rtl else indent), y)
        pdf.multi_cell(pdf.epw - indent, line_h, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.2)

    def writing_line(blank: Blank) -> None:
        if pdf.will_page_break(16):
            pdf.add_page()
        para(blank.label, size=10, style="B", after=0.6, family="sans", indent=6 if blank.indent else 0)
        if blank.hint:
            para(blank.hint, size=8.5, after=0.6, color=GREY, family="sans")
        pdf.ln(5)
        pdf.set_draw_color(*GREY)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.ln(3)

    def choices(blank: Blank) -> None:
        indent = 6 if blank.indent else 0
        if pdf.will_page_break(14):
            pdf.add_page()
        para(blank.label, size=10, style="B" if not blank.indent else "", after=0.6, family="sans",
             indent=indent)
        # Each box with its words in one cell, the cells flowing across the line and onto
        # the next, so that a choice is never cut in two.
        pdf.use_font("sans", "", 9.5)
        pdf.set_text_color(*INK)
        line_h = pdf.leading()
        start = pdf.l_margin + indent + 3
        room = pdf.epw - indent - 3
        used = 0.0
        for choice in blank.choices:
            text = f"{BOX} {choice}"
            width = min(pdf.get_string_width(text) + 2, room)
            gap = 5 if used else 0
            if used and used + gap + width > room:
                pdf.ln(line_h)
                used, gap = 0.0, 0
            x = start + used + gap
            pdf.set_x(pdf.l_margin + pdf.epw - (x - pdf.l_margin) - width if rtl else x)
            pdf.cell(width, line_h, text, align=align)
            used += gap + width
        pdf.ln(line_h + 2.2)

    for index, section in enumerate(sheet.people):
        pdf.add_page()  # each section on pages of its own: it can be handed over alone
        first = pdf.page_no()
        para(sheet.title, size=9, after=0.5, color=GREY, family="sans")
        para(section.heading, size=15, style="B", after=1.0, color=ACCENT, family="sans")
        para(sheet.date_text, size=9.5, after=4, color=GREY, family="sans")
        for notice in section.notices:
            pdf.set_draw_color(*WARN)
            pdf.use_font("sans", "B", 9)
            pdf.set_text_color(*WARN)
            pdf.multi_cell(0, pdf.leading(1.5), notice, border=1, align="C", padding=2,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(4)
        for part in section.parts:
            heading(part.heading, 12.5 if part.level == 1 else 11, room=30 if part.level == 1 else 24)
            for p in part.paragraphs:
                para(p)
            for i in part.items:
                item(i)
            for p in part.after:
                para(p)
        pdf.add_page()  # the answer box on a page of its own, to fill in by hand
        heading(section.record_heading, 13)
        para(section.record_intro, after=4)
        for blank in section.blanks:
            if blank.kind == "heading":
                heading(blank.label, 10.5)
            elif blank.kind == "choose":
                choices(blank)
            else:
                writing_line(blank)
        pdf.sections += [index] * (pdf.page_no() - first + 1)
    return pdf
