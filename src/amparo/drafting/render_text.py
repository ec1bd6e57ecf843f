"""Plain text and Markdown: the letter as an email body, or to paste into a web form."""

from __future__ import annotations

import re
import textwrap

from amparo.drafting.document import Document

WIDTH = 78


#: French sets a space before ; : ! ? » and after «: a no-break space, so that a line never
#: starts with the mark (textwrap breaks only at ASCII whitespace).
_BEFORE_MARK = re.compile(r" (?=[;:!?»])|(?<=«) ")


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    text = _BEFORE_MARK.sub("\u00a0", text)
    return textwrap.fill(text, WIDTH, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False)


def _address_lines(doc: Document) -> list[str]:
    lines = [doc.addressee.heading]
    for line in doc.addressee.lines:
        lines.append(_wrap(line.text, "  ", ""))
    return lines


def render_txt(doc: Document) -> bytes:
    """The letter as wrapped plain text, UTF-8."""
    out: list[str] = []
    for notice in doc.notices:
        out += [_wrap(f"*** {notice} ***"), ""]
    out += [*doc.sender, "", doc.date_text, ""]
    out.append(doc.labels.get("to", "To:"))
    out += _address_lines(doc)
    out += ["", _wrap(doc.subject_line), "",
            doc.salutation, ""]
    for section in doc.sections:
        out += [section.heading.upper(), ""]
        for p in section.paragraphs:
            out += [_wrap(p), ""]
        for i, item in enumerate(section.items, 1):
            mark = f"{i}. " if section.numbered else "- "
            out.append(_wrap(item, " " * len(mark), mark))
        if section.items:
            out.append("")
    out += [doc.closing, "", *doc.signature]
    if doc.attachments:
        out += ["", doc.labels.get("attachments", "Attachments").upper()]
        for a in doc.attachments:
            text = a.annex_text()
            if not a.attach:
                text += f" [{doc.labels.get('not_attached', 'not attached')}] {a.warning or ''}"
            out.append(_wrap(text.strip(), "  ", "- "))
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    # User narratives are text, never markup: a "*" or "<script>" stays literal.
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\d+)\.", r"\1\\.", text)


def render_md(doc: Document) -> bytes:
    """The letter as Markdown, for mail clients and editors that format it."""
    out: list[str] = []
    for notice in doc.notices:
        out += [f"> **{_md(notice)}**", ""]
    out += ["  \n".join(_md(s) for s in doc.sender), "", _md(doc.date_text), ""]
    addr = [f"**{_md(doc.addressee.heading)}**"]
    for line in doc.addressee.lines:
        addr.append(_md(line.text))
    out += ["  \n".join(addr), "",
            f"**{_md(doc.subject_line)}**", "",
            _md(doc.salutation), ""]
    for section in doc.sections:
        out += [f"## {_md(section.heading)}", ""]
        for p in section.paragraphs:
            out += [_md(p), ""]
        for i, item in enumerate(section.items, 1):
            out.append(f"{i}. {_md(item)}" if section.numbered else f"- {_md(item)}")
        if section.items:
            out.append("")
    out += [_md(doc.closing), "", "  \n".join(_md(s) for s in doc.signature)]
    if doc.attachments:
        out += ["", f"## {_md(doc.labels.get('attachments', 'Attachments'))}", ""]
        for a in doc.attachments:
            text = _md(a.annex_text())
            if not a.attach:
                text += f" *({_md(doc.labels.get('not_attached', ''))})* {_md(a.warning or '')}"
            out.append(f"- {text.strip()}")
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def render_questionnaire(doc: Document) -> bytes:
    """The answers to OHCHR's online questionnaire, one heading per field, ready to paste.

    Plain text with Markdown headings: the form's fields take plain text, and a heading
    line says which field each answer goes in.
    """
    out: list[str] = []
    for notice in doc.notices:
        out += [f"*** {notice} ***", ""]
    out += [f"# {doc.subject}", ""]
    for section in doc.questionnaire:
        out += [f"## {section.heading}", ""]
        out += [*section.paragraphs]
        if section.paragraphs:
            out.append("")
        out += [f"- {item}" for item in section.items]
        if section.items:
            out.append("")
    if doc.attachments:
        out += [f"## {doc.labels.get('attachments', 'Attachments')}", ""]
        out += [f"- {a.annex_text()}" for a in doc.attachments]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")
