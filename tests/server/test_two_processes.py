"""Two application processes on one database: a session opened in one works in the other,
and disabling the account takes effect in the other at its next request."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from server_support import FAST, ORG_PASS

from amparo.service import Actor, Workspace
from amparo.service.people import enrol, first_administrator
from amparo.service.sign_in import authenticate, open_session
from amparo.store.server import Server

pytestmark = pytest.mark.postgres
PASSWORD = "a long enough password"

# The other process: for each token it reads, it answers with the role or the refusal.
OTHER = textwrap.dedent("""
    import sys
    from amparo.service.sign_in import SignInRefused, resume
    from amparo.store.server import Server
    server = Server.open(sys.argv[1], sys.stdin.readline().rstrip("\\n"))
    print("ready", flush=True)
    for line in sys.stdin:
        try:
            print("ok", resume(server, line.strip()).role, flush=True)
        except SignInRefused as exc:
            print("refused", exc, flush=True)
""")


@pytest.fixture
def url(pg_schema_url: str) -> str:
    """A server database URL in a schema of its own (tests/conftest.py)."""
    return pg_schema_url


def test_a_session_and_a_disabled_account_hold_in_another_process(url: str) -> None:
    with Server.create(url, ORG_PASS, kdf=FAST) as server:
        admin = first_administrator(server, "admin@example.org", PASSWORD)
        enrol(server, server.store(), "worker@example.org", "caseworker", PASSWORD)
        token = open_session(server, authenticate(server, "worker@example.org", PASSWORD))
        other = subprocess.Popen([sys.executable, "-c", OTHER, url], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            other.stdin.write(ORG_PASS + "\n")
            other.stdin.flush()
            assert other.stdout.readline().strip() == "ready", other.stderr.read()
            other.stdin.write(token + "\n")
            other.stdin.flush()
            assert other.stdout.readline().strip() == "ok caseworker"
            Workspace.for_server(server, Actor(admin.id, "administrator")).people.disable("worker@example.org")
            other.stdin.write(token + "\n")
            other.stdin.flush()
            assert other.stdout.readline().startswith("refused account")
        finally:
            other.stdin.close()
            other.wait(timeout=30)
