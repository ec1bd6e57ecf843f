"""Typesetting shared by letters (drafting) and contributions (reporting).

What both need to lay a document out, and nothing about what it says: the fonts and
which one sets each script (``fonts``), characters cut into runs of one script
(``scripts``), the language as word processors name it (``language``), A4 page setup
(``page``), the PDF document with shaping, bidi and per-script fonts (``pdf``) and its
palette (``pdf_style``), and the Word document with its properties, language and fonts
(``word``). Imports nothing of Amparo but ``amparo.model`` (for error types).

For a service that checks a case before drafting: ``uncovered(text)`` lists the
characters no installed font can show, ``character_label(char)`` names one as
``U+XXXX NAME``, and ``check_covered([(path, text), …])`` raises ``InvalidInput`` with a
problem per path and character.
"""

from __future__ import annotations

from amparo.typeset.fonts import FontsMissing, character_label, check_covered, uncovered
from amparo.typeset.language import language_tag, script_of_language
from amparo.typeset.page import LETTER_PAGE, REPORT_PAGE, PageSetup
from amparo.typeset.pdf import TypesetPDF
from amparo.typeset.scripts import Script, runs, script_of

__all__ = [
    "LETTER_PAGE", "REPORT_PAGE", "FontsMissing", "PageSetup", "Script", "TypesetPDF",
    "character_label", "check_covered", "language_tag", "runs", "script_of", "script_of_language",
    "uncovered",
]
