"""The usual case, not the edge: narrow consent, a relative who consents to nothing.

A defender who agrees only to "the UN, in confidence", and her daughter, questioned by
the police, who agrees to nothing, must still find a step she can take now, and the
letter for it must not point at the daughter: not by name, not as "her daughter", not
through a caption. The same holds for every demo case.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from drafting_files import searchable

from amparo.disclosure.passages import RELATIONS
from amparo.drafting import LETTER_FORMATS as FORMATS
from amparo.drafting.build import PassagesToReview
from amparo.model import Evidence
from amparo.service import Context, make_draft, plan_case, read_facts

DEMO = Path(__file__).resolve().parents[2] / "src" / "amparo" / "service" / "demo"
CTX = Context.for_folder(None, clock=lambda: datetime(2026, 11, 28, 12, tzinfo=UTC))

NEW_USER = {
    "title": "Questioned after Geneva", "country": "EG",
    "people": [
        {"ref": "p1", "name": "Mariam Fathy", "role": "defender", "gender": "woman", "location": "in-country",
         "consent": "un-confidential", "organisation": "Cairo Centre for Rights"},
        {"ref": "p2", "name": "Salma Fathy", "role": "family-member", "gender": "woman", "location": "in-country",
         "consent": "none", "relation_to": "p1"},
    ],
    "engagements": [{"body": "hrc", "kind": "session-participation", "date": "2026-09-20", "people": ["p1"],
                     "session": "HRC 63rd session"}],
    "reprisals": [
        {"type": "threats", "date": "2026-10-05", "people": ["p1"], "perpetrator": "state-security",
         "description": "Officers told Mariam Fathy she would regret speaking in Geneva, and that her "
                        "daughter would pay for it."},
        {"type": "family-targeted", "date": "2026-10-12", "people": ["p2"], "perpetrator": "police",
         "description": "Her daughter Salma was questioned by police for four hours about her mother's trip."},
    ],
}
#: The words that would point at the daughter: her name and the relation.
POINTERS = ("Salma", "daughter", "family member", "family-member", "relative of", "questioned")
CAPTION = "photo of Salma after the questioning, injured"


def _photo(case_id: str | None) -> Evidence:
    return Evidence(id="ev1", case_id=case_id or "", filename="salma-injured.jpg", media_type="image/jpeg",
                    size=10, sha256="0" * 64, received_at=datetime(2026, 10, 13, tzinfo=UTC), description=CAPTION,
                    names_people=("p2",))


def _cases():
    yield "new-user", NEW_USER
    for path in sorted(DEMO.glob("[0-9]-*.json")):
        yield path.stem, json.loads(path.read_text("utf-8"))


@pytest.mark.parametrize(("name", "facts"), list(_cases()), ids=[n for n, _ in _cases()])
def test_the_first_avenue_offers_a_step_that_can_be_taken_now(name, facts):
    case = read_facts(CTX, facts)
    plan = plan_case(CTX, case)
    first = plan.avenues[0]
    assert any(a.allowed for a in first.actions), name
    assert first.actions[0].first_notification or any(a.first_notification and a.allowed for a in first.actions)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_new_user_drafts_to_the_first_avenue_in_every_format_without_pointing_at_her_daughter(fmt):
    case = read_facts(CTX, NEW_USER)
    plan = plan_case(CTX, case)
    avenue = plan.avenues[0].id
    draft = make_draft(CTX, case, plan, avenue=avenue, language="en", fmt=fmt, evidence=(_photo(case.id),))
    text = searchable(fmt, draft.data)
    assert "Mariam Fathy" in text  # she agreed to be known to the UN body
    for word in POINTERS:
        assert word.casefold() not in text.casefold(), (fmt, word)
    assert "injured" not in text  # the caption of a file about the daughter is not printed
    assert "another person" in " ".join(text.split())
    info = draft.to_json()
    assert info["passages"] and all(p["rewritten"] for p in info["passages"])


@pytest.mark.parametrize(("name", "facts"), list(_cases()), ids=[n for n, _ in _cases()])
def test_every_demo_case_drafts_to_its_first_avenue_in_every_format(name, facts):
    case = read_facts(CTX, facts)
    plan = plan_case(CTX, case)
    for fmt in FORMATS:
        try:
            draft = make_draft(CTX, case, plan, avenue=plan.avenues[0].id, language="en", fmt=fmt)
        except PassagesToReview as exc:  # the way forward is named: which passages, which ids
            assert all(p.id in str(exc) for p in exc.passages)
            keep = [p.id for p in exc.passages]
            draft = make_draft(CTX, case, plan, avenue=plan.avenues[0].id, language="en", fmt=fmt,
                               accept_passages=keep)
        step = plan.avenues[0].action(draft.document.purpose.action_id)
        assert step.allowed
        hidden = [p for p in case.people if p.ref not in step.identifies]
        # A surname shared with someone named is the named person's to show.
        shared = {part.casefold() for p in case.people if p.ref in step.identifies for part in p.name.split()}
        text = searchable(fmt, draft.data).casefold()
        for person in hidden:
            for part in person.name.split():
                if len(part) > 2 and part.casefold() not in shared:
                    assert part.casefold() not in text, (name, fmt)


def test_relation_words_are_kept_for_the_languages_users_write_in():
    assert {"en", "fr", "es"} <= set(RELATIONS)
    assert "daughter" in RELATIONS["en"] and "fille" in RELATIONS["fr"] and "hija" in RELATIONS["es"]


def test_a_passage_that_cannot_be_rewritten_stops_the_draft_and_can_be_kept_by_choice():
    facts = json.loads(json.dumps(NEW_USER))
    facts["reprisals"][0]["description"] = "They said her two daughters would be next."
    case = read_facts(CTX, facts)
    plan = plan_case(CTX, case)
    with pytest.raises(PassagesToReview) as exc:
        make_draft(CTX, case, plan, avenue=plan.avenues[0].id, language="en", fmt="txt")
    (passage,) = exc.value.passages
    assert passage.field == "reprisals[0].description" and "daughters" in str(exc.value)
    assert "Salma" not in str(exc.value) and "next" not in str(exc.value)
    kept = make_draft(CTX, case, plan, avenue=plan.avenues[0].id, language="en", fmt="txt",
                      accept_passages=[passage.id])
    assert "two daughters" in kept.data.decode()
    assert kept.to_json()["passages"][0]["kept"]


def test_a_passage_id_that_is_not_in_the_document_is_refused():
    from amparo.model import InvalidInput

    case = read_facts(CTX, NEW_USER)
    plan = plan_case(CTX, case)
    with pytest.raises(InvalidInput, match="P-000000 is not a passage of this letter"):
        make_draft(CTX, case, plan, avenue=plan.avenues[0].id, language="en", fmt="txt",
                   accept_passages=["P-000000"])
