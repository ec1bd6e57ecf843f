"""The contribution as Markdown.

Drafting's ``Document`` is a letter (sender, addressee, salutation, one case), so the
contribution has its own small model (``contribution.py``) and its renderers: this one,
``render_pdf.py`` and ``render_docx.py`` (both set by ``amparo.typeset``, as letters are).
Renderers only lay out: every string they print is already safe to publish, and every
heading comes from ``wording``.
"""

from __future__ import annotations

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
    out += [f"## {e(c.words.figures)}", ""] + [f"- {e(f)}" for f in c.figures] + [""]
    if c.charts:
        out += [f"## {e(c.words.charts)}", "", e(c.words.md_charts), ""]
        out += [e(c.words.figure_caption.format(number=k, description=ch.description)) + "\n"
                for k, ch in enumerate(c.charts, 1)]
    out += [f"## {e(c.words.countries)}", ""]
    if not c.countries:
        out += [e(c.words.no_case), ""]
    for s in c.countries:
        out += [f"### {e(s.name)}", ""]
        for case in s.cases:
            out += [f"#### {e(case.heading)}", ""]
            for head, paras in case.parts():
                out += [f"**{e(head)}.**", ""] + [e(p) + "\n" for p in paras]
    out += [f"## {e(c.words.follow_ups)}", ""]
    if not c.follow_ups:
        out += [e(c.words.no_follow_up), ""]
    for f in c.follow_ups:
        out += [f"### {e(f.heading)}", "", f"**{e(c.words.earlier)}** {e(f.earlier)}", ""]
        out += [f"- {e(ch)}" for ch in f.changes] + [""]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")
