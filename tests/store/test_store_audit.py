"""The audit chain: every change is logged by id; any edit, removal or reordering shows."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from amparo.model import Case
from amparo.store.repository import Store
from amparo.store.schema import audit_head, audit_log


@pytest.fixture
def logged(store: Store, demo_cases: list[Case], fill_case) -> Store:
    ids = store.cases.add_many(demo_cases)
    fill_case(store, ids[0], "blob-1")
    store.cases.set_consent(ids[0], "p1", "un-confidential")
    store.audit.record("vault.unlock", "vault", "local")
    store.cases.delete(ids[1])
    return store


def test_every_change_is_logged_by_verb_and_id(logged: Store, demo_names: set[str]) -> None:
    entries = logged.audit.entries()
    verbs = [e.verb for e in entries]
    assert verbs[:4] == ["case.create"] * 4
    for verb in ("note.add", "evidence.add", "action.add", "response.add", "situation.add",
                 "draft.add", "consent.change", "vault.unlock", "case.delete"):
        assert verb in verbs
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert {e.actor for e in entries} == {"tester"}
    text = repr(entries)
    for name in demo_names:
        for word in name.split():
            assert word not in text
    report = logged.audit.verify()
    assert report.ok and report.entries == len(entries) and report.first_broken is None
    assert logged.audit.head() == (entries[-1].seq, entries[-1].hash)


def test_record_refuses_free_text(store: Store) -> None:
    with pytest.raises(ValueError):
        store.audit.record("case.export", "case", "Rosa Elvira Mejía")
    with pytest.raises(ValueError):
        store.audit.record("exported the file of Rosa", "case", "C-1")
    assert store.audit.head()[0] == 0


def _run(store: Store, sql: str, **params: object) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.text(sql), params)


def test_an_edited_entry_is_detected(logged: Store) -> None:
    _run(logged, "UPDATE audit_log SET verb = 'case.export' WHERE seq = 3")
    report = logged.audit.verify()
    assert (report.ok, report.first_broken) == (False, 3)
    assert "altered" in (report.reason or "")


def test_an_edited_time_or_actor_is_detected(logged: Store) -> None:
    _run(logged, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 6")
    assert logged.audit.verify().first_broken == 6


def test_a_deleted_entry_is_detected(logged: Store) -> None:
    _run(logged, "DELETE FROM audit_log WHERE seq = 5")
    report = logged.audit.verify()
    assert (report.ok, report.first_broken) == (False, 5)
    assert report.reason == "entry 5 is missing"


def test_a_deleted_and_renumbered_entry_is_detected(logged: Store) -> None:
    _run(logged, "DELETE FROM audit_log WHERE seq = 5")
    _run(logged, "UPDATE audit_log SET seq = seq - 1 WHERE seq > 5")
    assert logged.audit.verify().first_broken == 5


def test_deleting_the_last_entry_is_detected(logged: Store) -> None:
    last, _ = logged.audit.head()
    _run(logged, "DELETE FROM audit_log WHERE seq = :s", s=last)
    report = logged.audit.verify()
    assert (report.ok, report.first_broken) == (False, last)
    assert "removed from the end" in (report.reason or "")


def test_reordered_entries_are_detected(logged: Store) -> None:
    with logged.engine.begin() as conn:
        rows = {r.seq: r for r in conn.execute(sa.select(audit_log).where(audit_log.c.seq.in_([2, 3])))}
        for seq, other in ((2, 3), (3, 2)):
            values = dict(rows[other]._mapping)
            values.pop("seq")
            conn.execute(audit_log.update().where(audit_log.c.seq == seq).values(**values))
    report = logged.audit.verify()
    assert (report.ok, report.first_broken) == (False, 2)


def test_swapped_sequence_numbers_are_detected(logged: Store) -> None:
    _run(logged, "UPDATE audit_log SET seq = -1 WHERE seq = 2")
    _run(logged, "UPDATE audit_log SET seq = 2 WHERE seq = 3")
    _run(logged, "UPDATE audit_log SET seq = 3 WHERE seq = -1")
    assert logged.audit.verify().first_broken == 2


def test_a_forged_entry_appended_with_raw_sql_is_detected(logged: Store) -> None:
    last = logged.audit.entries()[-1]
    _run(logged, "INSERT INTO audit_log VALUES (:s, :a, 'x', 'case.edit', 'case', 'C-1', :p, :h)",
         s=last.seq + 1, a=last.at, p=last.hash, h="f" * 64)
    report = logged.audit.verify()
    assert (report.ok, report.first_broken) == (False, last.seq + 1)


def test_a_rewritten_head_alone_is_detected(logged: Store) -> None:
    with logged.engine.begin() as conn:
        conn.execute(audit_head.update().values(hash="a" * 64))
    assert not logged.audit.verify().ok
