"""Kill a process that is writing to a vault, at random points, and look at what it left.

Shared by ``tests/hardening/test_crash.py`` (20 kills) and ``bench/hardening.py`` (200).

A *zygote* process imports the store once and forks one child per trial, so a trial costs
a fork, not an interpreter start. The child opens a copy of a template vault and loops one
scenario through the store API, appending an acknowledgement line to a file after each
commit returns. It dies by SIGKILL, either
- from the parent, after a random delay (any instruction: inside SQLite, mid-write), or
- by its own hand, right before its N-th call to a file operation (``os.write``, ``fsync``,
  ``replace``, ``unlink``…) or database commit, N random: every step boundary gets hit.

Then ``crash_checks.check`` inspects the folder. No real person is in any of this data.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KIT_DIR = Path(__file__).parent
SCENARIOS = ("evidence-add", "evidence-delete", "rekey", "passphrase", "migration", "case-import")
PASSPHRASE = "crash test passphrase 0"
CANARY = "Zyxwelda Quorrington"
EVIDENCE_MARK = b"EVIDENCE-PLAINTEXT-MARK-7f3a"
#: Seconds after the fork within which a timer kill lands (the child loops until killed).
WINDOW = {"evidence-add": 0.5, "evidence-delete": 0.5, "rekey": 0.8, "passphrase": 0.4,
          "migration": 0.5, "case-import": 0.5}
#: The N of a self-inflicted kill is drawn from 1..CALLS.
CALLS = {"evidence-add": 120, "evidence-delete": 120, "rekey": 90, "passphrase": 60,
         "migration": 160, "case-import": 60}
SAFETY_SECONDS = 20.0
DEMO = KIT_DIR.parents[1] / "src" / "amparo" / "service" / "demo" / "4-coordinator-stopped-at-airport.json"


def passphrase(n: int) -> str:
    """The n-th passphrase of a rekey or passphrase-change chain (0: the template's)."""
    return PASSPHRASE if n == 0 else f"crash test passphrase {n}"


def evidence_bytes(rng: random.Random, size: int) -> bytes:
    """Evidence content: the plaintext mark, then random bytes (never compressible)."""
    return EVIDENCE_MARK * 4 + rng.randbytes(max(0, size))


# -- templates (built in the parent, once) -------------------------------------------------

@dataclass
class Template:
    """A vault to copy for each trial, with what it holds."""

    folder: Path
    case_id: str
    evidence: dict[str, str] = field(default_factory=dict)  # evidence id -> sha256


def canary_case() -> Any:
    from amparo.model.facts_document import case_from_trusted_facts

    facts = json.loads(DEMO.read_text())
    facts["people"][0]["name"] = CANARY
    facts["reprisals"][0]["description"] = f"{CANARY} was stopped at the airport."
    return case_from_trusted_facts(facts)


def build_templates(root: Path) -> dict[str, Template]:
    """The three vaults the scenarios start from: basic, many files, and pre-0004."""
    from amparo.store.keys import KdfParams
    from amparo.store.repository import Store
    from amparo.store.vault import Vault

    fast = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
    rng = random.Random(7)
    out: dict[str, Template] = {}
    for name, files in (("basic", 3), ("many", 30)):
        folder = root / name
        with Vault.create(folder, PASSPHRASE, kdf=fast) as vault:
            store = Store(vault.engine, actor="tester", blobs=vault.evidence)
            template = Template(folder, store.cases.add(canary_case()))
            for _ in range(files):
                data = evidence_bytes(rng, rng.randint(0, 40_000))
                item = store.evidence.add_from_stream(template.case_id, io.BytesIO(data), filename="f.bin",
                                                      media_type="application/octet-stream").evidence
                template.evidence[item.id] = item.sha256
        out[name] = template
    out["legacy"] = _legacy_template(root / "legacy", fast, rng)
    return out


def _legacy_template(folder: Path, fast: Any, rng: random.Random) -> Template:
    """A vault as made before revision 0004: schema 0003, 24 format-1 blobs with records."""
    import sqlalchemy as sa
    from alembic import command

    from amparo.store.migrate import _config
    from amparo.store.repository import Store
    from amparo.store.schema import evidence
    from amparo.store.vault import Vault

    with Vault.create(folder, PASSPHRASE, kdf=fast) as vault:
        template = Template(folder, Store(vault.engine).cases.add(canary_case()))
        key = bytes(vault._keys.evidence.buffer)  # type: ignore[union-attr]
        with vault.engine.begin() as conn:
            command.downgrade(_config(conn), "0003")
        with vault.engine.begin() as conn:
            for n in range(24):
                data = evidence_bytes(rng, rng.randint(0, 200_000))
                blob_id = f"legacy{n:04d}abcd"
                write_legacy_blob(folder / "blobs" / blob_id, key, data)
                evidence_id = f"E-LEGAC{n:03d}"
                conn.execute(sa.insert(evidence).values(
                    id=evidence_id, case_id=template.case_id, blob_id=blob_id, filename="old.bin",
                    media_type="application/octet-stream", size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(), received_at=_now(), names_people="[]"))
                template.evidence[evidence_id] = hashlib.sha256(data).hexdigest()
    return template


def write_legacy_blob(path: Path, evidence_key: bytes, data: bytes, chunk: int = 65536) -> None:
    """Format 1: head, the wrapped file key, STREAM chunks (as Amparo wrote before 0004)."""
    import secrets
    import struct

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    path.parent.mkdir(mode=0o700, exist_ok=True)
    file_key, prefix, nonce = AESGCM.generate_key(256), secrets.token_bytes(8), secrets.token_bytes(12)
    head = struct.pack(">4sBI8s", b"AMPB", 1, chunk, prefix)
    bid = path.name.encode()
    out = [head, nonce + AESGCM(evidence_key).encrypt(nonce, file_key, b"amparo blob key v1" + head
                                                       + bytes([len(bid)]) + bid)]
    pieces = [data[i:i + chunk] for i in range(0, len(data), chunk)] or [b""]
    for index, piece in enumerate(pieces):
        aad = b"amparo blob chunk v1" + bytes([len(bid)]) + bid + struct.pack(">QB", index, index == len(pieces) - 1)
        out.append(AESGCM(file_key).encrypt(prefix + index.to_bytes(4, "big"), piece, aad))
    path.write_bytes(b"".join(out))


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


# -- the child: one scenario, looped until killed ------------------------------------------

def child_main(job: dict[str, Any]) -> None:
    """Run in the forked child: open the vault copy and loop the scenario, acknowledging."""
    import tempfile

    os.environ["TMPDIR"] = job["tmp"]
    tempfile.tempdir = job["tmp"]
    ack_fd = os.open(job["acks"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def ack(*words: object) -> None:
        os.write(ack_fd, (" ".join(str(w) for w in words) + "\n").encode())

    if job.get("kill_at_call"):
        _arm(int(job["kill_at_call"]))
    rng = random.Random(job["seed"])
    from crash_scenarios import run

    run(job["scenario"], Path(job["folder"]), ack, rng)


def _arm(n: int) -> None:
    """SIGKILL this process right before its n-th file operation or database commit."""
    import sqlalchemy

    count = [0]

    def tick() -> None:
        count[0] += 1
        if count[0] >= n:
            os.kill(os.getpid(), signal.SIGKILL)

    for name in ("write", "pwrite", "fsync", "replace", "rename", "unlink", "ftruncate", "utime"):
        original = getattr(os, name)

        def hooked(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            tick()
            return _original(*args, **kwargs)

        setattr(os, name, hooked)
    sqlalchemy.event.listen(sqlalchemy.engine.Engine, "commit", lambda conn: tick())


def zygote() -> None:
    """Serve trials: read a job per line, fork, report the pid, then the exit status."""
    import amparo.store.blob_upkeep
    import amparo.store.migrate
    import amparo.store.repository
    import amparo.store.vault  # noqa: F401

    print("ready", flush=True)
    for line in sys.stdin:
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:
            null = os.open(os.devnull, os.O_RDWR)
            os.dup2(null, 0)
            os.dup2(null, 1)
            try:
                child_main(job)
            except BaseException:
                Path(job["log"]).write_text(traceback.format_exc())
                os._exit(70)
            os._exit(0)
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exit {status}", flush=True)


class Zygote:
    """The parent's handle on a zygote process."""

    def __init__(self) -> None:
        boot = f"import sys; sys.path.insert(0, {str(KIT_DIR)!r}); import crash_kit; crash_kit.zygote()"
        self.proc = subprocess.Popen([sys.executable, "-c", boot], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        assert self.proc.stdout is not None and self.proc.stdin is not None
        self._out = self.proc.stdout.fileno()
        self._pending = b""
        if self._line(timeout=120) != "ready":
            raise RuntimeError("the crash zygote did not start")

    def _line(self, timeout: float) -> str | None:
        """The next line from the zygote, or None if none came within ``timeout`` seconds."""
        import select

        deadline = time.monotonic() + timeout
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._out], [], [], left)[0]:
                return None
            chunk = os.read(self._out, 4096)
            if not chunk:
                raise RuntimeError("the crash zygote died")
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line.decode().strip()

    def run(self, job: dict[str, Any], kill_after: float) -> tuple[bool, int]:
        """Run one child; SIGKILL it after ``kill_after`` s. Returns (killed, raw status)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(job) + "\n").encode())
        self.proc.stdin.flush()
        pid = int(self._line(timeout=60) or "0")
        if pid <= 0:
            raise RuntimeError("the crash zygote did not fork")
        exited = self._line(timeout=kill_after)
        if exited is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            exited = self._line(timeout=60)
        if exited is None:
            raise RuntimeError("a crash child did not die")
        status = int(exited.split()[1])
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        return killed, status

    def close(self) -> None:
        """Stop the zygote."""
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


@dataclass
class Trial:
    """One kill: where, how, and what the child acknowledged."""

    scenario: str
    seed: int
    mode: str  # "timer" or "call"
    workdir: Path
    killed: bool = False
    status: int = 0
    acks: list[list[str]] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.workdir / "vault"

    @property
    def tmp(self) -> Path:
        return self.workdir / "tmp"


TEMPLATE_OF = {"evidence-add": "basic", "evidence-delete": "many", "rekey": "basic",
               "passphrase": "basic", "migration": "legacy", "case-import": "basic"}


def run_trial(zygote: Zygote, templates: dict[str, Template], scenario: str, seed: int, mode: str,
              workdir: Path) -> Trial:
    """Copy the scenario's template, run and kill one child, return what it acknowledged."""
    rng = random.Random(seed)
    trial = Trial(scenario, seed, mode, workdir)
    shutil.copytree(templates[TEMPLATE_OF[scenario]].folder, trial.folder)
    trial.tmp.mkdir()
    job = {"scenario": scenario, "folder": str(trial.folder), "tmp": str(trial.tmp), "seed": seed,
           "acks": str(workdir / "acks"), "log": str(workdir / "child.log"),
           "kill_at_call": rng.randint(1, CALLS[scenario]) if mode == "call" else None}
    kill_after = rng.uniform(0.0, WINDOW[scenario]) if mode == "timer" else SAFETY_SECONDS
    trial.killed, trial.status = zygote.run(job, kill_after)
    acks_file = workdir / "acks"
    if acks_file.exists():
        trial.acks = [line.split() for line in acks_file.read_text().splitlines() if line]
    return trial
