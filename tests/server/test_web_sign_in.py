"""The web app in server mode: signing in with a second factor, and every way it is refused.

Each refusal is the sign-in page with a sentence saying what to do, the e-mail address
kept, no session opened, and an audit entry naming ids only.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from web_team_support import PASSWORD, build_team_app, csrf_of, post_form, sign_in, totp_code

from amparo.service.people import enrol, first_administrator
from amparo.store.schema import audit_log
from amparo.store.server_schema import sessions

pytestmark = pytest.mark.postgres


@pytest.fixture
def team(server, clock):
    admin = first_administrator(server, "admin@example.org", PASSWORD)
    worker = enrol(server, server.store(), "worker@example.org", "caseworker", PASSWORD)
    with TestClient(build_team_app(server, clock), follow_redirects=True) as client:
        yield client, admin, worker


def open_sessions(pg: sa.Engine) -> int:
    with pg.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(sessions)).scalar_one()


def audit_since(pg: sa.Engine, seq: int) -> list[tuple[str, str, str]]:
    with pg.connect() as conn:
        return [(r.verb, r.object_type, r.object_id) for r in conn.execute(
            sa.select(audit_log).where(audit_log.c.seq > seq).order_by(audit_log.c.seq))]


def last_seq(pg: sa.Engine) -> int:
    with pg.connect() as conn:
        return conn.execute(sa.select(sa.func.max(audit_log.c.seq))).scalar_one() or 0


def test_an_administrator_signs_in_with_password_and_code(team, clock, pg) -> None:
    client, admin, _ = team
    page = sign_in(client, "admin@example.org", code=totp_code(admin.totp_uri, clock))
    assert page.status_code == 200 and 'action="/sign-out"' in page.text
    cookie = next(h for h in page.history[0].headers.get_list("set-cookie") if h.startswith("amparo_session="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert open_sessions(pg) == 1
    assert client.get("/team").status_code == 200  # the accounts page, for administrators


def test_without_code_a_wrong_code_and_a_replayed_code_are_refused(team, clock, pg) -> None:
    client, admin, _ = team
    before = last_seq(pg)
    page = sign_in(client, "admin@example.org")
    assert page.status_code == 401 and "6-digit code" in page.text
    assert 'value="admin@example.org"' in page.text and PASSWORD not in page.text
    right = totp_code(admin.totp_uri, clock)
    wrong = "000000" if right != "000000" else "111111"
    page = sign_in(client, "admin@example.org", code=wrong)
    assert page.status_code == 401 and "Wrong code" in page.text
    assert sign_in(client, "admin@example.org", code=right).status_code == 200
    post_form(client, "/sign-out")
    page = sign_in(client, "admin@example.org", code=right)  # the same code, the same 30 s
    assert page.status_code == 401 and "used already" in page.text
    verbs = [v for v, _, _ in audit_since(pg, before)]
    assert "signin.refused" in verbs and "signin.replayed" in verbs
    assert all(e == "user" and i == admin.id for v, e, i in audit_since(pg, before) if v.startswith("signin."))


def test_a_wrong_password_opens_nothing_and_names_nobody(team, pg) -> None:
    client, _, worker = team
    before = last_seq(pg)
    page = sign_in(client, "worker@example.org", password="not the right password")
    assert page.status_code == 401 and "Wrong e-mail address or password" in page.text
    page = sign_in(client, "nobody@example.org")
    assert page.status_code == 401 and "Wrong e-mail address or password" in page.text
    assert open_sessions(pg) == 0
    entries = audit_since(pg, before)
    assert ("signin.refused", "user", worker.id) in entries and ("signin.refused", "server", "server") in entries
    assert not any("example.org" in i for _, _, i in entries)
    assert client.get("/cases", follow_redirects=False).headers["location"].startswith("/sign-in")


def test_a_blank_form_and_a_stale_page_say_what_to_fill_in(team, pg) -> None:
    client, _, _ = team
    csrf = csrf_of(client.get("/sign-in").text)
    page = client.post("/sign-in", data={"csrf_token": csrf, "email": "", "password": "", "next": "/"})
    assert page.status_code == 422 and "Type your e-mail address." in page.text and "Type your password." in page.text
    page = client.post("/sign-in", data={"csrf_token": "stale", "email": "worker@example.org",
                                         "password": PASSWORD, "next": "/"})
    assert page.status_code == 400 and "open too long" in page.text
    assert open_sessions(pg) == 0


def test_a_disabled_account_is_refused_and_its_open_session_dies(team, server, clock, pg) -> None:
    client, admin, _ = team
    assert sign_in(client, "worker@example.org").status_code == 200
    admin_client = TestClient(client.app, follow_redirects=True)  # another browser (no second lifespan)
    sign_in(admin_client, "admin@example.org", code=totp_code(admin.totp_uri, clock))
    done = post_form(admin_client, "/team/disable", {"email": "worker@example.org"}, page="/team")
    assert done.status_code == 200 and "disabled" in done.text
    page = client.get("/cases")
    assert page.url.path == "/sign-in" and "This account is disabled" in page.text
    page = sign_in(client, "worker@example.org")
    assert page.status_code == 403 and "Ask an administrator" in page.text


def test_an_expired_session_asks_to_sign_in_again(team, clock, pg) -> None:
    client, _, worker = team
    assert sign_in(client, "worker@example.org").status_code == 200
    clock.advance(hours=9)
    before = last_seq(pg)
    page = client.get("/cases")
    assert page.url.path == "/sign-in" and "Your session has expired" in page.text
    assert ("session.expired", "user", worker.id) in audit_since(pg, before)


def test_signing_out_ends_the_session_everywhere(team, pg) -> None:
    client, _, _ = team
    sign_in(client, "worker@example.org")
    cookie = client.cookies.get("amparo_session")
    page = post_form(client, "/sign-out")
    assert page.url.path == "/sign-in" and "You have signed out." in page.text
    client.cookies.clear()
    client.cookies.set("amparo_session", cookie, domain="testserver.local")  # the old cookie, sent again
    page = client.get("/cases")
    assert page.url.path == "/sign-in" and "Your session was ended" in page.text


def test_five_wrong_tries_pause_the_account_until_an_administrator_enables_it(team, clock, pg) -> None:
    client, admin, _ = team
    for _ in range(5):
        assert sign_in(client, "worker@example.org", password="not the right password").status_code == 401
    page = sign_in(client, "worker@example.org")
    assert page.status_code == 429 and "paused until 10:15 (UTC)" in page.text
    assert open_sessions(pg) == 0
    admin_client = TestClient(client.app, follow_redirects=True)
    sign_in(admin_client, "admin@example.org", code=totp_code(admin.totp_uri, clock))
    post_form(admin_client, "/team/disable", {"email": "worker@example.org"}, page="/team")
    post_form(admin_client, "/team/enable", {"email": "worker@example.org"}, page="/team")
    assert sign_in(client, "worker@example.org").status_code == 200


def test_a_pause_ends_by_itself(team, clock) -> None:
    client, _, _ = team
    for _ in range(5):
        sign_in(client, "worker@example.org", password="not the right password")
    assert sign_in(client, "worker@example.org").status_code == 429
    clock.advance(minutes=16)
    assert sign_in(client, "worker@example.org").status_code == 200


@pytest.mark.parametrize(("lang", "words"), [
    ("fr", "Adresse e-mail ou mot de passe incorrect"), ("es", "Dirección de correo o contraseña incorrecta"),
    ("ar", "عنوان البريد الإلكتروني أو كلمة المرور غير صحيحة"), ("zh", "电子邮件地址或密码错误"),
    ("ru", "Неверный адрес электронной почты или пароль"),
])
def test_a_refusal_is_in_the_pages_language(team, lang, words) -> None:
    client, _, _ = team
    client.get(f"/sign-in?lang={lang}")
    page = sign_in(client, "worker@example.org", password="not the right password")
    assert page.status_code == 401 and words in page.text
