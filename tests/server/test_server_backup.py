"""A server's backup: backup → drop the database → restore gives back everything, or nothing.

Each test makes its own PostgreSQL databases (``srvbackup_…``, dropped afterwards). The
source server holds cases with notes, consent, follow-up and evidence, accounts with
access lists, a crypto-shredded case, a writer's profile and a share identity; the
restored one must hold all of it byte for byte, with the same audit chain.
"""

from __future__ import annotations

import base64
import io
import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from server_support import DEMO, FAST, ORG_PASS

from amparo.cli.app import main
from amparo.service import (
    Actor,
    BackupDamaged,
    DatabaseNotEmpty,
    Workspace,
    issue_token,
    restore_backup_to_server,
    verify_backup,
)
from amparo.service.people import enrol
from amparo.service.policy import AccessDenied
from amparo.store.audit import AuditHead
from amparo.store.fields import CaseShredded
from amparo.store.org_key import WrongOrgKey
from amparo.store.server import Server

pytestmark = pytest.mark.postgres
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
PASSWORD = "a long enough password"
#: Over 1 MiB in hex: the row goes out as pieces of its own, not through the buffer.
EVIDENCE = bytes(range(256)) * 5000 + b"Statement of the person, in full."



def drop(url: str, postgres_url: str) -> None:
    name = sa.make_url(url).database
    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    admin.dispose()


def populate(url: str) -> dict:
    """A server with every kind of row; returns the ids and the administrator's workspace parts."""
    server = Server.create(url, ORG_PASS, kdf=FAST, clock=lambda: NOW)
    store = server.store()
    admin = enrol(server, store, "admin@example.org", "administrator", PASSWORD)
    coordinator = enrol(server, store, "coord@example.org", "coordinator", PASSWORD)
    worker = enrol(server, store, "worker@example.org", "caseworker", PASSWORD)
    reviewer = enrol(server, store, "reviewer@example.org", "reviewer", PASSWORD, second_factor=False)
    ws = Workspace.for_server(server, Actor(worker.id, "caseworker"), clock=lambda: NOW)
    facts = json.loads((DEMO / "4-coordinator-stopped-at-airport.json").read_text())
    kept = ws.cases.add(facts)
    ws.cases.add_note(kept, "Called back after the hearing.")
    ws.cases.set_consent(kept, "p1", "state", method="in-person", note="agreed at the meeting")
    ws.followup.record_event(kept, kind="released", happened_on=date(2026, 11, 20), people=("p1",), note="released")
    evidence = ws.evidence.add_stream(kept, io.BytesIO(EVIDENCE), filename="statement.txt", description="copy")
    Workspace.for_server(server, Actor(coordinator.id, "coordinator"), clock=lambda: NOW).profile.set(
        organisation="Rights Centre", contact="The writer", email="writer@example.org")
    identity = Workspace.for_server(server, Actor(coordinator.id, "coordinator"), clock=lambda: NOW).shares.identity(
        organisation="Rights Centre").line  # the organisation's to make: a coordinator's
    second = ws.cases.add(json.loads((DEMO / "4-coordinator-stopped-at-airport.json").read_text()))
    coord = Workspace.for_server(server, Actor(coordinator.id, "coordinator"), clock=lambda: NOW)
    coord.people.share(kept, "reviewer@example.org")
    shredded = coord.cases.add(json.loads((DEMO / "4-coordinator-stopped-at-airport.json").read_text()))
    coord.cases.shred(shredded)
    return {"server": server, "admin": admin, "coordinator": coordinator, "worker": worker, "reviewer": reviewer,
            "kept": kept, "second": second, "shredded": shredded, "evidence": evidence, "identity": identity}


