"""When nobody consents yet: general information on a pattern, naming and describing no one.

Before this letter existed, drafting the pattern step produced the ordinary case letter
with everyone "left out": it still told the date and the mandate of the cooperation, that
"another person" was concerned, and the case reference, which is enough to pick the case
out. The pattern letter keeps only what a pattern is made of.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from drafting_files import searchable

from amparo.drafting import LETTER_FORMATS
from amparo.model import Evidence, InvalidInput
from amparo.service import Context, make_draft, plan_case, read_facts

CTX = Context.for_folder(None, clock=lambda: datetime(2026, 11, 28, 12, tzinfo=UTC))
NOBODY_CONSENTS = {
    "title": "Detained after the communication", "country": "BI",
    "people": [
        {"ref": "p1", "name": "Jean Ndayishimiye", "role": "lawyer", "gender": "man", "location": "in-custody",
         "consent": "none"},
        {"ref": "p2", "name": "Aline Ndayishimiye", "role": "family-member", "gender": "woman",
         "location": "in-country", "consent": "none", "relation_to": "p1"},
    ],
    "engagements": [{"body": "sp:human-rights-defenders", "kind": "communication", "date": "2026-10-01",
                     "people": ["p1"]}],
    "reprisals": [{"type": "arbitrary-detention", "date": "2026-10-10", "people": ["p1"], "perpetrator": "police",
                   "law": "counter-terrorism", "place": "Gitega",
                   "description": "Jean was arrested at his office and is held without charge."}],
}
#: What would let a reader pick the case out: names, relation, role, place, dates, narrative.
POINTERS = ("Ndayishimiye", "Jean", "Aline", "lawyer", "Gitega", "October", "2026-10", "without charge",
            "arrested", "another person", "sister", "wife", "daughter", "relative")


def _photo(case_id: str) -> Evidence:
    return Evidence(id="ev1", case_id=case_id, filename="cell-gitega.jpg", media_type="image/jpeg", size=10,
                    sha256="0" * 64, received_at=datetime(2026, 10, 13, tzinfo=UTC), description="the cell",
                    names_people=())


def _draft(fmt: str, **kw):
    case = read_facts(CTX, NOBODY_CONSENTS)
    plan = plan_case(CTX, case)
    return case, make_draft(CTX, case, plan, avenue="sp:human-rights-defenders", language=kw.pop("lang", "en"),
                            fmt=fmt, action="pattern-information", **kw)


@pytest.mark.parametrize("fmt", LETTER_FORMATS)
def test_the_pattern_letter_tells_the_pattern_and_nothing_that_points_at_the_case(fmt):
    _, draft = _draft(fmt, evidence=(_photo("C-TEST"),))
    text = searchable(fmt, draft.data)
    assert "General information on reprisals in Burundi" in text
    assert "arbitrary detention" in text and "the police" in text and "counter-terrorism laws" in text
    assert "2026" in text
    for word in POINTERS:
        assert word.casefold() not in text.casefold(), (fmt, word)
    assert "the cell" not in text.casefold()  # no evidence, not even listed
    assert draft.document.case_id is None and draft.document.attachments == ()


def test_the_pattern_letter_is_in_the_letter_language_and_refuses_a_passage_id():
    _, draft = _draft("txt", lang="fr")
    text = draft.data.decode("utf-8")
    assert "Burundi" in text and "General information" not in text and "What we see" not in text
    with pytest.raises(InvalidInput) as caught:
        _draft("txt", accept_passages=["P1"])
    assert caught.value.problems[0].path == "--accept-passages"
