"""The consent conversation sheet as Markdown: to read on screen, paste, or print from an editor.

Each person's section is separated by a rule (and starts with its own level-one
heading), so that it can be cut out and given alone. Boxes to tick are task-list items.
"""

from __future__ import annotations

import re

from amparo.drafting.consent_sheet_document import ConsentSheet

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    # Names and knowledge-base names are text, never markup: a "*" or "<b>" stays literal.
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\d+)\.", r"\1\\.", text)


def render_md(sheet: ConsentSheet) -> bytes:
    """The sheet as UTF-8 Markdown."""
    out: list[str] = []
    for n, section in enumerate(sheet.people):
        if n:
            out += ["---", ""]
        out += [f"# {_md(section.heading)}", "", f"*{_md(sheet.title)} · {_md(sheet.date_text)}*", ""]
        if sheet.case_id:
            out += [f"{_md(sheet.labels.get('case', 'Case'))} {_md(sheet.case_id)}", ""]
        for notice in section.notices:
            out += [f"> **{_md(notice)}**", ""]
        for part in section.parts:
            out += [f"{'##' if part.level == 1 else '###'} {_md(part.heading)}", ""]
            out += [line for p in part.paragraphs for line in (_md(p), "")]
            out += [f"- {_md(i)}" for i in part.items]
            if part.items:
                out.append("")
            out += [line for p in part.after for line in (_md(p), "")]
        out += [f"## {_md(section.record_heading)}", "", _md(section.record_intro), ""]
        for blank in section.blanks:
            if blank.kind == "heading":
                out += [f"### {_md(blank.label)}", ""]
            elif blank.kind == "choose" and blank.indent:
                # A row under a heading: its boxes on one line, so that nine bodies stay readable.
                out += [f"- {_md(blank.label)}: " + " · ".join(f"☐ {_md(c)}" for c in blank.choices)]
            elif blank.kind == "choose":
                out += [f"**{_md(blank.label)}**", ""]
                out += [f"- [ ] {_md(c)}" for c in blank.choices]
                out.append("")
            else:
                if out[-1].startswith("- "):
                    out.append("")
                out.append(f"**{_md(blank.label)}:** \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_")
                if blank.hint:
                    out += ["", f"*{_md(blank.hint)}*"]
                out.append("")
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")
