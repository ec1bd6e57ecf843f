"""Two web application processes (``amparo serve --db``) against one database.

A session opened in one works in the other; signing out, a disabled account and a
sign-in paused after wrong tries take effect in both at their next request. And the
start itself: a wrong organisation key is refused, clearly, before anything serves.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from server_support import FAST, ORG_PASS
from web_team_support import PASSWORD, totp_code

from amparo.service.people import enrol, first_administrator
from amparo.store.server import Server

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


class RealClock:
    def __call__(self):
        from datetime import UTC, datetime

        return datetime.now(UTC)


@pytest.fixture
def url(pg_schema_url: str) -> str:
    """A server database URL in a schema of its own (tests/conftest.py)."""
    return pg_schema_url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def key_file(folder: Path, text: str = ORG_PASS) -> Path:
    path = folder / "org.key"
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def start(url: str, key: Path, port: int, *extra: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMPARO_")}
    amparo = str(Path(sys.executable).with_name("amparo"))
    return subprocess.Popen([amparo, "serve", "--db", url, "--org-key-file", str(key), "--port", str(port), *extra],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_ready(proc: subprocess.Popen, port: int, deadline: float = 60) -> None:
    """Until the process answers (a condition, not a fixed sleep), or it has stopped."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"server stopped: {proc.stderr.read()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/sign-in", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("server did not answer in time")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def serving(url: str, key: Path, count: int = 2) -> Iterator[tuple[int, ...]]:
    """``count`` ``amparo serve --db`` processes on one database, ready; stopped afterwards."""
    ports = tuple(free_port() for _ in range(count))
    procs = [start(url, key, p) for p in ports]
    try:
        for proc, port in zip(procs, ports, strict=True):
            wait_ready(proc, port)
        yield ports
    finally:
        for proc in procs:
            stop(proc)


def csrf(client: httpx.Client, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found
    return found.group(1)


def sign_in(client: httpx.Client, email: str, password: str = PASSWORD, code: str = "") -> httpx.Response:
    return client.post("/sign-in", data={"csrf_token": csrf(client, "/sign-in"), "email": email,
                                         "password": password, "code": code, "next": "/"})


@pytest.fixture
def team(url: str, tmp_path: Path):
    with Server.create(url, ORG_PASS, kdf=FAST) as server:
        admin = first_administrator(server, "admin@example.org", PASSWORD)
        enrol(server, server.store(), "worker@example.org", "caseworker", PASSWORD)
    with serving(url, key_file(tmp_path)) as ports:
        yield admin, ports


def client(port: int) -> httpx.Client:
    return httpx.Client(base_url=f"http://127.0.0.1:{port}", follow_redirects=True, timeout=30)


def test_a_session_from_one_process_works_in_the_other_until_signed_out(team) -> None:
    _, (one, two) = team
    first, second = client(one), client(two)
    assert sign_in(first, "worker@example.org").url.path == "/"
    second.cookies.set("amparo_session", first.cookies["amparo_session"])
    assert second.get("/cases").url.path == "/cases"
    first.post("/sign-out", data={"csrf_token": csrf(first, "/")})
    page = second.get("/cases")
    assert page.url.path == "/sign-in" and "Your session was ended" in page.text


def test_a_disabled_account_and_a_paused_sign_in_hold_in_both(team) -> None:
    admin, (one, two) = team
    worker, other = client(one), client(two)
    sign_in(worker, "worker@example.org")
    boss = client(two)
    assert sign_in(boss, "admin@example.org", code=totp_code(admin.totp_uri, RealClock())).url.path == "/"
    boss.post("/team/disable", data={"csrf_token": csrf(boss, "/team"), "email": "worker@example.org"})
    page = worker.get("/cases")  # process one, disabled in process two
    assert page.url.path == "/sign-in" and "This account is disabled" in page.text
    boss.post("/team/enable", data={"csrf_token": csrf(boss, "/team"), "email": "worker@example.org"})
    for _ in range(5):  # wrong tries typed into process one …
        assert sign_in(worker, "worker@example.org", password="not the right password").status_code == 401
    page = sign_in(other, "worker@example.org")  # … pause the account in process two
    assert page.status_code == 429 and "paused" in page.text


def test_two_workers_of_one_command_serve_the_same_sessions(url: str, tmp_path: Path) -> None:
    with Server.create(url, ORG_PASS, kdf=FAST) as server:
        first_administrator(server, "admin@example.org", PASSWORD)
        enrol(server, server.store(), "worker@example.org", "caseworker", PASSWORD)
    port = free_port()
    proc = start(url, key_file(tmp_path), port, "--workers", "2")
    try:
        wait_ready(proc, port)
        browser = client(port)
        assert sign_in(browser, "worker@example.org").url.path == "/"
        # New connections each time: the kernel hands them to either worker; all must agree.
        for _ in range(8):
            fresh = client(port)
            fresh.cookies.set("amparo_session", browser.cookies["amparo_session"])
            assert fresh.get("/cases").url.path == "/cases"
    finally:
        stop(proc)


def test_a_wrong_organisation_key_is_refused_before_anything_serves(url: str, tmp_path: Path) -> None:
    with Server.create(url, ORG_PASS, kdf=FAST):
        pass
    port = free_port()
    proc = start(url, key_file(tmp_path, "not the organisation passphrase"), port, "--workers", "2")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "organisation" in err.lower() and ORG_PASS not in err + out
    assert "serving" not in out  # nothing claimed to serve
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{port}/sign-in", timeout=2)
