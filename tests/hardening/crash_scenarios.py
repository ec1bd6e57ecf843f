"""What a crash child does until it is killed: one scenario, through the store API.

Each loop step writes an intent line before it starts ("adding", "deleting E-…",
"rekeying 3") and an acknowledgement after its commit returned ("add E-… sha", "del E-…",
"rekey 3"): what was acknowledged must survive, what was only intended may or may not.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crash_kit import PASSPHRASE, canary_case, evidence_bytes, passphrase

from amparo.store.repository import Store
from amparo.store.vault import Vault

Ack = Callable[..., None]
SIZES = (0, 1, 5_000, 70_000, 300_000, 1_500_000)


def _open(folder: Path, secret: str = PASSPHRASE) -> tuple[Vault, Store]:
    vault = Vault.open(folder, secret)
    return vault, Store(vault.engine, actor="crash-test", blobs=vault.evidence)


def _add(store: Store, case_id: str, ack: Ack, rng: random.Random) -> str:
    data = evidence_bytes(rng, rng.choice(SIZES))
    ack("adding")
    item = store.evidence.add_from_stream(case_id, io.BytesIO(data), filename="scan.bin",
                                          media_type="application/octet-stream").evidence
    ack("add", item.id, item.sha256)
    return item.id


def evidence_add(folder: Path, ack: Ack, rng: random.Random) -> None:
    _, store = _open(folder)
    case_id = store.cases.ids()[0]
    ack("open")
    while True:
        _add(store, case_id, ack, rng)


def evidence_delete(folder: Path, ack: Ack, rng: random.Random) -> None:
    _, store = _open(folder)
    case_id = store.cases.ids()[0]
    ack("open")
    ids = [s.evidence.id for s in store.evidence.list()]
    rng.shuffle(ids)
    while True:
        if not ids:
            ids.append(_add(store, case_id, ack, rng))
        evidence_id = ids.pop()
        blob_id = store.evidence.get(evidence_id).blob_id
        ack("deleting", evidence_id, blob_id)
        store.evidence.delete_for_good(evidence_id)
        ack("del", evidence_id, blob_id)


def _passphrase_chain(folder: Path, ack: Ack, rng: random.Random, full: bool) -> None:
    vault, store = _open(folder)
    case_id = store.cases.ids()[0]
    ack("open")
    n = 0
    while True:
        if rng.random() < 0.5:
            _add(store, case_id, ack, rng)
        ack("rekeying", n + 1)
        if full:
            vault.rekey(passphrase(n + 1))
        else:
            vault.change_passphrase(passphrase(n + 1))
        n += 1
        ack("rekey", n)


def rekey(folder: Path, ack: Ack, rng: random.Random) -> None:
    _passphrase_chain(folder, ack, rng, full=True)


def passphrase_change(folder: Path, ack: Ack, rng: random.Random) -> None:
    _passphrase_chain(folder, ack, rng, full=False)


def migration(folder: Path, ack: Ack, rng: random.Random) -> None:
    ack("opening")
    _, store = _open(folder)  # Alembic 0004 and the conversion of the format-1 blobs
    case_id = store.cases.ids()[0]
    ack("open")
    while True:
        _add(store, case_id, ack, rng)


def case_import(folder: Path, ack: Ack, rng: random.Random) -> None:
    _, store = _open(folder)
    ack("open")
    case = canary_case()
    while True:
        ack("importing")
        for case_id in store.cases.add_many([case] * rng.randint(1, 20)):
            ack("case", case_id)


SCENARIOS: dict[str, Callable[[Path, Ack, random.Random], Any]] = {
    "evidence-add": evidence_add, "evidence-delete": evidence_delete, "rekey": rekey,
    "passphrase": passphrase_change, "migration": migration, "case-import": case_import,
}


def run(scenario: str, folder: Path, ack: Ack, rng: random.Random) -> None:
    """Loop ``scenario`` on the vault at ``folder`` until killed."""
    SCENARIOS[scenario](folder, ack, rng)
