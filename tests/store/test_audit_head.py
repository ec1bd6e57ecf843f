"""The audit head noted outside the vault: proves the chain up to it was not rewritten."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from amparo.model import Case
from amparo.store.audit import AuditHead, entry_hash
from amparo.store.repository import Store
from amparo.store.schema import audit_head, audit_log


def test_a_noted_head_still_checks_after_later_entries(store: Store, demo_cases: list[Case]) -> None:
    store.cases.add_many(demo_cases)
    noted = AuditHead(*store.audit.head())
    store.audit.record("vault.unlock", "vault", "vault")
    check = store.audit.check_head(AuditHead.parse(noted.text))
    assert check.ok and check.head.count == noted.count and check.entries == noted.count + 1
    # The hash alone is looked for anywhere in the chain.
    assert store.audit.check_head(AuditHead.parse(noted.hash[:16])).ok


def test_a_consistently_rewritten_chain_fails_the_noted_head(store: Store, demo_cases: list[Case]) -> None:
    store.cases.add_many(demo_cases)
    noted = AuditHead(*store.audit.head())
    # Someone with the key rewrites entry 2 and recomputes every hash after it and the head:
    # the chain checks by itself, but no longer holds the noted head.
    with store.engine.begin() as conn:
        rows = conn.execute(sa.select(audit_log).order_by(audit_log.c.seq)).all()
        prev = rows[0].hash
        for row in rows[1:]:
            verb = "case.export" if row.seq == 2 else row.verb
            digest = entry_hash(row.seq, row.at, row.actor, verb, row.object_type, row.object_id, prev)
            conn.execute(audit_log.update().where(audit_log.c.seq == row.seq)
                         .values(verb=verb, prev_hash=prev, hash=digest))
            prev = digest
        conn.execute(audit_head.update().values(hash=prev))
    assert store.audit.verify().ok
    check = store.audit.check_head(noted)
    assert not check.ok and "rewritten" in (check.reason or "")
    assert not store.audit.check_head(AuditHead.parse(noted.hash[:16])).ok


def test_a_head_beyond_the_chain_says_entries_were_removed(store: Store, demo_cases: list[Case]) -> None:
    store.cases.add_many(demo_cases)
    count, digest = store.audit.head()
    check = store.audit.check_head(AuditHead(count + 5, digest))
    assert not check.ok and "fewer" in (check.reason or "")


@pytest.mark.parametrize("bad", ["", "12", "12-xyz", "12-abc", "hello world"])
def test_a_malformed_head_is_refused_with_the_expected_form(bad: str) -> None:
    with pytest.raises(ValueError, match="COUNT-HASH"):
        AuditHead.parse(bad)
