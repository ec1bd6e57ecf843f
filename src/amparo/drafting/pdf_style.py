"""What every Amparo PDF shares: the DejaVu fonts (Latin, Cyrillic, Arabic), text shaping
for right-to-left scripts, and a sober palette close to UN documents'.

The fonts come from Debian's fonts-dejavu-core (installed by ``make``), never from the
network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amparo.model.errors import AmparoError

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {
    ("serif", ""): "DejaVuSerif.ttf",
    ("serif", "B"): "DejaVuSerif-Bold.ttf",
    ("serif", "I"): "DejaVuSerif-Italic.ttf",
    ("sans", ""): "DejaVuSans.ttf",
    ("sans", "B"): "DejaVuSans-Bold.ttf",
}
INK = (25, 25, 25)
GREY = (100, 100, 100)
ACCENT = (0, 74, 128)  # a sober blue for headings
WARN = (150, 20, 20)


class FontsMissing(AmparoError):
    """The DejaVu fonts are not installed (Debian package fonts-dejavu-core)."""


def use_amparo_fonts(pdf: Any) -> None:
    """Register the fonts on an ``fpdf.FPDF``, with shaping (Arabic joins and runs right to left)."""
    for (family, style), file in FONTS.items():
        path = FONT_DIR / file
        if not path.is_file():
            raise FontsMissing(f"font {file} not found in {FONT_DIR}: install the Debian package "
                               "fonts-dejavu-core (make system-deps)")
        pdf.add_font(family, style, str(path))
    # DejaVu Serif has no Arabic: the sans face fills in glyphs the serif lacks.
    pdf.set_fallback_fonts(["sans"], exact_match=False)
    pdf.set_text_shaping(True)
    pdf.alias_nb_pages("{nb}")
