"""Cases in the store: round trip, lists and filters, edits, consent history, deletion."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from amparo.model import Case, ConsentRecord, NotFound, case_to_facts
from amparo.store.repository import Store
from amparo.store.schema import CASE_CHILD_TABLES, audit_log, cases

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def test_demo_cases_round_trip(store: Store, demo_cases: list[Case]) -> None:
    ids = [store.cases.add(c, now=NOW) for c in demo_cases]
    assert len(set(ids)) == 4
    assert all(i.startswith("C-") and len(i) == 10 for i in ids)
    for case_id, original in zip(ids, demo_cases, strict=True):
        stored = store.cases.get(case_id)
        assert stored.case.id == case_id
        assert case_to_facts(stored.case) == case_to_facts(original)
        assert stored.created_at == NOW == stored.updated_at
        assert stored.history == [(NOW, "created")]
        assert [c.person_ref for c in stored.consent_history] == [p.ref for p in original.people]
    assert store.cases.count() == 4


def test_add_many_is_one_batch(store: Store, demo_cases: list[Case]) -> None:
    ids = store.cases.add_many(demo_cases * 3, now=NOW)
    assert len(set(ids)) == 12
    assert store.cases.count() == 12
    assert case_to_facts(store.cases.get(ids[5]).case) == case_to_facts(demo_cases[1])


def test_list_summaries_and_filters(store: Store, demo_cases: list[Case]) -> None:
    ids = [store.cases.add(c) for c in demo_cases]  # clock moves: later cases listed first
    listed = store.cases.list()
    assert [s.id for s in listed] == ids[::-1]
    airport = next(s for s in listed if s.id == ids[3])
    assert airport.country == "HN" and airport.fictional
    assert airport.people_count == 2
    assert airport.reprisal_types == demo_cases[3].reprisal_types
    assert airport.bodies == demo_cases[3].bodies
    assert airport.latest_event == max(
        [e.date for e in demo_cases[3].engagements] + [r.date for r in demo_cases[3].reprisals])

    assert [s.id for s in store.cases.list(country="hn")] == [ids[3]]
    assert [s.id for s in store.cases.list(body="tb:CAT")] == [ids[1]]
    hacked = {s.id for s in store.cases.list(reprisal_type="threats")}
    assert hacked == {i for i, c in zip(ids, demo_cases, strict=True) if "threats" in c.reprisal_types}
    assert store.cases.list(country="HN", body="tb:CAT") == []
    assert len(store.cases.list(limit=2)) == 2
    assert [s.id for s in store.cases.list(text="airport Council")] == [ids[3]]
    assert store.cases.list(text="nowhere-to-be-found") == []


def test_update_rewrites_side_tables_and_keeps_consent_history(
        store: Store, demo_cases: list[Case]) -> None:
    original = demo_cases[3]
    case_id = store.cases.add(original, now=NOW)
    later = NOW.replace(hour=11)
    p1 = original.people[0]
    narrowed = replace(p1, consent=p1.consent.parse("un-confidential"),
                       consent_record=ConsentRecord(date(2026, 11, 20), "by-phone", "caseworker LM"))
    edited = replace(original, title="Coordinator stopped at the airport (FICTIONAL)",
                     country="GT", people=(narrowed, original.people[1]),
                     reprisals=original.reprisals[:2])
    store.cases.update(case_id, edited, now=later)

    stored = store.cases.get(case_id)
    assert case_to_facts(stored.case) == case_to_facts(edited)
    assert stored.updated_at == later and stored.created_at == NOW
    assert stored.history == [(NOW, "created"), (later, "edited"), (later, "consent-changed")]
    p1_history = [c for c in stored.consent_history if c.person_ref == "p1"]
    assert [c.consent for c in p1_history] == ["state", "un-confidential"]
    assert p1_history[0].method == "in-person" and p1_history[1].method == "by-phone"
    assert p1_history[1].changed_at == later
    summary = store.cases.list(country="GT")[0]
    assert summary.reprisal_types == ("hacking", "airport-interrogation")
    assert store.cases.list(reprisal_type="physical-attack") == []


def test_set_consent_appends_history_and_changes_the_case(
        store: Store, demo_cases: list[Case]) -> None:
    case_id = store.cases.add(demo_cases[3], now=NOW)
    record = ConsentRecord(date(2026, 11, 27), "by-relative", "caseworker LM", "withdrawn")
    store.cases.set_consent(case_id, "p1", "none", record, now=NOW.replace(hour=12))
    store.cases.set_consent(case_id, "p2", ["public-anonymous"], now=NOW.replace(hour=13))
    stored = store.cases.get(case_id)
    assert stored.case.person("p1").consent.circles == frozenset()
    assert stored.case.person("p1").consent_record == record
    assert case_to_facts(stored.case)["people"][1]["consent"] == ["public-anonymous"]
    assert [(c.person_ref, c.consent) for c in stored.consent_history] == [
        ("p1", "state"), ("p2", "none"), ("p1", "none"), ("p2", ["public-anonymous"])]
    assert [v for _, v in stored.history] == ["created", "consent-changed", "consent-changed"]
    # The same consent again is no change: nothing appended.
    store.cases.set_consent(case_id, "p1", "none", record)
    assert len(store.cases.get(case_id).consent_history) == 4


def test_unknown_ids_raise_not_found_naming_the_id_only(
        store: Store, demo_cases: list[Case]) -> None:
    with pytest.raises(NotFound, match=r"^case C-NOPE0000 not found$"):
        store.cases.get("C-NOPE0000")
    with pytest.raises(NotFound):
        store.cases.update("C-NOPE0000", demo_cases[0])
    with pytest.raises(NotFound):
        store.cases.delete("C-NOPE0000")
    case_id = store.cases.add(demo_cases[0])
    with pytest.raises(NotFound, match=f"^person p9 not found in case {case_id}$"):
        store.cases.set_consent(case_id, "p9", "state")


def test_delete_removes_everything_of_the_case(store: Store, demo_cases: list[Case],
                                               fill_case) -> None:
    keep = store.cases.add(demo_cases[0])
    gone = store.cases.add(demo_cases[3])
    fill_case(store, keep, "blob-keep")
    fill_case(store, gone, "blob-gone")
    assert store.cases.delete(gone) == ["blob-gone"]

    assert store.cases.count() == 1
    with pytest.raises(NotFound):
        store.cases.get(gone)
    with store.transaction() as conn:
        for table in CASE_CHILD_TABLES:
            left = conn.execute(sa.select(sa.func.count()).select_from(table)
                                .where(table.c.case_id == gone)).scalar_one()
            assert left == 0, table.name
            kept = conn.execute(sa.select(sa.func.count()).select_from(table)
                                .where(table.c.case_id == keep)).scalar_one()
            assert kept > 0, table.name
    assert store.cases.list(text="Mejía") == []
    assert store.audit.verify().ok


def test_failed_transaction_leaves_nothing(store: Store, demo_cases: list[Case]) -> None:
    store.cases.add(demo_cases[0])
    head = store.audit.head()

    class Crash(Exception):
        pass

    with pytest.raises(Crash), store.transaction():
        store.cases.add_many(demo_cases)
        store.notes.add(store.cases.ids()[0], "half-way")
        raise Crash
    assert store.cases.count() == 1
    assert store.audit.head() == head
    assert store.cases.list(text="Mejía") == []
    with store.transaction() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar_one() == 1
        assert conn.execute(sa.select(sa.func.count()).select_from(cases)).scalar_one() == 1


def test_an_invalid_batch_member_rolls_back_the_whole_batch(
        store: Store, demo_cases: list[Case]) -> None:
    broken = replace(demo_cases[0], country=None)  # type: ignore[arg-type]  # NOT NULL fails
    with pytest.raises(sa.exc.IntegrityError):
        store.cases.add_many([demo_cases[1], broken])
    assert store.cases.count() == 0
    assert store.audit.head()[0] == 0


def test_close_and_reopen_are_recorded_in_history_and_audit(store: Store, demo_cases: list[Case]) -> None:
    from datetime import date

    from amparo.model import InvalidInput

    case_id = store.cases.add(demo_cases[0])
    assert store.closures.get(case_id) is None
    store.closures.close(case_id, "released", date(2026, 11, 20))
    assert store.closures.get(case_id) == ("released", date(2026, 11, 20))
    assert store.closures.all() == {case_id: ("released", date(2026, 11, 20))}
    with pytest.raises(InvalidInput, match="already closed"):
        store.closures.close(case_id, "other", date(2026, 11, 21))
    store.closures.reopen(case_id)
    assert store.closures.get(case_id) is None
    with pytest.raises(InvalidInput, match="not closed"):
        store.closures.reopen(case_id)
    verbs = [verb for _, verb in store.cases.get(case_id).history]
    assert verbs[-2:] == ["closed", "reopened"]
    assert [e.verb for e in store.audit.entries()][-2:] == ["case.close", "case.reopen"]
