"""A pg_dump of a server holds no name, narrative or evidence byte of any case.

Cases with canary names, organisations, narratives, notes, consent notes, follow-up
notes, evidence (content, file name, description) and drafts go in through the service,
with a writer's profile and a share identity (its name and private keys) of canary values;
then every table of the schema is dumped with pg_dump and searched for every canary in
UTF-8, upper and lower case, UTF-16 and the hex form in which pg_dump writes bytea.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from server_support import DEMO, FAST, ORG_PASS

from amparo.service import Actor, Workspace
from amparo.service.people import enrol
from amparo.store.server import Server

pytestmark = pytest.mark.postgres
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
CANARIES = ["Zyxwelda", "Quorrington", "marmalade-tornado", "Qwertyuiop", "Vexillophobe", "Brindlewick",
            "Snorkelgate", "Plumtwizzle", "Grobbleton", "Fizzlewhip"]


def forms(word: str) -> list[bytes]:
    out = []
    for variant in {word, word.lower(), word.upper()}:
        raw = variant.encode("utf-8")
        out += [raw, variant.encode("utf-16-le"), variant.encode("utf-16-be"), raw.hex().encode()]
    return out


def test_a_dump_of_every_table_holds_no_canary(pg_schema_engine: sa.Engine, postgres_url: str) -> None:
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    server = Server.create(pg_schema_engine, ORG_PASS, kdf=FAST, clock=lambda: NOW)
    worker = enrol(server, server.store(), "worker@example.org", "caseworker", "a long enough password")
    ws = Workspace.for_server(server, Actor(worker.id, "caseworker"), clock=lambda: NOW)
    facts = json.loads((DEMO / "4-coordinator-stopped-at-airport.json").read_text())
    facts["title"] = "Quorrington at the airport"
    facts["people"][0]["name"] = "Zyxwelda Quorrington"
    facts["people"][0]["organisation"] = "Fundación Qwertyuiop"
    facts["reprisals"][0]["description"] = "Officers spoke of the marmalade-tornado meeting."
    case_id = ws.cases.add(facts)
    ws.cases.add_note(case_id, "Vexillophobe called back about Quorrington.")
    ws.cases.set_consent(case_id, "p1", "state", method="in-person", note="Brindlewick was present")
    ws.followup.record_event(case_id, kind="released", happened_on=date(2026, 11, 20), people=("p1",),
                             note="Snorkelgate lawyer confirmed")
    ws.evidence.add_stream(case_id, io.BytesIO(b"Statement of Zyxwelda Quorrington. " * 200),
                           filename="Quorrington-statement.txt", description="Brindlewick's copy")
    ws.drafts.draft(case_id, avenue="sp:human-rights-defenders", fmt="txt")
    # The organisation's profile is a coordinator's (or an administrator's) to set.
    lead = enrol(server, server.store(), "lead@example.org", "coordinator", "a long enough password")
    Workspace.for_server(server, Actor(lead.id, "coordinator"), clock=lambda: NOW).profile.set(
        organisation="Plumtwizzle Rights Centre", contact="Grobbleton",
        email="grobbleton@example.org", signature="Grobbleton, Plumtwizzle")
    # So is its share identity.
    own = Workspace.for_server(server, Actor(lead.id, "coordinator"), clock=lambda: NOW).shares.identity(
        organisation="Fizzlewhip Collective")
    secret_age = str(own.identity).encode()
    secret_signing = own.signing.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    assert [s.id for s in ws.cases.list(text="Quorrington")] == [case_id]  # search still works
    assert ws.cases.get(case_id).people[0].name == "Zyxwelda Quorrington"  # and reads back
    assert ws.profile.get().contact == "Grobbleton"
    assert ws.shares.identity().line == own.line

    with pg_schema_engine.connect() as conn:
        schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
    url = sa.make_url(postgres_url)
    dump = subprocess.run(
        ["pg_dump", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres",
         "-d", url.database or "test", "-n", schema, "--no-owner"],
        capture_output=True, check=True).stdout
    assert f"CREATE TABLE {schema}.cases".encode() in dump and b"COPY" in dump
    found = [w for w in CANARIES for f in forms(w) if f in dump]
    assert found == []
    assert secret_age not in dump and secret_age.lower() not in dump
    assert secret_signing.hex().encode() not in dump and secret_signing not in dump
    server.lock()
