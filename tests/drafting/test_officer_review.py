"""What a UN officer reading the letter would miss, misread or find wrong.

One case, read as the OHCHR reprisals desk, a Special Procedures secretariat, the
Committee against Torture's secretariat and the Council President's office would read
it: a woman lawyer detained after meeting a Special Rapporteur (consent: the UN, in
confidence), and her brother, questioned too, who consents to nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from drafting_files import searchable

from amparo.service import Context, make_draft, plan_case, read_facts

CTX = Context.for_folder(None, clock=lambda: datetime(2026, 12, 1, 12, tzinfo=UTC))

LAWYER = {
    "title": "Lawyer detained after meeting a Special Rapporteur", "country": "BY",
    "people": [
        {"ref": "p1", "name": "Ingrid Salvesen", "role": "lawyer", "gender": "woman",
         "organisation": "Salvesen Legal Aid Bureau", "location": "in-custody", "consent": "un-confidential",
         "consent_record": {"given_on": "2026-11-20", "method": "by-relative", "recorded_by": "RV"}},
        {"ref": "p2", "name": "Magnus Salvesen", "role": "family-member", "gender": "man", "relation_to": "p1",
         "consent": "none", "identifying_terms": ["the lawyer's brother"]},
    ],
    "engagements": [
        {"body": "sp:independence-judges-lawyers", "kind": "country-visit-meeting", "date": "2026-10-14",
         "people": ["p1"], "session": "Country visit to Belarus"},
        {"body": "tb:CAT", "kind": "written-submission", "date": "2026-10-01", "people": ["p1"],
         "session": "CAT 81st session"},
    ],
    "reprisals": [
        {"type": "arbitrary-detention", "date": "2026-10-16", "people": ["p1"], "perpetrator": "state-security",
         "place": "Minsk", "law": "extremism",
         "link": "Officers asked her what she told the Special Rapporteur."},
        {"type": "family-targeted", "date": "2026-10-18", "people": ["p2"], "perpetrator": "state-security",
         "place": "Vitebsk", "description": "Questioned for six hours about his sister's contacts."},
    ],
    "steps_taken": ["A complaint was lodged with the prosecutor's office by her colleagues."],
    "writer": {"name": "Rights Watch Network (fictional)", "capacity": "NGO", "contact": "a secure channel"},
}

AVENUES = ("sg:report", "sp:independence-judges-lawyers", "tb:CAT", "hrc:president")
LANGS = ("en", "fr", "es")


def _letter(avenue: str, lang: str, fmt: str = "txt", facts: dict | None = None) -> str:
    case = read_facts(CTX, facts or LAWYER)
    draft = make_draft(CTX, case, plan_case(CTX, case), avenue=avenue, language=lang, fmt=fmt)
    return " ".join(searchable(fmt, draft.data).split())


def _purpose(text: str, lang: str) -> str:
    """The letter's opening section, up to the next heading."""
    start = {"en": "PURPOSE OF THIS LETTER", "fr": "OBJET DE LA PRÉSENTE LETTRE", "es": "OBJETO DE ESTA CARTA"}[lang]
    end = {"en": "WHO IS WRITING", "fr": "AUTEUR DE LA LETTRE", "es": "QUIÉN ESCRIBE"}[lang]
    return text.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("avenue", AVENUES)
def test_the_opening_names_only_the_people_the_letter_describes(avenue, lang):
    # "against Ingrid Salvesen and another person" told a leaked copy's reader that a
    # second person was targeted, in a letter that then says it does not describe them.
    opening = _purpose(_letter(avenue, lang), lang)
    assert "Ingrid Salvesen" in opening
    for other in ("another person", "une autre personne", "otra persona", "leur coopération"):
        assert other not in opening, (avenue, lang, opening)