def snapshot(server: Server, team: dict) -> dict:
    """What a user of the server would notice: cases, evidence bytes, audit, accounts, access."""
    coord = Workspace.for_server(server, Actor(team["coordinator"].id, "coordinator"), clock=lambda: NOW)
    with server.engine.connect() as conn:
        users = conn.exec_driver_sql("SELECT id, email, role, password_hash, totp_secret, disabled FROM users "
                                     "ORDER BY id").all()
        access = conn.exec_driver_sql("SELECT case_id, user_id, kind FROM case_access ORDER BY 1, 2").all()
        shreds = conn.exec_driver_sql("SELECT case_id, statement, signature FROM shred_records").all()
    return {
        "cases": {c: json.dumps(coord.cases.document(c), sort_keys=True, default=str)
                  for c in (team["kept"], team["second"])},
        "notes": [n.text for n in coord.cases.notes(team["kept"])],
        "evidence": coord.evidence.read(team["evidence"].id),
        "audit": [(e.seq, e.hash) for e in server.store().audit.entries()],
        "head": server.store().audit.head(), "users": users, "access": access, "shreds": shreds,
        "profile": coord.profile.get(), "identity": coord.shares.identity().line,
    }


@pytest.fixture
def backed_up(databases, tmp_path: Path) -> dict:
    url = databases()
    team = populate(url)
    server = team["server"]
    before = snapshot(server, team)
    admin = Workspace.for_server(server, Actor(team["admin"].id, "administrator"), clock=lambda: NOW)
    summary = admin.backups.create(tmp_path / "server.backup")
    team.update(url=url, file=tmp_path / "server.backup", summary=summary, before=before)
    return team


