"""The languages Amparo speaks: the six official languages of the United Nations.

One list for every face and document: the CLI's ``--lang``, the web app's ``?lang=`` and
its language switch, letters, the consent statement and sheet, the contribution. A
language is offered when it is listed here *and* its catalogs exist
(``amparo/locale/<code>/LC_MESSAGES/{amparo,web}.po``); tests/language checks that every
listed language has both, complete. Order is the UN's (English alphabetical order of the
languages' names), which is also how the language switch lists them.
"""

from __future__ import annotations

#: ISO 639-1 codes. ``zh`` is Chinese in simplified characters (the UN's Chinese).
LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")

#: The language of the source messages, and the fallback for a page nobody asked for.
SOURCE_LANGUAGE = "en"


def supported_language(code: str | None) -> str | None:
    """``code`` as listed in ``LANGUAGES`` (``zh-CN`` → ``zh``, ``AR`` → ``ar``), or None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].strip().lower()
    return base if base in LANGUAGES else None
