"""The ``knowledge`` catalog: every knowledge-base text a page shows and every sentence a plan
composes is in the template and translated, with its placeholders, in each of the six UN
languages; and a plan rendered through it has no English left.

A translation identical to the English counts as missing unless the message is in
``IDENTICAL`` (amparo.language.knowledge_text), where each entry says why. Proper names and
acronyms (OHCHR's address, "LGBTIQ+", UN document symbols) sit inside longer sentences, so the
list holds only the punctuation frame of the urgency parts.
"""

from __future__ import annotations

import re
import string
from datetime import date

import pytest
from babel.messages.pofile import read_po

from amparo.guidance import triage
from amparo.guidance.sentences import plan_sentences
from amparo.knowledge import load
from amparo.language.i18n import Language
from amparo.language.knowledge_text import IDENTICAL, TEMPLATE, KnowledgeText, catalog_path, knowledge_texts
from amparo.model import parse_case_facts
from amparo.model.languages import LANGUAGES, SOURCE_LANGUAGE
from amparo.service.knowledge_catalog import knowledge_messages

TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
TODAY = date(2026, 11, 28)


def _fields(text: str) -> list[str]:
    return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)


def _catalog(path):
    with path.open("rb") as f:
        return read_po(f)


def test_the_template_holds_every_knowledge_text_and_plan_sentence():
    """Fails when the knowledge base or guidance gains a text and the template was not refreshed
    (``make knowledge-messages``)."""
    template = {m.id for m in _catalog(TEMPLATE) if m.id}
    wanted = set(knowledge_messages())
    assert not wanted - template, sorted(wanted - template)[:5]
    assert not template - wanted, sorted(template - wanted)[:5]


def test_the_template_covers_every_longer_text_of_the_knowledge_base():
    kb = load()
    texts = set(knowledge_texts(kb.avenues, kb.precedents))
    for avenue in kb.avenues:
        assert avenue.summary in texts, avenue.id
        for action in avenue.actions:
            assert action.description in texts, (avenue.id, action.id)
            for extra in (action.protects, action.limits, action.later_note):
                assert extra is None or extra in texts, (avenue.id, action.id)
    assert all(p.title in texts for p in kb.precedents)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_its_placeholders(language):
    catalog = _catalog(catalog_path(language))
    problems = []
    for english in knowledge_messages():
        message = catalog.get(english)
        if message is None or not message.string:
            problems.append(f"missing: {english[:70]}")
        elif message.string == english and english not in IDENTICAL:
            problems.append(f"same as English: {english[:70]}")
        elif _fields(message.string) != _fields(english):
            problems.append(f"placeholders {_fields(message.string)} for {_fields(english)}: {english[:60]}")
        elif message.fuzzy:
            problems.append(f"fuzzy: {english[:70]}")
    assert problems == [], f"{len(problems)} problems in {language}/knowledge.po, first: {problems[:5]}"


def test_french_puts_a_no_break_space_before_colons_semicolons_and_question_marks():
    catalog = _catalog(catalog_path("fr"))
    bad = [m.string for m in catalog if m.id and re.search(r"(?:\w| )[:;?!](?:\s|$)", m.string)
           and not re.search(r"\d:\d", m.string)]
    assert bad == [], bad[:3]


def test_the_identical_list_only_holds_messages_that_exist():
    assert set(IDENTICAL) <= set(knowledge_messages())


