"""Right-to-left text that text extraction gives back in the order it was written.

A PDF stores glyphs where they are drawn, not the order of the text. pdftotext (poppler),
and the search and copy of most viewers built on it, rebuild a right-to-left line with a
simple rule: scanning from the right, a run of Arabic letters is read backwards, and every
other character that is not Arabic (digits, Latin letters, and the spaces and punctuation
between them) is read as one left-to-right run. Two left-to-right runs that the Unicode
bidirectional algorithm keeps apart, because only punctuation lies between them, are then
read as one, in the wrong order: "1 يوليو 2026، the capital" came back as
"the capital ،2026", and a date after an item's number as "20 .1".

A RIGHT-TO-LEFT MARK (U+200F: no width, no glyph on the page, the same layout under the
bidirectional algorithm) placed just after the first run is a right-to-left character
between them, so that extraction keeps them apart and in order.
"""

from __future__ import annotations

import unicodedata

from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection

RLM = "\u200f"
_RIGHT_TO_LEFT = frozenset({"R", "AL"})


def mark_runs(text: str) -> str:
    """``text`` (a right-to-left paragraph, or several separated by newlines) with an RLM
    after each left-to-right run that only neutral characters (spaces, punctuation) separate
    from the next left-to-right run.

    The levels are fpdf2's own bidirectional resolution, the one that lays the line out, so
    a mark goes only where the neutrals are already right to left and the page does not
    change: between two runs of Latin letters the neutrals are left to right ("Human Rights
    Council, 62nd" is one run) and nothing is added there.
    """
    return "\n".join(_mark_paragraph(p) for p in text.split("\n"))


def _mark_paragraph(text: str) -> str:
    if not text or RLM in text:
        return text
    chars = BidiParagraph(text, TextDirection.RTL, preserve_bn_chars=True).get_characters_with_embedding_level()
    level = {c.character_index: c.embedding_level for c in chars}
    after: set[int] = set()
    ordered = sorted(level)
    for pos, index in enumerate(ordered[:-1]):
        nxt = ordered[pos + 1]
        if level[index] % 2 or not level[nxt] % 2 or unicodedata.bidirectional(text[nxt]) in _RIGHT_TO_LEFT:
            continue
        # A left-to-right run ends before neutrals: is the next strong character left to right?
        for later in ordered[pos + 1:]:
            if unicodedata.bidirectional(text[later]) in _RIGHT_TO_LEFT:
                break
            if not level[later] % 2:
                after.add(index)
                break
    return "".join(c + RLM if i in after else c for i, c in enumerate(text))
