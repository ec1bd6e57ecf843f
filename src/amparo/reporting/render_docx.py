"""The contribution as a Word document, charts embedded as PNG.

The page, the language, the fonts of each script and the properties are
``amparo.typeset.word``'s; this module lays the contribution out.
"""

from __future__ import annotations

import io

from docx.shared import Cm, RGBColor

from amparo.reporting.contribution import Contribution, undescribed_line
from amparo.reporting.render_pdf import LANGUAGE, SUBJECT
from amparo.typeset.page import REPORT_PAGE
from amparo.typeset.word import add_text, new_word_document

_WARN = RGBColor(0x96, 0x14, 0x14)


def render_docx(c: Contribution) -> bytes:
    """The contribution as .docx, charts embedded as PNG; core properties carry no names."""
    d = new_word_document(title=c.title, subject=SUBJECT, author="Amparo", keywords="", language=LANGUAGE,
                          day=c.prepared_on, page=REPORT_PAGE)

    def para(text: str = "", style: str | None = None, **run) -> None:
        add_text(d.add_paragraph(style=style), text, **run)

    def heading(text: str, level: int) -> None:
        para(text, style="Title" if level == 0 else f"Heading {level}")

    heading(c.title, 0)
    for n in c.notices:
        para(n, bold=True, color=_WARN)
    for p in c.intro:
        para(p)
    heading("Figures for the period", 1)
    for f in c.figures:
        para(f, style="List Bullet")
    for title, png in c.charts.values():
        d.add_picture(io.BytesIO(png), width=Cm(15.5))
        para(title, italic=True)
    heading("Cases by country", 1)
    if not c.countries:
        para("No case in this period.")
    for s in c.countries:
        heading(s.name, 2)
        for case in s.cases:
            heading(case.heading, 3)
            for head, paras in case.parts():
                para(head, bold=True)
                for p in paras:
                    para(p)
        if s.undescribed:
            para(undescribed_line(s.undescribed), italic=True)
    heading("Follow-up on cases reported earlier", 1)
    if not c.follow_ups and not c.follow_ups_undescribed:
        para("Nothing new recorded on cases reported earlier.")
    for f in c.follow_ups:
        heading(f.heading, 3)
        p = d.add_paragraph()
        add_text(p, "Earlier: ", bold=True)
        add_text(p, f.earlier)
        for ch in f.changes:
            para(ch, style="List Bullet")
    if c.follow_ups_undescribed:
        para(undescribed_line(c.follow_ups_undescribed), italic=True)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
