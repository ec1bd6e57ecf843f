"""The contribution as PDF: set by ``amparo.typeset`` as the letters are, charts as PNG.

Every field is checked first for characters no installed font has; the contribution is
refused with the field's path (``countries[0].cases[1].acts[0]``) rather than printed
with a blank where a name or a place should be.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from fpdf.enums import XPos, YPos

from amparo.reporting import wording as w
from amparo.reporting.contribution import Contribution
from amparo.typeset import REPORT_PAGE, TypesetPDF, check_covered
from amparo.typeset.pdf_style import ACCENT, GREY, INK, WARN

SUBJECT = w.SUBJECT
#: The language of a contribution made without one (the document carries its own).
LANGUAGE = "en"


def printed_fields(c: Contribution) -> Iterator[tuple[str, str]]:
    """Every string the PDF prints from the contribution, with its path."""
    yield "title", c.title
    yield from ((f"notices[{i}]", t) for i, t in enumerate(c.notices))
    yield from ((f"intro[{i}]", t) for i, t in enumerate(c.intro))
    yield from ((f"figures[{i}]", t) for i, t in enumerate(c.figures))
    for i, ch in enumerate(c.charts):
        yield f"charts[{i}].title", ch.title
        yield f"charts[{i}].description", ch.description
    for i, s in enumerate(c.countries):
        yield f"countries[{i}].name", s.name
        for j, case in enumerate(s.cases):
            where = f"countries[{i}].cases[{j}]"
            yield f"{where}.heading", case.heading
            for field in ("cooperation", "acts", "link", "steps"):
                yield from ((f"{where}.{field}[{k}]", t) for k, t in enumerate(getattr(case, field)))
            yield f"{where}.un_documents", case.un_documents
    for i, f in enumerate(c.follow_ups):
        yield f"follow_ups[{i}].heading", f.heading
        yield f"follow_ups[{i}].earlier", f.earlier
        yield from ((f"follow_ups[{i}].changes[{k}]", t) for k, t in enumerate(f.changes))


class _Pdf(TypesetPDF):
    def footer(self) -> None:
        self.set_y(-14)
        self.use_font("sans", "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="R")


def render_pdf(c: Contribution) -> bytes:
    """The contribution as PDF bytes; the metadata carries no name.

    Raises ``InvalidInput`` naming the field and the character when a character is in no
    installed font.
    """
    check_covered(printed_fields(c))
    pdf = _Pdf(page=REPORT_PAGE, language=c.language, direction=c.direction,
               texts=[t for _, t in printed_fields(c)])
    pdf.set_info(title=c.title, subject=c.words.subject, author="Amparo", day=c.prepared_on)
    # Arabic reads from the right: paragraphs start at the right margin, as the letters do.
    align = "R" if c.direction == "rtl" else "L"
    pdf.add_page()

    def para(text: str, size: float = 10.5, style: str = "", after: float = 2.0,
             color: tuple[int, int, int] = INK, family: str = "serif", indent: float = 0) -> None:
        pdf.use_font(family, style, size)
        pdf.set_text_color(*color)
        pdf.set_x(pdf.l_margin + (0 if align == "R" else indent))
        pdf.multi_cell(pdf.epw - indent, pdf.leading(1.33), text, align=align,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(after)

    def heading(text: str, size: float) -> None:
        if pdf.get_y() > pdf.h - pdf.b_margin - 30:
            pdf.add_page()  # keep a heading with the lines below it
        pdf.ln(2)
        para(text, size=size, style="B", after=1.8, color=ACCENT, family="sans")

    para(c.title, size=16, style="B", after=4, color=ACCENT, family="sans")
    for n in c.notices:
        pdf.set_draw_color(*WARN)
        pdf.use_font("sans", "B", 9)
        pdf.set_text_color(*WARN)
        pdf.multi_cell(0, pdf.leading(1.6), n, border=1, align="C", padding=2,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
    for p in c.intro:
        para(p)
    heading(c.words.figures, 13)
    for f in c.figures:
        para("• " + f, indent=3, after=1)
    for k, chart in enumerate(c.charts, 1):
        caption = c.words.figure_caption.format(number=k, description=chart.description)
        if chart.png is not None:
            width = pdf.epw * 0.86
            height = width * 3.9 / 7.2
            if pdf.will_page_break(height + 16):
                pdf.add_page()
            # The alternative text is the chart's figures (a screen reader reads it);
            # the caption below prints the same figures for every reader.
            pdf.image(io.BytesIO(chart.png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width,
                      alt_text=chart.description, title=chart.title)
            pdf.ln(1)
        para(caption, size=8, after=3, color=GREY, family="sans")
    heading(c.words.countries, 13)
    if not c.countries:
        para(c.words.no_case)
    for s in c.countries:
        heading(s.name, 12)
        for case in s.cases:
            heading(case.heading, 10.5)
            for head, paras in case.parts():
                para(head, size=9.5, style="B", after=0.6, family="sans")
                for p in paras:
                    para(p, after=1.2)
    heading(c.words.follow_ups, 13)
    if not c.follow_ups:
        para(c.words.no_follow_up)
    for f in c.follow_ups:
        heading(f.heading, 10.5)
        para(f"{c.words.earlier} {f.earlier}", after=1)
        for ch in f.changes:
            para("• " + ch, indent=3, after=0.8)
    return pdf.render()
