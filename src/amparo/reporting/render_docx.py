"""The contribution as a Word document, charts embedded as PNG.

The page, the language, the fonts of each script and the properties are
``amparo.typeset.word``'s; this module lays the contribution out.
"""

from __future__ import annotations

import io

from docx.shared import Cm, RGBColor

from amparo.reporting.contribution import Contribution
from amparo.typeset.page import REPORT_PAGE
from amparo.typeset.word import add_text, new_word_document

_WARN = RGBColor(0x96, 0x14, 0x14)


def render_docx(c: Contribution) -> bytes:
    """The contribution as .docx, charts embedded as PNG; core properties carry no names."""
    d = new_word_document(title=c.title, subject=c.words.subject, author="Amparo", keywords="",
                          language=c.language, direction=c.direction, day=c.prepared_on, page=REPORT_PAGE)

    def para(text: str = "", style: str | None = None, **run) -> None:
        add_text(d.add_paragraph(style=style), text, **run)

    def heading(text: str, level: int) -> None:
        para(text, style="Title" if level == 0 else f"Heading {level}")

    heading(c.title, 0)
    for n in c.notices:
        para(n, bold=True, color=_WARN)
    for p in c.intro:
        para(p)
    heading(c.words.figures, 1)
    for f in c.figures:
        para(f, style="List Bullet")
    for k, chart in enumerate(c.charts, 1):
        if chart.png is not None:
            shape = d.add_picture(io.BytesIO(chart.png), width=Cm(15.5))
            # Word's alternative text: docPr/@descr (read aloud), docPr/@title.
            shape._inline.docPr.set("descr", chart.description)
            shape._inline.docPr.set("title", chart.title)
        para(c.words.figure_caption.format(number=k, description=chart.description), italic=True)
    heading(c.words.countries, 1)
    if not c.countries:
        para(c.words.no_case)
    for s in c.countries:
        heading(s.name, 2)
        for case in s.cases:
            heading(case.heading, 3)
            for head, paras in case.parts():
                para(head, bold=True)
                for p in paras:
                    para(p)
    heading(c.words.follow_ups, 1)
    if not c.follow_ups:
        para(c.words.no_follow_up)
    for f in c.follow_ups:
        heading(f.heading, 3)
        p = d.add_paragraph()
        add_text(p, c.words.earlier + " ", bold=True)
        add_text(p, f.earlier)
        for ch in f.changes:
            para(ch, style="List Bullet")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
