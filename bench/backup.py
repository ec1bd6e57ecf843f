"""Backup and restore of a large vault: MB/s and peak RSS, against a plain copy in the same run.

Builds a vault of N cases (``bench/vault.py``'s generator) with E MB of evidence (files of
8 MiB of random bytes, spread over the cases), then, each in a fresh process so that its
peak RSS is its own:

- *copy*: the baseline: the vault's database and evidence files concatenated into one file
  (read, write, fsync): what any backup must at least do;
- *backup*: ``ws.backups.create`` (snapshot of the database, AES-256-GCM per 1 MiB, SHA-256
  of every entry, fsync, rename);
- *verify*: ``verify_backup`` (decrypt, authenticate, hash; nothing written);
- *restore*: ``restore_backup`` into an empty folder (the same, plus writing the files,
  then one open of the restored vault and a check of its audit chain).

Each phase is timed from after its imports (and the backup from after the unlock), so the
figures compare the work itself; peak RSS is the whole process's (VmHWM).

Prints MB/s (bytes of the vault / seconds) and the ratio to the copy, and peak RSS.
Targets (issue 17): >= 100 MB/s, < 150 MB peak RSS.

    .venv/bin/python bench/backup.py [--cases 2000] [--evidence-mb 100] [--keep DIR]
    .venv/bin/python bench/backup.py --cases 20000 --evidence-mb 1024     (the full size)

``--server`` measures server mode instead, on a PostgreSQL database of its own
(``srvbackup_bench_…`` on AMPARO_TEST_PG_URL's server, dropped afterwards) holding N
generated cases (field encryption on) and E MB of evidence in ``blob_data``:

- *pg_dump*: the baseline: ``pg_dump`` of the database to a plain SQL file;
- *backup*: ``ws.backups.create`` as an administrator (COPY of every table in one
  snapshot, evidence rows over 512 KiB read in ``substring`` pieces, sealed in 1 MiB
  frames, SHA-256 per table, fsync, rename);
- *verify*: ``verify_backup`` with the organisation passphrase;
- *restore*: ``restore_backup_to_server`` into a new, empty database (one transaction).

MB/s is over the bytes of the backup file (the COPY text of every table: bytea is
written in hex, so evidence counts twice), the same count for the baseline.

    .venv/bin/python bench/backup.py --server [--cases 5000] [--evidence-mb 100]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASS = "bench passphrase, not secret"
TARGET_MBPS = 100.0
TARGET_RSS_MB = 150.0
FILE_MIB = 8


def _kdf():
    from amparo.store import KdfParams

    return KdfParams(memory_kib=8192, time_cost=1, parallelism=1)  # the KDF is not what is measured


def build(vault: Path, cases: int, evidence_mb: int) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from amparo.service.workspace import Workspace
    from vault import generate  # bench/vault.py

    with Workspace.create(vault, PASS, kdf=_kdf()) as ws:
        ids: list[str] = []
        batch = generate(cases)
        for start in range(0, len(batch), 500):
            ids += ws.store.cases.add_many(batch[start:start + 500])
        block = bytearray(os.urandom(FILE_MIB * 1024 * 1024))
        for n in range(max(1, evidence_mb // FILE_MIB)):
            block[:8] = n.to_bytes(8, "big")
            ws.evidence.add_stream(ids[n % len(ids)], io.BytesIO(bytes(block)), filename=f"f{n}.bin")


def vault_bytes(vault: Path) -> int:
    return sum(p.stat().st_size for p in vault.rglob("*") if p.is_file())


def phase(name: str, vault: Path, work: Path) -> dict[str, float]:
    """One phase, timed from after the imports (and, for the backup, after the unlock)."""
    import amparo.store.repository
    import amparo.store.vault  # noqa: F401 - imported before the timer, as in a long-running app
    from amparo.service import restore_backup, verify_backup
    from amparo.service.workspace import Workspace

    ws = Workspace.open(vault, PASS) if name == "backup" else None
    start = time.perf_counter()
    if name == "copy":
        with (work / "copy.bin").open("wb") as out:
            for p in sorted(vault.rglob("*")):
                if p.is_file() and not p.name.startswith("."):
                    with p.open("rb") as f:
                        while piece := f.read(1024 * 1024):
                            out.write(piece)
            out.flush()
            os.fsync(out.fileno())
    elif ws is not None:
        ws.backups.create(work / "vault.backup")
    elif name == "verify":
        verify_backup(work / "vault.backup", PASS)
    elif name == "restore":
        restore_backup(work / "vault.backup", work / "restored", PASS)
    seconds = time.perf_counter() - start
    if ws is not None:
        ws.lock()
    return {"seconds": seconds, "rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's high-water mark (VmHWM: ru_maxrss would carry the parent's over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_phase(name: str, vault: Path, work: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--phase", name, "--vault", str(vault), "--work", str(work)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


# -- server mode -------------------------------------------------------------------------------

PG = os.environ.get("AMPARO_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ORG = "benchmark organisation passphrase"


def _database(name: str, *, drop: bool = False) -> str:
    import sqlalchemy as sa

    admin = sa.create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)" if drop else f"CREATE DATABASE {name}")
    admin.dispose()
    return sa.make_url(PG).set(database=name).render_as_string(hide_password=False)


def build_server(url: str, cases: int, evidence_mb: int) -> str:
    """A server at ``url`` with ``cases`` cases and ``evidence_mb`` MB of evidence; the admin's id."""
    sys.path.insert(0, str(Path(__file__).parent))
    from amparo.service import Actor, Workspace
    from amparo.service.people import enrol
    from amparo.store.server import Server
    from vault import BATCH, generate  # bench/vault.py

    with Server.create(url, ORG, kdf=_kdf()) as server:
        admin = enrol(server, server.store(), "admin@example.org", "administrator", "a long enough password")
        coordinator = enrol(server, server.store(), "coord@example.org", "coordinator", "a long enough password")
        store = server.store(coordinator.id)
        batch = generate(cases)
        ids: list[str] = []
        for start in range(0, len(batch), BATCH):
            ids += store.cases.add_many(batch[start:start + BATCH])
        ws = Workspace.for_server(server, Actor(coordinator.id, "coordinator"))
        block = bytearray(os.urandom(FILE_MIB * 1024 * 1024))
        for n in range(max(1, evidence_mb // FILE_MIB)):
            block[:8] = n.to_bytes(8, "big")
            ws.evidence.add_stream(ids[n % len(ids)], io.BytesIO(bytes(block)), filename=f"f{n}.bin")
        return admin.id


def server_phase(name: str, url: str, work: Path, admin_id: str, target: str) -> dict[str, float]:
    """One server phase in this process, timed from after the imports and the unlock."""
    import amparo.store.backup_server  # noqa: F401 - imported before the timer
    from amparo.service import Actor, Workspace, restore_backup_to_server, verify_backup
    from amparo.store.server import Server

    server = Server.open(url, ORG) if name == "backup" else None
    ws = Workspace.for_server(server, Actor(admin_id, "administrator")) if server is not None else None
    ready = peak_rss_mb()
    start = time.perf_counter()
    if name == "pg_dump":
        import sqlalchemy as sa

        u = sa.make_url(url)
        subprocess.run(["pg_dump", "-h", u.host or "127.0.0.1", "-p", str(u.port or 5432), "-U",
                        u.username or "postgres", "-d", u.database or "", "-f", str(work / "dump.sql")], check=True)
    elif ws is not None:
        ws.backups.create(work / "server.backup")
    elif name == "verify":
        verify_backup(work / "server.backup", ORG)
    elif name == "restore":
        restore_backup_to_server(work / "server.backup", target, ORG)
    seconds = time.perf_counter() - start
    if server is not None:
        server.lock()
    return {"seconds": seconds, "rss_mb": peak_rss_mb(), "ready_mb": ready}


def run_server_phase(name: str, url: str, work: Path, admin_id: str, target: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--server-phase", name, "--db", url, "--work", str(work),
                          "--admin", admin_id, "--target", target], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def server_main(cases: int, evidence_mb: int) -> None:
    import secrets

    tag = secrets.token_hex(4)
    source, target = f"srvbackup_bench_{tag}", f"srvbackup_bench_{tag}_r"
    with tempfile.TemporaryDirectory(prefix="amparo-bench-") as tmp:
        work = Path(tmp)
        try:
            url, target_url = _database(source), _database(target)
            began = time.perf_counter()
            admin_id = build_server(url, cases, evidence_mb)
            print(f"server: {cases} cases, {evidence_mb} MB of evidence (built in "
                  f"{time.perf_counter() - began:.0f} s)")
            results = {name: run_server_phase(name, url, work, admin_id, target_url)
                       for name in ("pg_dump", "backup", "verify", "restore")}
        finally:
            _database(source, drop=True)
            _database(target, drop=True)
        size = (work / "server.backup").stat().st_size
        base = size / 1e6 / results["pg_dump"]["seconds"]
        print(f"backup file: {size / 1e6:.0f} MB (pg_dump's: {(work / 'dump.sql').stat().st_size / 1e6:.0f} MB)")
        print(f"{'phase':<8} {'MB/s':>8} {'x pg_dump':>9} {'peak RSS MB':>12} {'before MB':>10}")
        for name, r in results.items():
            mbps = size / 1e6 / r["seconds"]
            rss, ready = ("-", "-") if name == "pg_dump" else (f"{r['rss_mb']:.0f}", f"{r['ready_mb']:.0f}")
            print(f"{name:<8} {mbps:8.0f} {mbps / base:9.2f} {rss:>12} {ready:>10}")
        print("(before: the process's peak RSS after its imports and unlock, when the timer starts)")
        print(f"targets: >= {TARGET_MBPS:.0f} MB/s, < {TARGET_RSS_MB:.0f} MB peak RSS")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--server", action="store_true", help="Measure server mode (PostgreSQL).")
    parser.add_argument("--server-phase", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--admin", help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    parser.add_argument("--evidence-mb", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="Build in this folder and leave it there.")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--vault", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.vault, args.work)))
        return
    if args.server_phase:
        print(json.dumps(server_phase(args.server_phase, args.db, args.work, args.admin, args.target)))
        return
    if args.server:
        server_main(args.cases, args.evidence_mb)
        return
    with tempfile.TemporaryDirectory(prefix="amparo-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        vault = work / "vault"
        began = time.perf_counter()
        build(vault, args.cases, args.evidence_mb)
        size = vault_bytes(vault)
        print(f"vault: {args.cases} cases, {size / 1e6:.0f} MB on disk (built in {time.perf_counter() - began:.0f} s)")
        results = {name: run_phase(name, vault, work) for name in ("copy", "backup", "verify", "restore")}
        base = size / 1e6 / results["copy"]["seconds"]
        print(f"{'phase':<8} {'MB/s':>8} {'x copy':>7} {'peak RSS MB':>12}")
        for name, r in results.items():
            mbps = size / 1e6 / r["seconds"]
            print(f"{name:<8} {mbps:8.0f} {mbps / base:7.2f} {r['rss_mb']:12.0f}")
        print(f"backup file: {(work / 'vault.backup').stat().st_size / 1e6:.0f} MB; "
              f"targets: >= {TARGET_MBPS:.0f} MB/s, < {TARGET_RSS_MB:.0f} MB peak RSS")


if __name__ == "__main__":
    main()
