"""The look every Amparo PDF shares: a sober palette close to UN documents'.

Fonts and their selection are in ``fonts.py`` and ``pdf.py``; page sizes in ``page.py``.
"""

from __future__ import annotations

INK = (25, 25, 25)
GREY = (100, 100, 100)
ACCENT = (0, 74, 128)  # a sober blue for headings
WARN = (150, 20, 20)
