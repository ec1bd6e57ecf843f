"""Avenue and action names from the knowledge base reach letters in every UN language translated."""

from __future__ import annotations

import re
import shutil

import pytest
from babel.messages.pofile import read_po, write_po

from amparo.drafting import build_document, render
from amparo.knowledge import load
from amparo.language.i18n import (
    LOCALE_DIR,
    Language,
    add_knowledge_messages,
    knowledge_messages,
)
from amparo.model import load_case_facts

KB = load()
MESSAGES = knowledge_messages(KB.avenues)
DEMO_CAT = LOCALE_DIR.parent / "service" / "demo" / "2-lawyers-disbarred-after-review.json"


def _flat(text: str) -> str:
    """The text on one line: the txt renderer wraps long names across lines."""
    return re.sub(r"\s+", " ", text)


def test_every_name_a_draft_translates_is_listed():
    pairs = set(MESSAGES)
    for avenue in KB.avenues:
        assert ("avenue", avenue.name) in pairs, avenue.id
        for action in avenue.actions:
            assert ("avenue-action", action.name) in pairs, (avenue.id, action.id)
    assert len(pairs) == len(MESSAGES)  # no repeats, though mandates share their actions


def test_the_template_holds_every_knowledge_base_name():
    with (LOCALE_DIR / "messages.pot").open("rb") as f:
        pot = read_po(f)
    missing = [m for m in MESSAGES if pot.get(m[1], context=m[0]) is None]
    assert not missing


@pytest.mark.parametrize("lang", ["ar", "zh", "fr", "ru", "es"])
def test_every_avenue_and_action_name_has_a_translation(lang):
    language = Language(lang)
    untranslated = [m for m in MESSAGES if language.pgettext(*m) == m[1]]
    assert not untranslated, untranslated


def test_english_letters_keep_the_knowledge_base_names():
    english = Language("en")
    assert all(english.pgettext(*m) == m[1] for m in MESSAGES)


@pytest.mark.parametrize("lang, name, english_action", [
    ("fr", "Comité contre la torture", "Confidential letter to the State's ambassador"),
    ("es", "Comité contra la Tortura", "Confidential letter to the State's ambassador"),
    ("ar", "لجنة مناهضة التعذيب", "Confidential letter to the State's ambassador"),
    ("zh", "禁止酷刑委员会", "Confidential letter to the State's ambassador"),
    ("ru", "Комитет против пыток", "Confidential letter to the State's ambassador"),
])
def test_a_letter_to_the_committee_against_torture_names_it_in_the_letters_language(
        today, lang, name, english_action):
    case = load_case_facts(DEMO_CAT, today=today)
    doc = build_document(case, KB.avenue("tb:CAT"), language=lang, today=today)
    assert doc.addressee.name == name
    assert doc.purpose.action_name != english_action
    text = _flat(render(doc, "txt").decode())
    assert name in text
    assert doc.purpose.action_name in text and english_action not in text
    # The writer's own words (the session) stay as written; nothing else may be English.
    for session in {e.session for e in case.engagements if e.session}:
        text = text.replace(session, "")
    assert "Committee against Torture" not in text


def test_refreshing_the_template_puts_back_the_names_extract_cannot_see(tmp_path):
    pot = tmp_path / "messages.pot"
    shutil.copy(LOCALE_DIR / "messages.pot", pot)
    assert add_knowledge_messages(pot) == 0  # already complete: nothing added twice
    # What `pybabel extract` writes: only the messages in the code.
    with pot.open("rb") as f:
        catalog = read_po(f)
    for context, english in MESSAGES:
        catalog.delete(english, context=context)
    with pot.open("wb") as f:
        write_po(f, catalog, width=76)
    assert add_knowledge_messages(pot) == len(MESSAGES)
    assert pot.read_bytes() == (LOCALE_DIR / "messages.pot").read_bytes()
