"""The backup reminder: due when the audit log records no backup in the last 30 days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from amparo.service import Workspace, backup_due, last_backup
from amparo.service.backup_reminder import BACKUP_VERB
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1)


def test_a_vault_never_backed_up_is_due_and_a_recent_backup_is_not(tmp_path):
    now = [datetime(2026, 11, 28, 12, 0, tzinfo=UTC)]
    ws = Workspace.create(tmp_path / "v", "pass-phrase-long-enough", kdf=FAST, clock=lambda: now[0])
    try:
        assert last_backup(ws) is None and backup_due(ws)
        ws.store.audit.record(BACKUP_VERB, "vault", "vault")
        assert last_backup(ws) == now[0].date() and not backup_due(ws)
        now[0] += timedelta(days=31)
        assert backup_due(ws)
    finally:
        ws.lock()
