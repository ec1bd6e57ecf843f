"""A letter that may reach the Government says nothing of the people it leaves out.

The usual case: a lawyer who agrees that the Government be told, and her brother, who
consents to nothing. "1 other person concerned has not agreed to be identified" is a
protective instruction to a UN officer who keeps the letter in confidence; in a letter the
State may read, the State that questioned the brother reads it as him. So a letter whose
circle reaches the State must read exactly as if the brother were not in the case, but for
what the redaction must change in the user's own words, which then looks like every other
passage: no user text is in quotation marks in such a letter.
"""

from __future__ import annotations

import pytest
from drafting_files import searchable
from test_officer_review import CTX, LAWYER

from amparo.service import make_draft, plan_case, read_facts

CASE = {**LAWYER, "steps_taken": ["A complaint was lodged with the prosecutor's office."],
        "people": [{**LAWYER["people"][0], "consent": "state"}, LAWYER["people"][1]]}
WITHOUT_HIM = {**CASE, "people": CASE["people"][:1], "reprisals": CASE["reprisals"][:1]}
#: Steps whose circle is the State (the plan allows them with the lawyer's consent).
TO_THE_STATE = (("tb:CAT", "confidential-letter"), ("sp:independence-judges-lawyers", "raise-with-officials"),
                ("hrc:president", "letter-to-mission"))


def _letter(facts: dict, avenue: str, action: str, lang: str, fmt: str = "txt") -> str:
    case = read_facts(CTX, facts)
    draft = make_draft(CTX, case, plan_case(CTX, case), avenue=avenue, action=action, language=lang, fmt=fmt)
    return " ".join(searchable(fmt, draft.data).split())


@pytest.mark.parametrize("lang", ("en", "fr", "es", "ar", "zh", "ru"))
@pytest.mark.parametrize(("avenue", "action"), TO_THE_STATE)
def test_a_letter_the_state_may_read_is_the_same_without_the_person_left_out(avenue, action, lang):
    assert _letter(CASE, avenue, action, lang) == _letter(WITHOUT_HIM, avenue, action, lang)


@pytest.mark.parametrize("fmt", ("pdf", "docx"))
def test_the_same_holds_in_every_format(fmt):
    avenue, action = TO_THE_STATE[0]
    assert _letter(CASE, avenue, action, "en", fmt) == _letter(WITHOUT_HIM, avenue, action, "en", fmt)


def test_a_letter_kept_with_the_un_in_confidence_still_asks_not_to_seek_them():
    text = _letter(CASE, "sp:independence-judges-lawyers", "notify-confidentially", "en")
    assert "1 other person concerned has not agreed to be identified" in text
    assert "please do not seek to identify them" in text
    assert "Magnus" not in text and "brother" not in text


RELATIVES_NAMED = {**CASE, "steps_taken": ["A complaint was lodged with the prosecutor's office by her colleagues."]}


@pytest.mark.parametrize(("avenue", "action"), TO_THE_STATE)
def test_a_passage_changed_for_him_looks_like_every_other(avenue, action):
    # "by her colleagues" is rewritten only because someone is left out; had the letter
    # quoted what it did not change and not what it did, the missing quotation marks
    # would point to him.
    theirs = _letter(RELATIVES_NAMED, avenue, action, "en")
    alone = _letter({**RELATIVES_NAMED, "people": CASE["people"][:1], "reprisals": CASE["reprisals"][:1]},
                    avenue, action, "en")
    for text in (theirs, alone):
        assert "“" not in text and "”" not in text
    assert "prosecutor's office by" in theirs


def test_the_officer_who_keeps_it_in_confidence_reads_quotes_as_the_writers_words():
    text = _letter(RELATIVES_NAMED, "sp:independence-judges-lawyers", "notify-confidentially", "en")
    assert "“A complaint was lodged with the prosecutor's office by her colleagues.”" not in text
    assert "A complaint was lodged with the prosecutor's office by other people." in text
