"""Every message of both domains (documents and web UI) is translated in each of the six UN
languages, with the placeholders of the English and each language's CLDR plural forms.

A message whose translation is the English text itself counts as untranslated, unless it is
listed in ``SAME_AS_ENGLISH`` for that language: format strings made only of placeholders and
punctuation, proper names and symbols. A French letter that addresses the "Committee against
Torture" in English, or an Arabic page with one English button, is what this test stops.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from amparo.language.i18n import LOCALE_DIR, available_languages
from amparo.model.languages import LANGUAGES, SOURCE_LANGUAGE

TEMPLATES = {"amparo": LOCALE_DIR / "messages.pot", "web": LOCALE_DIR / "web.pot"}
TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]

# Identical to the English on purpose: (context, msgid) per language; "*" for every language.
# Placeholder-only formats are found by _only_placeholders and need no listing.
SAME_AS_ENGLISH: dict[str, set[tuple[str | None, str]]] = {
    # A step and the CLI option that takes it, in a refusal's way forward (Arabic and Chinese
    # mark the option's direction or use full-width brackets).
    "*": {(None, "{name} (--action {id})")},
    # Words French writes as English does.
    "fr": {(None, w) for w in ("intact", "Page", "URGENT", "Format", "Description", "Notes", "Urgent", "Sources",
                               "Communication", "Consultation", "Surveillance", "Police", "Publication",
                               "Session")} | {("reprisal-type", "surveillance")},
    "es": {(None, "No")},  # the answer to a yes/no question
}


def _only_placeholders(text: str) -> bool:
    """A format such as ``{label}: {value}`` or ``{earlier}; {step}``: nothing to translate."""
    return not re.sub(r"\{[a-z_]+\}|%[sd]|[\s:;,.()“”\"]", "", text)


def _read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def _catalog_path(language: str, domain: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{[A-Za-z_]+\}|%(?:\([a-z_]+\))?[sd]", text))


def problems(language: str, domain: str) -> list[str]:
    """What the ``domain`` catalog of ``language`` lacks: missing, untranslated, broken."""
    template = _read(TEMPLATES[domain])
    path = _catalog_path(language, domain)
    if not path.is_file():
        return [f"{language}/{domain}: no catalog at {path}"]
    catalog = _read(path)
    allowed = SAME_AS_ENGLISH["*"] | SAME_AS_ENGLISH.get(language, set())
    nplurals = Catalog(locale=language).num_plurals  # CLDR's rules, as Babel compiles them
    found_problems = []
    for message in template:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        where = f"{language}/{domain}: {message.context + ' | ' if message.context else ''}{key!r}"
        found = catalog.get(message.id, context=message.context)
        if found is None:
            found_problems.append(f"{where} missing")
            continue
        if found.fuzzy:
            found_problems.append(f"{where} fuzzy")
        forms = [found.string] if isinstance(found.string, str) else list(found.string)
        if not all(forms):
            found_problems.append(f"{where} untranslated")
            continue
        if not isinstance(message.id, str) and len(forms) != nplurals:
            found_problems.append(f"{where} has {len(forms)} plural forms, CLDR says {nplurals}")
        if (forms[0] == key and not _only_placeholders(key)
                and (message.context, key) not in allowed):
            found_problems.append(f"{where} is the English text")
        for text in forms:
            if _placeholders(text) != _placeholders(key):
                found_problems.append(f"{where} placeholders differ: {text!r}")
    return found_problems


@pytest.mark.parametrize("domain", sorted(TEMPLATES))
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language, domain):
    assert problems(language, domain) == []


def test_every_un_language_is_offered_for_documents():
    assert available_languages() == list(LANGUAGES)


def test_plural_forms_follow_cldr():
    # Arabic has six forms (zero, one, two, few, many, other), Russian three, Chinese one.
    for language, count in (("ar", 6), ("ru", 3), ("zh", 1), ("fr", 3)):
        for domain in ("amparo",):
            catalog = _read(_catalog_path(language, domain))
            assert catalog.num_plurals == count, language


def test_the_check_finds_an_english_string_left_in_place(tmp_path, monkeypatch):
    folder = tmp_path / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "web.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Cases"\nmsgstr "Cases"\n\n'
        'msgid "Too many wrong passphrases. Wait {n} seconds, then try again."\nmsgstr "Подождите {s} с."\n',
        encoding="utf-8")
    monkeypatch.setitem(globals(), "LOCALE_DIR", tmp_path)
    found = problems("ru", "web")
    assert "ru/web: 'Cases' is the English text" in found
    assert any("placeholders differ" in p for p in found)
    assert "ru/web: 'Type the vault passphrase.' missing" in found
