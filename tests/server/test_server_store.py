"""The server store on PostgreSQL: opening refuses what it must, evidence lives in the database."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from server_support import FAST, ORG_PASS, demo_case

from amparo.model import NotFound
from amparo.store.migrate import head_revision
from amparo.store.org_key import WrongOrgKey
from amparo.store.schema import audit_log, cases
from amparo.store.server import (
    DatabaseUnreachable,
    SchemaOutdated,
    Server,
    ServerAlreadyInitialised,
    ServerNotInitialised,
)
from amparo.store.server_schema import blob_data

pytestmark = pytest.mark.postgres


def audit_verbs(engine: sa.Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(sa.select(audit_log.c.verb).order_by(audit_log.c.seq)).scalars())


def test_a_made_server_opens_again_with_its_passphrase(server: Server, pg: sa.Engine) -> None:
    case_id = server.store("U-A").cases.add(demo_case())
    with Server.open(pg, ORG_PASS) as again:
        assert again.store().cases.get(case_id).case.title == demo_case().title
    assert audit_verbs(pg) == ["server.init", "case.create"]


def test_a_wrong_organisation_key_is_refused_audited_and_changes_nothing_else(server: Server, pg: sa.Engine) -> None:
    server.store().cases.add(demo_case())
    with pg.connect() as conn:
        before = conn.execute(sa.select(cases)).all()
    with pytest.raises(WrongOrgKey, match="wrong organisation key"):
        Server.open(pg, "not the organisation passphrase")
    with pg.connect() as conn:
        assert conn.execute(sa.select(cases)).all() == before
    assert audit_verbs(pg)[-1] == "server.unlock-refused"


def test_init_twice_is_refused_and_keeps_the_first_key(server: Server, pg: sa.Engine) -> None:
    with pytest.raises(ServerAlreadyInitialised, match="already holds an Amparo organisation"):
        Server.create(pg, "another passphrase entirely", kdf=FAST)
    Server.open(pg, ORG_PASS).lock()


def test_an_empty_database_is_not_a_server(pg: sa.Engine) -> None:
    with pytest.raises(ServerNotInitialised, match="run amparo server init"):
        Server.open(pg, ORG_PASS)


def test_an_older_schema_is_refused_until_upgraded(server: Server, pg: sa.Engine) -> None:
    with pg.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0004'"))
    with pytest.raises(SchemaOutdated, match=r"schema 0004, older .*amparo server upgrade"):
        Server.open(pg, ORG_PASS)
    with pg.begin() as conn:  # what 0006 made is there already: put the head back by hand
        conn.execute(sa.text(f"UPDATE alembic_version SET version_num = '{head_revision()}'"))
    with pg.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaOutdated, match="newer Amparo"):
        Server.open(pg, ORG_PASS)


def test_an_unreachable_url_is_named_without_its_password() -> None:
    url = "postgresql+psycopg://amparo:s3cr3t-pw@127.0.0.1:1/amparo"
    with pytest.raises(DatabaseUnreachable) as caught:
        Server.open(url, ORG_PASS)
    message = str(caught.value)
    assert "127.0.0.1:1/amparo" in message and "s3cr3t-pw" not in message


def test_evidence_is_sealed_in_the_database_and_shredded_with_its_record(server: Server, pg: sa.Engine) -> None:
    store = server.store("U-A")
    case_id = store.cases.add(demo_case())
    content = b"Statement of the witness, page one. " * 5000
    stored = store.evidence.add_from_stream(case_id, io.BytesIO(content), filename="s.txt",
                                            media_type="text/plain")
    assert b"".join(server.evidence.open(stored.blob_id)) == content
    assert server.evidence.verify(stored.blob_id, stored.evidence.sha256)
    with pg.connect() as conn:
        sealed = conn.execute(sa.select(blob_data.c.data)).scalar_one()
    assert b"Statement of the witness" not in bytes(sealed)
    store.evidence.delete_for_good(stored.evidence.id)
    with pg.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(blob_data)).scalar_one() == 0
    with pytest.raises(NotFound):
        server.evidence.open(stored.blob_id)


def test_deleting_a_case_removes_its_evidence_bytes(server: Server, pg: sa.Engine) -> None:
    store = server.store("U-A")
    case_id = store.cases.add(demo_case())
    store.evidence.add_from_stream(case_id, io.BytesIO(b"x" * 100), filename="a.bin",
                                   media_type="application/octet-stream")
    store.cases.delete(case_id)
    with pg.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(blob_data)).scalar_one() == 0


def test_shredding_one_case_leaves_nothing_readable_and_a_signed_dated_record(server: Server, pg: sa.Engine) -> None:
    from amparo.service import Actor, Workspace
    from amparo.service.people import enrol
    from amparo.service.policy import AccessDenied
    from amparo.store.server_schema import case_keys, case_tokens

    coordinator = enrol(server, server.store(), "coord@example.org", "coordinator", "a long enough password")
    worker = enrol(server, server.store(), "worker@example.org", "caseworker", "a long enough password")
    ws = Workspace.for_server(server, Actor(coordinator.id, "coordinator"))
    case_id, kept = ws.cases.add(demo_case()), ws.cases.add(demo_case())
    ws.people.share(case_id, "worker@example.org")
    ws.evidence.add_stream(case_id, io.BytesIO(b"statement " * 100), filename="s.txt")
    with pytest.raises(AccessDenied):  # shared is not enough to destroy a case
        Workspace.for_server(server, Actor(worker.id, "caseworker")).cases.shred(case_id)
    record = ws.cases.shred(case_id)
    assert record.verify() and record.case_id == case_id and record.actor == coordinator.id
    from amparo.store.shred import public_key

    assert record.public_key == public_key(server.fields.signing_seed)
    assert ws.cases.shred_record(case_id).statement == record.statement
    forged = record.statement.replace(case_id, kept)
    assert not type(record)(kept, record.shredded_at, record.actor, record.audit_seq, forged,
                            record.signature, record.public_key).verify()
    with pg.connect() as conn:
        for table in (cases, case_keys, case_tokens, blob_data):
            ids = conn.execute(sa.select(table)).all()
            assert case_id not in str(ids), table.name
    assert "case.shred" in audit_verbs(pg)
    assert ws.cases.get(kept).title == demo_case().title
    assert ws.audit_verify().ok


def test_vault_passphrase_operations_are_refused_on_a_server(server: Server) -> None:
    from amparo.model import AmparoError
    from amparo.service import Actor, Workspace

    ws = Workspace.for_server(server, Actor("U-NOBODY01", "coordinator"))
    for call in (lambda: ws.rekey("a new passphrase"), lambda: ws.change_passphrase("a new passphrase"),
                 lambda: ws.check_passphrase("anything at all")):
        with pytest.raises(AmparoError, match="a server has no vault passphrase"):
            call()
