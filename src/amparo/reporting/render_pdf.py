"""The contribution as PDF: fpdf2 with the DejaVu fonts drafting uses, charts as PNG.

The fonts come from Debian's ``fonts-dejavu-core`` (the same files as drafting's letters;
reporting may not import drafting, so the folder is named here too). Never downloaded.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, time

from amparo.drafting.pdf_style import ACCENT, GREY, INK, WARN, use_amparo_fonts
from amparo.reporting.contribution import Contribution, undescribed_line


def render_pdf(c: Contribution) -> bytes:
    """The contribution as PDF bytes; the metadata carries no name."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class _Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("sans", "", 8)
            self.set_text_color(*GREY)
            self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="R")

    pdf = _Pdf(format="A4", unit="mm")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    use_amparo_fonts(pdf)
    pdf.set_title(c.title)
    pdf.set_subject("Contribution to the Secretary-General's report on reprisals")
    pdf.set_author("Amparo")
    pdf.set_creator("Amparo")
    pdf.set_creation_date(datetime.combine(c.prepared_on, time(12, 0), tzinfo=UTC))
    pdf.set_lang("en")
    pdf.add_page()

    def para(text: str, size: float = 10.5, style: str = "", after: float = 2.0,
             color: tuple[int, int, int] = INK, family: str = "serif", indent: float = 0) -> None:
        pdf.set_font(family, style, size)
        pdf.set_text_color(*color)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(pdf.epw - indent, size * 0.47, text, align="L",
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
        pdf.set_font("sans", "B", 9)
        pdf.set_text_color(*WARN)
        pdf.multi_cell(0, 5, n, border=1, align="C", padding=2, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
    for p in c.intro:
        para(p)
    heading("Figures for the period", 13)
    for f in c.figures:
        para("• " + f, indent=3, after=1)
    for _title, png in c.charts.values():
        width = pdf.epw * 0.86
        height = width * 3.9 / 7.2
        if pdf.will_page_break(height + 4):
            pdf.add_page()
        pdf.image(io.BytesIO(png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width)
        pdf.ln(3)
    heading("Cases by country", 13)
    if not c.countries:
        para("No case in this period.")
    for s in c.countries:
        heading(s.name, 12)
        for case in s.cases:
            heading(case.heading, 10.5)
            for head, paras in case.parts():
                para(head, size=9.5, style="B", after=0.6, family="sans")
                for p in paras:
                    para(p, after=1.2)
        if s.undescribed:
            para(undescribed_line(s.undescribed), style="I", color=GREY)
    heading("Follow-up on cases reported earlier", 13)
    if not c.follow_ups and not c.follow_ups_undescribed:
        para("Nothing new recorded on cases reported earlier.")
    for f in c.follow_ups:
        heading(f.heading, 10.5)
        para("Earlier: " + f.earlier, after=1)
        for ch in f.changes:
            para("• " + ch, indent=3, after=0.8)
    if c.follow_ups_undescribed:
        para(undescribed_line(c.follow_ups_undescribed), style="I", color=GREY)
    return bytes(pdf.output())
