"""The contribution as Markdown and as a Word document.

Drafting's ``Document`` is a letter (sender, addressee, salutation, one case), so the
contribution has its own small model (``contribution.py``) and these renderers; the
PDF shares drafting's DejaVu fonts (``render_pdf.py``). Renderers only lay out: every
string they print is already safe to publish.
"""

from __future__ import annotations

import io

from amparo.reporting.contribution import Contribution, undescribed_line


def _md_escape(text: str) -> str:
    # User text must not become markup (a heading, a link) in someone's Markdown viewer.
    for ch in ("\\", "`", "*", "_", "[", "]", "#", "<", ">", "|"):
        text = text.replace(ch, "\\" + ch)
    return text


def render_md(c: Contribution) -> bytes:
    """The contribution as Markdown (charts are listed, not embedded)."""
    e = _md_escape
    out = [f"# {e(c.title)}", ""]
    out += [f"> **{e(n)}**\n" for n in c.notices]
    out += [e(p) + "\n" for p in c.intro]
    out += ["## Figures for the period", ""] + [f"- {e(f)}" for f in c.figures] + [""]
    out += ["## Cases by country", ""]
    if not c.countries:
        out += ["No case in this period.", ""]
    for s in c.countries:
        out += [f"### {e(s.name)}", ""]
        for case in s.cases:
            out += [f"#### {e(case.heading)}", ""]
            for head, paras in case.parts():
                out += [f"**{e(head)}.**", ""] + [e(p) + "\n" for p in paras]
        if s.undescribed:
            out += [f"*{undescribed_line(s.undescribed)}*", ""]
    out += ["## Follow-up on cases reported earlier", ""]
    if not c.follow_ups and not c.follow_ups_undescribed:
        out += ["Nothing new recorded on cases reported earlier.", ""]
    for f in c.follow_ups:
        out += [f"### {e(f.heading)}", "", f"**Earlier:** {e(f.earlier)}", ""]
        out += [f"- {e(ch)}" for ch in f.changes] + [""]
    if c.follow_ups_undescribed:
        out += [f"*{undescribed_line(c.follow_ups_undescribed)}*", ""]
    if c.charts:
        out += ["## Charts", "", "The PDF and DOCX versions include: "
                + "; ".join(e(t) for t, _ in c.charts.values()) + ".", ""]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def render_docx(c: Contribution) -> bytes:
    """The contribution as .docx, charts embedded as PNG; core properties carry no names."""
    from docx.shared import Cm, RGBColor

    from amparo.drafting.render_docx import new_amparo_docx

    d = new_amparo_docx(title=c.title, subject="Contribution to the Secretary-General's report on reprisals",
                        author="Amparo", keywords="", language="en", day=c.prepared_on)

    d.add_heading(c.title, level=0)
    for n in c.notices:
        run = d.add_paragraph().add_run(n)
        run.bold = True
        run.font.color.rgb = RGBColor(0x96, 0x14, 0x14)
    for p in c.intro:
        d.add_paragraph(p)
    d.add_heading("Figures for the period", level=1)
    for f in c.figures:
        d.add_paragraph(f, style="List Bullet")
    for title, png in c.charts.values():
        d.add_picture(io.BytesIO(png), width=Cm(15.5))
        d.add_paragraph(title).runs[0].italic = True
    d.add_heading("Cases by country", level=1)
    if not c.countries:
        d.add_paragraph("No case in this period.")
    for s in c.countries:
        d.add_heading(s.name, level=2)
        for case in s.cases:
            d.add_heading(case.heading, level=3)
            for head, paras in case.parts():
                d.add_paragraph().add_run(head).bold = True
                for p in paras:
                    d.add_paragraph(p)
        if s.undescribed:
            d.add_paragraph().add_run(undescribed_line(s.undescribed)).italic = True
    d.add_heading("Follow-up on cases reported earlier", level=1)
    if not c.follow_ups and not c.follow_ups_undescribed:
        d.add_paragraph("Nothing new recorded on cases reported earlier.")
    for f in c.follow_ups:
        d.add_heading(f.heading, level=3)
        para = d.add_paragraph()
        para.add_run("Earlier: ").bold = True
        para.add_run(f.earlier)
        for ch in f.changes:
            d.add_paragraph(ch, style="List Bullet")
    if c.follow_ups_undescribed:
        d.add_paragraph().add_run(undescribed_line(c.follow_ups_undescribed)).italic = True
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
