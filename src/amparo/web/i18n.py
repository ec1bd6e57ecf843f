"""The UI's languages: gettext catalogs of the ``web`` domain, read at run time.

Catalogs live next to the drafting ones, in ``amparo/locale/<lang>/LC_MESSAGES/web.po``;
a language exists for the UI when that file exists (adding Arabic is adding one file, and
pages then render right-to-left because CLDR says Arabic is written that way). Like the
drafting loader (``amparo.language.i18n``), the .po files are compiled in memory once per
process, so there is no .mo file to keep in step.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "web"
DEFAULT = "en"


def ui_languages() -> list[str]:
    """The language codes that have a UI catalog, sorted."""
    if not LOCALE_DIR.is_dir():
        return [DEFAULT]
    found = sorted(d.name for d in LOCALE_DIR.iterdir() if (d / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())
    return found or [DEFAULT]


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
        return self._t.gettext(message)

    def name(self) -> str:
        """The language's own name for itself (for the switch)."""
        return (self.locale.get_display_name(self.locale) or self.code).capitalize()

    @property
    def direction(self) -> str:
        """"rtl" for right-to-left scripts, else "ltr"."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"


def pick_language(requested: str | None, cookie: str | None, accept: str | None) -> str:
    """The UI language: an explicit choice, else the remembered one, else the browser's."""
    langs = ui_languages()
    for candidate in (requested, cookie):
        if candidate in langs:
            return candidate  # type: ignore[return-value]
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip().split("-")[0].lower()
        if code in langs:
            return code
    return DEFAULT
