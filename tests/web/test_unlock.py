"""Unlock, lock, the throttle on wrong passphrases, idle timeout, lock requests, cookies."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_support import PASSPHRASE, build_app, csrf_of, post, token, unlock

from amparo.web.keeper import LOCK_REQUEST, KeyKeeper


def test_every_page_asks_to_unlock_first(demo):
    vault, ids = demo
    with TestClient(build_app(vault)) as c:
        for url in ("/", "/cases", f"/cases/{ids['4-coordinator-stopped-at-airport']}", "/triage"):
            r = c.get(url, follow_redirects=False)
            assert r.status_code == 303 and r.headers["location"].startswith("/unlock?next=")
        assert c.get("/api/cases").status_code == 401


def test_unlock_sets_a_strict_httponly_cookie_and_a_new_session_id(demo):
    vault, _ = demo
    with TestClient(build_app(vault)) as c:
        c.get("/unlock")
        before = c.cookies.get("amparo_session")
        r = unlock(c)
        assert r.status_code == 200 and "What is due" in r.text
        cookie = r.history[0].headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
        assert "Secure" not in cookie  # plain http on loopback
        assert c.cookies.get("amparo_session") != before


def test_lock_drops_the_key_and_the_next_request_is_refused(client):
    keeper: KeyKeeper = client.app.state.keeper
    assert keeper.workspace is not None
    r = post(client, "/lock")
    assert r.url.path == "/locked" and "Nothing is open" in r.text
    assert keeper.workspace is None
    assert client.get("/cases", follow_redirects=False).status_code == 303
    assert client.get("/api/due").status_code == 401


def test_lock_without_the_token_locks_nothing(client):
    client.post("/lock", data={})
    assert client.app.state.keeper.workspace is not None


def test_wrong_passphrases_slow_down_further_tries(demo):
    vault, _ = demo
    now = [1000.0]
    with TestClient(build_app(vault)) as c:
        keeper: KeyKeeper = c.app.state.keeper
        keeper.clock = lambda: now[0]
        for _ in range(5):
            r = unlock(c, "wrong passphrase!")
            assert r.status_code == 401 and "does not open" in r.text
        # The sixth try must wait, even with the right passphrase.
        r = unlock(c)
        assert r.status_code == 429 and "Wait" in r.text
        assert keeper.workspace is None
        now[0] += 1.5
        assert unlock(c, "wrong again!!").status_code == 401
        now[0] += 1.5  # the wait doubled to 2 s
        assert unlock(c).status_code == 429
        now[0] += 1
        r = unlock(c)
        assert r.status_code == 200 and keeper.failures == 0


def test_idle_timeout_locks(demo):
    vault, _ = demo
    now = [0.0]
    with TestClient(build_app(vault, idle_minutes=1)) as c:
        keeper: KeyKeeper = c.app.state.keeper
        keeper.clock = lambda: now[0]
        unlock(c)
        now[0] += 30
        assert c.get("/cases").url.path == "/cases"
        now[0] += 61
        assert c.get("/cases").url.path == "/unlock"
        assert keeper.workspace is None


def test_cli_lock_request_file_drops_the_key(client, demo):
    vault, _ = demo
    (vault / LOCK_REQUEST).touch()
    assert client.get("/cases").url.path == "/unlock"
    assert client.app.state.keeper.workspace is None
    assert not (vault / LOCK_REQUEST).exists()


def test_server_stop_locks(demo):
    vault, _ = demo
    app = build_app(vault)
    with TestClient(app) as c:
        unlock(c)
        assert app.state.keeper.workspace is not None
    assert app.state.keeper.workspace is None


def test_a_second_browser_must_type_the_passphrase_too(client):
    other = TestClient(client.app)
    assert other.get("/cases").url.path == "/unlock"
    r = unlock(other, "not the passphrase")
    assert r.status_code == 401
    assert client.get("/cases").status_code == 200  # the first session is untouched
    assert unlock(other, PASSPHRASE).status_code == 200


def test_stale_csrf_token_sends_to_unlock_and_saves_nothing(client, ids):
    case_id = ids["4-coordinator-stopped-at-airport"]
    before = len(client.app.state.keeper.workspace.cases.notes(case_id))
    r = client.post(f"/cases/{case_id}/notes", data={"csrf_token": "stale", "text": "typed text",
                                                     "here": f"/cases/{case_id}"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/unlock?next=/cases/{case_id}&expired=1"
    assert len(client.app.state.keeper.workspace.cases.notes(case_id)) == before


def test_htmx_request_with_ended_session_gets_401_not_a_redirect(client, ids):
    case_id = ids["4-coordinator-stopped-at-airport"]
    r = client.post(f"/cases/{case_id}/notes", data={"text": "x"}, headers={"HX-Request": "true"},
                    follow_redirects=False)
    assert r.status_code == 401


def test_unlock_form_without_token_is_refused(demo):
    vault, _ = demo
    with TestClient(build_app(vault)) as c:
        c.get("/unlock")
        r = c.post("/unlock", data={"passphrase": PASSPHRASE})
        assert r.status_code == 400 and c.app.state.keeper.workspace is None


def test_unlock_returns_to_the_page_asked_for(demo, ids):
    vault, _ = demo
    case_id = ids["4-coordinator-stopped-at-airport"]
    with TestClient(build_app(vault)) as c:
        page = c.get(f"/cases/{case_id}")
        assert page.url.path == "/unlock"
        r = c.post("/unlock", data={"csrf_token": csrf_of(page.text), "passphrase": PASSPHRASE,
                                    "next": f"/cases/{case_id}"})
        assert r.url.path == f"/cases/{case_id}"
        # Never another site.
        page = c.get("/unlock?next=//evil.example/x")
        assert 'value="/"' in page.text or "//evil" not in page.text
        assert token(c)
