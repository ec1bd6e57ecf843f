"""Languages of drafts: gettext catalogs read at run time, vocabulary labels, dates.

Catalogs live in ``amparo/locale/<lang>/LC_MESSAGES/amparo.po``, one for each language of
``amparo.model.languages.LANGUAGES`` (the six UN languages): ``available_languages`` lists
those whose catalog is present; the text direction, dates, numbers and lists come from
Babel's CLDR data, and nothing else in the code names a language. The .po files are read directly (no compiled .mo to
keep in step); a catalog is parsed once per process.

Refreshing the template after changing a message in the code::

    (make letter-messages runs these three)
    pybabel extract -k _ -k ngettext:1,2 -k pgettext:1c,2 -k label:1c,2 -k Message --no-location \
        -o src/amparo/locale/messages.pot src/amparo/drafting src/amparo/language src/amparo/disclosure \
        src/amparo/service src/amparo/model src/amparo/tracking src/amparo/guidance src/amparo/reporting \
        src/amparo/store src/amparo/cli/plan_view.py src/amparo/web/team_keeper.py
    .venv/bin/python -c "from amparo.language.i18n import add_knowledge_messages as a; a()"
    pybabel update --no-fuzzy-matching -D amparo -i src/amparo/locale/messages.pot -d src/amparo/locale

The last directories and ``-k Message`` bring in the service's errors and refusals, the
model's and the store's problems, the deadlines' titles and the contribution's words
(``amparo.model.errors.Message``: a message id and its parameters, said at the faces'
edge by ``amparo.service.say``), the server-mode refusals (web/team_keeper.py) and the
sentences of ``amparo triage --lang`` (cli/plan_view.py); leaving them out of the extraction
would turn their translations into
obsolete entries. The middle step matters: avenue and action names come
from the knowledge base, not the code, so ``pybabel extract`` cannot see them and
``pybabel update`` would otherwise turn their translations into obsolete entries (a French letter would then address the
"Committee against Torture" in English).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.numbers import format_decimal
from babel.support import Translations

from amparo.knowledge.types import Avenue
from amparo.model.errors import InvalidInput, Message, Problem
from amparo.model.languages import LANGUAGES

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "amparo"


def available_languages() -> list[str]:
    """The supported languages (``LANGUAGES``, in UN order) that have a drafting catalog."""
    return [code for code in LANGUAGES if (LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()]


def check_language(language: str) -> str:
    """Return ``language`` if a catalog exists, else raise ``InvalidInput`` naming the choices."""
    langs = available_languages()
    if language not in langs:
        raise InvalidInput(Problem(
            "language",
            Message("no catalog for {language!r}; available languages are {choices}",
                    language=language, choices=', '.join(langs)),
        ))
    return language


@lru_cache(maxsize=16)
def _translations(language: str) -> tuple[Translations, Locale | None]:
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as f:
        catalog = read_po(f, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN), catalog.locale


def label(context: str, english: str) -> tuple[str, str]:
    """Mark a vocabulary label for extraction; translated later by ``Language.label``."""
    return (context, english)


def knowledge_messages(avenues: Iterable[Avenue]) -> list[tuple[str, str]]:
    """Every ``(context, English)`` pair a draft translates from the knowledge base.

    Drafts look up ``pgettext("avenue", avenue.name)`` and
    ``pgettext("avenue-action", action.name)``; short names are not used in letters.
    In knowledge-base order, without repeats (many mandates share the same actions).
    """
    names: dict[tuple[str, str], None] = {}
    actions: dict[tuple[str, str], None] = {}
    for avenue in avenues:
        names[("avenue", avenue.name)] = None
        for action in avenue.actions:
            actions[("avenue-action", action.name)] = None
    return [*names, *actions]


def add_knowledge_messages(pot: Path = LOCALE_DIR / "messages.pot") -> int:
    """Add the knowledge base's missing names to the template ``pot``; return how many."""
    from amparo.knowledge import load  # only when refreshing the template

    with pot.open("rb") as f:
        catalog = read_po(f)
    added = 0
    for context, english in knowledge_messages(load().avenues):
        if catalog.get(english, context=context) is None:
            catalog.add(english, context=context)
            added += 1
    with pot.open("wb") as f:
        write_po(f, catalog, width=76)  # pybabel's default width, as ``extract`` writes
    return added


class Language:
    """Translations, dates and names for one drafting language."""

    def __init__(self, code: str):
        self.code = check_language(code)
        self._t, declared = _translations(self.code)
        # The catalog's "Language" header may name a regional variant (en_GB: UN letters
        # write "28 November 2026"), so that date style is data, not code.
        try:
            self.locale = declared or Locale.parse(self.code)
        except (ValueError, UnknownLocaleError):
            # A catalog for a code CLDR does not know still translates; dates fall back.
            self.locale = Locale.parse("en")

    def _(self, message: str) -> str:
        """The translation of a template sentence (``str.format`` fields kept as they are)."""
        return self._t.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The translation of a sentence whose form depends on the number ``n``."""
        return self._t.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """The translation of ``message`` in ``context`` (vocabulary labels)."""
        return self._t.pgettext(context, message)

    def label(self, pair: tuple[str, str]) -> str:
        """Translate a pair made by ``label(context, english)``."""
        return self.pgettext(*pair)

    @property
    def direction(self) -> str:
        """"rtl" for right-to-left scripts (Arabic, Hebrew…), else "ltr"."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def date(self, day: date) -> str:
        """A date written out the way the language writes it in a letter."""
        return format_date(day, format="long", locale=self.locale)

    def number(self, value: float) -> str:
        """A number written with the language's digits and separators (CLDR)."""
        return format_decimal(value, locale=self.locale)

    def join(self, items: list[str]) -> str:
        """``items`` as a list in a sentence: "A, B and C", "A、B和C", "A وB وC" (CLDR)."""
        return format_list(items, locale=self.locale) if items else ""

    def country(self, code: str) -> str:
        """The country's name in this language (CLDR), or the code when unknown."""
        return self.locale.territories.get(code.upper(), code)
