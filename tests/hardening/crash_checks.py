"""After a kill: what the folder holds before the next open, and after it.

Before opening (what a seizure right after the crash would find): no plaintext anywhere in
the vault folder or the child's temp folder; every file left over (temporary blob, orphan,
half-made database copy) decrypts with no key the vault holds; no deleted evidence keeps
its key. Then the vault must open with the right passphrase (for a rekey: the last
acknowledged one or the next, never neither), its audit chain verify, every acknowledged
write be there and verify, and nothing be left over at all.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crash_kit import CANARY, EVIDENCE_MARK, Template, Trial, passphrase

from amparo.model.errors import NotFound
from amparo.store.keys import Header, VaultCorrupt, VaultKeys, WrongPassphrase, read_header
from amparo.store.repository import Store
from amparo.store.vault import Vault

PLAINTEXT = [EVIDENCE_MARK, CANARY.encode(), CANARY.encode("utf-16-le"), CANARY.split()[1].encode()]


@dataclass
class Verdict:
    """What one kill left: problems found, and the counts the long run adds up."""

    problems: list[str] = field(default_factory=list)
    lost: int = 0  # acknowledged writes missing after the reopen
    leftovers: int = 0  # files a crash left that the next open had to remove
    decryptable: int = 0  # leftovers that some key the vault holds decrypts
    left_after_open: int = 0  # leftovers still there after the reopen (must be 0)

    @property
    def survived(self) -> bool:
        return not self.problems


def check(trial: Trial, template: Template) -> Verdict:
    """Everything the module docstring says, for one trial."""
    verdict = Verdict()
    if (trial.workdir / "child.log").exists():
        verdict.problems.append("the child failed: " + (trial.workdir / "child.log").read_text()[-400:])
        return verdict
    acks = trial.acks
    done = [a[1] for a in acks if a[0] == "rekey"]
    n = int(done[-1]) if done else 0
    candidates = [n, n + 1] if trial.scenario in ("rekey", "passphrase") else [0]
    _plaintext(trial, verdict)
    keys = _unseal_any(read_header(trial.folder), candidates)
    if keys is None:
        verdict.problems.append(f"no passphrase in {candidates} unseals the header")
        return verdict
    _leftovers_before(trial, keys, acks, verdict)
    keys.wipe()
    _reopen(trial, template, candidates, verdict)
    if trial.scenario == "rekey" and n >= 1:
        _old_header_opens_nothing(trial, template, verdict)
    return verdict


def _plaintext(trial: Trial, verdict: Verdict) -> None:
    for folder in (trial.folder, trial.tmp):
        for path in folder.rglob("*"):
            if path.is_file():
                raw = path.read_bytes()
                if any(p in raw for p in PLAINTEXT):
                    verdict.problems.append(f"plaintext in {path.relative_to(trial.workdir)}")


def _unseal_any(header: Header, candidates: list[int]) -> VaultKeys | None:
    for n in candidates:
        try:
            return header.unseal(passphrase(n))
        except WrongPassphrase:
            continue
    return None


def _database_rows(trial: Trial, keys: VaultKeys) -> tuple[set[str], set[str]] | None:
    """(blob ids with a key row, blob ids with an evidence record), read without opening."""
    from amparo.store.engine import sqlcipher_connect

    header = read_header(trial.folder)
    previous = header.previous_keys(keys)
    for candidate in [keys, previous] if previous else [keys]:
        try:
            conn = sqlcipher_connect(trial.folder / "vault.db", candidate.database)
        except WrongPassphrase:
            continue
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            keyed = {r[0] for r in conn.execute("SELECT blob_id FROM blob_keys")} if "blob_keys" in tables else set()
            recorded = {r[0] for r in conn.execute("SELECT blob_id FROM evidence")}
            return keyed, recorded
        finally:
            conn.close()
            if previous is not None:
                previous.wipe()
    return None


def _leftovers_before(trial: Trial, keys: VaultKeys, acks: list[list[str]], verdict: Verdict) -> None:
    rows = _database_rows(trial, keys)
    if rows is None:
        verdict.problems.append("the database opens with neither key of the header")
        return
    keyed, recorded = rows
    evidence_key = bytes(keys.evidence.buffer)
    blobs = trial.folder / "blobs"
    for path in sorted(blobs.iterdir()) if blobs.is_dir() else []:
        if path.name in keyed or (path.name in recorded and _legacy_key_opens(path, evidence_key)):
            continue  # committed evidence (format 1 until converted)
        verdict.leftovers += 1
        if _legacy_key_opens(path, evidence_key):
            verdict.decryptable += 1
            verdict.problems.append(f"decryptable leftover blobs/{path.name}")
    # A key whose record is gone is what a delete must never leave: the record's deletion
    # was committed, the file still decrypts (the old order: record first, blob after).
    for blob_id in sorted(keyed - recorded):
        verdict.decryptable += 1
        verdict.problems.append(f"a blob key outlived its evidence record ({blob_id})")
    for blob_id in {a[2] for a in acks if a[0] == "del"} & keyed & recorded:
        verdict.decryptable += 1
        verdict.problems.append(f"deleted evidence still has its key ({blob_id})")
    header_pending = read_header(trial.folder).rekey_from is not None
    for path in sorted(trial.folder.glob("vault.db.rekey*")) + sorted(trial.folder.glob(".vault.json.*.tmp")):
        verdict.leftovers += 1
        if path.name == "vault.db.rekey" and not header_pending and _holds_tables(path, keys):
            verdict.decryptable += 1
            verdict.problems.append("a stray database copy opens with the vault key")


def _holds_tables(path: Path, keys: VaultKeys) -> bool:
    """Whether ``path`` decrypts with the vault's database key to a database with content.

    (An empty file "opens" with any key: it holds nothing.)
    """
    from amparo.store.engine import sqlcipher_connect

    try:
        conn = sqlcipher_connect(path, keys.database)
    except Exception:
        return False
    try:
        return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    finally:
        conn.close()


def _legacy_key_opens(path: Path, evidence_key: bytes) -> bool:
    """Whether the file itself carries a key the evidence key unwraps (format 1)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    raw = path.read_bytes()[:77]
    if len(raw) < 77 or raw[:5] != b"AMPB\x01":
        return False
    # A temporary file of the old code was named .<blob id>.<random>.tmp
    bid = (path.name.split(".")[1] if path.name.startswith(".") else path.name).encode()
    try:
        AESGCM(evidence_key).decrypt(raw[17:29], raw[29:77], b"amparo blob key v1" + raw[:17] + bytes([len(bid)]) + bid)
    except Exception:
        return False
    return True


