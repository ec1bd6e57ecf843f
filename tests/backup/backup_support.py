"""What the backup and share tests share: fast key derivation, the passphrase, a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from amparo.service.workspace import Workspace
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
PASS = "correct horse battery staple"
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def contents(path: Path) -> dict:
    """Everything a user would miss after a restore: cases, evidence bytes, audit entries."""
    with Workspace.open(path, PASS, clock=clock) as ws:
        cases = {c.id: ws.cases.get(c.id) for c in ws.cases.list()}
        evidence = {s.evidence.id: ws.evidence.read(s.evidence.id) for s in ws.evidence.list()}
        audit = [(e.seq, e.verb, e.object_id, e.hash) for e in ws.store.audit.entries()]
    return {"cases": cases, "evidence": evidence, "audit": audit}
