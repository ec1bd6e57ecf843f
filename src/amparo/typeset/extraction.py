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
from typing import Any

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


#: An /ActualText: what a text extractor reads instead of the glyph it wraps.
_SPELLED = "/Span <</ActualText <FEFF{hex}>>> BDC ({glyph}) Tj EMC "


def has_arabic_marks(text: str) -> bool:
    """Whether ``text`` has a combining mark (a vowel sign, a shadda) in an Arabic run."""
    return any(unicodedata.category(c) == "Mn" and "\u0610" <= c <= "\u06ed" for c in text)


def render_with_silent_marks(fragment: Any, pos_x: float, pos_y: float, h: float, word_spacing: float) -> str:
    """The content stream of a right-to-left ``fragment`` (fpdf2 2.8's
    ``Fragment.render_with_text_shaping``, with one change): each combining mark is drawn
    where it was, but inside an /ActualText that leaves the mark out (and keeps a letter the
    mark's glyph stands for too).

    HarfBuzz gives a right-to-left run in visual order, so a mark comes before its letter and
    is placed by an offset; pdftotext then took a vowel sign on a word's last letter (the
    fatha of "بجوابكَ") for the start of a new line and read the sentence in the wrong
    order ("ك فيه. / ك الحالي، قد يذكر اسم َ / بجواب َ"), and broke words at every other
    mark ("ي َُّجدد"). Without the marks, extraction gives the words whole and in order
    ("بجوابك الحالي، قد يذكر اسمك فيه."), as Arabic is searched anyway; the page is unchanged.
    """
    from fpdf.line_break import TotalPagesSubstitutionFragment

    font = fragment.font
    ret, text = "", ""
    space = font.subset.pick(ord(" "))
    scale = font.scale * fragment.font_size_pt * (fragment.font_stretching / 100) / 1000 / fragment.k
    char_spacing = fragment.char_spacing * (fragment.font_stretching / 100) / fragment.k
    shaped = font.shape_text(fragment.string, fragment.font_size_pt, fragment.text_shaping_parameters)
    # The characters each glyph stands for. A cluster's characters go to its first glyph,
    # which in a right-to-left run can be the mark ("أُ" on the damma, none on the alef).
    spelled = {code: "".join(map(chr, g.unicode)) for g, code in font.subset.items() if g is not None}
    for i, glyph in enumerate(shaped):
        if glyph["mapped_char"] is None:  # a missing glyph: TypesetPDF refuses the text earlier
            continue
        char = font.escape_text(chr(glyph["mapped_char"]))
        offset = glyph["x_offset"] != 0 or glyph["y_offset"] != 0
        if offset or (isinstance(fragment, TotalPagesSubstitutionFragment) and i == 0):
            if text:
                ret, text = ret + f"({text}) Tj ", ""
            x = pos_x + glyph["x_offset"] * scale
            y = pos_y - glyph["y_offset"] * scale
            ret += f"1 0 0 1 {x * fragment.k:.2f} {(h - y) * fragment.k:.2f} Tm "
        if offset and glyph["x_advance"] == 0:
            letters = "".join(c for c in spelled.get(glyph["mapped_char"], "") if unicodedata.category(c) != "Mn")
            ret += _SPELLED.format(hex=letters.encode("utf-16-be").hex().upper(), glyph=char)
        else:
            text += char
        pos_x += glyph["x_advance"] * scale + char_spacing
        pos_y += glyph["y_advance"] * scale
        if word_spacing and glyph["mapped_char"] == space:
            pos_x += word_spacing
        if glyph["force_positioning"] or (word_spacing and glyph["mapped_char"] == space):
            if text:
                ret, text = ret + f"({text}) Tj ", ""
            ret += f"1 0 0 1 {pos_x * fragment.k:.2f} {(h - pos_y) * fragment.k:.2f} Tm "
    if text:
        ret += f"({text}) Tj"
    return ret
