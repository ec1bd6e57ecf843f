"""The knowledge base's texts and the plan's sentences in a reader's language (the ``knowledge`` catalog).

Avenue and action *names* are in the drafting catalog (``amparo.po``, context
``avenue`` / ``avenue-action``). The longer texts a plan shows, an avenue's summary,
what each action does, what a protective variant protects and cannot promise, who may
write, a precedent's title, and every sentence guidance composes (reasons, risk notes,
why a case is urgent), live in their own domain: ``locale/<lang>/LC_MESSAGES/knowledge.po``,
made from the template ``locale/knowledge.pot``. The message id is the English text.

Guidance composes a sentence as a message id and typed parameters
(``guidance.plan.Sentence``); ``KnowledgeText.sentence`` translates the template and
then each parameter in the same language (vocabulary labels, country names, dates and
numbers, lists by CLDR, avenue names), so nothing formatted in English is translated
after the fact. Person refs stay refs: the face puts the names the user gave in their place.

Refreshing after the knowledge base or a guidance sentence changed:
``make knowledge-messages`` (``python -m amparo.service.knowledge_catalog``), then
translate the new entries in each ``knowledge.po`` (docs/languages.md).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

from amparo.knowledge.types import Avenue, Precedent
from amparo.language import vocabulary as words
from amparo.language.i18n import LOCALE_DIR, Language, available_languages

DOMAIN = "knowledge"
TEMPLATE = LOCALE_DIR / "knowledge.pot"


class SentenceLike(Protocol):
    """What ``KnowledgeText`` reads of ``guidance.plan.Sentence`` (``language`` may not import
    ``guidance``): the English template and its ``(name, kind, value)`` parameters."""

    @property
    def template(self) -> str: ...

    @property
    def params(self) -> tuple[tuple[str, str, Any], ...]: ...


class Said(NamedTuple):
    """A text to show and the language it is in (the page's, or "en" when untranslated)."""

    text: str
    lang: str


def knowledge_texts(avenues: Iterable[Avenue], precedents: Iterable[Precedent] = ()) -> list[str]:
    """Every longer text of the knowledge base a page can show, in knowledge-base order, without repeats.

    Summaries and who may write for each avenue; for each action its description, the
    note on its later, wider reach, what a protective variant protects and what it cannot
    promise; each precedent's title. Names are not here (the drafting catalog has them).
    """
    out: dict[str, None] = {}
    for avenue in avenues:
        out[avenue.summary] = None
        if avenue.submitters:
            out[avenue.submitters] = None
        for action in avenue.actions:
            for text in (action.description, action.later_note, action.protects, action.limits):
                if text:
                    out[text] = None
    for precedent in precedents:
        out[precedent.title] = None
    return [text for text in out if text.strip()]


def catalog_path(language: str) -> Path:
    """Where the ``knowledge`` catalog of ``language`` lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def write_template(messages: Iterable[str], pot: Path = TEMPLATE) -> int:
    """Write the template with ``messages`` (in order), then bring every language's catalog
    in line with it: new messages added untranslated, gone ones made obsolete. Returns
    how many messages the template holds."""
    template = Catalog(domain=DOMAIN, project="Amparo", header_comment="# The knowledge base's texts and the "
                       "plan's sentences (docs/languages.md).", fuzzy=False)
    for message in dict.fromkeys(messages):
        template.add(message)
    if pot.is_file():
        with pot.open("rb") as f:
            before = read_po(f)
        if [m.id for m in before if m.id] == [m.id for m in template if m.id]:
            # Nothing changed: keep the date, so that a refresh alone leaves no diff.
            template.creation_date = before.creation_date
    with pot.open("wb") as f:
        write_po(f, template, width=76, sort_output=False, omit_header=False)
    for language in available_languages():
        if language == "en":
            continue
        path = catalog_path(language)
        if path.is_file():
            with path.open("rb") as f:
                catalog = read_po(f, locale=language, domain=DOMAIN)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="Amparo", fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()  # a text the base no longer has is not worth keeping
        with path.open("wb") as f:
            write_po(f, catalog, width=76, sort_output=False)
    _translations.cache_clear()
    _package_texts.cache_clear()
    return len(template)


@lru_cache(maxsize=16)
def _translations(language: str) -> Translations | None:
    path = catalog_path(language)
    if not path.is_file():
        return None
    with path.open("rb") as f:
        catalog = read_po(f, locale=language, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


@lru_cache(maxsize=1)
def _package_texts() -> frozenset[str]:
    """The English messages of the template: the package's own texts, known to be English."""
    if not TEMPLATE.is_file():
        return frozenset()
    with TEMPLATE.open("rb") as f:
        return frozenset(m.id for m in read_po(f) if m.id)


class KnowledgeText:
    """The ``knowledge`` catalog of one language, with the drafting catalog for the words
    a sentence's parameters need (``KnowledgeText(Language("fr"), avenue_name)``).

    ``avenue_name(id)`` gives an avenue's or engagement body's name in the language (the
    service's labels: it knows the vault's own entries).
    """

    def __init__(self, language: Language, avenue_name: Callable[[str], str]):
        self.language = language
        self.code = language.code
        self._t = None if self.code == "en" else _translations(self.code)
        self.avenue_name = avenue_name

    def _lookup(self, english: str) -> str | None:
        """The translation of ``english``, or None when the catalog has none."""
        if self.code == "en":
            return english
        if self._t is None or not english:
            return None
        translated = self._t.gettext(english)
        return translated if translated != english or english in IDENTICAL else None

    def text(self, english: str | None) -> Said:
        """A knowledge-base text in the language, or in English (marked so) when not translated.

        A text the package does not have (an organisation's own entry in its vault) is shown
        as written, in a language Amparo does not know: ``lang`` "" (HTML's "unknown")."""
        if not english:
            return Said("", self.code)
        found = self._lookup(english)
        if found is not None:
            return Said(found, self.code)
        return Said(english, "en" if english in _package_texts() else "")

    def sentence(self, said: SentenceLike | None, english: str) -> Said:
        """A guidance sentence (``guidance.plan.Sentence``, or None when ``english`` is itself
        the message id) in the language; the English as written when anything in it is untranslated."""
        if self.code == "en":
            return Said(english, "en")
        if said is None:
            return self.text(english)
        text = self._compose(said)
        return Said(text, self.code) if text is not None else Said(english, "en")

    def _compose(self, said: SentenceLike) -> str | None:
        template = self._lookup(said.template)
        if template is None:
            return None
        values: dict[str, str] = {}
        for name, kind, value in said.params:
            shown = self._param(kind, value)
            if shown is None:
                return None
            values[name] = shown
        return template.format(**values)

    def _param(self, kind: str, value: Any) -> str | None:
        lang = self.language
        if kind == "refs":
            return lang.join(list(value))
        if kind == "role":
            pair = words.PERSON.get(value)
            return lang.label(pair) if pair else str(value)
        if kind == "reprisal-types":
            return lang.join([lang.label(words.REPRISAL_TYPES[v]) if v in words.REPRISAL_TYPES else str(v)
                              for v in value])
        if kind == "country":
            return lang.country(value)
        if kind == "countries":
            return lang.join([lang.country(v) for v in value])
        if kind == "date":
            return lang.date(date.fromisoformat(value))
        if kind == "number":
            return lang.number(value)
        if kind in ("avenues", "body"):
            ids = [value] if isinstance(value, str) else list(value)
            return lang.join([self.avenue_name(v) for v in ids])
        if kind == "phrase":
            return self._lookup(value)
        if kind == "kb-text":
            # A whole knowledge-base sentence quoted inside another: without its full stop.
            parts = [self._lookup(v) for v in value]
            return None if None in parts else lang.join([p.rstrip(".。") for p in parts if p is not None])
        if kind == "sentences":
            parts = [self._compose(v) for v in value]
            return None if None in parts else lang.join([p for p in parts if p is not None])
        if kind == "sentence":
            return self._compose(value)
        return str(value)  # verbatim: a treaty's acronym, UN document symbols


#: How the parts of why a case is urgent end (a full stop, in the language's script).
URGENT_PARTS = "{parts}."

#: Messages whose translation may rightly be the same as the English, each for its reason.
#: Proper names and acronyms sit inside longer sentences, so only punctuation frames are
#: here. The catalog test reads this list (and checks each entry is still a message).
IDENTICAL: frozenset[str] = frozenset({
    URGENT_PARTS,  # French, Spanish, Russian, Arabic end the parts with the same full stop
    "{person} ({role})",  # one exposed person in guidance's note: a name and a role in brackets
})
