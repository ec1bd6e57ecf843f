"""Letters read as a native speaker writes them: articles, contractions, agreement, punctuation.

Letters about a man, a woman, a group and a person of undisclosed gender, to bodies whose
names take le/la/l' and el/la, with the case's UN history: none of the strings that
pasting fragments produced ("auprès de le Comité", "ante Relator Especial", "un abogado,
actualmente detenida") may appear, and each person's words agree with their gender.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest
from drafting_fixtures import three_people_case

from amparo.drafting import History, build_document, render
from amparo.knowledge import load
from amparo.language.grammar import contract, definite
from amparo.language.i18n import Language
from amparo.model.case import Engagement, Person, Reprisal
from amparo.model.consent import Circle, Consent
from amparo.model.followup import Action, Response

KB = load()
NAMES = {a.id: a.name for a in KB.avenues}
TODAY = date(2026, 11, 28)
AVENUES = ("sp:human-rights-defenders", "sp:arbitrary-detention", "tb:CAT", "sg:report", "hrc:president")
# Before a noun (a capital, or a common noun the vocabulary writes): "de le confirmer"
# (a pronoun before a verb) is correct French and stays.
_NOUN = r"(?:[A-ZÀ-Ý]|mandat|comité|conseil|rapport|groupe|corps|organe)"
BAD = {
    "fr": [rf"\bde le {_NOUN}", rf"\bà le {_NOUN}", rf"\bde les {_NOUN}", rf"\bà les {_NOUN}",
           r"auprès de le\b", r"\bde une?\b"],
    "es": [rf"\ba el {_NOUN}", rf"\bde el {_NOUN}", r"\bante (Relator|Grupo|Comité|Relatora|Experto)",
           r"\ba (Relator|Grupo|Comité)\b", r"\bde (Relator|Grupo|Comité)\b"],
}
_CJK = "\u4e00-\u9fff"
_ARABIC = "\u0600-\u06ff"
BAD.update({
    # ASCII punctuation against Chinese text, and spaces around full-width punctuation.
    "zh": [rf"[{_CJK}][,;:.()]", rf"[,;:()][{_CJK}]", r"[：；，。）] (?!\*)", r" [（：；，。]", r"的致",
           r"日：与[^：。]*的(书面材料|来文|参加会议)"],
    # The Latin comma and semicolon against Arabic words; "with" calqued as مع after a kind of cooperation.
    "ar": [rf"[{_ARABIC}]\s*[,;]", rf"[,;]\s*[{_ARABIC}]", r"تقديم كتابي مع", r"بلاغ مع", r"— \S+ —"],
    # A doubled stop after "г.", the nominative after "адресовано", "ё" where UN texts write "е",
    # the capitalised "Вам" of a letter to one person in a letter to a body, an empty heading.
    "ru": [r"г\.\.(?!\.)", r"адресовано:", r"Объединённых", r"(?<=[а-я,] )Вам\b", r"пишет в качестве:",
           r"— [А-Я]\w+ —"],
})
#: What must not appear in a letter about one person (number agreement).
ONE_PERSON_BAD = {"fr": r"leur coopération", "ru": r"следующих лиц|их сотрудничеством",
                  "ar": r"بتعاونهم", "zh": r"与他们同联合国"}
#: Text from the fixture's own fields (the writer's name, their contact), quoted as written.
_USER_TEXT = ("Test Network (fictional)", "a secure channel")

#: (role noun as the vocabulary writes it, a form that must not follow it in the same item)
MISMATCH = {
    "fr": [(r"\bun avocat\b[^;\n]*\b(détenue|exilée)\b", "man described in the feminine"),
           (r"\bune avocate\b[^;\n]*\b(détenu|exilé)\b", "woman described in the masculine")],
    "es": [(r"\bun abogado\b[^;\n]*\b(detenida|exiliada)\b", "man described in the feminine"),
           (r"\buna abogada\b[^;\n]*\b(detenido|exiliado)\b", "woman described in the masculine")],
    "ar": [(r"Carla Lindqvist[^\n]*\b(لا يستطيع|معرّض|يعيش|محتجز )", "woman described in the masculine"),
           (r"Bruno Keller[^\n]*\b(لا تستطيع|معرّضة|تعيش|محتجزة)", "man described in the feminine")],
    "ru": [(r"Carla Lindqvist[^\n]*\b(содержащийся|находящийся)\b", "woman described in the masculine"),
           (r"Bruno Keller[^\n]*\b(содержащаяся|находящаяся)\b", "man described in the feminine")],
    "zh": [],
}


def _person(ref, name, gender, location="in-custody"):
    return Person(ref=ref, name=name, role="lawyer", gender=gender, location=location,
                  consent=Consent.up_to("public-named"))


CASES = {
    "man": (_person("p1", "Bruno Keller", "man"),),
    "woman": (_person("p1", "Carla Lindqvist", "woman"),),
    "group": (_person("p1", "Bruno Keller", "man", "in-exile"), _person("p2", "Carla Lindqvist", "woman", "in-exile"),
              _person("p3", "Dana Okafor", "undisclosed", "in-exile")),
    "undisclosed": (_person("p1", "Dana Okafor", "undisclosed"),),
}


def _case(kind):
    people = CASES[kind]
    refs = tuple(p.ref for p in people)
    base = three_people_case()
    engagements = (
        Engagement(body="tb:CAT", kind="written-submission", date=date(2026, 5, 2), people=refs),
        Engagement(body="sp:human-rights-defenders", kind="communication", date=date(2026, 5, 20), people=refs),
        Engagement(body="hrc", kind="session-participation", date=date(2026, 6, 20), people=refs[:1]),
    )
    reprisals = (Reprisal(type="arbitrary-detention", date=date(2026, 7, 1), people=refs, perpetrator="police"),
                 Reprisal(type="threats", date=date(2026, 7, 9), people=refs[:1], perpetrator="unknown"))
    return dataclasses.replace(base, people=people, engagements=engagements, reprisals=reprisals,
                               steps_taken=(), un_references=())


HISTORY = History.of(
    [Action(id="A1", case_id="c", avenue="tb:CAT", action=None, sent_on=date(2026, 7, 3), channel="email",
            disclosure=Circle.STATE),
     Action(id="A2", case_id="c", avenue="sp:human-rights-defenders", action=None, sent_on=date(2026, 7, 4),
            channel="online-form", disclosure=Circle.STATE)],
    [Response(id="R1", case_id="c", kind="communication-to-state", received_on=date(2026, 8, 1),
              from_avenue="sp:human-rights-defenders", reference="UA XX 1/2026")])


def _letters(lang):
    for kind in CASES:
        for avenue_id in AVENUES:
            doc = build_document(_case(kind), KB.avenue(avenue_id), language=lang, today=TODAY, names=NAMES,
                                 history=HISTORY)
            yield kind, avenue_id, render(doc, "txt").decode("utf-8")


def _flat(text):
    for own in _USER_TEXT:
        text = text.replace(own, "")
    return " ".join(text.split()) if not text.count("。") else "".join(text.split("\n"))


@pytest.mark.parametrize("lang", ["fr", "es", "ar", "zh", "ru"])
def test_no_known_bad_string_and_no_agreement_mismatch(lang):
    for kind, avenue_id, text in _letters(lang):
        flat = _flat(text)
        for bad in BAD[lang]:
            found = re.search(bad, flat)
            assert not found, (kind, avenue_id, bad, flat[max(0, found.start() - 60):found.end() + 60])
        for item in text.split("\n- "):
            for pattern, what in MISMATCH[lang]:
                assert not re.search(pattern, " ".join(item.split())), (kind, avenue_id, what, item)


@pytest.mark.parametrize(("lang", "gender", "word"), [
    ("fr", "man", "détenu"), ("fr", "woman", "détenue"), ("es", "man", "detenido"), ("es", "woman", "detenida")])
def test_where_a_person_is_agrees_with_their_gender(lang, gender, word):
    kind = {"man": "man", "woman": "woman"}[gender]
    doc = build_document(_case(kind), KB.avenue("sg:report"), language=lang, today=TODAY, names=NAMES)
    assert re.search(rf"\b{word}\b", render(doc, "txt").decode())


def test_an_undisclosed_gender_takes_words_that_do_not_agree():
    for lang, forms in (("fr", ("détenu", "détenue")), ("es", ("detenido", "detenida"))):
        doc = build_document(_case("undisclosed"), KB.avenue("sg:report"), language=lang, today=TODAY, names=NAMES)
        situation = render(doc, "txt").decode().split("\n\n")
        lines = [s for s in situation if "Dana Okafor" in s and (":" in s)]
        assert lines
        assert not any(re.search(rf"Dana Okafor[^\n]*\b{f}\b", s) for s in lines for f in forms)


@pytest.mark.parametrize(("lang", "name", "expected"), [
    ("fr", "Comité contre la torture", "le Comité contre la torture"),
    ("fr", "Commission interaméricaine", "la Commission interaméricaine"),
    ("fr", "Expert indépendant sur la Somalie", "l'Expert indépendant sur la Somalie"),
    ("es", "Relator Especial sobre la tortura", "el Relator Especial sobre la tortura"),
    ("es", "Comisión Interamericana", "la Comisión Interamericana"),
])
def test_body_names_take_the_article_of_their_head_noun(lang, name, expected):
    assert definite(Language(lang), name) == expected


def test_contractions_apply_before_a_name_never_before_a_verb():
    fr, es = Language("fr"), Language("es")
    assert contract(fr, "auprès de le Comité et à le Conseil") == "auprès du Comité et au Conseil"
    assert contract(fr, "avant de le nommer") == "avant de le nommer"
    assert contract(es, "ante el Comité, de el Consejo y a el Relator") == "ante el Comité, del Consejo y al Relator"
    assert contract(es, "para nombrarlo a el mismo") == "para nombrarlo a el mismo"


def test_french_elides_de_before_un_and_never_starts_a_line_with_a_colon():
    fr = Language("fr")
    assert contract(fr, "le jour même de un déplacement") == "le jour même d'un déplacement"
    for kind in CASES:
        doc = build_document(_case(kind), KB.avenue("hrc:president"), language="fr", today=TODAY, names=NAMES)
        text = render(doc, "txt").decode()
        assert not re.search(r"^\s*[;:»]", text, re.MULTILINE)
        # The closing speaks as the letter does ("nous"), without a form of address to repeat.
        assert "Nous vous prions d'agréer l'expression de notre haute considération." in text


@pytest.mark.parametrize("lang", ["fr", "ar", "zh", "ru"])
def test_a_letter_about_one_person_speaks_of_one_person(lang):
    for kind in ("man", "woman", "undisclosed"):
        doc = build_document(_case(kind), KB.avenue("sg:report"), language=lang, today=TODAY, names=NAMES)
        text = _flat(render(doc, "txt").decode())
        assert not re.search(ONE_PERSON_BAD[lang], text), (kind, lang)
    group = build_document(_case("group"), KB.avenue("sg:report"), language=lang, today=TODAY, names=NAMES)
    assert {"fr": "leur coopération", "ru": "следующих лиц", "ar": "بتعاونهم", "zh": "其同联合国"}[lang] in _flat(
        render(group, "txt").decode())


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar", "zh", "ru"])
def test_no_heading_stands_over_nothing(lang):
    for kind, avenue_id, _text in _letters(lang):
        doc = build_document(_case(kind), KB.avenue(avenue_id), language=lang, today=TODAY, names=NAMES,
                             history=HISTORY)
        empty = [s.heading for s in doc.sections if not s.paragraphs and not s.items]
        assert not empty, (kind, avenue_id, empty)


@pytest.mark.parametrize("lang", ["ar", "zh", "ru"])
def test_the_pattern_letter_has_none_of_the_known_bad_strings(lang):
    from test_pattern_letter import _draft

    _, draft = _draft("txt", lang=lang)
    flat = _flat(draft.data.decode())
    for bad in BAD[lang]:
        assert not re.search(bad, flat), (lang, bad)
