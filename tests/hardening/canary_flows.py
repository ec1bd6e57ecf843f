"""The canary runs themselves: every CLI command, and the main web flows against
``amparo serve`` in its own process. Each returns its figures (hits per place, files
searched); tests/hardening/test_canary.py asserts on them, bench/hostile.py prints them.

Only the files the user asked for (``-o`` outputs, the facts file typed in) and what
commands print on stdout on purpose (``case show``) may hold the name.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import logging
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from canary_kit import CANARY, CANARY_WORD, files_in, hits_in_memory, hits_in_text, hits_in_tree

from amparo.service.workspace import Workspace
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
PASSPHRASE = "canary passphrase 12345"
DEMO = Path(__file__).parents[2] / "src/amparo/service/demo/4-coordinator-stopped-at-airport.json"
WEB_TESTS = Path(__file__).parents[1] / "web"


def canary_facts() -> dict[str, Any]:
    """The demo case, its first person named by the canary (who consents to be named)."""
    facts = json.loads(DEMO.read_text("utf-8"))
    facts["people"][0]["name"] = CANARY
    facts["people"][0]["consent"] = "public-named"
    facts["reprisals"][1]["description"] = f"Officers asked {CANARY} about the Council."
    facts["notes"] = f"{CANARY_WORD} was questioned."
    return facts


@contextlib.contextmanager
def _environment(values: dict[str, str], tmp: Path) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    saved_tempdir = tempfile.tempdir
    os.environ.update(values)
    tempfile.tempdir = str(tmp)
    try:
        yield
    finally:
        tempfile.tempdir = saved_tempdir
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def cli_run(root: Path) -> dict[str, Any]:
    """Every CLI command on a vault holding the canary; the figures of the search after."""
    from amparo.cli.app import main

    vault, inputs, out, tmp = root / "vault", root / "in", root / "out", root / "tmp"
    for folder in (inputs, out, tmp):
        folder.mkdir(parents=True)
    Workspace.create(vault, PASSPHRASE, kdf=FAST).lock()
    passfile = inputs / "pass"
    passfile.write_text(PASSPHRASE + "\n")
    os.chmod(passfile, 0o600)
    (inputs / "facts.json").write_text(json.dumps(canary_facts()), "utf-8")
    (inputs / "note.txt").write_text(f"Called {CANARY} today.\n", "utf-8")
    statement = inputs / f"{CANARY_WORD}-statement.txt"
    statement.write_text(f"Statement of {CANARY}.\n" * 200, "utf-8")
    stderr: list[str] = []
    failures: list[str] = []
    records = _Records()

    def run(*args: object) -> str:
        out_text, err_text = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out_text), contextlib.redirect_stderr(err_text):
            code = main([str(a) for a in args])
        stderr.append(err_text.getvalue())
        if code != 0:
            failures.append(f"{' '.join(map(str, args[:2]))}: exit {code}")
        return out_text.getvalue()

    env = {"AMPARO_VAULT": str(vault), "AMPARO_PASSPHRASE_FILE": str(passfile), "COLUMNS": "200", "TMPDIR": str(tmp)}
    logging.getLogger().addHandler(records)
    level = logging.getLogger().level
    logging.getLogger().setLevel(logging.DEBUG)
    commands = 0
    try:
        with _environment(env, tmp):
            case_id = json.loads(run("case", "import", inputs / "facts.json", "--json"))["id"]
            plain: list[tuple[object, ...]] = [
                ("case", "list"), ("case", "list", "--search", CANARY_WORD, "--json"), ("case", "show", case_id),
                ("case", "show", case_id, "--json"), ("case", "edit", case_id, "--set", "people[p1].location=in-exile"),
                ("case", "consent", case_id, "p1", "un-confidential", "state", "public-named", "--method", "in-person"),
                ("case", "note", case_id, "--file", inputs / "note.txt"),
                ("evidence", "add", case_id, statement, "--names", "p1"), ("evidence", "list", case_id),
                ("evidence", "verify"), ("triage", case_id), ("triage", "--facts", inputs / "facts.json"),
                ("draft", case_id, "--to", "hrc:president", "--format", "md", "-o", out / "draft.md"),
                ("draft", case_id, "--to", "hrc:president", "--format", "pdf", "-o", out / "draft.pdf"),
                ("draft", case_id, "--to", "hrc:president", "--format", "docx", "-o", out / "draft.docx"),
                ("draft", "--facts", inputs / "facts.json", "--to", "hrc:president", "--format", "eml",
                 "-o", out / "d.eml"),
                ("consent", "sheet", case_id, "--format", "md", "-o", out / "sheet.md"),
                ("consent", "sheet", case_id, "--format", "pdf", "-o", out / "sheet.pdf"),
            ]
            for command in plain:
                run(*command)
            evidence_id = json.loads(run("evidence", "list", case_id, "--json"))[0]["id"]
            run("evidence", "export", evidence_id, "-o", out / "statement.txt")
            action_id = json.loads(run("action", "add", case_id, "--to", "hrc:president", "--action",
                                       "raise-with-delegation", "--person", "p1", "--on", "2026-11-20",
                                       "--json"))["id"]
            later: list[tuple[object, ...]] = [
                ("response", "add", case_id, "--kind", "acknowledgment", "--to-action", action_id, "--on",
                 "2026-11-22"),
                ("timeline", case_id), ("due",), ("due", "--ics", out / "due.ics"), ("report", "--csv", out / "fig"),
                ("case", "export", case_id, "-o", out / "export.json"), ("case", "export", case_id, "--for", "state"),
                ("audit", "verify"), ("case", "close", case_id, "resolved"), ("case", "reopen", case_id),
                ("unlock",), ("vault", "lock"),
            ]
            for command in later:
                run(*command)
            commands = 4 + len(plain) + len(later)
            figures = {
                "commands": commands, "failed commands": failures,
                "files searched": files_in(vault) + files_in(tmp),
                "vault": hits_in_tree(vault), "temp": hits_in_tree(tmp),
                "stderr": sum(hits_in_text(e) for e in stderr),
                "logs": sum(hits_in_text(line) for line in records.lines),
                "outputs holding it": len(hits_in_tree(out)),
                "outputs readable by others": sorted(p.name for p in out.rglob("*")
                                                     if p.is_file() and p.stat().st_mode & 0o077),
            }
            run("case", "delete", case_id, "--yes")
            figures["vault after delete"] = hits_in_tree(vault)
    finally:
        logging.getLogger().removeHandler(records)
        logging.getLogger().setLevel(level)
    return figures


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def web_run(root: Path, *, env: dict[str, str] | None = None) -> dict[str, Any]:
    """The wizard (with a draft and a save), the case page, a note, a search and a lock,
    against ``amparo serve`` in its own process; the figures of the search after."""
    import httpx

    if str(WEB_TESTS) not in sys.path:
        sys.path.insert(0, str(WEB_TESTS))
    from web_support import AIRPORT_ANSWERS, csrf_of, walk_wizard

    vault, tmp = root / "vault", root / "tmp"
    tmp.mkdir(parents=True)
    Workspace.create(vault, PASSPHRASE, kdf=FAST).lock()
    port = _free_port()
    log = root / "server.log"
    with log.open("wb") as sink:
        server = subprocess.Popen([sys.executable, "-m", "amparo.cli.app", "serve", "--vault", str(vault),
                                   "--port", str(port)], stdout=sink, stderr=subprocess.STDOUT,
                                  env={**os.environ, "TMPDIR": str(tmp), **(env or {})})
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", follow_redirects=True, timeout=60) as web:
            for _ in range(300):
                try:
                    web.get("/unlock")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            page = web.get("/unlock")
            r = web.post("/unlock", data={"csrf_token": csrf_of(page.text), "passphrase": PASSPHRASE, "next": "/"})
            assert r.status_code == 200, "unlock failed"
            answers = {**AIRPORT_ANSWERS, "p1_name": CANARY, "r1_description": f"{CANARY} was questioned"}
            plan = walk_wizard(web, answers).text
            facts = html.unescape(re.search(r'name="facts" value="([^"]+)"', plan).group(1))  # type: ignore[union-attr]
            token = web.get("/session/csrf").json()["csrf"]
            drafted = web.post("/triage/draft", data={"csrf_token": token, "facts": facts, "avenue": "hrc:president",
                                                      "language": "en", "fmt": "pdf"})
            assert drafted.status_code == 200, "wizard draft failed"
            saved = web.post("/triage/save", data={"csrf_token": token, "facts": facts})
            assert saved.status_code == 200 and "/plan" in str(saved.url), "wizard save failed"
            case_id = str(saved.url).split("/cases/")[1].split("/")[0]
            assert CANARY in web.get(f"/cases/{case_id}").text
            noted = web.post(f"/cases/{case_id}/notes", data={"csrf_token": token, "text": f"Met {CANARY}",
                                                              "here": f"/cases/{case_id}"})
            assert noted.status_code == 200, "note failed"
            found = web.post("/cases", data={"csrf_token": token, "text": CANARY_WORD})
            assert found.status_code == 200 and case_id in found.text, "search failed"
            held_open = hits_in_memory(server.pid)
            assert web.post("/lock", data={"csrf_token": token}).status_code == 200
            time.sleep(0.5)
            held_locked = hits_in_memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"files searched": files_in(vault) + files_in(tmp) + 1, "vault": hits_in_tree(vault),
            "temp": hits_in_tree(tmp), "server log": hits_in_text(log.read_text("utf-8", "replace")),
            "memory open": held_open, "memory locked": held_locked}


CHROMIUM = "/usr/bin/chromium"


def browser_profile_run(root: Path) -> dict[str, Any]:
    """Type the canary into the case pages' text fields in Debian's Chromium with a profile
    of its own (a search, a note, an evidence description), lock, close the browser; then
    search the profile folder (autofill's ``Web Data``, ``Sessions``, the cache)."""
    import threading

    import uvicorn
    from playwright.sync_api import sync_playwright

    if str(WEB_TESTS) not in sys.path:
        sys.path.insert(0, str(WEB_TESTS))
    from web_support import AIRPORT, build_app, make_vault
    from web_support import PASSPHRASE as DEMO_PASSPHRASE

    if not Path(CHROMIUM).exists():
        return {"skipped": "no Debian chromium"}
    vault, profile = root / "vault", root / "profile"
    ids = make_vault(vault)
    server = uvicorn.Server(uvicorn.Config(build_app(vault), host="127.0.0.1", port=0, access_log=False,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    upload = root / "upload.txt"
    upload.write_text("a file")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                str(profile), executable_path=CHROMIUM, headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update", "--disable-sync"])
            page = context.new_page()
            page.goto(f"{base}/unlock")
            page.fill("#passphrase", DEMO_PASSPHRASE)
            page.click("button[type=submit]")
            page.wait_for_load_state()
            page.goto(f"{base}/cases")
            page.fill("#f-text", CANARY_WORD)
            page.press("#f-text", "Enter")
            page.wait_for_load_state()
            page.goto(f"{base}/cases/{ids[AIRPORT]}")
            page.fill("#f-note-text", f"Met {CANARY}")
            page.click("#notes button[type=submit]")
            page.wait_for_timeout(500)
            page.goto(f"{base}/cases/{ids[AIRPORT]}")
            page.fill("input[name=description]", f"Photo of {CANARY}")
            page.set_input_files("#f-evidence-file", str(upload))
            page.click("form[enctype='multipart/form-data'] button[type=submit]")
            page.wait_for_load_state()
            page.wait_for_timeout(500)
            context.close()
    finally:
        server.should_exit = True
        thread.join(10)
    return {"profile files": files_in(profile), "hits": hits_in_tree(profile)}