def _reopen(trial: Trial, template: Template, candidates: list[int], verdict: Verdict) -> None:
    opened: list[int] = []
    for n in candidates:
        try:
            vault = Vault.open(trial.folder, passphrase(n))
        except (WrongPassphrase, VaultCorrupt):
            continue
        opened.append(n)
        try:
            _after_open(trial, template, vault, verdict)
        finally:
            vault.lock()
    if len(opened) != 1:
        verdict.problems.append(f"passphrases {candidates}: {opened} open the vault (one must)")


def _after_open(trial: Trial, template: Template, vault: Vault, verdict: Verdict) -> None:
    store = Store(vault.engine, blobs=vault.evidence)
    report = store.audit.verify()
    if not report.ok:
        verdict.problems.append(f"audit chain broken: {report.reason}")
    acks = trial.acks
    intended = {a[1] for a in acks if a[0] == "deleting"}
    deleted = {a[1] for a in acks if a[0] == "del"}
    expected = {a[1]: a[2] for a in acks if a[0] == "add"}
    expected.update(template.evidence)
    for evidence_id, sha in expected.items():
        if evidence_id in intended:
            continue  # a delete was under way (either outcome is right) or acknowledged (below)
        if not _evidence_ok(store, vault, evidence_id, sha):
            verdict.lost += 1
            verdict.problems.append(f"acknowledged evidence {evidence_id} lost or altered")
    for evidence_id in deleted:
        try:
            store.evidence.get(evidence_id)
        except NotFound:
            continue
        verdict.lost += 1
        verdict.problems.append(f"evidence {evidence_id} came back after its delete was acknowledged")
    for case_id in (a[1] for a in acks if a[0] == "case"):
        if not store.cases.exists(case_id):
            verdict.lost += 1
            verdict.problems.append(f"acknowledged case {case_id} lost")
    keyed = set(vault.evidence.blob_ids())
    on_disk = {p.name for p in vault.evidence.directory.iterdir()} if vault.evidence.directory.is_dir() else set()
    stray = (on_disk - keyed) | {p.name for p in trial.folder.glob("vault.db.rekey*")}
    stray |= {p.name for p in trial.folder.glob(".vault.json.*.tmp")}
    if stray:
        verdict.left_after_open = len(stray)
        verdict.problems.append(f"left after the reopen: {sorted(stray)[:3]}")


def _evidence_ok(store: Store, vault: Vault, evidence_id: str, sha: str) -> bool:
    try:
        stored = store.evidence.get(evidence_id)
    except NotFound:
        return False
    return stored.evidence.sha256 == sha and vault.evidence.verify(stored.blob_id, sha)


def _old_header_opens_nothing(trial: Trial, template: Template, verdict: Verdict) -> None:
    scratch = trial.workdir / "old-header"
    shutil.copytree(trial.folder, scratch, ignore=shutil.ignore_patterns(".lock"))
    shutil.copy(template.folder / "vault.json", scratch / "vault.json")
    try:
        Vault.open(scratch, passphrase(0)).lock()
    except VaultCorrupt:
        return
    except Exception as exc:  # anything but "does not belong" is a finding too
        verdict.problems.append(f"old header: {type(exc).__name__}")
        return
    verdict.problems.append("an old header with the old passphrase opened the rekeyed vault")


def summary(verdicts: list[Any]) -> dict[str, int]:
    """Totals over many kills, for bench/hardening.py."""
    return {
        "survived": sum(v.survived for v in verdicts),
        "acknowledged writes lost": sum(v.lost for v in verdicts),
        "leftover files found before reopen": sum(v.leftovers for v in verdicts),
        "decryptable leftovers": sum(v.decryptable for v in verdicts),
        "leftovers after reopen": sum(v.left_after_open for v in verdicts),
    }
