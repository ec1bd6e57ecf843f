"""A letter to a treaty body greets its rapporteur or focal point on reprisals, by role.

The UN-officer review: the letter to the Committee against Torture said "Dear Sir or
Madam" to the whole Committee, though treaty bodies designate a rapporteur or focal point
on reprisals (San José Guidelines, HRI/MC/2015/6; HRI/MC/2020/2/Rev.1 para. 1), and the
Council President was greeted "Dear President,". Each role comes with its source in the
knowledge base; a body without one is still written to as a whole.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from amparo.drafting import build_document, render
from amparo.knowledge import load
from amparo.knowledge.addressing import reprisals_role
from amparo.language.i18n import LOCALE_DIR
from amparo.model import load_case_facts

KB = load()
DEMO_CAT = LOCALE_DIR.parent / "service" / "demo" / "2-lawyers-disbarred-after-review.json"

#: language: (addressee heading for CAT, salutation to a rapporteur, to the Council President)
CAT = {
    "en": ("The Rapporteur on reprisals, Committee against Torture", "Dear Rapporteur on reprisals,",
           "Excellency,"),
    "fr": ("Le Rapporteur chargé de la question des représailles, Comité contre la torture",
           "Madame la Rapporteuse, Monsieur le Rapporteur,", "Excellence,"),
    "es": ("Relatoría sobre represalias, Comité contra la Tortura", "Señora Relatora, señor Relator:",
           "Excelencia:"),
    "ar": ("المقرر المعني بالأعمال الانتقامية، لجنة مناهضة التعذيب", "السيد المقرر/السيدة المقررة،",
           "صاحب/صاحبة السعادة،"),
    "zh": ("禁止酷刑委员会报复问题报告员", "尊敬的报告员：", "尊敬的主席阁下："),
    "ru": ("Докладчик по вопросу о репрессиях, Комитет против пыток", "Уважаемый докладчик!",
           "Ваше Превосходительство!"),
}
#: language: (the salutation where the source says only "rapporteur or focal point", the
#: old greeting to the Council President that must be gone)
FOCAL = {
    "en": ("Dear Rapporteur or focal point on reprisals,", "Dear President,"),
    "fr": ("Madame, Monsieur le Rapporteur ou point focal,", "Madame la Présidente, Monsieur le Président,"),
    "es": ("Señora Relatora o punto focal, señor Relator o punto focal:", "Señora Presidenta, señor Presidente:"),
    "ar": ("السيد المقرر/السيدة المقررة أو جهة التنسيق،", "السيد الرئيس/السيدة الرئيسة،"),
    "zh": ("尊敬的报告员或协调人：", "尊敬的主席："),
    "ru": ("Уважаемый докладчик или координатор!", "Уважаемый Председатель!"),
}
SIR_OR_MADAM = {"en": "Dear Sir or Madam,", "fr": "Madame, Monsieur,", "es": "Señora, señor:",
                "ar": "السيدات والسادة المحترمون،", "zh": "尊敬的先生/女士：", "ru": "Уважаемые дамы и господа!"}
LANGS = tuple(CAT)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _doc(avenue, lang, today):
    return build_document(load_case_facts(DEMO_CAT, today=today), avenue, language=lang, today=today)


@pytest.mark.parametrize("lang", LANGS)
def test_the_letter_to_cat_is_addressed_to_its_rapporteur_on_reprisals(today, lang):
    heading, greeting, _ = CAT[lang]
    doc = _doc(KB.avenue("tb:CAT"), lang, today)
    assert doc.addressee.heading == heading and doc.salutation == greeting
    text = _flat(render(doc, "txt").decode())
    assert heading in text and greeting in text and SIR_OR_MADAM[lang] not in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_committee_whose_source_says_rapporteur_or_focal_point_is_greeted_so(today, lang):
    doc = _doc(KB.avenue("tb:CCPR"), lang, today)
    assert doc.salutation == FOCAL[lang][0]
    assert doc.addressee.heading != doc.addressee.name and doc.addressee.name in doc.addressee.heading


@pytest.mark.parametrize("lang", LANGS)
def test_a_body_with_no_sourced_role_is_still_written_to_as_a_whole(today, lang):
    doc = _doc(replace(KB.avenue("tb:CAT"), extra={}), lang, today)
    assert doc.addressee.heading == doc.addressee.name and doc.salutation == SIR_OR_MADAM[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_the_council_president_is_greeted_excellency(today, lang):
    doc = _doc(KB.avenue("hrc:president"), lang, today)
    assert doc.salutation == CAT[lang][2]
    assert FOCAL[lang][1] not in _flat(render(doc, "txt").decode())


def test_every_treaty_body_role_records_its_source():
    for tb in KB.family("tb"):
        role = reprisals_role(tb)
        assert role is not None and role.source, tb.id
    assert reprisals_role(KB.avenue("tb:CAT")).kind == "rapporteur"
    assert "HRI/MC/2020/2/Rev.1" in reprisals_role(KB.avenue("tb:CCPR")).source
