"""When the vault was last backed up, and whether it is time to remind the user.

``amparo backup -o FILE`` records a ``vault.backup`` entry in the audit log; the most
recent one is the last backup. A vault with no such entry has never been backed up (as
far as it knows), so the reminder shows from the start.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from amparo.service.workspace import Workspace

BACKUP_VERB = "vault.backup"
REMIND_AFTER_DAYS = 30
BACKUP_COMMAND = "amparo backup -o FILE"


def last_backup(ws: Workspace) -> date | None:
    """The day of the most recent backup the audit log records, or None."""
    found: str | None = None
    for entry in ws.store.audit.entries():
        if entry.verb == BACKUP_VERB:
            found = entry.at
    if found is None:
        return None
    return datetime.fromisoformat(found.replace("Z", "+00:00")).date()


def backup_due(ws: Workspace) -> bool:
    """Whether no backup was made in the last ``REMIND_AFTER_DAYS`` days."""
    last = last_backup(ws)
    return last is None or (ws.ctx.today() - last).days > REMIND_AFTER_DAYS
