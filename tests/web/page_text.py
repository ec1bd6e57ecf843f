"""What a page shows a reader: its text nodes, each with the language it is marked in."""

from __future__ import annotations

import re
from html.parser import HTMLParser

HIDDEN = {"script", "style", "title", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class PageText(HTMLParser):
    """Collects visible text nodes as (text, lang of the nearest element that declares one, in code)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []
        self.nodes: list[tuple[str, str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        a = dict(attrs)
        hidden = tag in HIDDEN or "hidden" in a or (self.stack and self.stack[-1][2])
        self.stack.append((tag, a.get("lang"), bool(hidden)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        # Only ASCII white space: a non-breaking space is part of what the page shows.
        text = re.sub(r"[ \t\r\n]+", " ", data).strip(" \t\r\n")
        if not text or (self.stack and self.stack[-1][2]):
            return
        lang = next((lang for _, lang, _ in reversed(self.stack) if lang), "")
        in_code = any(tag in ("code", "pre", "bdi") for tag, _, _ in self.stack)
        self.nodes.append((text, lang, in_code))


def text_nodes(html: str) -> list[tuple[str, str, bool]]:
    """(text, language, inside code or typed text) for every text node a reader sees.

    Text inside ``<bdi>`` is what the user typed (a note, a description): it is theirs,
    in whatever language and typography they wrote it."""
    parser = PageText()
    parser.feed(html)
    return parser.nodes


def visible_text(html: str) -> str:
    """All the visible text of a page, one node per line."""
    return "\n".join(t for t, _, _ in text_nodes(html))
