"""The contribution as Markdown.

Drafting's ``Document`` is a letter (sender, addressee, salutation, one case), so the
contribution has its own small model (``contribution.py``) and its renderers: this one,
``render_pdf.py`` and ``render_docx.py`` (both set by ``amparo.typeset``, as letters are).
Renderers only lay out: every string they print is already safe to publish, and every
heading comes from ``wording``.
"""

from __future__ import annotations

from amparo.reporting import wording as w
from amparo.reporting.contribution import Contribution


def _md_escape(text: str) -> str:
    # User text must not become markup (a heading, a link) in someone's Markdown viewer.
    for ch in ("\\", "`", "*", "_", "[", "]", "#", "<", ">", "|"):
        text = text.replace(ch, "\\" + ch)
    return text


def render_md(c: Contribution) -> bytes:
    """The contribution as Markdown; each chart is given as its figures in text."""
    e = _md_escape
    out = [f"# {e(c.title)}", ""]
    out += [f"> **{e(n)}**\n" for n in c.notices]
    out += [e(p) + "\n" for p in c.intro]
    out += [f"## {e(w.HEAD_FIGURES)}", ""] + [f"- {e(f)}" for f in c.figures] + [""]
    if c.charts:
        out += [f"## {e(w.HEAD_CHARTS)}", "", e(w.MD_CHARTS), ""]
        out += [e(w.FIGURE_CAPTION.format(number=k, description=ch.description)) + "\n"
                for k, ch in enumerate(c.charts, 1)]
    out += [f"## {e(w.HEAD_COUNTRIES)}", ""]
    if not c.countries:
        out += [e(w.NO_CASE), ""]
    for s in c.countries:
        out += [f"### {e(s.name)}", ""]
        for case in s.cases:
            out += [f"#### {e(case.heading)}", ""]
            for head, paras in case.parts():
                out += [f"**{e(head)}.**", ""] + [e(p) + "\n" for p in paras]
    out += [f"## {e(w.HEAD_FOLLOW_UPS)}", ""]
    if not c.follow_ups:
        out += [e(w.NO_FOLLOW_UP), ""]
    for f in c.follow_ups:
        out += [f"### {e(f.heading)}", "", f"**{e(w.EARLIER)}** {e(f.earlier)}", ""]
        out += [f"- {e(ch)}" for ch in f.changes] + [""]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")
