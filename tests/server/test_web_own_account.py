"""Your account, in the browser: a new password and a new second factor, each after the
current password; every other browser signed out; nothing typed ever shown again.

Before, a person could not change either: an administrator had to disable the account and
add it again, with a new TOTP key, for a lost phone or a password seen over a shoulder.
"""

from __future__ import annotations

import re

import pyotp
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from web_team_support import PASSWORD, build_team_app, csrf_of, sign_in, totp_code

from amparo.service.people import enrol
from amparo.store.schema import audit_log

pytestmark = pytest.mark.postgres
NEW = "another long enough password"


def _post(client: TestClient, url: str, data: dict, page: str = "/account"):
    return client.post(url, data={"csrf_token": csrf_of(client.get(page).text), **data})


def _browser(app) -> TestClient:
    # Not entered: leaving a TestClient's block runs the app's shutdown, which locks the server.
    return TestClient(app, follow_redirects=True)


def _signs_in(app, email: str, password: str, code: str = "") -> bool:
    return sign_in(_browser(app), email, password, code=code).url.path == "/"


@pytest.fixture
def worker(server, clock):
    account = enrol(server, server.store(), "worker@example.org", "caseworker", PASSWORD)
    app = build_team_app(server, clock)
    with TestClient(app, follow_redirects=True) as client:
        assert sign_in(client, "worker@example.org").url.path == "/"
        yield client, app, account


def test_a_new_password_after_the_current_one_signs_out_the_other_browsers(worker, pg) -> None:
    client, app, account = worker
    elsewhere = _browser(app)
    sign_in(elsewhere, "worker@example.org")
    assert elsewhere.get("/cases").url.path == "/cases"
    before = client.cookies["amparo_session"]
    page = _post(client, "/account/password", {"current": PASSWORD, "password": NEW, "confirm": NEW})
    assert page.url.path == "/account" and "Your password was changed" in page.text
    assert client.get("/cases").url.path == "/cases"  # this browser stays signed in, with a new cookie
    assert client.cookies["amparo_session"] != before
    stolen = _browser(app)
    stolen.cookies.set("amparo_session", before)
    assert stolen.get("/cases").url.path == "/sign-in"  # the cookie it had dies with the old password
    assert elsewhere.get("/cases").url.path == "/sign-in"  # and every other session
    assert not _signs_in(app, "worker@example.org", PASSWORD)
    assert _signs_in(app, "worker@example.org", NEW)
    with pg.connect() as conn:
        entries = conn.execute(sa.select(audit_log.c.verb, audit_log.c.object_id)
                               .where(audit_log.c.verb == "user.password")).all()
        everything = str(conn.execute(sa.select(audit_log)).all())
    assert [tuple(e) for e in entries] == [("user.password", account.id)]
    assert NEW not in everything and PASSWORD not in everything


@pytest.mark.parametrize(("typed", "field", "words"), [
    ({"current": "not my password at all", "password": NEW, "confirm": NEW}, "current",
     "This is not your current password"),
    ({"current": PASSWORD, "password": NEW, "confirm": NEW + "!"}, "confirm", "The two new passwords differ"),
    ({"current": PASSWORD, "password": "short", "confirm": "short"}, "password", "at least 12 characters"),
    ({"current": "", "password": NEW, "confirm": NEW}, "current", "Type your current password"),
])
def test_a_refused_change_says_why_beside_the_field_and_changes_nothing(worker, typed, field, words) -> None:
    client, app, _ = worker
    page = _post(client, "/account/password", typed)
    assert page.url.path == "/account"
    error = re.search(rf'id="{field}-error">([^<]*)<', page.text)
    assert error and words in error.group(1)
    assert 'href="#f-' + field + '"' in page.text  # the summary at the top links to the field
    for value in {v for v in typed.values() if v}:
        assert f'value="{value}"' not in page.text  # passwords are never typed back into the page
    assert _signs_in(app, "worker@example.org", PASSWORD)


def test_wrong_current_passwords_pause_the_account_like_wrong_sign_ins(worker) -> None:
    client, app, _ = worker
    for _ in range(5):
        _post(client, "/account/password", {"current": "not my password at all", "password": NEW, "confirm": NEW})
    page = _post(client, "/account/password", {"current": PASSWORD, "password": NEW, "confirm": NEW})
    assert "changes are paused until" in page.text
    assert not _signs_in(app, "worker@example.org", NEW)


@pytest.fixture
def coordinator(server, clock):
    account = enrol(server, server.store(), "coord@example.org", "coordinator", PASSWORD)
    app = build_team_app(server, clock)
    with TestClient(app, follow_redirects=True) as client:
        assert sign_in(client, "coord@example.org", code=totp_code(account.totp_uri, clock)).url.path == "/"
        yield client, app, account


def _new_key(client: TestClient, code: str) -> str:
    page = _post(client, "/account/second-factor", {"current": PASSWORD, "code": code})
    assert page.url.path == "/account/second-factor"
    key = re.search(r'<code class="secret" dir="ltr">([A-Z2-7 ]+)</code>', page.text).group(1).replace(" ", "")
    assert f"secret={key}" in page.text  # the link holds the same key
    _assert_qr_of_the_link(page.text)
    return key


