"""Text in the case-facts format: what a text field may hold, and what an error may quote.

Two kinds of text field. A one-line field (a name, a title, a place, a reference) holds
no control character at all and at most ``ONE_LINE_MAX`` characters. A narrative (what
happened, a note) may hold tabs and line breaks and up to ``NARRATIVE_MAX`` characters.
Neither may hold a lone surrogate (it is not text: JSON lets ``"\\ud800"`` through, and
every encoder downstream, PDF, DOCX, e-mail, the database, would fail on it) or a Unicode
noncharacter (reserved for a program's internal use, never for interchange).

Error messages never quote a value that could be a name or a narrative: they end up in
terminals, logs and screenshots. ``shown`` decides what may be quoted.
"""

from __future__ import annotations

import re
from typing import Any

ONE_LINE_MAX = 500  # a name, title or place longer than this is a narrative in the wrong field
NARRATIVE_MAX = 100_000  # a narrative longer than this is almost surely a pasted file

_SURROGATE = re.compile("[\ud800-\udfff]")
# U+FDD0..U+FDEF and the last two code points of each of the 17 planes.
_NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)) + "]"
)
_CONTROL_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")  # C0, DEL and C1
_CONTROL_NARRATIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # the same but tab and line feed
_CARRIAGE_RETURN = re.compile("\r\n?")


def text_problem(value: str, *, multiline: bool) -> str | None:
    """What is wrong with the characters of ``value`` (never quoting it), or None.

    The position is given (1-based, in characters) so that the person can find the spot.
    Line breaks of a narrative are judged after ``\\r\\n`` and ``\\r`` become ``\\n``.
    """
    if multiline:
        value = _CARRIAGE_RETURN.sub("\n", value)
    if found := _SURROGATE.search(value):
        return f"contains a lone surrogate at character {found.start() + 1}, which is not text"
    if found := _NONCHARACTER.search(value):
        return f"contains a Unicode noncharacter at character {found.start() + 1}"
    control = _CONTROL_NARRATIVE if multiline else _CONTROL_ONE_LINE
    if found := control.search(value):
        where = f"at character {found.start() + 1}"
        if multiline:
            return f"contains a control character {where} (only tabs and line breaks may appear)"
        return f"contains a line break or control character {where}; this field is one line"
    return None


def normalised(value: str, *, multiline: bool) -> str:
    """``value`` stripped, with a narrative's line breaks written as ``\\n``."""
    if multiline and "\r" in value:
        value = _CARRIAGE_RETURN.sub("\n", value)
    return value.strip()


_ECHOABLE = re.compile(r"[A-Za-z0-9:_./-]{1,40}")
# A capitalised word ("Daniela", "McAllister") may be a name even without a space.
_CAPITALISED = re.compile(r"[A-Z][a-z]")


def shown(value: Any) -> str:
    """``value`` as an error message may quote it: identifier-shaped text only.

    Anything with a space or a capitalised word may be a name or a narrative typed into
    the wrong field; other values are described by their kind ("a number", "a list").
    """
    if isinstance(value, str):
        return repr(value) if echoable(value) else "this text"
    return kind(value)


def echoable(value: str) -> bool:
    """Whether ``shown`` would quote ``value`` rather than describe it."""
    return bool(_ECHOABLE.fullmatch(value)) and not _CAPITALISED.search(value)


def kind(value: Any) -> str:
    """What sort of JSON value ``value`` is, in words ("an object", "text", "null")."""
    return {dict: "an object", list: "a list", tuple: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")
