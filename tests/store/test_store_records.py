"""Notes, evidence metadata, follow-up, drafts and precedents: stored and read back."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

import pytest

from amparo.model import (
    Action,
    Case,
    Circle,
    Evidence,
    InvalidInput,
    NotFound,
    Response,
    SituationEvent,
)
from amparo.store.repository import Store

AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def case_ids(store: Store, demo_cases: list[Case]) -> list[str]:
    return store.cases.add_many(demo_cases[:2])


def test_notes(store: Store, case_ids: list[str]) -> None:
    first = store.notes.add(case_ids[0], "First call.", author="LM", now=AT)
    second = store.notes.add(case_ids[0], "Second call.", now=AT.replace(hour=10))
    assert [n.text for n in store.notes.list(case_ids[0])] == ["First call.", "Second call."]
    assert store.notes.list(case_ids[0])[0] == first
    assert store.notes.list(case_ids[1]) == []
    store.notes.delete(first.id)
    assert store.notes.list(case_ids[0]) == [second]
    history = [v for _, v in store.cases.get(case_ids[0]).history]
    assert history == ["created", "note-added", "note-added", "note-deleted"]
    with pytest.raises(NotFound, match=r"^note N-X not found$"):
        store.notes.delete("N-X")
    with pytest.raises(NotFound):
        store.notes.add("C-NONE", "text")
    with pytest.raises(InvalidInput):
        store.notes.add(case_ids[0], "   ")


def test_evidence_metadata(store: Store, case_ids: list[str]) -> None:
    item = Evidence(id="", case_id=case_ids[0], filename="letter.pdf",
                    media_type="application/pdf", size=123_456_789_012,
                    sha256=hashlib.sha256(b"x").hexdigest(), received_at=AT,
                    added_by="LM", description="Court summons", names_people=("p1", "p2"))
    evidence_id = store.evidence.add(item, blob_id="b-1")
    stored = store.evidence.get(evidence_id)
    assert stored.blob_id == "b-1"
    assert stored.evidence == Evidence(**{**_fields(item), "id": evidence_id})
    assert [s.evidence.id for s in store.evidence.list(case_ids[0])] == [evidence_id]
    assert store.evidence.list(case_ids[1]) == []
    assert len(store.evidence.list()) == 1
    store.evidence.record_export(evidence_id)
    assert store.evidence.delete(evidence_id) == "b-1"
    assert store.evidence.list() == []
    verbs = [e.verb for e in store.audit.entries()]
    assert verbs[-3:] == ["evidence.add", "evidence.export", "evidence.delete"]
    with pytest.raises(NotFound, match=f"^evidence {evidence_id} not found$"):
        store.evidence.get(evidence_id)


def _fields(item: Evidence) -> dict:
    return {f: getattr(item, f) for f in Evidence.__slots__}


def test_followup_per_case_and_across_cases(store: Store, case_ids: list[str]) -> None:
    a, b = case_ids
    action = Action(id="", case_id=a, avenue="sp:human-rights-defenders", action="urgent-appeal",
                    sent_on=date(2026, 10, 1), channel="email", disclosure=Circle.STATE,
                    draft_id="D-1", consent_snapshot=(("p1", "state"),
                                                      ("p2", ("un-confidential", "public-anonymous"))),
                    note="sent")
    action_id = store.followup.add_action(action)
    store.followup.add_action(Action(id="", case_id=b, avenue="tb:CAT", action=None,
                                     sent_on=date(2026, 9, 1), channel="online-form",
                                     disclosure=Circle.UN_CONFIDENTIAL))
    response = Response(id="", case_id=a, kind="communication-to-state",
                        received_on=date(2026, 10, 20), from_avenue="sp:human-rights-defenders",
                        action_id=action_id, reference="UA XXX 1/2026", paragraph="12")
    response_id = store.followup.add_response(response)
    event = SituationEvent(id="", case_id=b, kind="released", happened_on=date(2026, 10, 5),
                           people=("p1", "p2"), note="on bail")
    event_id = store.followup.add_event(event)

    assert store.followup.list_actions(a) == [Action(**{**_slots(action), "id": action_id})]
    assert [x.case_id for x in store.followup.list_actions()] == [b, a]  # by date sent
    assert store.followup.list_responses(a)[0] == Response(**{**_slots(response), "id": response_id})
    assert store.followup.list_responses(b) == []
    assert store.followup.list_events() == [SituationEvent(**{**_slots(event), "id": event_id})]

    with pytest.raises(InvalidInput, match="channel"):
        store.followup.add_action(Action(id="", case_id=a, avenue="x", action=None,
                                         sent_on=date(2026, 1, 1), channel="pigeon",
                                         disclosure=Circle.STATE))
    with pytest.raises(InvalidInput, match="action_id"):
        store.followup.add_response(Response(id="", case_id=b, kind="acknowledgment",
                                             received_on=date(2026, 1, 1), action_id=action_id))
    with pytest.raises(NotFound):
        store.followup.list_actions("C-NONE")


def _slots(obj: object) -> dict:
    return {f: getattr(obj, f) for f in type(obj).__slots__}


def test_drafts(store: Store, case_ids: list[str]) -> None:
    draft = store.drafts.add(case_ids[0], avenue="sg:report", language="fr", format="md",
                             circle="public-anonymous", text="# Projet\n", filename="x.md", now=AT)
    assert draft.sha256 == hashlib.sha256(b"# Projet\n").hexdigest()
    assert store.drafts.get(draft.id) == draft
    assert store.drafts.list(case_ids[0]) == [draft]
    assert store.drafts.list(case_ids[1]) == []
    with pytest.raises(NotFound):
        store.drafts.get("D-NONE")


def test_precedents(store: Store) -> None:
    pid = store.precedents.add({"id": "ignored", "title": "Case X", "years": [2017, 2018]})
    assert store.precedents.get(pid) == {"id": pid, "title": "Case X", "years": [2017, 2018]}
    assert store.precedents.list() == [store.precedents.get(pid)]
    with pytest.raises(NotFound):
        store.precedents.get("UP-NONE")
