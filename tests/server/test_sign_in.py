"""Signing in: passwords, second factors used once, sessions that expire, end, and die with
their account, in every process that shares the database."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pyotp
import pytest
import sqlalchemy as sa
from server_support import ORG_PASS

from amparo.service.people import enrol, first_administrator
from amparo.service.sign_in import SignInRefused, authenticate, open_session, resume, sign_out
from amparo.store.schema import audit_log
from amparo.store.server import Server
from amparo.store.server_schema import sessions, users

pytestmark = pytest.mark.postgres
PASSWORD = "a long enough password"


def code(uri: str, clock) -> str:
    seed = parse_qs(urlparse(uri).query)["secret"][0]
    return pyotp.TOTP(seed).at(clock())


def last_verbs(engine: sa.Engine, n: int = 1) -> list[str]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(audit_log.c.verb).order_by(audit_log.c.seq.desc()).limit(n)).scalars()
        return list(rows)[::-1]


def test_an_administrator_signs_in_with_password_and_code_once(server, pg, clock) -> None:
    admin = first_administrator(server, "Admin@Example.org", PASSWORD)
    assert admin.role == "administrator" and admin.totp_uri.startswith("otpauth://totp/Amparo:admin%40example.org")
    with pytest.raises(SignInRefused, match="6-digit code"):
        authenticate(server, "admin@example.org", PASSWORD, clock=clock)
    actor = authenticate(server, "admin@example.org", PASSWORD, code(admin.totp_uri, clock), clock=clock)
    assert (actor.id, actor.role) == (admin.id, "administrator")
    with pytest.raises(SignInRefused, match="used already"):
        authenticate(server, "admin@example.org", PASSWORD, code(admin.totp_uri, clock), clock=clock)
    assert last_verbs(pg) == ["signin.replayed"]
    clock.advance(seconds=30)
    assert authenticate(server, "admin@example.org", PASSWORD, code(admin.totp_uri, clock), clock=clock).id == admin.id


def test_wrong_password_wrong_code_and_unknown_login_are_refused_and_audited(server, pg, clock) -> None:
    admin = first_administrator(server, "admin@example.org", PASSWORD)
    with pytest.raises(SignInRefused, match="wrong e-mail address or password"):
        authenticate(server, "admin@example.org", "not the password at all", clock=clock)
    with pytest.raises(SignInRefused, match="wrong e-mail address or password"):
        authenticate(server, "nobody@example.org", PASSWORD, clock=clock)
    with pytest.raises(SignInRefused, match="wrong second-factor code"):
        authenticate(server, "admin@example.org", PASSWORD, "000000" if code(admin.totp_uri, clock) != "000000"
                     else "111111", clock=clock)
    assert last_verbs(pg, 3) == ["signin.refused"] * 3
    with pg.connect() as conn:
        stored = conn.execute(sa.select(users.c.password_hash, users.c.totp_secret)).one()
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash
    seed = parse_qs(urlparse(admin.totp_uri).query)["secret"][0]
    assert seed.encode() not in bytes(stored.totp_secret)


def test_a_caseworker_without_a_second_factor_signs_in_with_the_password(server, clock) -> None:
    worker = enrol(server, server.store(), "worker@example.org", "caseworker", PASSWORD)
    assert worker.totp_uri is None
    assert authenticate(server, "worker@example.org", PASSWORD, clock=clock).role == "caseworker"


def test_a_session_works_in_another_process_until_it_expires_or_ends(server, pg, clock) -> None:
    worker = enrol(server, server.store(), "worker@example.org", "caseworker", PASSWORD)
    actor = authenticate(server, "worker@example.org", PASSWORD, clock=clock)
    token = open_session(server, actor, hours=1, clock=clock)
    with Server.open(pg, ORG_PASS, clock=clock) as other:  # a second application process
        assert resume(other, token, clock=clock).id == worker.id
        clock.advance(minutes=61)
        with pytest.raises(SignInRefused, match="expired"):
            resume(other, token, clock=clock)
    assert last_verbs(pg) == ["session.expired"]
    clock.advance(minutes=-61)
    sign_out(server, token)
    with pytest.raises(SignInRefused, match="was ended"):
        resume(server, token, clock=clock)
    with pg.connect() as conn:
        assert token not in str(conn.execute(sa.select(sessions)).all())


def test_disabling_an_account_stops_its_sessions_in_every_process(server, pg, clock) -> None:
    from amparo.service import Actor, Workspace

    admin = first_administrator(server, "admin@example.org", PASSWORD)
    enrol(server, server.store(), "worker@example.org", "caseworker", PASSWORD)
    token = open_session(server, authenticate(server, "worker@example.org", PASSWORD, clock=clock), clock=clock)
    with Server.open(pg, ORG_PASS, clock=clock) as other:
        resume(other, token, clock=clock)
        ws = Workspace.for_server(server, Actor(admin.id, "administrator"), clock=clock)
        ws.people.disable("worker@example.org")
        with pytest.raises(SignInRefused, match="disabled"):
            resume(other, token, clock=clock)
        with pytest.raises(SignInRefused, match="disabled"):
            authenticate(other, "worker@example.org", PASSWORD, clock=clock)
    assert last_verbs(pg) == ["signin.disabled"]


def test_an_unknown_session_token_is_refused(server, clock) -> None:
    with pytest.raises(SignInRefused, match="not signed in"):
        resume(server, "made-up-token", clock=clock)


def test_a_cookie_sent_again_and_again_adds_one_audit_entry_a_minute(server, pg, clock, monkeypatch) -> None:
    # Made-up cookies cost nothing to send; each refusal used to add an entry (and take the
    # audit head's lock), so anyone could grow the log and slow every writer.
    from amparo.service import sign_in

    now = [1000.0]
    monkeypatch.setattr(sign_in, "monotonic", lambda: now[0])
    before = len(last_verbs(pg, 10_000))
    for n in range(50):
        with pytest.raises(SignInRefused, match="unknown session"):
            resume(server, f"made-up-{n}", clock=clock)
    assert len(last_verbs(pg, 10_000)) == before + 1
    worker = enrol(server, server.store(), "worker@example.org", "caseworker", PASSWORD)
    token = open_session(server, authenticate(server, "worker@example.org", PASSWORD, clock=clock), clock=clock)
    sign_out(server, token)
    for _ in range(20):  # a stolen cookie of an ended session, replayed
        with pytest.raises(SignInRefused, match="was ended"):
            resume(server, token, clock=clock)
    assert last_verbs(pg, 2) == ["session.revoke", "session.refused"]
    now[0] += sign_in.AUDIT_REFUSALS_EVERY
    with pytest.raises(SignInRefused):
        resume(server, token, clock=clock)
    with pytest.raises(SignInRefused):
        resume(server, "made-up-again", clock=clock)
    with pg.connect() as conn:
        rows = conn.execute(sa.select(audit_log.c.verb, audit_log.c.object_id)
                            .order_by(audit_log.c.seq.desc()).limit(2)).all()
    assert [tuple(r) for r in rows][::-1] == [("session.refused", worker.id), ("session.refused", "server")]