def _assert_qr_of_the_link(html: str) -> None:
    """The QR code drawn inline is the one of the link shown (the same key), and names itself."""
    import html as html_text

    import segno

    link = html_text.unescape(re.search(r'<code class="secret" dir="ltr">(otpauth://[^<]+)</code>', html).group(1))
    svg = re.search(r'<svg role="img" aria-label="[^"]+"[^>]*>.*?</svg>', html, re.S).group(0)
    drawn = re.search(r'class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    expected = re.search(r'class="qrline"[^>]* d="([^"]+)"',
                         segno.make(link, error="m").svg_inline(scale=5, border=4)).group(1)
    assert drawn == expected
    assert "<img" not in html and "http" not in html.split("<main", 1)[1].split("</main>", 1)[0].replace(
        "otpauth://", "")


def test_a_new_second_factor_replaces_the_old_one_once_a_code_from_it_is_typed(coordinator, clock) -> None:
    client, app, account = coordinator
    old_uri = account.totp_uri
    clock.advance(seconds=30)  # the sign-in used this step's code
    key = _new_key(client, totp_code(old_uri, clock))
    # A wrong code: the old factor stays, the new key is offered again with the error.
    wrong = "000000" if pyotp.TOTP(key).at(clock()) != "000000" else "111111"
    page = _post(client, "/account/second-factor/confirm", {"code": wrong}, page="/account/second-factor")
    assert page.url.path == "/account/second-factor" and "does not come from the new key" in page.text
    assert key in page.text.replace(" ", "")
    clock.advance(seconds=30)
    assert _signs_in(app, "coord@example.org", PASSWORD, totp_code(old_uri, clock))
    clock.advance(seconds=30)
    used = pyotp.TOTP(key).at(clock())
    page = _post(client, "/account/second-factor/confirm", {"code": used}, page="/account/second-factor")
    assert page.url.path == "/account" and "Your new second factor is in use" in page.text
    assert not _signs_in(app, "coord@example.org", PASSWORD, used)  # the code that proved it is spent
    clock.advance(seconds=30)
    assert not _signs_in(app, "coord@example.org", PASSWORD, totp_code(old_uri, clock))
    clock.advance(seconds=30)
    assert _signs_in(app, "coord@example.org", PASSWORD, pyotp.TOTP(key).at(clock()))
    assert key not in client.get("/account").text  # shown once, then gone
    assert client.get("/account/second-factor").url.path == "/account"


def test_keeping_the_old_second_factor_forgets_the_new_key(coordinator, clock) -> None:
    client, app, account = coordinator
    clock.advance(seconds=30)
    key = _new_key(client, totp_code(account.totp_uri, clock))
    page = _post(client, "/account/second-factor/confirm", {"give_up": "1"}, page="/account/second-factor")
    assert "the new key was not put in use" in page.text and key not in page.text
    assert client.get("/account/second-factor").url.path == "/account"
    clock.advance(seconds=30)
    assert _signs_in(app, "coord@example.org", PASSWORD, totp_code(account.totp_uri, clock))


def test_a_new_key_needs_the_current_password_and_a_code_from_the_current_factor(coordinator, clock) -> None:
    # A stolen cookie and a password seen over a shoulder must not be enough to replace
    # the victim's authenticator with the thief's.
    client, _, account = coordinator
    clock.advance(seconds=30)
    code = totp_code(account.totp_uri, clock)
    page = _post(client, "/account/second-factor", {"current": "not my password at all", "code": code})
    assert page.url.path == "/account" and "This is not your current password" in page.text
    page = _post(client, "/account/second-factor", {"current": PASSWORD})
    assert re.search(r'id="factor-code-error">[^<]*6-digit code', page.text)
    wrong = "000000" if code != "000000" else "111111"
    page = _post(client, "/account/second-factor", {"current": PASSWORD, "code": wrong})
    assert re.search(r'id="factor-code-error">[^<]*Wrong code', page.text)
    assert 'class="secret"' not in page.text
    assert _new_key(client, code)
    clock.advance(seconds=30)
    page = _post(client, "/account/second-factor", {"current": PASSWORD, "code": code})  # replayed
    assert re.search(r'id="factor-code-error">[^<]*used already', page.text)


def test_a_caseworker_without_a_second_factor_can_add_one(worker, clock) -> None:
    client, app, _ = worker
    page = client.get("/account")
    assert "Add a second factor" in page.text and "old second factor" not in page.text
    page = _post(client, "/account/second-factor", {"current": PASSWORD})
    key = re.search(r'<code class="secret" dir="ltr">([A-Z2-7 ]+)</code>', page.text).group(1).replace(" ", "")
    assert "old second factor" not in page.text
    page = _post(client, "/account/second-factor/confirm", {"code": pyotp.TOTP(key).at(clock())},
                 page="/account/second-factor")
    assert "Your new second factor is in use" in page.text
    assert not _signs_in(app, "worker@example.org", PASSWORD)  # the code is now asked
    clock.advance(seconds=30)
    assert _signs_in(app, "worker@example.org", PASSWORD, pyotp.TOTP(key).at(clock()))


def test_the_account_page_speaks_the_pages_language(worker) -> None:
    client, _, _ = worker
    page = client.get("/account?lang=fr").text
    assert 'lang="fr"' in page and "Change your password" not in page and "Your account" not in page


def test_the_key_stays_out_of_the_database_in_clear(coordinator, pg, clock) -> None:
    client, _, account = coordinator
    clock.advance(seconds=30)
    key = _new_key(client, totp_code(account.totp_uri, clock))
    with pg.connect() as conn:
        kept = conn.execute(sa.text("SELECT count(*) FROM session_items")).scalar_one()
        dump = " ".join(str(conn.execute(sa.text(f"SELECT * FROM {t}")).all())
                        for t in ("session_items", "users", "audit_log"))
    assert kept >= 1  # the key waits in the session's items, sealed
    assert key not in dump and key.encode().hex() not in dump
