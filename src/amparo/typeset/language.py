"""A document's language as word processors and PDF readers name it, and its script.

Word and LibreOffice want a language with its region (``fr-FR``) to pick a spelling
dictionary, hyphenation and quotation rules; the six UN languages get the region their
UN editorial style follows, others the region CLDR thinks likeliest.
"""

from __future__ import annotations

from functools import lru_cache

from babel.core import get_global

from amparo.typeset.scripts import Script

#: The UN languages' tags. English is British (UN editorial style, and the en catalog's
#: ``Language: en_GB``); Arabic is ar-SA, the region Word uses for Arabic by default.
UN_TAGS = {"ar": "ar-SA", "en": "en-GB", "es": "es-ES", "fr": "fr-FR", "ru": "ru-RU", "zh": "zh-CN"}

_SCRIPT_CODES = {
    "Arab": Script.ARABIC, "Hebr": Script.HEBREW, "Deva": Script.DEVANAGARI,
    "Hans": Script.CJK, "Hant": Script.CJK, "Jpan": Script.CJK, "Kore": Script.CJK,
}


@lru_cache(maxsize=64)
def _likely(language: str) -> tuple[str, str, str]:
    """(language, script, region) for a code such as ``fr``, ``pt_BR`` or ``zh-Hant``."""
    parts = language.replace("_", "-").split("-")
    lang = parts[0].lower()
    likely = get_global("likely_subtags").get(lang, f"{lang}_Latn_")
    _, script, region = [*likely.split("_"), "", ""][:3]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            script = part.title()
        elif len(part) == 2 and part.isalpha():
            region = part.upper()
    return lang, script, region


def language_tag(language: str) -> str:
    """The BCP 47 tag with region for ``language``: ``fr`` → ``fr-FR``, ``pt_BR`` → ``pt-BR``."""
    lang, _, region = _likely(language)
    if "-" not in language.replace("_", "-") and lang in UN_TAGS:
        return UN_TAGS[lang]
    return f"{lang}-{region}" if region else lang


def script_of_language(language: str) -> Script:
    """The script a language is written in, as far as fonts are concerned."""
    _, script, _ = _likely(language)
    return _SCRIPT_CODES.get(script, Script.WESTERN)
