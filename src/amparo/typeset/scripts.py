"""Which writing system a character belongs to, and text cut into runs of one script.

The classes are the ones fonts and word processors care about, not Unicode's full list:
Latin, Greek and Cyrillic share one face (DejaVu) and Word's "ASCII/hAnsi" slot, so they
are one class, ``WESTERN``; Arabic and Hebrew run right to left and sit in Word's
"complex script" slot; Devanagari is complex too and needs HarfBuzz to reorder its vowel
signs; Chinese, Japanese and Korean share a face and Word's "East Asian" slot.
Punctuation, digits and spaces are ``COMMON``: they join the run around them.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from enum import StrEnum


class Script(StrEnum):
    """A class of characters that share a face and a word-processor font slot."""

    WESTERN = "western"  # Latin, Greek, Cyrillic and anything else written left to right
    ARABIC = "arabic"
    HEBREW = "hebrew"
    DEVANAGARI = "devanagari"
    CJK = "cjk"
    COMMON = "common"  # spaces, digits, punctuation, symbols, combining marks

    @property
    def rtl(self) -> bool:
        """Whether the script is written right to left."""
        return self in (Script.ARABIC, Script.HEBREW)


#: Unicode blocks by script (first, last code point), from the Unicode 15 block list.
_BLOCKS: tuple[tuple[int, int, Script], ...] = tuple(sorted((
    (0x0590, 0x05FF, Script.HEBREW),
    (0x0600, 0x06FF, Script.ARABIC),
    (0x0750, 0x077F, Script.ARABIC),
    (0x0870, 0x08FF, Script.ARABIC),
    (0x0900, 0x097F, Script.DEVANAGARI),
    (0x1100, 0x11FF, Script.CJK),  # Hangul Jamo
    (0x1CD0, 0x1CFF, Script.DEVANAGARI),  # Vedic extensions
    (0x2E80, 0x2FFF, Script.CJK),  # radicals, ideographic description
    (0x3000, 0x303F, Script.CJK),  # CJK symbols and punctuation (、。「」)
    (0x3040, 0x31FF, Script.CJK),  # kana, bopomofo, Hangul compatibility jamo
    (0x3200, 0x4DBF, Script.CJK),  # enclosed, compatibility, extension A
    (0x4E00, 0x9FFF, Script.CJK),
    (0xA8E0, 0xA8FF, Script.DEVANAGARI),
    (0xA960, 0xA97F, Script.CJK),
    (0xAC00, 0xD7FF, Script.CJK),  # Hangul syllables
    (0xF900, 0xFAFF, Script.CJK),
    (0xFB1D, 0xFB4F, Script.HEBREW),
    (0xFB50, 0xFDFF, Script.ARABIC),
    (0xFE30, 0xFE4F, Script.CJK),
    (0xFE70, 0xFEFF, Script.ARABIC),
    (0xFF00, 0xFFEF, Script.CJK),  # full-width forms (，：)
    (0x1EE00, 0x1EEFF, Script.ARABIC),
    (0x20000, 0x3FFFF, Script.CJK),  # extensions B and later
)))
_STARTS = [b[0] for b in _BLOCKS]

#: Code points no font needs a glyph for (Unicode's Default_Ignorable_Code_Point, plus
#: the line and paragraph controls): joiners, direction marks, variation selectors…
_IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x0009, 0x000D), (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C),
    (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F),
    (0x2028, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)


def script_of(char: str) -> Script:
    """The script class of one character (see the module docstring)."""
    cp = ord(char)
    i = bisect_right(_STARTS, cp) - 1
    if i >= 0 and cp <= _BLOCKS[i][1]:
        return _BLOCKS[i][2]
    category = unicodedata.category(char)
    if category[0] == "L":
        return Script.WESTERN
    return Script.COMMON


def needs_glyph(char: str) -> bool:
    """Whether showing ``char`` takes a glyph (joiners, direction marks and controls don't)."""
    cp = ord(char)
    return not any(first <= cp <= last for first, last in _IGNORABLE)


def runs(text: str) -> list[tuple[Script, str]]:
    """``text`` cut into runs of one script, in logical order.

    Common characters between two characters of the same script belong to that run (the
    spaces of an Arabic name stay inside it); common characters between two scripts, or
    at either end, form a ``COMMON`` run of their own, so that a parenthesis or comma
    after an Arabic name does not take the Arabic run's direction.
    """
    out: list[tuple[Script, str]] = []
    pending = ""  # common characters not yet given to a run
    for char in text:
        script = script_of(char)
        if script is Script.COMMON:
            pending += char
            continue
        if out and out[-1][0] is script:
            out[-1] = (script, out[-1][1] + pending + char)
        else:
            if pending:
                out.append((Script.COMMON, pending))
            out.append((script, char))
        pending = ""
    if pending:
        out.append((Script.COMMON, pending))
    return out


def scripts_in(text: str) -> set[Script]:
    """Every script class with at least one character in ``text`` (``COMMON`` left out)."""
    return {s for s, _ in runs(text)} - {Script.COMMON}