def test_backup_drop_restore_gives_back_everything(backed_up, databases, postgres_url) -> None:
    team = backed_up
    team["server"].lock()
    drop(team["url"], postgres_url)
    target = databases()
    restored = restore_backup_to_server(team["file"], target, ORG_PASS)
    assert restored.cases == 2 and restored.evidence == 1
    with Server.open(target, ORG_PASS, clock=lambda: NOW) as server:
        after = snapshot(server, team)
        before = team["before"]
        for key in ("cases", "notes", "evidence", "users", "access", "shreds", "profile", "identity"):
            assert after[key] == before[key], key
        assert after["evidence"] == EVIDENCE
        # The chain verifies and holds the backup's head at its place; the restore extends it by one.
        assert server.store().audit.verify().ok
        head = AuditHead.parse(team["summary"].audit_head)
        assert head.count >= len(before["audit"])
        assert after["audit"][:len(before["audit"])] == before["audit"]
        assert server.store().audit.check_head(head).ok
        verbs = [e.verb for e in server.store().audit.entries()]
        assert verbs[head.count] == "server.restore"  # the first entry after the backup's head
        # A shredded case stays unrecoverable: no case, no data key, only its signed record.
        with server.engine.connect() as conn:
            keys = conn.exec_driver_sql("SELECT count(*) FROM case_keys WHERE case_id = %s",
                                        (team["shredded"],)).scalar_one()
        assert keys == 0
        with server.engine.connect() as conn, pytest.raises(CaseShredded):
            server.fields.open(conn, team["shredded"], "cases.title", "§1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        # New rows still get ids after the restored ones (the sequences moved on).
        worker = Workspace.for_server(server, Actor(team["worker"].id, "caseworker"), clock=lambda: NOW)
        worker.cases.add_note(team["kept"], "after the restore")


def test_a_restored_database_has_planner_statistics(backed_up, databases, postgres_url) -> None:
    # Without them (autovacuum off, or before its first round) PostgreSQL scans every
    # reprisal row to show a page of 50 cases.
    team = backed_up
    team["server"].lock()
    target = databases()
    restore_backup_to_server(team["file"], target, ORG_PASS)
    engine = sa.create_engine(target)
    with engine.connect() as conn:
        # reltuples is -1 until a table is first analysed (or vacuumed).
        unanalysed = conn.exec_driver_sql(
            "SELECT relname FROM pg_class WHERE reltuples < 0 "
            "AND relname IN ('cases', 'case_reprisals', 'case_people', 'case_tokens')").scalars().all()
    engine.dispose()
    assert unanalysed == []


def test_only_an_administrator_backs_up(backed_up, tmp_path) -> None:
    server = backed_up["server"]
    for who in ("coordinator", "worker", "reviewer"):
        account = backed_up[who]
        role = {"worker": "caseworker"}.get(who, who)
        ws = Workspace.for_server(server, Actor(account.id, role), clock=lambda: NOW)
        with pytest.raises(AccessDenied, match="may not back up the database"):
            ws.backups.create(tmp_path / f"{who}.backup")
        assert not (tmp_path / f"{who}.backup").exists()


def test_the_backup_holds_no_plaintext_and_no_org_key(backed_up) -> None:
    raw = backed_up["file"].read_bytes()
    for word in (b"Rights Centre", b"Called back", b"Statement of the person", b"admin@example.org"):
        assert word not in raw
    assert verify_backup(backed_up["file"], ORG_PASS).cases == 2


@pytest.mark.parametrize("where", ["magic", "preamble", "first frame", "middle", "last byte"])
def test_a_flipped_byte_is_found_and_nothing_is_restored(backed_up, databases, tmp_path, where) -> None:
    raw = bytearray(backed_up["file"].read_bytes())
    preamble_end = 18 + int.from_bytes(raw[14:18], "big")
    offset = {"magic": 3, "preamble": preamble_end - 40, "first frame": preamble_end + 5,
              "middle": len(raw) // 2, "last byte": len(raw) - 1}[where]
    raw[offset] ^= 0x01
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(bytes(raw))
    with pytest.raises((BackupDamaged, WrongOrgKey)):
        verify_backup(damaged, ORG_PASS)
    target = databases()
    with pytest.raises((BackupDamaged, WrongOrgKey)):
        restore_backup_to_server(damaged, target, ORG_PASS)
    engine = sa.create_engine(target)
    assert sa.inspect(engine).get_table_names() == []  # rolled back: still empty
    engine.dispose()


def test_a_non_empty_database_is_refused_and_left_as_it_was(backed_up) -> None:
    before = backed_up["server"].store().audit.head()
    with pytest.raises(DatabaseNotEmpty, match=r"not empty.*new, empty database"):
        restore_backup_to_server(backed_up["file"], backed_up["url"], ORG_PASS)
    assert backed_up["server"].store().audit.head() == before


def test_a_wrong_org_key_opens_neither_the_backup_nor_the_restored_server(backed_up, databases) -> None:
    target = databases()
    with pytest.raises(WrongOrgKey):
        restore_backup_to_server(backed_up["file"], target, "not the organisation passphrase")
    engine = sa.create_engine(target)
    assert sa.inspect(engine).get_table_names() == []
    engine.dispose()
    restore_backup_to_server(backed_up["file"], target, ORG_PASS)
    with pytest.raises(WrongOrgKey):
        Server.open(target, "not the organisation passphrase")


def _secret(path: Path, value: str) -> Path:
    path.write_text(value + "\n")
    os.chmod(path, 0o600)
    return path


def test_the_command_line_backs_up_verifies_and_restores(backed_up, databases, tmp_path, capsys,
                                                         monkeypatch) -> None:
    monkeypatch.delenv("AMPARO_DB", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    server = backed_up["server"]
    admin = Workspace.for_server(server, Actor(backed_up["admin"].id, "administrator"), clock=lambda: NOW)
    token = _secret(tmp_path / "admin.token", issue_token(admin))
    org = _secret(tmp_path / "org.key", ORG_PASS)
    out = tmp_path / "cli.backup"
    assert main(["backup", "-o", str(out), "--db", backed_up["url"], "--token-file", str(token),
                 "--org-key-file", str(org)]) == 0
    assert "organisation passphrase" in capsys.readouterr().out
    assert main(["backup", "verify", str(out), "--org-key-file", str(org)]) == 0
    assert "OK: the backup" in capsys.readouterr().out
    target = databases()
    assert main(["restore", str(out), "--db", target, "--org-key-file", str(org)]) == 0
    assert "Restored the server backup" in capsys.readouterr().out
    refused = main(["restore", str(out), "--db", target, "--org-key-file", str(org)])
    assert refused == 2 and "not empty" in capsys.readouterr().err
    raw = bytearray(out.read_bytes())
    raw[len(raw) // 2] ^= 0x40
    out.write_bytes(bytes(raw))
    assert main(["backup", "verify", str(out), "--org-key-file", str(org)]) == 1
    assert "DAMAGED" in capsys.readouterr().out
    again = databases()
    assert main(["restore", str(out), "--db", again, "--org-key-file", str(org)]) == 1
    assert "NOT RESTORED" in capsys.readouterr().out


def test_each_kind_of_backup_is_refused_where_the_other_belongs(backed_up, databases, tmp_path) -> None:
    from amparo.model import InvalidInput
    from amparo.service import restore_backup

    with pytest.raises(InvalidInput, match="server's backup; restore it with --db"):
        restore_backup(backed_up["file"], tmp_path / "vault", ORG_PASS)
    assert not (tmp_path / "vault").exists()
    with Workspace.create(tmp_path / "own", "a vault passphrase of some length", kdf=FAST) as ws:
        vault_backup = ws.backups.create(tmp_path / "vault.backup").path
    target = databases()
    with pytest.raises(InvalidInput, match="vault's backup; restore it with --vault"):
        restore_backup_to_server(vault_backup, target, ORG_PASS)


def test_large_evidence_goes_out_in_pieces_as_the_very_bytes_copy_sends(backed_up) -> None:
    """The evidence row, read in ``substring`` pieces, is byte for byte PostgreSQL's COPY text."""
    import hashlib

    from amparo.store import backup_server

    engine = sa.create_engine(backed_up["url"])
    with engine.connect() as conn:
        size = conn.exec_driver_sql("SELECT max(octet_length(data)) FROM blob_data").scalar_one()
        cursor = conn.connection.driver_connection.cursor()
        digest = hashlib.sha256()
        query = "COPY (SELECT blob_id, data FROM blob_data ORDER BY octet_length(data) <= %d DESC, blob_id) TO STDOUT"
        with cursor.copy(query % backup_server._RAW_PIECE) as copy:
            for data in copy:
                digest.update(data)
    engine.dispose()
    assert size > 2 * backup_server._RAW_PIECE  # the row is read in three pieces or more
    manifest = _manifest(backed_up["file"])
    entry = next(f for f in manifest.files if f["path"] == "tables/blob_data")
    assert entry["sha256"] == digest.hexdigest()
    assert manifest.evidence == 1


def _manifest(path: Path):
    from amparo.service.backups import _open_backup, _server_file
    from amparo.store.backup_server import check_server

    with _open_backup(path) as src:
        preamble, aad, keys = _server_file(src, ORG_PASS)
        return check_server(src, preamble, aad, keys)


def test_a_flipped_byte_in_a_piece_of_the_evidence_is_found_and_nothing_is_restored(
        backed_up, databases, tmp_path) -> None:
    from amparo.service.backups import _open_backup, _server_file
    from amparo.store.backup_stream import CHUNK_SIZE, TAG_BYTES, backup_key, open_sealed

    with _open_backup(backed_up["file"]) as src:
        preamble, aad, keys = _server_file(src, ORG_PASS)
        start = src.tell()
        key = backup_key(keys.org_key, base64.b64decode(preamble["salt"]))
        plain = b"".join(open_sealed(src, key, aad, CHUNK_SIZE))
    table = plain.index(b'"table": "blob_data"')
    # Well inside the second 512 KiB piece of the evidence's hex.
    offset = plain.index(b"\t\\\\x", table) + 3 * 512 * 1024
    raw = bytearray(backed_up["file"].read_bytes())
    raw[start + offset // CHUNK_SIZE * (CHUNK_SIZE + TAG_BYTES) + offset % CHUNK_SIZE] ^= 0x01
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(bytes(raw))
    with pytest.raises(BackupDamaged):
        verify_backup(damaged, ORG_PASS)
    target = databases()
    with pytest.raises(BackupDamaged):
        restore_backup_to_server(damaged, target, ORG_PASS)
    engine = sa.create_engine(target)
    assert sa.inspect(engine).get_table_names() == []
    engine.dispose()
