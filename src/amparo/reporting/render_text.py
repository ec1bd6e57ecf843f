"""The contribution as Markdown.

Drafting's ``Document`` is a letter (sender, addressee, salutation, one case), so the
contribution has its own small model (``contribution.py``) and its renderers: this one,
``render_pdf.py`` and ``render_docx.py`` (both set by ``amparo.typeset``, as letters are).
Renderers only lay out: every string they print is already safe to publish.
"""

from __future__ import annotations

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
