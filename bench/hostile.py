"""The long hostile run: crashes, hostile input, the API against its schema, XSS in a real
browser and the canary, with the figures printed at the end.

Usage: python bench/hostile.py [--kills 200] [--fuzz 500] [--api 100] [--no-browser] [--seed S]

- crashes: bench/hardening.py's SIGKILL run (``--kills``): kills tried and survived, writes lost;
- hostile input: ``--fuzz`` Hypothesis examples of tests/hardening/hostile_kit.py through
  import, triage, draft and export: cases, successes, clear refusals, failures (crashes);
- the API: schemathesis, ``--api`` examples per operation: requests, server errors, failed checks;
- XSS: payloads in every text field of a case (and a note, an evidence description and
  file name), every page of the case opened in Debian's Chromium: payloads tried, executed;
- canary: every CLI command and the main web flows, then the vault, temp folders, logs,
  stderr and the server's memory searched (tests/hardening/canary_flows.py); and the
  canary typed into the case pages' fields in Chromium with a profile of its own, then
  the profile folder searched (autofill's ``Web Data``, the ``Sessions`` files).

Exits 1 if anything did not hold (a kill not survived, a write lost, a crash, a server
error, a payload run, a canary in a file, a log, stderr or the browser profile). The
copies left in the server's memory after lock are printed, not judged: Python cannot
promise to overwrite what it freed.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import secrets
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[1]
for folder in ("tests/hardening", "tests/web", "bench"):
    sys.path.insert(0, str(ROOT / folder))

CHROMIUM = "/usr/bin/chromium"
XSS_PAYLOADS = (
    "<script>alert('x1')</script>", '"><img src=x onerror=alert("x2")>', "'><svg onload=alert('x3')>",
    "</textarea><script>alert('x4')</script>", "javascript:alert('x5')", '<a href="javascript:alert(\'x6\')">x</a>',
    "<iframe srcdoc='<script>alert(\"x7\")</script>'></iframe>", "<details open ontoggle=alert('x8')>",
    "<math><mi xlink:href=\"javascript:alert('x9')\">x</mi></math>", "{{constructor.constructor('alert(10)')()}}",
)


def crashes(kills: int, seed: int) -> dict[str, Any]:
    from hardening import run_kills

    run = run_kills(kills, seed=seed)
    t = run["totals"]
    return {"kills tried": run["kills"], "kills survived": t["survived"],
            "writes lost": t["acknowledged writes lost"], "decryptable leftovers": t["decryptable leftovers"],
            "leftovers after reopen": t["leftovers after reopen"], "seconds": round(run["seconds"])}


def fuzz(examples: int, seed: int) -> dict[str, Any]:
    from hostile_kit import hostile_facts, trip
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    from amparo.service.workspace import Workspace
    from amparo.store import KdfParams

    counts = {"cases": 0, "ok": 0, "refused": 0, "failures": 0}
    first: list[str] = []
    with tempfile.TemporaryDirectory(prefix="amparo-fuzz-") as tmp:
        folder = Path(tmp)
        ws = Workspace.create(folder / "vault", "fuzz passphrase 123", kdf=KdfParams(memory_kib=8192, time_cost=1))

        @given(facts=hostile_facts(), fmt=st.sampled_from(("txt", "md", "eml", "docx", "pdf")))
        @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        def one(facts: Any, fmt: str) -> None:
            counts["cases"] += 1
            try:
                counts[trip(ws, facts, folder=folder, fmt=fmt)] += 1
            except Exception as exc:
                counts["failures"] += 1
                if len(first) < 3:
                    first.append(f"{type(exc).__name__}: {str(exc)[:160]!r}")
                for case in ws.cases.list():
                    ws.cases.delete(case.id)

        random.seed(seed)
        one()
        ws.lock()
    return {**counts, "first failures": first}


def api(examples: int) -> dict[str, Any]:
    import schemathesis
    from fastapi.testclient import TestClient
    from security_kit import WithoutLifespan, run_operations
    from web_support import build_app, make_vault, unlock

    token = secrets.token_urlsafe(32)
    with tempfile.TemporaryDirectory(prefix="amparo-api-") as tmp:
        vault = Path(tmp) / "vault"
        make_vault(vault)
        app = build_app(vault, api_token=token, hosts=("testserver", "localhost"))
        with TestClient(app) as client:
            unlock(client)
            schema = schemathesis.openapi.from_asgi("/api/openapi.json", WithoutLifespan(app))
            counts = run_operations(schema, examples, token=token, strict=False)
    return {"requests": counts["cases"], "server errors": counts["server_errors"],
            "failed checks": counts["check_failures"], "answered 2xx": counts["answered"]}


def _xss_case(payload: str) -> dict[str, Any]:
    facts = json.loads((ROOT / "src/amparo/service/demo/4-coordinator-stopped-at-airport.json").read_text("utf-8"))
    facts["title"] = f"T {payload}"
    facts["people"][0].update(name=f"N {payload}", organisation=f"O {payload}", description=f"D {payload}",
                              consent="public-named")
    facts["engagements"][0].update(session=f"S {payload}", description=f"E {payload}")
    facts["reprisals"][1].update(description=f"R {payload}", place=f"P {payload}", link=f"L {payload}")
    facts["writer"] = {"name": f"W {payload}", "capacity": f"C {payload}"}
    facts["notes"] = f"Notes {payload}"
    return facts


XSS_FIELDS = 15  # the 12 fields above, a note, an evidence description and its file name


def xss(payloads: tuple[str, ...] = XSS_PAYLOADS) -> dict[str, Any]:
    import uvicorn
    from playwright.sync_api import sync_playwright
    from web_support import PASSPHRASE, build_app, make_vault

    from amparo.service.workspace import Workspace

    if not Path(CHROMIUM).exists():
        return {"skipped": "no Debian chromium"}
    with tempfile.TemporaryDirectory(prefix="amparo-xss-") as tmp:
        vault = Path(tmp) / "vault"
        make_vault(vault)
        ids = []
        with Workspace.open(vault, PASSPHRASE) as ws:
            for payload in payloads:
                case_id = ws.cases.add(_xss_case(payload))
                ws.cases.add_note(case_id, f"note {payload}")
                ws.evidence.add_stream(case_id, io.BytesIO(b"x"), filename=f"f{payload.replace('/', '_')}.txt",
                                       description=f"ev {payload}")
                ids.append(case_id)
        app = build_app(vault)
        config = uvicorn.Config(app, host="127.0.0.1", port=0, access_log=False, log_level="warning")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        dialogs: list[str] = []
        pages = shown = 0
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"])
                page = browser.new_page()
                page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                page.goto(f"{base}/unlock")
                page.fill("#passphrase", PASSPHRASE)
                page.click("button[type=submit]")
                page.wait_for_load_state()
                for payload, case_id in zip(payloads, ids, strict=True):
                    for tail in ("", "/plan", "/timeline"):
                        page.goto(f"{base}/cases/{case_id}{tail}")
                        page.wait_for_load_state()
                        page.wait_for_timeout(50)
                        pages += 1
                        # The payload is on the page as text (so it was really there to run).
                        shown += payload in page.inner_text("body")
                for url in ("/", "/cases"):
                    page.goto(base + url)
                    pages += 1
                browser.close()
        finally:
            server.should_exit = True
            thread.join(10)
    return {"payloads tried": len(payloads) * XSS_FIELDS, "pages opened": pages,
            "case pages showing the payload as text": shown, "executed": len(dialogs)}


def canary(browser: bool = True) -> dict[str, Any]:
    from canary_flows import browser_profile_run, cli_run, web_run

    with tempfile.TemporaryDirectory(prefix="amparo-canary-") as tmp:
        cli = cli_run(Path(tmp) / "cli")
        web = web_run(Path(tmp) / "web")
        web_malloc = web_run(Path(tmp) / "web-malloc", env={"PYTHONMALLOC": "malloc"})
        profile = browser_profile_run(Path(tmp) / "browser") if browser else {"skipped": "--no-browser"}
        shutil.rmtree(tmp, ignore_errors=True)
    file_hits = (sum(cli["vault"].values()) + sum(cli["temp"].values()) + sum(cli["vault after delete"].values())
                 + sum(web["vault"].values()) + sum(web["temp"].values()))
    return {"CLI commands": cli["commands"], "files searched": cli["files searched"] + web["files searched"],
            "hits in files": file_hits, "hits in stderr and logs": cli["stderr"] + cli["logs"] + web["server log"],
            "outputs readable by others": len(cli["outputs readable by others"]),
            "server memory open/locked": f"{web['memory open']}/{web['memory locked']}",
            "server memory open/locked (PYTHONMALLOC=malloc)": f"{web_malloc['memory open']}/"
                                                               f"{web_malloc['memory locked']}",
            "browser profile files searched": profile.get("profile files", 0),
            "browser profile hits": profile.get("hits", profile.get("skipped"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--fuzz", type=int, default=500)
    parser.add_argument("--api", type=int, default=100, help="examples per API operation")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    start = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    if args.kills:
        results["crashes"] = crashes(args.kills, seed)
    if args.fuzz:
        results["hostile input"] = fuzz(args.fuzz, seed)
    if args.api:
        results["API (schemathesis)"] = api(args.api)
    if not args.no_browser:
        results["XSS (Chromium)"] = xss()
    results["canary"] = canary(browser=not args.no_browser)
    print(f"\nhostile run, seed {seed}, {time.perf_counter() - start:.0f} s")
    for section, figures in results.items():
        print(f"{section}:")
        for name, value in figures.items():
            print(f"  {name}: {value}")
    c, f, a, x, k = (results.get(s, {}) for s in ("crashes", "hostile input", "API (schemathesis)",
                                                  "XSS (Chromium)", "canary"))
    bad = [c.get("kills tried", 0) != c.get("kills survived", 0), c.get("writes lost", 0), f.get("failures", 0),
           a.get("server errors", 0), a.get("failed checks", 0), x.get("executed", 0), k.get("hits in files", 0),
           k.get("hits in stderr and logs", 0), k.get("outputs readable by others", 0),
           isinstance(k.get("browser profile hits"), dict) and k["browser profile hits"]]
    sys.exit(1 if any(bad) else 0)


if __name__ == "__main__":
    main()
