"""The fonts Amparo sets documents in, which script each covers, and what none covers.

Every face comes from a Debian package that ``make system-deps`` installs; none is ever
downloaded. The set is the smallest that covers the scripts of people's names seen in
reprisal cases (about 18 MB installed, see the Makefile):

- DejaVu Serif and Sans (fonts-dejavu-core, italics in fonts-dejavu-extra): Latin,
  Greek, Cyrillic; DejaVu Sans also Hebrew.
- Amiri (fonts-hosny-amiri): Arabic, a Naskh that sits well with a serif text face. Its
  lam-alef ligatures extract back to the right letters, DejaVu Sans's do not, so DejaVu's
  Arabic is never used.
- Lohit Devanagari (fonts-lohit-deva): Hindi, Marathi, Nepali.
- WenQuanYi Micro Hei (fonts-wqy-microhei): Chinese (simplified and traditional), also
  Japanese kana and Korean Hangul; 5 MB where Noto CJK takes 91 MB.

A character that no installed face has cannot be shown: ``uncovered`` finds such
characters and ``check_covered`` refuses them with the path of the field they are in.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from amparo.model.errors import AmparoError, InvalidInput, Problem
from amparo.typeset.scripts import Script, needs_glyph

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_AMIRI = Path("/usr/share/fonts/opentype/fonts-hosny-amiri")

#: Arabic blocks (kept out of DejaVu Sans, kept to Amiri).
ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF),
                 (0xFE70, 0xFEFF), (0x1EE00, 0x1EEFF))
#: What Amiri also sets inside Arabic text when it is the body face: spaces, digits,
#: punctuation. Its Latin letters are left to DejaVu Serif, so that a Latin name in an
#: Arabic letter looks as it does in an English one.
_ARABIC_TEXT_RANGES = (*ARABIC_RANGES, (0x0020, 0x0040), (0x005B, 0x0060), (0x007B, 0x007E),
                       (0x00A0, 0x00BF), (0x2000, 0x206F))


class FontsMissing(AmparoError):
    """A face the documents need is not installed (``make system-deps`` installs it)."""


@dataclass(frozen=True, slots=True)
class Face:
    """One font file in one style, as the PDF renderers register it."""

    family: str  # the key the renderers pass to ``set_font``: serif, sans, arabic…
    style: str  # "", "B", "I" or "BI"
    file: Path
    package: str  # the Debian package that installs ``file``
    name: str  # the family name word processors know it by (DOCX runs name it)
    index: int = 0  # the face's number in a .ttc collection
    only: tuple[tuple[int, int], ...] = ()  # when set, the face sets only these code points
    without: tuple[tuple[int, int], ...] = ()  # code points left to other faces

    def takes(self, codepoint: int) -> bool:
        """Whether this face is allowed to set ``codepoint`` (its ranges, not its glyphs)."""
        if self.only and not any(a <= codepoint <= b for a, b in self.only):
            return False
        return not any(a <= codepoint <= b for a, b in self.without)


SERIF = "serif"
SANS = "sans"
ARABIC = "arabic"
DEVANAGARI = "devanagari"
CJK = "cjk"

#: Every face, by family; within a family the regular style comes first.
FACES: tuple[Face, ...] = (
    Face(SERIF, "", _DEJAVU / "DejaVuSerif.ttf", "fonts-dejavu-core", "DejaVu Serif"),
    Face(SERIF, "B", _DEJAVU / "DejaVuSerif-Bold.ttf", "fonts-dejavu-core", "DejaVu Serif"),
    Face(SERIF, "I", _DEJAVU / "DejaVuSerif-Italic.ttf", "fonts-dejavu-extra", "DejaVu Serif"),
    Face(SERIF, "BI", _DEJAVU / "DejaVuSerif-BoldItalic.ttf", "fonts-dejavu-extra", "DejaVu Serif"),
    Face(SANS, "", _DEJAVU / "DejaVuSans.ttf", "fonts-dejavu-core", "DejaVu Sans", without=ARABIC_RANGES),
    Face(SANS, "B", _DEJAVU / "DejaVuSans-Bold.ttf", "fonts-dejavu-core", "DejaVu Sans", without=ARABIC_RANGES),
    Face(SANS, "I", _DEJAVU / "DejaVuSans-Oblique.ttf", "fonts-dejavu-extra", "DejaVu Sans",
         without=ARABIC_RANGES),
    Face(ARABIC, "", _AMIRI / "Amiri-Regular.ttf", "fonts-hosny-amiri", "Amiri", only=_ARABIC_TEXT_RANGES),
    Face(ARABIC, "B", _AMIRI / "Amiri-Bold.ttf", "fonts-hosny-amiri", "Amiri", only=_ARABIC_TEXT_RANGES),
    Face(ARABIC, "I", _AMIRI / "Amiri-Slanted.ttf", "fonts-hosny-amiri", "Amiri", only=_ARABIC_TEXT_RANGES),
    Face(DEVANAGARI, "", Path("/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf"),
         "fonts-lohit-deva", "Lohit Devanagari"),
    Face(CJK, "", Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), "fonts-wqy-microhei",
         "WenQuanYi Micro Hei"),
)

#: The family that sets each script's letters (Hebrew is in DejaVu Sans).
FAMILY_FOR_SCRIPT = {Script.WESTERN: SERIF, Script.COMMON: SERIF, Script.ARABIC: ARABIC,
                     Script.HEBREW: SANS, Script.DEVANAGARI: DEVANAGARI, Script.CJK: CJK}
#: The order in which families are tried for a character the current face lacks.
FALLBACK_ORDER = (SERIF, ARABIC, SANS, DEVANAGARI, CJK)


def family_faces(family: str) -> list[Face]:
    """The installed faces of ``family`` (regular first)."""
    return [f for f in FACES if f.family == family and f.file.is_file()]


def face_name(script: Script) -> str:
    """The family name a word processor should use for ``script`` (DOCX run fonts)."""
    family = FAMILY_FOR_SCRIPT[script]
    return next(f.name for f in FACES if f.family == family)


def require_installed(families: Iterable[str]) -> None:
    """Raise ``FontsMissing`` unless the regular face of every family is installed."""
    missing = [f for f in FACES if f.family in set(families) and f.style == "" and not f.file.is_file()]
    if missing:
        packages = " ".join(sorted({f.package for f in missing}))
        files = ", ".join(f.file.name for f in missing)
        raise FontsMissing(f"fonts not installed ({files}): install the Debian packages {packages} "
                           "(make system-deps)")


_cmaps: dict[Face, frozenset[int]] = {}
_cmaps_lock = threading.Lock()


def face_codepoints(face: Face) -> frozenset[int]:
    """The code points ``face`` has a glyph for and may set; read once per process."""
    found = _cmaps.get(face)
    if found is not None:
        return found
    with _cmaps_lock:
        if face not in _cmaps:
            from fontTools.ttLib import TTFont

            font = TTFont(str(face.file), fontNumber=face.index, lazy=True)
            cmap = font.getBestCmap() or {}
            font.close()
            _cmaps[face] = frozenset(cp for cp in cmap if face.takes(cp))
        return _cmaps[face]


@lru_cache(maxsize=1)
def _regular_faces() -> tuple[Face, ...]:
    # Styles of one family cover the same characters here (Lohit and Micro Hei have only
    # a regular face; fpdf2 sets their text in it whatever the style asked). Read once
    # per process: fonts are installed before Amparo starts, not while it runs.
    return tuple(f for f in FACES if f.style == "" and f.file.is_file())


@lru_cache(maxsize=65536)
def covering_family(char: str) -> str | None:
    """The first family (in ``FALLBACK_ORDER``) with a glyph for ``char``, or None."""
    cp = ord(char)
    faces = _regular_faces()
    for family in FALLBACK_ORDER:
        for face in faces:
            if face.family == family and cp in face_codepoints(face):
                return family
    return None


def uncovered(text: str) -> list[str]:
    """The characters of ``text`` that no installed font can show, each once, in order.

    Spaces, line breaks, joiners and direction marks need no glyph and are never
    reported. A service can call this on a case's fields before drafting a PDF.
    """
    seen: set[str] = set()
    out: list[str] = []
    for char in text:
        if char in seen:
            continue
        seen.add(char)
        if needs_glyph(char) and covering_family(char) is None:
            out.append(char)
    return out


def character_label(char: str) -> str:
    """``U+XXXX NAME`` for one character, with Unicode's label where it has no name.

    Never the character itself: error messages are read where a glyph may not show, and
    the code point is what a caseworker can look up or search for.
    """
    cp = ord(char)
    name = unicodedata.name(char, "")
    if not name:
        category = unicodedata.category(char)
        kind = {"Co": "private-use", "Cs": "surrogate", "Cc": "control"}.get(category, "unassigned")
        if kind == "unassigned" and (cp & 0xFFFE == 0xFFFE or 0xFDD0 <= cp <= 0xFDEF):
            kind = "noncharacter"
        name = f"<{kind}-{cp:04X}>"
    return f"U+{cp:04X} {name}"


def missing_packages() -> list[str]:
    """Debian packages of faces that are not installed (named in coverage errors)."""
    return sorted({f.package for f in FACES if not f.file.is_file()})


def check_covered(fields: Iterable[tuple[str, str]]) -> None:
    """Raise ``InvalidInput`` naming every (path, character) that no font can show.

    ``fields`` are (path, text) pairs such as ``("sections[2].items[0]", "…")``. The
    message names the path and the character as ``U+XXXX NAME``, never the text around
    it: the text may hold a name that must not reach a log.
    """
    problems = []
    for path, text in fields:
        for char in uncovered(text):
            problems.append(Problem(path, f"{character_label(char)} is in no installed font: "
                                          "the PDF cannot show it (the DOCX and text formats can)"))
    if problems:
        missing = missing_packages()
        if missing:
            problems.append(Problem("", "fonts not installed, which may have it: " + ", ".join(missing)))
        raise InvalidInput(problems)
