"""Tagged PDF on fpdf2: paragraphs and headings in the structure tree, page furniture as artifacts.

fpdf2 (2.8) writes a ``StructTreeRoot``, the ``/MarkInfo`` entry and a ``/Lang``, but it
tags only images, links and outline titles, and only as ``/Figure``. This mixin uses
fpdf2's own structure-tree builder to tag running text: each block the renderer opens
with ``tagged("P" | "H1" | "H2")`` becomes a structure element with its marked content
(``/P <</MCID n>> BDC … EMC``), so that a screen reader reads the letter in order and
knows its headings. A block that runs onto the next page is closed at the page break and
continued as a second element of the same type (fpdf2's elements hold one page each);
the running footer is an ``/Artifact``. Right-to-left text carries its logical order as
``/ActualText`` (the glyphs are drawn in visual order; a continuation on the next page
does not repeat it). Not covered: lists as ``/L``/``/LI`` (items are
``/P``), a ``/Lang`` per element for passages quoted in another language, and the
PDF/UA identification in XMP metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fpdf import FPDF
from fpdf.prefs import ViewerPreferences

#: Letters of the right-to-left scripts (Hebrew, Arabic and their presentation forms).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
#: The structure types the renderers use (PDF 1.7 §14.8.4).
TAGS = ("P", "H1", "H2")


class TaggedContent(FPDF):
    """An FPDF whose text blocks are tagged; mix in before FPDF."""

    _open_tag: str | None = None
    _in_artifact: bool = False

    def enable_tagging(self) -> None:
        """Tag from now on; readers show the document's title rather than its file name."""
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)

    def _begin(self, tag: str, text: str | None = None) -> None:
        mcid = self.struct_builder.next_mcid_for_page(self.page)
        self._add_marked_content(struct_type=f"/{tag}", mcid=mcid)
        actual = ""
        if text and _RTL.search(text):
            # Right-to-left text is drawn as shaped glyphs in visual order: the logical
            # text goes with it, so that assistive technology reads it in reading order.
            actual = f" /ActualText <FEFF{text.encode('utf-16-be').hex().upper()}>"
        self._out(f"/{tag} <</MCID {mcid}{actual}>> BDC")

    @contextmanager
    def tagged(self, tag: str, text: str | None = None) -> Iterator[None]:
        """Everything drawn inside is one structure element of type ``tag``; ``text`` is
        what it says, given when it may run right to left (see ``_begin``)."""
        if tag not in TAGS:
            raise ValueError(f"unknown tag {tag!r}; use one of {', '.join(TAGS)}")
        if self._open_tag is not None or self._in_artifact:
            yield  # nested: the outer element holds it
            return
        self._open_tag = tag
        self._begin(tag, text)
        try:
            yield
        finally:
            self._out("EMC")
            self._open_tag = None

    @contextmanager
    def artifact(self) -> Iterator[None]:
        """Page furniture (running footer, page number): not part of the text read aloud."""
        self._in_artifact = True
        self._out("/Artifact <</Type /Pagination>> BDC")
        try:
            yield
        finally:
            self._out("EMC")
            self._in_artifact = False

    def add_page(self, *args: Any, **kwargs: Any) -> None:
        """A page break inside a tagged block closes it on this page and reopens it on the next."""
        tag = self._open_tag
        if tag is not None and self.page > 0:
            self._out("EMC")
            self._open_tag = None
        super().add_page(*args, **kwargs)
        if tag is not None:
            self._open_tag = tag
            self._begin(tag)
