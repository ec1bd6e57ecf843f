"""Helpers for the web tests: a demo vault (fast KDF, fixed clock), an app, unlocking, CSRF."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient

from amparo.service import populate_demo
from amparo.service.workspace import Workspace
from amparo.store import KdfParams
from amparo.web import WebSettings, create_app
from amparo.web.keeper import KeyKeeper

PASSPHRASE = "demo-passphrase-123"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
FAST = KdfParams(memory_kib=8192, time_cost=1)
AIRPORT = "4-coordinator-stopped-at-airport"


def clock() -> datetime:
    return NOW


def make_vault(path: Path) -> dict[str, str]:
    """A demo vault at ``path``; returns the case id of each demo file."""
    ws = Workspace.create(path, PASSPHRASE, kdf=FAST, clock=clock)
    try:
        return populate_demo(ws)
    finally:
        ws.lock()


def create_fast(path: Path, passphrase: str) -> Workspace:
    """A new vault (the first run, or the demo) with fast key derivation and the fixed clock."""
    return Workspace.create(path, passphrase, kdf=FAST, actor="web", clock=clock)


def build_app(vault: Path, **settings: object):
    settings.setdefault("hosts", ("testserver",))  # the TestClient's Host (web/security.py HostCheck)
    keeper = KeyKeeper(WebSettings(vault=vault, **settings),  # type: ignore[arg-type]
                       open_workspace=lambda p: Workspace.open(vault, p, actor="web", clock=clock),
                       create_workspace=create_fast)
    return create_app(WebSettings(vault=vault, **settings), keeper=keeper)  # type: ignore[arg-type]


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def unlock(client: TestClient, passphrase: str = PASSPHRASE):
    page = client.get("/unlock")
    return client.post("/unlock", data={"csrf_token": csrf_of(page.text), "passphrase": passphrase, "next": "/"})



def token(client: TestClient) -> str:
    """The current session's CSRF token."""
    return client.get("/session/csrf").json()["csrf"]


def post(client: TestClient, url: str, data: dict | None = None, **kw):
    """A form post with the session's CSRF token."""
    return client.post(url, data={"csrf_token": token(client), **(data or {})}, **kw)


#: Wizard answers for a case like the airport one (a coordinator stopped on her way to the Council).
AIRPORT_ANSWERS: dict[str, str | list[str]] = {
    "body": "hrc", "kind": "travel-to-session", "session": "HRC 61", "eng_date": "2026-02-24",
    "p1_name": "Ana Testperson", "p1_role": "community-leader", "p1_gender": "woman",
    "p2_name": "Bea Testrelative", "p2_role": "family-member", "p2_gender": "woman",
    "r1_type": "airport-interrogation", "r1_date": "2026-02-24", "r1_perpetrator": "state-security",
    "r1_people": ["p1"], "r1_description": "Questioned at the airport about the Council",
    "country": "HN", "p1_location": "in-country", "p2_location": "in-country", "already_public": "no",
    "p1_consent": "state", "p2_consent": "none", "consent_method": "in-person",
}


def came_back(r) -> bool:
    """A refused form: redirected (post/redirect/get) to the page that shows it again, so
    the browser's Back never lands on a posted page."""
    return r.status_code == 200 and bool(r.history) and r.history[0].status_code == 303


def walk_wizard(client, answers=AIRPORT_ANSWERS):
    """Post every step of the wizard with all answers; returns the last response."""
    r = None
    for step in range(1, 7):
        r = client.post("/triage", data={"csrf_token": token(client), "step": str(step), "go": str(step + 1),
                                         **answers})
        assert r.status_code == 200, r.text[-2000:]
    return r
