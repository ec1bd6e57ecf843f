"""Keeping the UI catalogs whole: extract every UI message, and find what a catalog lacks.

The web UI translates through ``_()``: templates get it in their context
(``amparo.web.views.render``), Python code calls ``visit._()`` or a ``_`` passed in.
Babel's extractors find those calls (Jinja2's for templates, Python's for code). A few
messages reach ``_()`` as data rather than as literals (the wizard's questions, the
consent choices, and every vocabulary id the ``words`` filter shows as words); no
extractor can see those, so they are read from the objects that hold them
(``DYNAMIC_SOURCES``). A frightened person reading a half-English page may
misread what they are agreeing to, hence a test that fails when a message is missing.

Refreshing the template and the catalogs after changing a message in the code::

    make web-messages        # = python -m amparo.web.catalog_check --update
"""

from __future__ import annotations

import argparse
import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from amparo.web.i18n import DOMAIN, LOCALE_DIR
from amparo.web.views import humanised

WEB_DIR = Path(__file__).resolve().parent
POT = LOCALE_DIR / f"{DOMAIN}.pot"
SOURCE_ROOT = WEB_DIR.parent.parent  # src/: locations in the .pot read amparo/web/…

METHOD_MAP = [("templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "python")]
# Only the functions that exist in the UI's context: templates get `_` alone; plural and
# context forms are listed so that a first use of them is extracted rather than missed.
KEYWORDS: dict[str, Any] = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
# The same whitespace handling as the rendering environment (amparo.web.views).
OPTIONS = {"templates/**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}}


def _vocabulary(ids: Iterable[Any]) -> list[tuple[str, str]]:
    """Vocabulary ids as the ``words`` filter shows them: (id as written, English message)."""
    return [(str(i), humanised(i)) for i in ids]


def _deadline_kinds(path: str) -> list[tuple[str, str]]:
    # Deadline kinds are literals where each deadline is made (no tuple lists them).
    return _vocabulary(dict.fromkeys(re.findall(r'\bkind="([a-z][a-z0-9-]*)"', Path(path).read_text("utf-8"))))


# Messages passed to `_()` as values: (module, attribute, how to read the messages from it).
# A reader yields the message itself, or (how it is written in the module, message) when
# the message is derived from a value (a vocabulary id shown through the `words` filter).
DYNAMIC_SOURCES: tuple[tuple[str, str, Callable[[Any], Iterable[str | tuple[str, str]]]], ...] = (
    ("amparo.web.wizard_steps", "STEPS", lambda steps: [s.question for s in steps]),
    ("amparo.web.routes.wizard", "CONSENT_CHOICES", lambda choices: [label for _value, label in choices]),
    ("amparo.web.wording", "MESSAGES", list),
    # Vocabulary ids shown through `|words`: every page language translates their words.
    *(("amparo.model.vocabularies", name, _vocabulary) for name in (
        "ROLES", "LOCATIONS", "GENDERS", "ENGAGEMENT_KINDS", "REPRISAL_TYPES", "PERPETRATORS",
        "CONSENT_METHODS", "ACTION_CHANNELS", "RESPONSE_KINDS", "SITUATION_EVENTS")),
    ("amparo.model.consent", "CONSENT_LEVELS", _vocabulary),  # "none" and every circle
    ("amparo.tracking.status", "STATUSES", _vocabulary),
    ("amparo.tracking.status", "OUTCOMES", _vocabulary),
    ("amparo.tracking.deadlines", "__file__", _deadline_kinds),
    ("amparo.tracking.timeline", "KINDS", _vocabulary),
)

_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[sdifr]")


def dynamic_messages() -> Iterator[tuple[str, str, int | None]]:
    """(file, message, line) for each message built from data (see ``DYNAMIC_SOURCES``)."""
    for module_name, attribute, read in DYNAMIC_SOURCES:
        module = importlib.import_module(module_name)
        path = Path(module.__file__ or "")
        source = path.read_text(encoding="utf-8")
        for item in read(getattr(module, attribute)):
            written, message = item if isinstance(item, tuple) else (item, item)
            at = source.find(f'"{written}"')
            line = source.count("\n", 0, at) + 1 if at >= 0 else None
            yield str(path.relative_to(SOURCE_ROOT)), message, line


def extract_messages() -> Catalog:
    """Every translatable message of the web UI, as a template catalog (msgstr empty)."""
    # A fixed creation date: the .pot changes only when a message does.
    catalog = Catalog(domain=DOMAIN, project="Amparo", charset="utf-8", copyright_holder="Amparo contributors",
                      creation_date=datetime(2026, 1, 1, tzinfo=UTC))
    found = extract_from_dir(WEB_DIR, METHOD_MAP, OPTIONS, keywords=KEYWORDS)
    for filename, lineno, message, comments, context in found:
        where = f"{WEB_DIR.relative_to(SOURCE_ROOT)}/{filename}"
        catalog.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    for where, message, lineno in dynamic_messages():
        catalog.add(message, None, [(where, lineno)])
    return catalog


def write_pot(path: Path = POT) -> Catalog:
    """Extract the UI messages and write them to ``path`` (the ``web.pot`` template)."""
    catalog = extract_messages()
    with path.open("wb") as f:
        write_po(f, catalog, width=0, omit_header=False, sort_output=False, include_previous=False)
    return catalog


def read_catalog(path: Path) -> Catalog:
    """A .po or .pot file of the ``web`` domain."""
    with path.open("rb") as f:
        return read_po(f, domain=DOMAIN)


def catalog_path(language: str) -> Path:
    """Where the UI catalog of ``language`` lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def message_ids(catalog: Catalog) -> set[str]:
    """The msgids of a catalog (plural messages by their singular), without the header."""
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def placeholders(text: str) -> list[str]:
    """The ``{name}`` and ``%(name)s``/``%d`` placeholders of a message, sorted."""
    return sorted(_PLACEHOLDER.findall(text))


def catalog_problems(language: str, template: Catalog, *, need_translation: bool = True) -> list[str]:
    """What the catalog of ``language`` lacks against ``template``: one line per problem.

    A message missing from the catalog, left untranslated (when ``need_translation``), or
    whose translation drops or invents a placeholder (the page would fail or show ``{n}``).
    """
    path = catalog_path(language)
    if not path.is_file():
        return [f"{language}: no catalog at {path}"]
    catalog = read_catalog(path)
    problems = []
    for message in template:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        found = catalog.get(key, context=message.context)
        if found is None:
            problems.append(f"{language}: missing {key!r}")
            continue
        strings = [found.string] if isinstance(found.string, str) else list(found.string)
        if not any(strings):
            if need_translation:
                problems.append(f"{language}: untranslated {key!r}")
            continue
        for text in strings:
            if placeholders(text) != placeholders(key):
                problems.append(f"{language}: placeholders differ in {key!r}: {text!r}")
    return problems


def update_catalog(language: str, template: Catalog) -> None:
    """Add the template's new messages to the catalog of ``language`` (untranslated) and
    drop the ones no longer used; translations already made are kept."""
    path = catalog_path(language)
    catalog = read_catalog(path) if path.is_file() else Catalog(locale=language, domain=DOMAIN)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.project = "Amparo"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=0, no_location=True, ignore_obsolete=True, include_previous=False)


def main(argv: list[str] | None = None) -> int:
    """Write ``web.pot``; with ``--update`` also merge it into every UI catalog. Prints what
    each catalog still lacks; without ``--update``, returns 1 if anything does."""
    parser = argparse.ArgumentParser(prog="python -m amparo.web.catalog_check", description=main.__doc__)
    parser.add_argument("--update", action="store_true", help="merge new messages into each web.po")
    args = parser.parse_args(argv)
    template = write_pot()
    from amparo.web.i18n import ui_languages

    problems: list[str] = []
    for language in ui_languages():
        if args.update:
            update_catalog(language, template)
        # English is the source language: an empty msgstr shows the msgid itself.
        problems += catalog_problems(language, template, need_translation=language != "en")
    print(f"{len(message_ids(template))} messages in {POT}")
    print("\n".join(problems) or "every catalog is complete")
    return 1 if problems and not args.update else 0


if __name__ == "__main__":
    raise SystemExit(main())
