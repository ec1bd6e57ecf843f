"""Helpers for the web app in server mode: an app over a test server, signing in, CSRF."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pyotp
from fastapi.testclient import TestClient

from amparo.service import TeamServer
from amparo.web.team_app import team_app, team_settings

PASSWORD = "a long enough password"


def build_team_app(server, clock):
    """The web app over ``server`` (already unlocked), answering the TestClient's host."""
    return team_app(TeamServer(server, clock=clock), team_settings(hosts=("testserver",)))


def totp_code(uri: str, clock) -> str:
    """The code an authenticator app shows now for this provisioning URI."""
    seed = parse_qs(urlparse(uri).query)["secret"][0]
    return pyotp.TOTP(seed).at(clock())


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD, code: str = "", next: str = "/"):
    """Fill and send the sign-in form, as a person would."""
    page = client.get("/sign-in")
    return client.post("/sign-in", data={"csrf_token": csrf_of(page.text), "email": email,
                                         "password": password, "code": code, "next": next})


def post_form(client: TestClient, url: str, data: dict | None = None, *, page: str = "/"):
    """A form post with the CSRF token of ``page`` (as the browser sends it)."""
    token = csrf_of(client.get(page).text)
    return client.post(url, data={"csrf_token": token, **(data or {})})
