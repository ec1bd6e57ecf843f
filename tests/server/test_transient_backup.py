"""A server backup carries the sessions' kept items, and they stay sealed to their cookie.

Backed up, dropped and restored: the draft a session kept for download reads back through
the same session token on the restored server, byte for byte; new items still get ids
after the restored ones.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from server_support import DEMO, FAST, ORG_PASS

from amparo.service import Actor, SessionShelf, TeamServer, Workspace, restore_backup_to_server
from amparo.service.people import enrol
from amparo.store.server import Server

pytestmark = pytest.mark.postgres
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
PASSWORD = "a long enough password"



def test_kept_items_round_trip_through_a_server_backup(databases, tmp_path: Path) -> None:
    source = databases()
    server = Server.create(source, ORG_PASS, kdf=FAST, clock=lambda: NOW)
    admin = enrol(server, server.store(), "admin@example.org", "administrator", PASSWORD)
    enrol(server, server.store(), "worker@example.org", "caseworker", PASSWORD)
    team = TeamServer(server, clock=lambda: NOW)
    token, actor = team.sign_in("worker@example.org", PASSWORD)
    ws = team.workspace(actor)
    case_id = ws.cases.add(json.loads((DEMO / "4-coordinator-stopped-at-airport.json").read_text()))
    draft = ws.drafts.draft(case_id, avenue="sp:human-rights-defenders", fmt="txt")
    shelf = SessionShelf(team)
    assert shelf.keep_draft(token, draft)
    shelf.set_wizard(token, {"step": 2, "answers": {"p1_name": "Kept"}})
    Workspace.for_server(server, Actor(admin.id, "administrator"), clock=lambda: NOW).backups.create(
        tmp_path / "server.backup")
    team.lock()

    target = databases()
    restore_backup_to_server(tmp_path / "server.backup", target, ORG_PASS)
    restored = TeamServer(Server.open(target, ORG_PASS, clock=lambda: NOW), clock=lambda: NOW)
    try:
        again = SessionShelf(restored)
        kept = again.draft(token, restored.workspace(actor), draft.draft_id or "")
        assert kept is not None and kept.data == draft.data and kept.filename == draft.filename
        assert again.wizard(token) == {"step": 2, "answers": {"p1_name": "Kept"}}
        assert again.wizard("another browser's token") == {}  # sealed to its cookie
        again.keep_form(token, f"/cases/{case_id}", {"typed": {"note": "after the restore"}})
        assert again.count() == 3
    finally:
        restored.lock()
