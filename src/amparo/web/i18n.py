"""The UI's languages: gettext catalogs of the ``web`` domain, read at run time.

Catalogs live next to the drafting ones, in ``amparo/locale/<lang>/LC_MESSAGES/web.po``;
the UI offers each language of ``amparo.model.languages.LANGUAGES`` whose file exists
(pages in Arabic render right-to-left because CLDR says Arabic is written that way). Like the
drafting loader (``amparo.language.i18n``), the .po files are compiled in memory once per
process, so there is no .mo file to keep in step.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from amparo.model.languages import LANGUAGES, SOURCE_LANGUAGE, supported_language

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "web"
DEFAULT = SOURCE_LANGUAGE
#: French sets a non-breaking space before ``:`` and a narrow one before ``; ? !``.
_FR_BEFORE = re.compile(r"(?<=[^\s\u00a0\u202f])[ \t]*(?=[:;?!](?:\s|$))")
NBSP, NNBSP = "\u00a0", "\u202f"


def french_spacing(text: str) -> str:
    """French typography: a non-breaking space before ``:`` and a narrow one before ``; ? !``
    (a plain space there is replaced; one is added where none was)."""
    return _FR_BEFORE.sub(lambda m: NBSP if text[m.end():m.end() + 1] == ":" else NNBSP, text)


@lru_cache(maxsize=1)
def ui_languages() -> tuple[str, ...]:
    """The supported languages (``LANGUAGES``, in UN order) that have a UI catalog.

    Read once per process (catalogs ship with the package): every page asked for it, and
    for each language's own name, on each render.
    """
    found = tuple(code for code in LANGUAGES if (LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())
    return found or (DEFAULT,)


@lru_cache(maxsize=1)
def language_menu() -> tuple[tuple[str, str], ...]:
    """``(code, the language's own name)`` for the language switch, read once per process."""
    return tuple((code, UiLanguage(code).name()) for code in ui_languages())


@lru_cache(maxsize=16)
def _catalog(language: str) -> Translations:
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return Translations()
    with po.open("rb") as f:
        catalog = read_po(f, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


class UiLanguage:
    """Translations and text direction for one UI language."""

    def __init__(self, code: str):
        self.code = code if code in ui_languages() else DEFAULT
        self._t = _catalog(self.code)
        try:
            self.locale = Locale.parse(self.code)
        except (ValueError, UnknownLocaleError):
            self.locale = Locale.parse(DEFAULT)

    def gettext(self, message: str) -> str:
        """The translation of ``message`` (the English text when the catalog lacks it)."""
        return self.typeset(self._t.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a counted message that the language uses for ``n`` (CLDR plural
        rules: Arabic has six forms, Russian three, Chinese one), ``{n}`` filled in."""
        return self.typeset(self._t.ngettext(singular, plural, n).replace("{n}", str(n)))

    def typeset(self, text: str) -> str:
        """``text`` with the language's spacing around punctuation (French only, so far)."""
        return french_spacing(text) if self.code == "fr" else text

    @property
    def semicolon(self) -> str:
        """A semicolon between items and the space after it ("; ", "\u202f; ", Arabic "؛ ",
        Chinese full-width "；" with no space)."""
        return {"fr": NNBSP + "; ", "ar": "\u061b ", "zh": "\uff1b"}.get(self.code, "; ")

    @property
    def colon(self) -> str:
        """A colon and the space after it, as the language writes them (": ", "\u00a0: ",
        Chinese full-width "：" with no space)."""
        return {"fr": NBSP + ": ", "zh": "\uff1a"}.get(self.code, ": ")

    @property
    def stop(self) -> str:
        """The full stop that ends a sentence ("." or Chinese "。")."""
        return "\u3002" if self.code == "zh" else "."

    @property
    def comma(self) -> str:
        """A comma between two parts of a phrase and the space after it (", ", Arabic "، ",
        Chinese full-width "，" with no space)."""
        return {"ar": "\u060c ", "zh": "\uff0c"}.get(self.code, ", ")

    def join(self, items: Iterable[str]) -> str:
        """``items`` as a list in a sentence, as CLDR writes it: "A, B and C", "A、B和C",
        "A وB وC", "A, B и C"."""
        shown = [str(i) for i in items]
        return format_list(shown, locale=self.locale) if shown else ""

    def name(self) -> str:
        """The language's own name for itself (for the switch)."""
        return (self.locale.get_display_name(self.locale) or self.code).capitalize()

    @property
    def direction(self) -> str:
        """"rtl" for right-to-left scripts, else "ltr"."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"


def language_name(code: str) -> str:
    """A language's own name for itself (``fr`` → ``Français``), for a letter's language choice."""
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return code
    return (locale.get_display_name(locale) or code).capitalize()


def pick_language(requested: str | None, cookie: str | None, accept: str | None) -> str:
    """The UI language: an explicit choice, else the remembered one, else the browser's."""
    langs = ui_languages()
    for candidate in (requested, cookie):
        if candidate in langs:
            return candidate  # type: ignore[return-value]
    # In the browser's order of preference (q-values are written in that order in practice):
    # "zh-CN" and "zh-Hans" are Chinese, "ar-EG" Arabic.
    for part in (accept or "").split(","):
        code = supported_language(part.split(";")[0])
        if code in langs:
            return code  # type: ignore[return-value]
    return DEFAULT
