"""``TypesetPDF``: an fpdf2 document in Amparo's fonts, with every script shaped and shown.

What fpdf2 does: HarfBuzz shaping (Arabic joined, Devanagari reordered), the Unicode
bidirectional algorithm (an Arabic name inside an English line, a Latin name inside an
Arabic paragraph), and fallback fonts chosen character by character. What this module
adds around it:

- Fonts are parsed once per process, not per document: a parsed font (its glyph map and
  widths, its HarfBuzz face) is shared by every document; each document gets its own
  subset map, and the font file is read afresh only to cut the subset at output,
  because fontTools' subsetter changes the font it is given.
- Only the families a document's text needs are registered, and only fonts actually
  drawn with are embedded.
- Every embedded subset gets its own six-letter tag (PDF 1.7 §9.6.4), where fpdf2 writes
  ``MPDFAA+`` on all of them.
- Arabic runs are shaped without kerning: Amiri's kerning opens gaps inside words that
  pdftotext and search read as spaces.
- Devanagari runs carry their text as ``/ActualText``: HarfBuzz moves the short i vowel
  sign before its consonant, and without it pdftotext and search read "प्रि या" for
  "प्रिया".
- Right-to-left text is extracted in the order it was written (``amparo.typeset.extraction``):
  an invisible RLM ends a number's run before punctuation ("2026، the capital"), and Arabic
  vowel signs are drawn but extracted without, so that a word-final fatha does not break
  the extracted line.
- A character that no face has stops the document (``InvalidInput``) instead of printing
  a blank: the renderers check every field first, with its path (``check_covered``), and
  any character that still reaches a line without a glyph raises here.
"""

from __future__ import annotations

import copy
import hashlib
import string
import threading
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import Any

from fpdf import FPDF
from fpdf.enums import PDFResourceType, TextDirection
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.line_break import Fragment
from fpdf.output import OutputProducer
from fpdf.syntax import Name

from amparo.model.errors import InvalidInput, Problem
from amparo.typeset.extraction import has_arabic_marks, mark_runs, render_with_silent_marks
from amparo.typeset.fonts import (
    ARABIC,
    FALLBACK_ORDER,
    SANS,
    SERIF,
    Face,
    covering_family,
    face_codepoints,
    family_faces,
    require_installed,
)
from amparo.typeset.language import script_of_language
from amparo.typeset.page import PageSetup
from amparo.typeset.scripts import Script, needs_glyph, script_of
from amparo.typeset.tagging import TaggedContent
from amparo.typeset.version import amparo_version

#: Amiri's letters are small for their body: Arabic documents are set a size larger.
ARABIC_TEXT_SCALE = 1.2
#: Line height over font size, as the letters have always been set (10.5 pt on 5.04 mm).
LEADING = 1.36

_prototypes: dict[Face, TTFFont] = {}
_prototypes_lock = threading.Lock()
#: False if an fpdf2 upgrade changed the font object this module shares; fonts are then
#: added the plain way (slower, never wrong). tests/typeset checks that sharing is on.
SHARING = "subset" in getattr(TTFFont, "__slots__", ()) and hasattr(TTFFont, "hbfont")


def _prototype(face: Face) -> TTFFont:
    """The parsed font for ``face``, made once per process."""
    proto = _prototypes.get(face)
    if proto is not None:
        return proto
    with _prototypes_lock:
        if face not in _prototypes:
            scratch = FPDF()
            font = TTFFont(scratch, face.file, face.family + face.style, face.style,
                           unicode_range=set(face_codepoints(face)), collection_font_number=face.index)
            font.hbfont  # noqa: B018 - open the HarfBuzz face now, so that threads share one
            _prototypes[face] = font
        return _prototypes[face]


def _register(pdf: FPDF, face: Face) -> None:
    fontkey = face.family + face.style
    if not SHARING:
        pdf.add_font(face.family, face.style, str(face.file), collection_font_number=face.index,
                     unicode_range=sorted(face_codepoints(face)))
        return
    proto = _prototype(face)
    font = TTFFont.__new__(TTFFont)
    for slot in TTFFont.__slots__:
        if hasattr(proto, slot):
            setattr(font, slot, getattr(proto, slot))
    # What a document changes: its font number, its subset, what is missing, and the
    # descriptor that output numbers as a PDF object. The rest is read only.
    font.i = len(pdf.fonts) + 1
    font.fontkey = fontkey
    font.desc = copy.copy(proto.desc)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.subset = SubsetMap(font)
    pdf.fonts[fontkey] = font


def _subset_tag(seed: str, taken: set[str]) -> str:
    """Six capital letters from ``seed``, different from every tag in ``taken``."""
    n = 0
    while True:
        digest = hashlib.sha256(f"{seed}#{n}".encode()).digest()
        tag = "".join(string.ascii_uppercase[b % 26] for b in digest[:6])
        if tag not in taken:
            taken.add(tag)
            return tag
        n += 1


