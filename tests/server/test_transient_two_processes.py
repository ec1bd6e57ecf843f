"""Two real ``amparo serve --db`` processes: what a session keeps is served by either.

A draft made through process A downloads through process B, the wizard's answers started
on A continue on B, and after signing out on B the draft is gone on A (and from the
database). The processes share nothing but the database (no sticky sessions needed).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from server_support import DEMO, FAST, ORG_PASS
from test_web_two_processes import csrf, key_file, serving, sign_in
from web_team_support import PASSWORD

from amparo.service import Actor, Workspace
from amparo.service.people import enrol
from amparo.store.server import Server

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
CANARY = "Plinkerdoodle"


@pytest.fixture
def url(pg_schema_url: str) -> str:
    """A server database URL in a schema of its own (tests/conftest.py)."""
    return pg_schema_url


def items(url: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM session_items").scalar_one()
    finally:
        engine.dispose()


@pytest.fixture
def two(url: str, tmp_path: Path):
    with Server.create(url, ORG_PASS, kdf=FAST) as server:
        enrol(server, server.store(), "worker@example.org", "caseworker", PASSWORD)
        coordinator = enrol(server, server.store(), "coord@example.org", "coordinator", PASSWORD)
        ws = Workspace.for_server(server, Actor(coordinator.id, "coordinator"))
        facts = json.loads((DEMO / "4-coordinator-stopped-at-airport.json").read_text())
        facts["people"][0]["name"] = f"{CANARY} Example"
        case_id = ws.cases.add(facts)
        ws.people.assign(case_id, "worker@example.org")
    with serving(url, key_file(tmp_path)) as ports:
        yield case_id, ports


def test_drafts_and_wizard_answers_follow_the_session_across_processes(two, url: str) -> None:
    case_id, (port_a, port_b) = two
    with httpx.Client(base_url=f"http://127.0.0.1:{port_a}", follow_redirects=True) as a, \
            httpx.Client(base_url=f"http://127.0.0.1:{port_b}", follow_redirects=True) as b:
        assert sign_in(a, "worker@example.org").status_code == 200
        b.cookies.update(a.cookies)
        made = a.post(f"/cases/{case_id}/drafts", data={"csrf_token": csrf(a, f"/cases/{case_id}/plan"),
                                                        "avenue": "sp:human-rights-defenders", "language": "en",
                                                        "fmt": "txt"})
        assert made.status_code == 200
        draft_id = str(made.url).rstrip("/").rsplit("/", 1)[-1]
        assert re.fullmatch(r"[A-Za-z0-9_-]+", draft_id)
        got = b.get(f"/drafts/{draft_id}/download")  # made on A, downloaded from B
        assert got.status_code == 200 and CANARY.encode() in got.content

        a.post("/triage", data={"csrf_token": csrf(a, "/triage"), "step": "3", "go": "2",
                                "p1_name": f"{CANARY} Wizard"})
        assert f"{CANARY} Wizard" in b.get("/triage").text  # started on A, continued on B

        assert items(url) == 2
        b.post("/lock", data={"csrf_token": csrf(b, "/")})  # sign out through B
        assert items(url) == 0
        after = a.get(f"/drafts/{draft_id}/download")
        assert CANARY.encode() not in after.content and "/sign-in" in str(after.url)
