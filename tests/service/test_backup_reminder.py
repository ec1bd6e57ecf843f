"""The backup reminder: due when the audit log records no backup in the last 30 days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from amparo.service import Workspace
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1)


def test_a_vault_never_backed_up_is_due_and_a_recent_backup_is_not(tmp_path):
    now = [datetime(2026, 11, 28, 12, 0, tzinfo=UTC)]
    ws = Workspace.create(tmp_path / "v", "pass-phrase-long-enough", kdf=FAST, clock=lambda: now[0])
    try:
        assert ws.backups.last() is None and ws.backups.due()
        ws.backups.create(tmp_path / "copy.amparo-backup")
        assert ws.backups.last() == now[0] and not ws.backups.due()
        now[0] += timedelta(days=31)
        assert ws.backups.due()
    finally:
        ws.lock()
