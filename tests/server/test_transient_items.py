"""What a signed-in session keeps between requests lives in the database, for every process.

Two application instances over one server database, each with its own engine, its own
unlocked organisation key and its own memory (what two ``--workers`` processes have in
common is only the database): a draft made through one downloads through the other, the
wizard's answers and a refused form's typed text come back on the other, signing out
through one forgets everything on both, a caseworker unshared since is refused the
download with a way forward, and a pg_dump holds none of the canary words typed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from server_support import DEMO, FAST, ORG_PASS
from web_team_support import PASSWORD, csrf_of, post_form, sign_in

from amparo.service import Actor, TeamServer, Workspace
from amparo.service.people import enrol
from amparo.store.server import Server
from amparo.web.team_app import team_app, team_settings

pytestmark = pytest.mark.postgres
AVENUE = "sp:human-rights-defenders"
CANARY = "Snorfblatwick"


@pytest.fixture
def schema_url(pg_schema_url: str) -> str:
    """A server database URL in a schema of its own (tests/conftest.py)."""
    return pg_schema_url


class Team:
    """Two application instances over one database, and the people of the team."""

    def __init__(self, url: str, clock):
        self.url = url
        self.server = Server.create(url, ORG_PASS, kdf=FAST, clock=clock)
        store = self.server.store()
        self.worker = enrol(self.server, store, "worker@example.org", "caseworker", PASSWORD)
        self.lawyer = enrol(self.server, store, "lawyer@example.org", "caseworker", PASSWORD)
        coordinator = enrol(self.server, store, "coord@example.org", "coordinator", PASSWORD)
        self.coordinator = Workspace.for_server(self.server, Actor(coordinator.id, "coordinator"), clock=clock)
        self.teams = [TeamServer(Server.open(url, ORG_PASS, clock=clock), clock=clock) for _ in range(2)]
        self.apps = [team_app(t, team_settings(hosts=("testserver",))) for t in self.teams]

    def case(self, name: str = "Ana Example") -> str:
        facts = json.loads((DEMO / "4-coordinator-stopped-at-airport.json").read_text())
        facts["people"][0]["name"] = name
        case_id = self.coordinator.cases.add(facts)
        self.coordinator.people.assign(case_id, "worker@example.org")
        return case_id

    def items(self) -> int:
        with self.server.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM session_items").scalar_one()


@pytest.fixture
def team(schema_url: str, clock) -> Iterator[Team]:
    made = Team(schema_url, clock)
    yield made
    for t in made.teams:
        t.lock()
    made.server.lock()


def clients(team: Team, email: str = "worker@example.org") -> tuple[TestClient, TestClient]:
    """The same browser (one cookie) reaching process A, then process B."""
    a = TestClient(team.apps[0], follow_redirects=True)
    b = TestClient(team.apps[1], follow_redirects=True)
    assert sign_in(a, email).status_code == 200
    for name, value in a.cookies.items():
        b.cookies.set(name, value)
    return a, b


def make_draft(client: TestClient, case_id: str) -> str:
    page = post_form(client, f"/cases/{case_id}/drafts", {"avenue": AVENUE, "language": "en", "fmt": "txt"},
                     page=f"/cases/{case_id}/plan")
    assert page.status_code == 200, page.text[-1500:]
    draft_id = str(page.url).rstrip("/").rsplit("/", 1)[-1]
    assert f"/drafts/{draft_id}/download" in page.text
    return draft_id


def test_a_draft_made_through_one_process_downloads_through_the_other(team: Team) -> None:
    case_id = team.case("Ana Example")
    a, b = clients(team)
    draft_id = make_draft(a, case_id)
    page = b.get(f"/cases/{case_id}/drafts/{draft_id}")
    assert page.status_code == 200 and f"/drafts/{draft_id}/download" in page.text  # B shows it ready
    got = b.get(f"/drafts/{draft_id}/download")
    assert got.status_code == 200 and got.content == a.get(f"/drafts/{draft_id}/download").content
    assert "attachment" in got.headers["content-disposition"] and b"Ana Example" in got.content


def test_the_wizard_started_on_one_process_continues_on_the_other(team: Team) -> None:
    a, b = clients(team)
    token = csrf_of(a.get("/triage").text)
    a.post("/triage", data={"csrf_token": token, "step": "3", "go": "2", "p1_name": CANARY})
    assert CANARY in b.get("/triage").text
    post_form(b, "/triage/reset", page="/triage")
    assert CANARY not in a.get("/triage").text  # reset through B: A starts afresh too


def test_a_refused_form_comes_back_with_its_typed_text_on_the_other_process(team: Team) -> None:
    case_id = team.case()
    a, b = clients(team)
    token = csrf_of(a.get(f"/cases/{case_id}").text)
    refused = a.post(f"/cases/{case_id}/actions", data={"csrf_token": token, "note": f"{CANARY} called",
                                                      "sent_on": "not a date", "channel": "nonsense"},
                     follow_redirects=False)
    assert refused.status_code == 303
    assert CANARY in b.get(refused.headers["location"]).text  # shown once, by the other process
    assert CANARY not in a.get(refused.headers["location"]).text  # and then forgotten by both


def test_signing_out_on_one_process_forgets_the_draft_on_the_other(team: Team) -> None:
    case_id = team.case()
    a, b = clients(team)
    draft_id = make_draft(a, case_id)
    token = csrf_of(a.get("/triage").text)
    a.post("/triage", data={"csrf_token": token, "step": "3", "go": "2", "p1_name": CANARY})
    assert team.items() == 2
    assert post_form(b, "/lock", page="/").status_code == 200
    assert team.items() == 0  # gone from the database at once
    after = a.get(f"/drafts/{draft_id}/download")
    assert b"Ana Example" not in after.content and "sign-in" in str(after.url)


def test_a_caseworker_unshared_after_drafting_is_refused_the_download_with_a_way_forward(team: Team) -> None:
    case_id = team.case()
    team.coordinator.people.share(case_id, "lawyer@example.org")
    a, b = clients(team, "lawyer@example.org")
    draft_id = make_draft(a, case_id)
    team.coordinator.people.unshare(case_id, "lawyer@example.org")
    refused = b.get(f"/drafts/{draft_id}/download")
    assert refused.status_code == 403
    assert "Ana Example" not in refused.text and "Ask a coordinator" in refused.text


def test_what_an_ended_session_kept_is_purged_and_unreadable_before(team: Team, clock) -> None:
    case_id = team.case()
    a, _b = clients(team)
    make_draft(a, case_id)
    shelf = team.apps[1].state.keeper.shelf
    assert shelf.purge() == 0 and team.items() == 1  # an open session keeps its draft
    clock.advance(hours=9)  # past the session's expiry
    assert shelf.purge() == 1 and team.items() == 0


def test_disabling_an_account_makes_its_items_unreadable_and_purged(team: Team) -> None:
    case_id = team.case()
    a, b = clients(team)
    draft_id = make_draft(a, case_id)
    shelf = team.apps[0].state.keeper.shelf
    team.server.store().accounts.set_disabled(team.worker.id, True)
    assert shelf.purge() == 1 and team.items() == 0  # the periodic purge, before any request
    make_draft_refused = b.get(f"/drafts/{draft_id}/download")
    assert b"Ana Example" not in make_draft_refused.content and "sign-in" in str(make_draft_refused.url)


def test_a_dump_after_drafting_holds_no_canary_byte(team: Team, postgres_url: str) -> None:
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    case_id = team.case(f"{CANARY} Example")
    a, _b = clients(team)
    make_draft(a, case_id)
    token = csrf_of(a.get("/triage").text)
    a.post("/triage", data={"csrf_token": token, "step": "3", "go": "2", "p1_name": f"{CANARY} Wizard"})
    token = csrf_of(a.get(f"/cases/{case_id}").text)
    a.post(f"/cases/{case_id}/actions", data={"csrf_token": token, "note": f"{CANARY} typed", "sent_on": "no",
                                              "channel": "nonsense"}, follow_redirects=False)
    assert team.items() == 3  # a draft, the wizard's answers, a refused form
    with team.server.engine.connect() as conn:
        schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
    url = sa.make_url(postgres_url)
    dump = subprocess.run(
        ["pg_dump", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres",
         "-d", url.database or "test", "-n", schema, "--no-owner"], capture_output=True, check=True).stdout
    assert b"session_items" in dump
    found = [f for w in {CANARY, CANARY.lower(), CANARY.upper()}
             for f in (w.encode(), w.encode("utf-16-le"), w.encode().hex().encode()) if f in dump]
    assert found == []
