"""Session rules against a local denial of service: who may lock, whose wrong tries slow
whom, which sessions new visitors can push out, which Host names are served."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_support import build_app, post, token, unlock

from amparo.web import keeper as keeper_module
from amparo.web.keeper import LOCK_REQUEST, MAX_SESSIONS, KeyKeeper
from amparo.web.security import allowed_hosts, host_name


def test_a_session_that_never_unlocked_cannot_lock_the_vault(client):
    stranger = TestClient(client.app)
    r = stranger.post("/lock", data={"csrf_token": token(stranger)}, follow_redirects=False)
    assert r.status_code == 303  # the same neutral answer, but nothing happened
    assert "clear-site-data" not in r.headers
    assert client.app.state.keeper.workspace is not None
    assert client.get("/cases").url.path == "/cases"


def test_the_session_that_unlocked_can_lock_and_the_browser_is_told_to_clear(client):
    r = post(client, "/lock", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/locked"
    assert r.headers["clear-site-data"] == '"cache", "storage"'
    assert client.app.state.keeper.workspace is None


def test_a_second_browser_that_unlocked_may_lock_too(client):
    other = TestClient(client.app)
    assert unlock(other).status_code == 200
    post(other, "/lock")
    assert client.app.state.keeper.workspace is None


def test_a_session_ended_elsewhere_gets_clear_site_data_once(client, demo):
    vault, _ = demo
    (vault / LOCK_REQUEST).touch()  # amparo vault lock
    first = client.get("/cases", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["clear-site-data"] == '"cache", "storage"'
    assert "clear-site-data" not in client.get("/unlock").headers


def test_wrong_tries_in_one_tab_do_not_make_another_wait(demo):
    vault, _ = demo
    now = [1000.0]
    app = build_app(vault)
    with TestClient(app) as guesser, TestClient(app) as owner:
        keeper: KeyKeeper = app.state.keeper
        keeper.clock = lambda: now[0]
        for _ in range(5):
            assert unlock(guesser, "wrong passphrase!").status_code == 401
        assert unlock(guesser).status_code == 429  # the guessing tab waits
        r = unlock(owner)
        assert r.status_code == 200 and "What is due" in r.text
        assert keeper.workspace is not None


def test_guessing_from_ever_new_sessions_meets_a_shared_wait(demo, monkeypatch):
    monkeypatch.setattr(keeper_module, "GLOBAL_FREE_TRIES", 8)
    vault, _ = demo
    now = [1000.0]
    app = build_app(vault)
    with TestClient(app) as first:
        keeper: KeyKeeper = app.state.keeper
        keeper.clock = lambda: now[0]
        unlock(first)
        post(first, "/lock")
        statuses = []
        for _ in range(10):
            with TestClient(app) as fresh:  # a new session for every try
                statuses.append(unlock(fresh, "guess guess guess").status_code)
        assert statuses[:8] == [401] * 8 and 429 in statuses[8:]
        now[0] += keeper_module.GLOBAL_MAX_WAIT_SECONDS + 1
        assert unlock(first).status_code == 200 and keeper.failures == 0


def test_requests_without_a_cookie_cannot_push_out_the_unlocked_session(client):
    anonymous = TestClient(client.app)
    for _ in range(MAX_SESSIONS + 20):
        assert anonymous.get("/session/csrf").status_code == 200
        anonymous.cookies.clear()
    r = client.get("/cases", follow_redirects=False)
    assert r.status_code == 200
    assert client.app.state.keeper.workspace is not None


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example",
                                  "localhost.evil.example", "[::2]:80", ""])
def test_a_foreign_host_header_is_refused_before_a_session_is_made(client, host):
    r = client.get("/", headers={"host": host}, follow_redirects=False)
    assert r.status_code == 400
    assert "set-cookie" not in r.headers
    r = client.post("/api/cases", json={}, headers={"host": host, "X-CSRF-Token": token(client)})
    assert r.status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "LOCALHOST", "localhost.", "[::1]:8765"])
def test_loopback_names_are_served(demo, host):
    vault, _ = demo
    with TestClient(build_app(vault, hosts=())) as c:
        assert c.get("/unlock", headers={"host": host}).status_code == 200


def test_the_host_given_to_serve_is_allowed_but_a_wildcard_adds_nothing():
    assert "192.168.1.5" in allowed_hosts(("192.168.1.5",))
    assert allowed_hosts(("0.0.0.0",)) == allowed_hosts(("::",)) == allowed_hosts()
    assert allowed_hosts() == {"127.0.0.1", "localhost", "::1"}
    assert host_name("[::1]:8000") == "::1" and host_name("Amparo.Example.:443") == "amparo.example"


def test_serve_answers_to_its_own_host(demo, monkeypatch):
    import uvicorn

    from amparo.web.server import serve

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    vault, _ = demo
    serve(vault=vault, host="10.1.2.3", port=8765, idle_minutes=5, max_upload_mb=10)
    with TestClient(seen["app"], base_url="http://10.1.2.3:8765") as c:
        assert c.get("/unlock").status_code == 200
        assert c.get("/unlock", headers={"host": "rebound.example"}).status_code == 400