def _copy_to_subset(shared: Any, font: TTFFont) -> Any:
    """A copy of ``font``'s file for the subsetter to cut, made cheaply from the shared one.

    The tables the subsetter rewrites whole are taken from the font parsed once per
    process instead of parsed again: the glyph order (so that the glyph names table need
    not be read: the subset's is written without names anyway), the horizontal metrics;
    vertical metrics, which a PDF set horizontally never reads, are left out. This halves
    the time of a CJK font's subset (49,000 glyphs).
    """
    from fontTools.ttLib import TTFont, newTable

    fresh = TTFont(font.ttffile, recalcTimestamp=False, lazy=True, fontNumber=font.collection_font_number)
    if "glyf" not in fresh:
        return fresh
    fresh.setGlyphOrder(list(shared.getGlyphOrder()))
    post, source = newTable("post"), shared["post"]
    for attr in ("italicAngle", "underlinePosition", "underlineThickness", "isFixedPitch",
                 "minMemType42", "maxMemType42", "minMemType1", "maxMemType1"):
        setattr(post, attr, getattr(source, attr))
    post.formatType = 3.0
    fresh["post"] = post
    hmtx = newTable("hmtx")
    hmtx.metrics = dict(shared["hmtx"].metrics)
    fresh["hmtx"] = hmtx
    for tag in ("vhea", "vmtx"):
        if tag in fresh:
            del fresh[tag]
    fresh["cmap"] = _cmap_of(shared, {g.glyph_name for g, _ in font.subset.items() if g is not None})
    return fresh


def _cmap_of(shared: Any, glyphs: set[str]) -> Any:
    """A Unicode cmap holding only the characters of ``glyphs``: what the subsetter would
    keep of the whole one, without reading the whole one (34,000 entries in a CJK font)."""
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._c_m_a_p import cmap_classes

    mapping = {cp: name for cp, name in shared.getBestCmap().items() if name in glyphs}
    table = newTable("cmap")
    table.tableVersion = 0
    table.tables = []
    bmp = {cp: name for cp, name in mapping.items() if cp <= 0xFFFF}
    for fmt, enc, part in ((4, 1, bmp), (12, 10, mapping if len(bmp) < len(mapping) else None)):
        if part is None:
            continue
        sub = cmap_classes[fmt](fmt)
        sub.platformID, sub.platEncID, sub.language, sub.cmap = 3, enc, 0, part
        table.tables.append(sub)
    return table


class _Output(OutputProducer):
    """fpdf2's writer, embedding only fonts drawn with, each subset with its own tag."""

    def _add_fonts(self, *args: Any, **kwargs: Any) -> dict[int, Any]:
        pdf = self.fpdf
        used = {int(i) for i in pdf._resource_catalog.get_used_resources(PDFResourceType.FONT)}
        registry = pdf.fonts
        unused = {key: font for key, font in registry.items() if font.i not in used}
        kept = {key: font for key, font in registry.items() if font.i in used}
        for font in kept.values():
            if isinstance(font, TTFFont) and SHARING:
                # The subsetter cuts the font it is given: give it this document's copy.
                font.ttfont = _copy_to_subset(font.ttfont, font)
        for key in unused:
            del registry[key]
        try:
            objects = super()._add_fonts(*args, **kwargs)
        finally:
            registry.update(unused)
        taken: set[str] = set()
        for font in sorted(kept.values(), key=lambda f: f.i):
            obj = objects.get(font.i)
            if obj is None or not str(obj.base_font).startswith("MPDFAA+"):
                continue
            glyphs = ",".join(sorted(str(g.glyph_id) for g, _ in font.subset.items() if g is not None))
            base = str(obj.base_font).split("+", 1)[1]
            name = Name(f"{_subset_tag(f'{base}|{glyphs}', taken)}+{base}")
            obj.base_font = name
            for descendant in obj.descendant_fonts or ():
                descendant.base_font = name
                if descendant.font_descriptor is not None:
                    descendant.font_descriptor.font_name = name
        return objects


def _uncovered_error(char: str) -> InvalidInput:
    from amparo.typeset.fonts import character_label

    return InvalidInput(Problem("", f"{character_label(char)} is in no installed font: the PDF cannot show it"))


def _without_kerning(fragment: Fragment) -> None:
    """Shape ``fragment`` with no kerning: Amiri's kerning opens gaps inside Arabic words
    that pdftotext and search read as spaces ("التخو يف"); at text sizes the eye does not
    miss it. The fragment's own copy of the shaping settings is replaced, not changed."""
    params = fragment.graphics_state.text_shaping
    if params:
        features = {**(params.get("features") or {}), "kern": False}
        fragment.graphics_state.text_shaping = {**params, "features": features}


