"""What an unlocked-then-locked Amparo process still holds in memory: keys and a canary name.

Usage: python bench/memory_after_lock.py [--cases N]

A vault is made with N cases naming a canary person (and one evidence file quoting it). A
child process opens it, reads every case, searches for the canary, reads the evidence, and
then locks the vault and drops what it read, as a server does at lock. The parent reads the
child's whole memory (``/proc/<pid>/mem``, every readable region of ``/proc/<pid>/maps``)
before and after the lock and counts each needle:

- the vault key, the SQLCipher database key and the evidence key, raw and in hex (the hex
  form is what ``PRAGMA key`` text would hold);
- the passphrase;
- the canary name, in UTF-8 (how SQLite and Python's compact strings hold ASCII names).

It runs twice: as Python starts by default, and with ``PYTHONMALLOC=malloc``, which sends
small objects (names!) through glibc's malloc, where the vault's ``mallopt(M_PERTURB)``
wipes them as they are freed (secret.py).

Why: a laptop taken while Amparo runs, a hibernation or swap file, or a core dump exposes
exactly this memory. The keys should be gone after lock; the canary as far as Python lets us.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from amparo.model.facts_document import case_from_trusted_facts
from amparo.store.keys import KdfParams, read_header
from amparo.store.repository import Store
from amparo.store.vault import Vault

DEMO = Path(__file__).parents[1] / "src" / "amparo" / "service" / "demo" / "4-coordinator-stopped-at-airport.json"
CANARY = "Zyxwelda Quorrington"
PASSPHRASE = "memory bench passphrase 7"
FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)


def make_vault(folder: Path, cases: int) -> None:
    facts = json.loads(DEMO.read_text())
    facts["people"][0]["name"] = CANARY
    with Vault.create(folder, PASSPHRASE, kdf=FAST) as vault:
        store = Store(vault.engine, blobs=vault.evidence)
        case = case_from_trusted_facts(facts)
        ids = store.cases.add_many([case] * cases)
        statement = io.BytesIO(f"Statement of {CANARY}.\n".encode() * 50)
        store.evidence.add_from_stream(ids[0], statement, filename="statement.txt", media_type="text/plain")


# The child is this code, run with ``python -c``: it must not hold the canary or the
# passphrase as constants of its own source. The passphrase comes on stdin, as from a prompt.
CHILD = """
import gc, sys
from pathlib import Path
from amparo.store.repository import Store
from amparo.store.vault import Vault

vault = Vault.open(Path(sys.argv[1]), sys.stdin.readline().rstrip("\\n"))
store = Store(vault.engine, blobs=getattr(vault, "evidence", None))
read = [store.cases.get(i) for i in store.cases.ids()]
found = store.cases.search(sys.argv[2])
listed = store.cases.list()
evidence = store.evidence.list()
content = b"".join(vault.evidence.open(evidence[0].blob_id))
assert found and listed and read and content
print("open", flush=True)
sys.stdin.readline()
del read, found, listed, evidence, content, store
vault.lock()
del vault
gc.collect()
print("locked", flush=True)
sys.stdin.readline()
"""


def needles(folder: Path) -> dict[str, list[bytes]]:
    keys = read_header(folder).unseal(PASSPHRASE)
    found = {}
    for name, key in (("vault key", keys.vault_key), ("database key", keys.database),
                      ("evidence key", keys.evidence)):
        raw = bytes(key.buffer)
        found[f"{name} (raw)"] = [raw]
        found[f"{name} (hex)"] = [raw.hex().encode(), raw.hex().upper().encode()]
    keys.wipe()
    found["passphrase"] = [PASSPHRASE.encode()]
    found["canary name"] = [CANARY.encode()]
    return found


def scan(pid: int, wanted: dict[str, list[bytes]]) -> dict[str, int]:
    counts = dict.fromkeys(wanted, 0)
    maps = Path(f"/proc/{pid}/maps").read_text().splitlines()
    with open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
        for line in maps:
            match = re.match(r"([0-9a-f]+)-([0-9a-f]+) (\S+)", line)
            if not match or match.group(3)[0] != "r" or "[vvar" in line or "[vsyscall]" in line:
                continue
            start, end = int(match.group(1), 16), int(match.group(2), 16)
            try:
                mem.seek(start)
                data = mem.read(end - start)
            except OSError:
                continue
            for name, forms in wanted.items():
                counts[name] += sum(data.count(form) for form in forms)
    return counts


def measure(cases: int, env: dict[str, str] | None = None) -> tuple[dict[str, int], dict[str, int]]:
    """Make a vault of ``cases`` canary cases, run the child on it; (counts open, counts locked)."""
    with tempfile.TemporaryDirectory(prefix="amparo-mem-") as tmp:
        folder = Path(tmp) / "vault"
        make_vault(folder, cases)
        wanted = needles(folder)
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), CANARY.split()[1]],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        assert proc.stdin and proc.stdout
        try:
            proc.stdin.write(PASSPHRASE + "\n")
            proc.stdin.flush()
            assert proc.stdout.readline().strip() == "open"
            before = scan(proc.pid, wanted)
            proc.stdin.write("lock\n")
            proc.stdin.flush()
            assert proc.stdout.readline().strip() == "locked"
            after = scan(proc.pid, wanted)
            proc.stdin.write("exit\n")
            proc.stdin.flush()
            proc.wait(timeout=30)
        finally:
            proc.kill()
    return before, after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=200)
    args = parser.parse_args()
    runs = {"default": None, "PYTHONMALLOC=malloc": {**os.environ, "PYTHONMALLOC": "malloc"}}
    results = {name: measure(args.cases, env) for name, env in runs.items()}
    print(f"child process memory after reading {args.cases} cases naming a canary (copies found)")
    print(f"{'needle':22} " + " ".join(f"{name + ' open':>26} {'locked':>7}" for name in runs))
    for needle in results["default"][0]:
        cells = " ".join(f"{results[name][0][needle]:26} {results[name][1][needle]:7}" for name in runs)
        print(f"{needle:22} {cells}")
    for name in runs:
        left = sum(v for k, v in results[name][1].items() if "key" in k)
        print(f"{name}: key copies left after lock: {left}")

if __name__ == "__main__":
    main()