@pytest.mark.parametrize("fmt", ("txt", "pdf", "docx"))
@pytest.mark.parametrize("lang", LANGS)
def test_the_act_says_which_law_the_detention_relies_on(lang, fmt):
    # A Special Procedures communication cites the law used; the case records it.
    text = _letter("sp:independence-judges-lawyers", lang, fmt)
    law = {"en": "laws on extremism", "fr": "lois sur l’extrémisme", "es": "extremismo"}[lang]
    acts = text.split("Minsk", 1)[1]
    assert law in acts, (lang, fmt)


@pytest.mark.parametrize("lang", LANGS)
def test_a_report_letter_without_public_consent_does_not_ask_for_the_public_report(lang):
    # Consent "the UN, in confidence": the Secretary-General's report is public, so the
    # letter must not submit the case "for the report" while its consent section forbids it.
    text = _letter("sg:report", lang)
    for asking in ("We submit this case for the Secretary-General's annual report",
                   "Nous soumettons ce cas en vue du rapport annuel",
                   "Presentamos este caso para el informe anual"):
        assert asking not in text
    confidential = {"en": "not for publication", "fr": "ne sont pas destinées à être publiées",
                    "es": "no destinada a publicarse"}[lang]
    assert confidential in _purpose(text, lang)
    subject = text.split("PURPOSE" if lang == "en" else "OBJET", 1)[0]
    for report in ("Submission for the Secretary-General's report", "Contribution au rapport",
                   "Contribución al informe"):
        assert report not in subject


def test_a_report_letter_with_public_consent_still_submits_for_the_report():
    facts = {**LAWYER, "people": [{**LAWYER["people"][0], "consent": "public-named"}, LAWYER["people"][1]]}
    text = _letter("sg:report", "en", facts=facts)
    assert "We submit this case for the Secretary-General's annual report" in text
    assert "Submission for the Secretary-General's report on reprisals" in text


def test_the_named_lawyers_organisation_is_printed_whole():
    assert "Salvesen Legal Aid Bureau" in _letter("sp:independence-judges-lawyers", "en")


def test_a_rewritten_passage_is_not_presented_as_a_verbatim_quote():
    # A relation word in the user's text is rewritten ('colleagues' -> 'other people'):
    # inside quotation marks the officer would read altered words as the writer's own.
    text = _letter("sp:independence-judges-lawyers", "en")
    assert "“A complaint was lodged with the prosecutor's office by other people.”" not in text
    assert "A complaint was lodged with the prosecutor's office by other people." in text
    # Words shown as written keep their quotation marks.
    alone = {**LAWYER, "people": LAWYER["people"][:1], "reprisals": LAWYER["reprisals"][:1]}
    assert "“A complaint was lodged with the prosecutor's office by her colleagues.”" in _letter(
        "sp:independence-judges-lawyers", "en", facts=alone)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("avenue", AVENUES)
def test_a_letter_about_a_detained_person_is_marked_urgent(avenue, lang):
    # The triage says "Urgent: p1 (lawyer) is in custody"; the subject the desk sorts by must too.
    subject = _letter(avenue, lang).split({"en": "Subject:", "fr": "Objet", "es": "Asunto:"}[lang], 1)[1][:12]
    assert {"en": "URGENT", "fr": "URGENT", "es": "URGENTE"}[lang] in subject, (avenue, lang, subject)


def test_a_left_out_persons_detention_does_not_mark_the_letter_urgent():
    people = [{**LAWYER["people"][0], "location": "in-country"}, {**LAWYER["people"][1], "location": "in-custody"}]
    text = _letter("sp:independence-judges-lawyers", "en", facts={**LAWYER, "people": people})
    assert "URGENT" not in text.split("Subject:", 1)[1][:12]


@pytest.mark.parametrize("lang", LANGS)
def test_the_presidents_letter_does_not_call_a_rapporteurs_visit_council_participation(lang):
    facts = {**LAWYER, "engagements": LAWYER["engagements"][:1]}
    opening = _purpose(_letter("hrc:president", lang, facts=facts), lang)
    assert "Country visit to Belarus" not in opening
