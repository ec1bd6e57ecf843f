"""For random narratives in any of the six languages, no letter points at a relative beyond consent.

The narrative mentions the relative through a relation word of its language (a random
form: any case of a Russian noun, any Arabic prefix and pronoun, any Chinese possessive),
the relative's consent is random, and the letter's language is random. For every
allowed step of the first avenue, either the draft stops at passage review, or the
relation word is not in the letter when the relative is not identified.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amparo.drafting.build import PassagesToReview
from amparo.service import Context, make_draft, plan_case, read_facts

CTX = Context.for_folder(None, clock=lambda: datetime(2026, 11, 28, 12, tzinfo=UTC))

#: lang: (sentence with {rel}, relation phrases it may hold, the noun forms to look for)
PHRASES = {
    "en": ("Officers said {rel} would be next.", ("her son", "her daughter", "her brother", "her husband")),
    "fr": ("Les policiers ont dit que {rel} serait le prochain.", ("son fils", "sa fille", "son frère", "son mari",
                                                                   "sa belle-sœur")),
    "es": ("Los agentes dijeron que {rel} sería el siguiente.", ("su hijo", "su hija", "su hermano", "su suegra",
                                                                 "su compañera")),
    "ar": ("قال الضباط إن الدور على {rel} الآن.", ("ابنها", "زوجها", "أخيها", "ابنتها", "لابنها", "وأخوها", "إبْنُها",
                                                    "زوجـها")),
    "ru": ("Сотрудники говорили про {rel} и угрожали.", ("её сына", "её мужа", "её дочь", "её брата", "её сестру",
                                                         "своего отца", "её сыновей")),
    "zh": ("警察说下一个就是{rel}。", ("她的儿子", "她女儿", "其丈夫", "她的哥哥", "她的家人", "她的两个女儿")),
}
LEVELS = ("none", "un-confidential", "state", "public-named")


def _core(lang: str, phrase: str) -> str:
    """The relation word of a phrase (what must not be printed)."""
    if lang == "zh":
        return phrase.removeprefix("她的").removeprefix("她").removeprefix("其").removeprefix("两个")
    if lang == "ar":
        return phrase
    return phrase.split()[-1]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lang=st.sampled_from(sorted(PHRASES)), letter=st.sampled_from(sorted(PHRASES)), data=st.data(),
       consent=st.sampled_from(LEVELS), defender=st.sampled_from(("un-confidential", "state", "public-named")))
def test_no_letter_prints_the_relation_of_a_relative_it_does_not_identify(lang, letter, data, consent, defender):
    sentence, phrases = PHRASES[lang]
    phrase = data.draw(st.sampled_from(phrases))
    facts = {
        "title": "Generated", "country": "EG",
        "people": [{"ref": "p1", "name": "Mariam Fathy", "role": "defender", "gender": "woman",
                    "location": "in-country", "consent": defender},
                   {"ref": "p2", "name": "Salma Fathy", "role": "family-member", "gender": "undisclosed",
                    "location": "in-country", "consent": consent, "relation_to": "p1"}],
        "engagements": [{"body": "hrc", "kind": "session-participation", "date": "2026-09-20", "people": ["p1"]}],
        "reprisals": [{"type": "threats", "date": "2026-10-05", "people": ["p1"], "perpetrator": "police",
                       "description": sentence.format(rel=phrase)}],
    }
    case = read_facts(CTX, facts)
    plan = plan_case(CTX, case)
    # The same narrative with no relation in it: the letter's own words (Chinese letters
    # ask the body not to contact "其家人") are not a leak.
    baseline_facts = {**facts, "reprisals": [{**facts["reprisals"][0], "description": sentence.format(rel="X")}]}
    baseline_case = read_facts(CTX, baseline_facts)
    avenue = plan.avenues[0]
    for step in avenue.actions:
        if not step.allowed or step.identifies_nobody:
            continue
        try:
            draft = make_draft(CTX, case, plan, avenue=avenue.id, language=letter, fmt="txt", action=step.id)
        except PassagesToReview as exc:
            assert exc.passages and "--accept-passages" in str(exc)
            continue
        if "p2" in step.identifies:
            continue
        baseline = make_draft(CTX, baseline_case, plan_case(CTX, baseline_case), avenue=avenue.id, language=letter,
                              fmt="txt", action=step.id)
        word = _core(lang, phrase)
        assert _count(lang, word, draft.data) <= _count(lang, word, baseline.data), (lang, letter, phrase, step.id)
        assert b"Salma" not in draft.data


def _count(lang: str, word: str, data: bytes) -> int:
    text = " ".join(data.decode("utf-8").split())
    if lang in ("en", "fr", "es"):  # "son" is inside "person"
        return len(re.findall(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", text))
    return text.count(word)