# A case that sets off nearly every sentence a plan can compose: people held, disappeared,
# abroad, in the country, UN staff, a relative, no consent, consent through a relative; hacking,
# surveillance, a death threat, a reprisal abroad; already public and raised before; cooperation
# with the Council, a committee, OHCHR, a peace mission and a mandate that has since ended.
EVERYTHING = {
    "title": "t", "country": "BY",
    "people": [
        {"ref": "p1", "name": "Aaa Bbb", "role": "lawyer", "location": "in-custody", "consent": "public-named",
         "consent_record": {"given_on": "2026-10-01", "method": "by-relative", "recorded_by": "x"}},
        {"ref": "p2", "name": "Ccc Ddd", "role": "family-member", "relation_to": "p1", "location": "in-country",
         "consent": "none"},
        {"ref": "p3", "name": "Eee Fff", "role": "defender", "location": "abroad", "consent": "state",
         "consent_record": {"given_on": "2026-10-01", "method": "through-intermediary", "recorded_by": "x"}},
        {"ref": "p4", "name": "Ggg Hhh", "role": "un-staff", "location": "disappeared", "consent": "un-confidential"},
        {"ref": "p5", "name": "Iii Jjj", "role": "journalist", "location": "in-exile", "consent": "public-anonymous"},
    ],
    "engagements": [
        {"body": "hrc", "kind": "session-participation", "date": "2026-03-01", "people": ["p1", "p3"]},
        {"body": "tb:CMW", "kind": "review-dialogue", "date": "2026-03-02", "people": ["p1"]},
        {"body": "ohchr", "kind": "other", "date": "2026-03-03", "people": ["p3"]},
        {"body": "un-peace-mission", "kind": "other", "date": "2026-03-04", "people": ["p5"]},
        {"body": "sp:trafficking", "kind": "communication", "date": "2025-03-04", "people": ["p5"]},
    ],
    "reprisals": [
        {"type": "hacking", "date": "2026-04-01", "people": ["p3"]},
        {"type": "surveillance", "date": "2026-04-02", "people": ["p1"]},
        {"type": "death-threat", "date": "2026-04-03", "people": ["p5"]},
        {"type": "arbitrary-detention", "date": "2026-11-20", "people": ["p1"]},
        {"type": "enforced-disappearance", "date": "2026-11-21", "people": ["p4"]},
        {"type": "harassment", "date": "2026-05-01", "people": ["p5"], "country": "LT"},
    ],
    "already_public": True,
    "un_references": [{"symbol": "A/HRC/57/60", "date": "2024-09-01"}],
}


def _plan():
    return triage(parse_case_facts(EVERYTHING, today=TODAY), load(), today=TODAY)


def test_every_sentence_a_plan_composes_is_in_the_catalog():
    plan = _plan()
    ids = set(plan_sentences())
    used = [r.said.template if r.said else r.text for a in plan.avenues for r in a.why]
    used += [n.said.template if n.said else n.message for n in plan.risks]
    used += [s.template for s in plan.urgent_parts]
    missing = [u for u in used if u not in ids and u not in knowledge_messages()]
    assert missing == [], missing[:3]
    assert len({n.code for n in plan.risks}) >= 12  # the case really sets off most notes
    assert "resolved-successor" in {r.rule for a in plan.avenues for r in a.why}


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_plan_renders_wholly_in_the_language(language):
    plan = _plan()
    text = KnowledgeText(Language(language), avenue_name=lambda slug: f"<{slug}>")
    shown = [text.sentence(r.said, r.text) for a in plan.avenues for r in a.why]
    shown += [text.sentence(n.said, n.message) for n in plan.risks]
    shown += [text.sentence(s, "") for s in plan.urgent_parts]
    shown += [text.text(a.summary) for a in plan.avenues]
    english = [s.text for s in shown if s.lang != language]
    assert english == [], english[:3]
    assert all("{" not in s.text for s in shown)


def test_parameters_are_said_in_the_language_not_in_english():
    plan = _plan()
    fr = KnowledgeText(Language("fr"), avenue_name=lambda slug: slug)
    transnational = next(n for n in plan.risks if n.code == "transnational-repression")
    said = fr.sentence(transnational.said, transnational.message).text
    assert "Biélorussie" in said and "Lituanie" in said and "p5" in said
    urgent = [fr.sentence(s, "").text for s in plan.urgent_parts]
    assert any("novembre 2026" in u for u in urgent), urgent  # a date as French writes it
    assert any("détention arbitraire" in u for u in urgent), urgent  # a vocabulary label


def test_an_ended_mandate_is_named_not_shown_by_its_id():
    plan = _plan()
    es = KnowledgeText(Language("es"), avenue_name=lambda slug: f"<{slug}>")
    note = next(r for a in plan.avenues for r in a.why if r.rule == "resolved-successor")
    said = es.sentence(note.said, note.text)
    assert said.lang == "es" and "<sp:trafficking>" in said.text and "<sp:slavery-and-trafficking>" in said.text
    assert said.text.startswith("Mandato terminado (2025-10)")


def test_a_text_the_catalog_lacks_is_shown_as_written_in_an_unknown_language():
    # An organisation's own entry: it may be in any language, so it is not called English.
    said = KnowledgeText(Language("fr"), avenue_name=str).text("Notre propre point focal, à Tegucigalpa.")
    assert said == ("Notre propre point focal, à Tegucigalpa.", "")
    assert KnowledgeText(Language("en"), avenue_name=str).text("Anything.") == ("Anything.", "en")


def test_a_package_text_not_translated_yet_stays_english_and_says_so(monkeypatch):
    import amparo.language.knowledge_text as module

    monkeypatch.setattr(module, "_translations", lambda language: None)  # as if fr/knowledge.po were empty
    summary = load().avenues[0].summary
    assert KnowledgeText(Language("fr"), avenue_name=str).text(summary) == (summary, "en")
