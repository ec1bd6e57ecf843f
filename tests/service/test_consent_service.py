"""Consent through the service: checked whole before anything is written, the sheet audited by ids, review dates due."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from amparo.model import InvalidInput
from amparo.service import check_consent, populate_demo
from amparo.service.workspace import Workspace
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
PASS = "a long enough passphrase"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
AIRPORT = "4-coordinator-stopped-at-airport"


@pytest.fixture
def ws(make_workspace) -> Iterator[Workspace]:
    w = make_workspace(lambda: NOW)
    w.ids = populate_demo(w)  # type: ignore[attr-defined]
    yield w


def test_check_consent_names_every_fault_by_path(ws):
    with pytest.raises(InvalidInput) as caught:
        check_consent(ws.ctx, {"circles": "state", "per_avenue": {"sp:tortur": "none", "zz:*": "state"},
                               "review_on": "2026-01-01"})
    problems = {p.path: p.message for p in caught.value.problems}
    assert set(problems) == {"consent.review_on", "consent.per_avenue.sp:tortur", "consent.per_avenue.zz:*"}
    assert "in the past" in problems["consent.review_on"]
    assert "nearest: sp:torture" in problems["consent.per_avenue.sp:tortur"]
    with pytest.raises(InvalidInput) as caught:
        check_consent(ws.ctx, {"circles": "everyone"})
    assert [p.path for p in caught.value.problems] == ["consent.circles"]
    ok = check_consent(ws.ctx, {"circles": "state", "per_avenue": {"sp:*": "none"}, "review_on": "2027-03-01"})
    assert ok.circles_for("sp:human-rights-defenders") == frozenset()


def test_a_refused_consent_changes_nothing_and_says_everything_at_once(ws):
    case_id = ws.ids[AIRPORT]
    before = (ws.cases.get(case_id).person("p1").consent, len(ws.cases.stored(case_id).consent_history),
              ws.store.audit.head())
    with pytest.raises(InvalidInput) as caught:
        ws.cases.set_consent(case_id, "p1", {"circles": "state", "per_avenue": {"sg:repor": "none"},
                                             "review_on": "2025-01-01"}, method="by-pigeon")
    assert {p.path for p in caught.value.problems} == {"consent.per_avenue.sg:repor", "consent.review_on", "method"}
    assert (ws.cases.get(case_id).person("p1").consent, len(ws.cases.stored(case_id).consent_history),
            ws.store.audit.head()) == before


def test_the_sheet_of_a_stored_case_is_audited_by_ids_only(ws):
    case_id = ws.ids[AIRPORT]
    seq = ws.store.audit.entries()[-1].seq
    made = ws.consent_sheets.sheet(case_id, person="p2", language="es", fmt="md")
    assert made.filename == f"{case_id}-consent-p2-es-2026-11-28.md"
    assert made.to_json()["people"] == ["p2"] and made.media_type.startswith("text/markdown")
    text = made.data.decode("utf-8")
    assert "Daniela Mej" in text and "Rosa Elvira" not in text  # her section alone
    [entry] = ws.store.audit.entries(after=seq)
    assert (entry.verb, entry.object_type, entry.object_id) == ("consent.sheet", "case", f"{case_id}/p2")
    ws.consent_sheets.sheet(case_id, language="fr", fmt="docx")
    assert ws.store.audit.entries()[-1].object_id == case_id
    assert ws.audit_verify().ok


def test_a_sheet_for_facts_not_saved_is_recorded_nowhere(ws):
    from amparo.service.demo import demo_case_files

    facts = dict(demo_case_files())[AIRPORT]
    head = ws.store.audit.head()
    made = ws.consent_sheets.for_facts(facts, language="fr", fmt="pdf")
    assert made.data.startswith(b"%PDF") and made.sheet.case_id is None
    assert made.filename.startswith("facts-consent-all-fr-")
    assert ws.store.audit.head() == head


def test_unknown_format_is_refused_before_anything(ws):
    case_id = ws.ids[AIRPORT]
    head = ws.store.audit.head()
    with pytest.raises(InvalidInput) as caught:
        ws.consent_sheets.sheet(case_id, fmt="odt")
    assert caught.value.problems[0].path == "format"
    assert ws.store.audit.head() == head


def test_the_due_list_holds_each_review_with_the_persons_ref_and_no_name(ws):
    case_id = ws.ids[AIRPORT]
    ws.cases.set_consent(case_id, "p1", {"circles": "state", "review_on": "2026-12-20"}, method="in-person")
    items = [i for i in ws.followup.due() if i.deadline.kind.startswith("consent")]
    assert [(i.deadline.case_id, i.deadline.person, i.deadline.due_on.isoformat(), i.overdue) for i in items] == \
        [(case_id, "p1", "2026-11-20", True)]  # 30 days before 20 December: already due
    data = items[0].to_json()
    assert data["person"] == "p1" and data["kind"] == "consent-review"
    assert "Rosa" not in data["title"] and "Mej" not in data["title"]
