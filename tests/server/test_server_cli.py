"""Server mode on the command line: init, accounts, assignment and sharing, every refusal named."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyotp
import pytest
import sqlalchemy as sa
from server_support import DEMO

from amparo.cli.app import main
from amparo.store.schema import audit_log, cases

pytestmark = pytest.mark.postgres
AIRPORT = DEMO / "4-coordinator-stopped-at-airport.json"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def db_url(pg_schema_url: str) -> str:
    """A server database URL in a schema of its own (tests/conftest.py)."""
    return pg_schema_url


@pytest.fixture
def secret(tmp_path: Path):
    def write(name: str, value: str) -> Path:
        path = tmp_path / name
        path.write_text(value + "\n")
        os.chmod(path, 0o600)
        return path

    return write


@pytest.fixture
def cli(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("AMPARO_DB", raising=False)

    def run(*args: object) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


class Codes:
    """Fresh TOTP codes for one account, each for a later time step than the last (no waiting)."""

    def __init__(self, uri: str):
        self.totp = pyotp.TOTP(parse_qs(urlparse(uri).query)["secret"][0])
        self.used = -10**9

    def next(self) -> str:
        step = max(int(time.time()) // 30 - 1, self.used + 1)
        self.used = step
        return self.totp.at(step * 30)


@pytest.fixture
def team(cli, db_url, secret):
    """A server made by ``server init`` and a way to run commands as its people."""
    org = secret("org.key", "the organisation's own passphrase")
    admin_pw = secret("admin.pw", "the administrator's password")
    made = cli("server", "init", "--db", db_url, "--admin", "admin@example.org", "--password-file", admin_pw,
               "--org-key-file", org, "--argon2-memory-mib", "8")
    assert made.code == 0, made.err
    uri = re.search(r"otpauth://\S+", made.out).group(0)
    admin = Codes(uri)

    def as_user(email: str, password: Path, *args: object, totp: str | None = None) -> Result:
        extra = ["--totp", totp] if totp else []
        return cli(*args, "--db", db_url, "--user", email, "--password-file", password,
                   "--org-key-file", org, *extra)

    return {"url": db_url, "org": org, "admin_pw": admin_pw, "admin": admin, "uri": uri, "as": as_user,
            "cli": cli}


def cli_token(team, token_file: Path, *args: object) -> Result:
    return team["cli"](*args, "--db", team["url"], "--token-file", token_file, "--org-key-file", team["org"])


def test_init_prints_the_uri_once_and_refuses_a_second_init(cli, team, secret) -> None:
    assert team["uri"].startswith("otpauth://totp/Amparo:admin%40example.org?secret=")
    again = cli("server", "init", "--db", team["url"], "--admin", "other@example.org",
                "--password-file", team["admin_pw"], "--org-key-file", secret("o2", "another organisation key"),
                "--argon2-memory-mib", "8")
    assert again.code == 2 and "already holds an Amparo organisation" in again.err
    assert "otpauth" not in again.out


def test_a_team_works_with_assignment_and_sharing(team, secret) -> None:
    as_user, admin = team["as"], team["admin"]
    for email in ("lawyer@example.org", "partner@example.org"):
        pw = secret(email.split("@")[0] + ".pw", f"password of {email}")
        made = as_user("admin@example.org", team["admin_pw"], "user", "add", email, "--role", "caseworker",
                       "--new-password-file", pw, totp=admin.next())
        assert made.code == 0, made.err
        assert "otpauth" not in made.out  # a caseworker has no second factor unless asked
    lawyer, partner = secret("lawyer.pw", "password of lawyer@example.org"), \
        secret("partner.pw", "password of partner@example.org")
    imported = as_user("lawyer@example.org", lawyer, "case", "import", AIRPORT, "--json")
    assert imported.code == 0, imported.err
    case_id = re.search(r"C-[A-Z2-7]{8}", imported.out).group(0)
    assert case_id in as_user("lawyer@example.org", lawyer, "case", "list").out

    listed = as_user("partner@example.org", partner, "case", "list")
    assert listed.code == 0 and case_id not in listed.out
    denied = as_user("partner@example.org", partner, "case", "show", case_id)
    assert denied.code == 6 and f"may not read case {case_id}" in denied.err

    shared = as_user("lawyer@example.org", lawyer, "case", "share", case_id, "partner@example.org")
    assert shared.code == 0, shared.err
    shown = as_user("partner@example.org", partner, "case", "show", case_id, "--json")
    assert shown.code == 0 and case_id in shown.out
    assert as_user("lawyer@example.org", lawyer, "case", "unshare", case_id, "partner@example.org").code == 0
    assert as_user("partner@example.org", partner, "case", "show", case_id).code == 6

    assert as_user("partner@example.org", partner, "case", "shred", case_id, "--yes").code == 6
    shredded = as_user("lawyer@example.org", lawyer, "case", "shred", case_id, "--yes")
    assert shredded.code == 0 and "shredded at" in shredded.out, shredded.err
    assert as_user("lawyer@example.org", lawyer, "case", "show", case_id).code == 3

    token_file = lawyer.parent / "lawyer.token"
    assert as_user("lawyer@example.org", lawyer, "user", "token", token_file).code == 0
    by_token = cli_token(team, token_file, "case", "list")
    assert by_token.code == 0 and "case(s)" in by_token.out, by_token.err

    disabled = as_user("admin@example.org", team["admin_pw"], "user", "disable", "lawyer@example.org",
                       totp=admin.next())
    assert disabled.code == 0, disabled.err
    refused = as_user("lawyer@example.org", lawyer, "case", "list")
    assert refused.code == 2 and "is disabled" in refused.err
    assert "is disabled" in cli_token(team, token_file, "case", "list").err


def test_bad_input_is_refused_by_name_and_writes_nothing_but_the_audit(team, secret, cli) -> None:
    as_user, url = team["as"], team["url"]
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            before = conn.execute(sa.select(sa.func.count()).select_from(cases)).scalar_one()
        wrong_org = cli("case", "list", "--db", url, "--user", "admin@example.org", "--password-file",
                        team["admin_pw"], "--org-key-file", secret("bad.key", "not the organisation key"))
        assert wrong_org.code == 2 and "wrong organisation key" in wrong_org.err
        no_code = as_user("admin@example.org", team["admin_pw"], "case", "list")
        assert no_code.code == 2 and "--totp CODE" in no_code.err
        code = team["admin"].next()
        assert as_user("admin@example.org", team["admin_pw"], "user", "list", totp=code).code == 0
        replayed = as_user("admin@example.org", team["admin_pw"], "user", "list", totp=code)
        assert replayed.code == 2 and "used already" in replayed.err
        wrong_pw = as_user("admin@example.org", secret("wrong.pw", "not the password at all"), "case", "list")
        assert wrong_pw.code == 2 and "wrong e-mail address or password" in wrong_pw.err
        with engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(cases)).scalar_one() == before
            verbs = list(conn.execute(sa.select(audit_log.c.verb).order_by(audit_log.c.seq)).scalars())
        assert {"server.unlock-refused", "signin.replayed", "signin.refused"} <= set(verbs)
    finally:
        engine.dispose()


def test_an_unreachable_database_and_a_missing_user_are_named(cli, secret) -> None:
    pw = secret("pw", "some long password")
    unreachable = cli("case", "list", "--db", "postgresql+psycopg://amparo:hunter2-pw@127.0.0.1:1/amparo",
                      "--user", "a@example.org", "--password-file", pw, "--org-key-file", pw)
    assert unreachable.code == 3 and "cannot reach the database at" in unreachable.err
    assert "hunter2-pw" not in unreachable.err
    nobody = cli("case", "list", "--db", "postgresql+psycopg://127.0.0.1:1/amparo")
    assert nobody.code == 2 and "--user EMAIL" in nobody.err


def test_accounts_need_a_server(cli, tmp_path) -> None:
    result = cli("user", "list", "--vault", tmp_path / "nothing")
    assert result.code == 2 and "accounts exist only on a server" in result.err


def test_a_person_changes_their_own_password_from_the_command_line(team, secret) -> None:
    as_user, admin = team["as"], team["admin"]
    old = secret("lawyer.pw", "the lawyer's first password")
    assert as_user("admin@example.org", team["admin_pw"], "user", "add", "lawyer@example.org", "--role",
                   "caseworker", "--new-password-file", old, totp=admin.next()).code == 0
    token_file = old.parent / "lawyer.token"
    assert as_user("lawyer@example.org", old, "user", "token", token_file).code == 0
    new = secret("lawyer-new.pw", "the lawyer's second password")
    by_token = cli_token(team, token_file, "user", "password", "--new-password-file", new)
    assert by_token.code == 2 and "takes the current one" in by_token.err
    wrong = secret("wrong.pw", "not the lawyer's password")
    refused = as_user("lawyer@example.org", wrong, "user", "password", "--new-password-file", new)
    assert refused.code == 2 and "wrong e-mail address or password" in refused.err
    short = secret("short.pw", "short")
    too_short = as_user("lawyer@example.org", old, "user", "password", "--new-password-file", short)
    assert too_short.code != 0 and "at least 12 characters" in too_short.err
    assert as_user("lawyer@example.org", old, "case", "list").code == 0  # nothing changed so far
    changed = as_user("lawyer@example.org", old, "user", "password", "--new-password-file", new)
    assert changed.code == 0 and "Your password was changed" in changed.out, changed.err
    assert "the lawyer's" not in changed.out + changed.err
    assert as_user("lawyer@example.org", old, "case", "list").code == 2
    assert as_user("lawyer@example.org", new, "case", "list").code == 0
    assert cli_token(team, token_file, "case", "list").code == 2  # the token ended with the old password
    # The administrator's own change needs their code too.
    admin_new = secret("admin-new.pw", "the administrator's second password")
    assert as_user("admin@example.org", team["admin_pw"], "user", "password", "--new-password-file",
                   admin_new).code == 2
    assert as_user("admin@example.org", team["admin_pw"], "user", "password", "--new-password-file",
                   admin_new, totp=admin.next()).code == 0
