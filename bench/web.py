"""The web API under load: 50 concurrent clients over loopback against a vault of 20,000 cases.

Generates the cases with ``bench/vault.py``'s generator, stores them through the store's
``add_many`` into a real vault (fast KDF: the key derivation is not what is measured),
serves it with uvicorn on a free loopback port, unlocks it with the bearer-token route
for scripts, then runs 50 client threads (httpx, keep-alive) and prints p50/p99 latency
for the case list, a case page (the JSON twin of the page) and a full-text search.
Target: p99 under 200 ms.

    .venv/bin/python bench/web.py [--cases 20000] [--clients 50] [--requests 10] [--think-ms 1000]

Two runs: 50 clients that each pause between requests as a person does (the target is
judged on this one), and the same 50 clients with no pause at all, which measures the
server's saturation throughput (its latency is queueing: 50 requests always waiting on
a 2-core machine that also runs the load generator).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "web"))

from test_browser import free_port
from web_support import FAST, PASSPHRASE, csrf_of

from amparo.service.workspace import Workspace
from vault import BATCH, generate

TARGET_MS = 200


class ServedVault:
    """``amparo serve`` on a free loopback port, in a child process, until the block ends."""

    def __init__(self, vault: Path, token_file: Path):
        self.vault, self.token_file = vault, token_file
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> tuple[str, str]:
        amparo = Path(sys.executable).with_name("amparo")
        self.process = subprocess.Popen(
            [str(amparo), "serve", "--vault", str(self.vault), "--port", str(self.port),
             "--api-token-file", str(self.token_file)], stdout=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(url + "/unlock", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("amparo serve did not start") from None
                time.sleep(0.1)
        return url, self.token_file.read_text().strip()

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(10)


def build(path: Path, n: int) -> list[str]:
    ws = Workspace.create(path, PASSPHRASE, kdf=FAST)
    try:
        cases = generate(n)
        ids: list[str] = []
        for start in range(0, n, BATCH):
            ids += ws.store.cases.add_many(cases[start:start + BATCH])
        return ids
    finally:
        ws.lock()


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


WORDS = ("airport", "passport", "detained", "rapporteur", "mining", "hacked", "court")


def load(url: str, token: str, ids: list[str], *, clients: int, requests: int,
         think_ms: float) -> tuple[dict[str, list[float]], list[str], float]:
    """``clients`` threads, each doing ``requests`` rounds of (list, case page, search).

    ``think_ms``: each client pauses a random time (exponential, this mean) between two
    requests, as a person reading a page does; 0 sends the next request at once (a
    saturation test: latency is then mostly the time spent queueing).
    """
    results: dict[str, list[float]] = {"case list": [], "case page": [], "search": []}
    errors: list[str] = []
    lock = threading.Lock()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=url, headers=headers, timeout=30) as c:
            for _ in range(requests):
                for kind, call in (
                    ("case list", lambda: c.get("/api/cases", params={"limit": 50})),
                    ("case page", lambda: c.get(f"/api/cases/{rng.choice(ids)}/timeline")),
                    ("search", lambda: c.post("/api/cases/search", json={"text": rng.choice(WORDS), "limit": 50})),
                ):
                    if think_ms:
                        time.sleep(rng.expovariate(1000 / think_ms))
                    start = time.perf_counter()
                    r = call()
                    ms = (time.perf_counter() - start) * 1000
                    with lock:
                        results[kind].append(ms)
                        if r.status_code != 200:
                            errors.append(f"{kind}: {r.status_code}")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors, time.perf_counter() - t0


def report(title: str, results: dict[str, list[float]], errors: list[str], wall: float) -> float:
    """Print one run's latencies; returns its worst p99."""
    total = sum(len(v) for v in results.values())
    print(f"{title}: {total} requests in {wall:.1f} s ({total / wall:.0f} req/s), {len(errors)} errors")
    worst = 0.0
    for kind, values in results.items():
        p50, p99 = statistics.median(values), pct(values, 99)
        worst = max(worst, p99)
        print(f"  {kind:10s} p50 {p50:7.1f} ms   p99 {p99:7.1f} ms")
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10, help="requests of each kind per client")
    parser.add_argument("--think-ms", type=float, default=1000, help="mean pause between a client's requests")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        vault = Path(tmp) / "vault"
        t0 = time.perf_counter()
        ids = build(vault, args.cases)
        print(f"vault of {len(ids)} cases built in {time.perf_counter() - t0:.1f} s")
        # The server runs in its own process, as `amparo serve` does: in a thread of this
        # process it would share one interpreter lock with the 50 client threads, and the
        # figure would measure the load generator as much as the server.
        with ServedVault(vault, Path(tmp) / "token") as (url, token):
            with httpx.Client(base_url=url) as browser:
                page = browser.get("/unlock")
                browser.post("/unlock", data={"csrf_token": csrf_of(page.text), "passphrase": PASSPHRASE})
            paced = load(url, token, ids, clients=args.clients, requests=args.requests, think_ms=args.think_ms)
            flat_out = load(url, token, ids, clients=args.clients, requests=args.requests // 2 or 1, think_ms=0)
        worst = report(f"{args.clients} clients, think time {args.think_ms:.0f} ms", *paced)
        print(f"target p99 < {TARGET_MS} ms: {'met' if worst < TARGET_MS else 'NOT met'}")
        report(f"{args.clients} clients, no think time (saturation, information)", *flat_out)


if __name__ == "__main__":
    main()