class _SpelledFragment(Fragment):
    """A run of text whose extracted text is spelled out when shaping reorders glyphs."""

    def render_with_text_shaping(self, pos_x: float, pos_y: float, h: float, word_spacing: float) -> str:
        text = self.string
        if self.fragment_direction == TextDirection.RTL and has_arabic_marks(text):
            return render_with_silent_marks(self, pos_x, pos_y, h, word_spacing)
        ops = super().render_with_text_shaping(pos_x, pos_y, h, word_spacing)
        if ops and any(script_of(c) is Script.DEVANAGARI for c in text):
            actual = "FEFF" + text.encode("utf-16-be").hex().upper()
            return f"/Span <</ActualText <{actual}>>> BDC {ops} EMC"
        return ops


class TypesetPDF(TaggedContent):
    """An A4 fpdf2 document set in Amparo's fonts for ``language`` and ``direction``.

    ``texts`` is every string the document will print: it decides which font families
    are registered (a letter in English with no other script registers DejaVu only).
    Renderers set fonts with ``use_font("serif" | "sans", style, size)``: "serif" is the
    text face of the document's script (Amiri for Arabic, DejaVu Serif otherwise), and
    sizes are scaled for it; ``leading()`` is the matching line height.
    """

    def __init__(self, *, page: PageSetup, language: str, direction: str, texts: Iterable[str]):
        super().__init__(orientation="portrait", unit="mm", format=(page.width, page.height))
        self.set_margins(page.left, page.top, page.right)
        self.set_auto_page_break(True, margin=page.bottom)
        arabic_body = script_of_language(language) is Script.ARABIC
        self.body_family = ARABIC if arabic_body else SERIF
        self.text_scale = ARABIC_TEXT_SCALE if arabic_body else 1.0
        require_installed({SERIF, SANS, self.body_family})
        needed = {SERIF, SANS, self.body_family}
        for char in set("".join(texts)):
            if needs_glyph(char):
                family = covering_family(char)
                if family is not None:
                    needed.add(family)
        self.families = [f for f in FALLBACK_ORDER if f in needed]
        for family in self.families:
            for face in family_faces(family):
                _register(self, face)
        # Base direction of every paragraph: without it fpdf2 guesses from the first strong
        # letter, and an English item that starts with an Arabic name would run right to left.
        self.rtl = direction == "rtl"
        self.set_text_shaping(True, direction="rtl" if self.rtl else "ltr")
        self.set_fallback_fonts(self.families, exact_match=False)
        self.set_lang(language)
        self.alias_nb_pages("{nb}")

    def normalize_text(self, text: str) -> str:
        """fpdf2's normalisation, and in a right-to-left document the marks that keep
        extracted text in logical order (``amparo.typeset.extraction``). Not in the page
        number: its alias ("1/{nb}") is not yet the number it will be."""
        marked = self.rtl and self.str_alias_nb_pages not in text
        return super().normalize_text(mark_runs(text) if marked else text)

    def use_font(self, kind: str, style: str = "", size: float = 10.5) -> None:
        """Set the text face ("serif") or the sans face ("sans") at ``size`` points, scaled."""
        family = self.body_family if kind == "serif" else SANS
        style = "".join(sorted(style.upper()))
        if family + style not in self.fonts:
            # A style whose face is not installed (DejaVu's italics come in another
            # package): the text is set upright rather than not at all.
            style = "B" if "B" in style and family + "B" in self.fonts else ""
        self.set_font(family, style, size * self.text_scale)

    def leading(self, factor: float = LEADING) -> float:
        """The line height for the current font, in mm."""
        return self.font_size * factor

    def set_info(self, *, title: str, subject: str, author: str, keywords: Iterable[str] = (),
                 day: date | None = None) -> None:
        """The document information: only what is given (no name unless it is there), and
        a creation date at noon of ``day`` so that the same content gives the same file."""
        self.set_title(title)
        self.set_subject(subject)
        self.set_author(author)
        self.set_keywords(", ".join(keywords))
        self.set_creator(f"Amparo {amparo_version()}")
        if day is not None:
            self.set_creation_date(datetime.combine(day, time(12, 0), tzinfo=UTC))

    def _parse_chars(self, text: str, markdown: bool, *args: Any, **kwargs: Any):  # type: ignore[override]
        for fragment in super()._parse_chars(text, markdown, *args, **kwargs):
            if type(fragment) is Fragment:
                font = fragment.font
                cmap = getattr(font, "cmap", None)
                if cmap is not None:
                    for char in fragment.characters:
                        if ord(char) not in cmap and needs_glyph(char):
                            raise _uncovered_error(char)
                if any(script_of(c) is Script.ARABIC for c in fragment.characters):
                    _without_kerning(fragment)
                fragment.__class__ = _SpelledFragment
            yield fragment

    def render(self) -> bytes:
        """The finished PDF."""
        return bytes(self.output(output_producer_class=_Output))
