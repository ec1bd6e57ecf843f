"""Helpers for store tests: a case with evidence in a vault, raw page decryption, format-1 blobs."""

from __future__ import annotations

import hashlib
import io
import secrets
import struct
from datetime import UTC, date, datetime
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from amparo.model import Case, load_case_facts
from amparo.store.keys import KdfParams
from amparo.store.repository import Store
from amparo.store.vault import Vault

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
PASS = "correct horse battery"
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
DEMO = Path(__file__).parents[2] / "src" / "amparo" / "service" / "demo"


def demo_case() -> Case:
    """The fictional airport case."""
    return load_case_facts(DEMO / "4-coordinator-stopped-at-airport.json", today=date(2026, 11, 28))


def store_of(vault: Vault) -> Store:
    """A Store over the vault, with its evidence files."""
    return Store(vault.engine, actor="tester", clock=lambda: NOW, blobs=vault.evidence)


def add_case(vault: Vault) -> str:
    return store_of(vault).cases.add(demo_case())


def add_evidence(vault: Vault, data: bytes, case_id: str | None = None) -> str:
    """Add ``data`` as evidence on a case (a new demo case unless given); returns its id."""
    store = store_of(vault)
    case_id = case_id or store.cases.add(demo_case())
    return store.evidence.add_from_stream(
        case_id, io.BytesIO(data), filename="statement.txt", media_type="text/plain").evidence.id


def read_evidence(vault: Vault, evidence_id: str) -> bytes:
    store = store_of(vault)
    return b"".join(vault.evidence.open(store.evidence.get(evidence_id).blob_id))


def database_key(vault: Vault) -> bytes:
    """The raw SQLCipher key of an open vault (tests only)."""
    return bytes(vault._keys.database.buffer)  # type: ignore[union-attr]


def decrypt_pages(path: Path, key: bytes, *, wal: bool = False) -> bytes:
    """Every page of a SQLCipher 4 file (or of its WAL), decrypted: live, free and old alike.

    SQLCipher 4 defaults: 4096-byte pages, each AES-256-CBC with its IV in the last 80 bytes
    (IV + HMAC); page 1 starts with the 16-byte salt. A WAL has a 32-byte header and a
    24-byte header per frame. Used to show that a deleted row is in no page at all, which a
    query cannot show.
    """
    raw = path.read_bytes() if path.exists() else b""
    page, reserve = 4096, 80
    out = []
    offsets = (range(32 + 24, len(raw) - page + 1, page + 24) if wal
               else range(0, len(raw) - page + 1, page))
    for off in offsets:
        p = raw[off:off + page]
        start = 16 if (off == 0 and not wal) else 0
        iv = p[page - reserve:page - reserve + 16]
        dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out.append(dec.update(p[start:page - reserve]) + dec.finalize())
    return b"".join(out)


def write_legacy_blob(blobs_dir: Path, blob_id: str, evidence_key: bytes, data: bytes,
                      chunk: int = 1024 * 1024) -> Path:
    """A blob in format 1, as Amparo wrote them before migration 0004 (wrapped key in the file)."""
    blobs_dir.mkdir(mode=0o700, exist_ok=True)
    file_key = AESGCM.generate_key(256)
    prefix = secrets.token_bytes(8)
    head = struct.pack(">4sBI8s", b"AMPB", 1, chunk, prefix)
    bid = blob_id.encode()
    nonce = secrets.token_bytes(12)
    aad = b"amparo blob key v1" + head + bytes([len(bid)]) + bid
    out = [head, nonce + AESGCM(evidence_key).encrypt(nonce, file_key, aad)]
    pieces = [data[i:i + chunk] for i in range(0, len(data), chunk)] or [b""]
    cipher = AESGCM(file_key)
    for index, piece in enumerate(pieces):
        final = index == len(pieces) - 1
        chunk_aad = b"amparo blob chunk v1" + bytes([len(bid)]) + bid + struct.pack(">QB", index, final)
        out.append(cipher.encrypt(prefix + index.to_bytes(4, "big"), piece, chunk_aad))
    path = blobs_dir / blob_id
    path.write_bytes(b"".join(out))
    return path


def legacy_key_opens(path: Path, evidence_key: bytes) -> bool:
    """Whether the file's own header still unwraps a key with ``evidence_key`` (format 1)."""
    raw = path.read_bytes()[:77]
    if len(raw) < 77:
        return False
    bid = path.name.encode()
    aad = b"amparo blob key v1" + raw[:17] + bytes([len(bid)]) + bid
    try:
        AESGCM(evidence_key).decrypt(raw[17:29], raw[29:77], aad)
    except Exception:
        return False
    return True


def files_in(folder: Path) -> list[str]:
    """Every file under ``folder``, relative, sorted."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())



def downgrade(engine, revision: str) -> None:  # type: ignore[no-untyped-def]
    """Take a database back to an older schema revision (to build an old vault)."""
    from alembic import command

    from amparo.store.migrate import _config

    with engine.begin() as conn:
        command.downgrade(_config(conn), revision)


def make_pre_0004_vault(path: Path, blobs: dict[str, bytes]) -> dict[str, str]:
    """A vault as Amparo made it before revision 0004: schema 0003, format-1 blobs.

    ``blobs`` maps a name to content; every one gets an evidence record on one case.
    Returns name -> evidence id.
    """
    import sqlalchemy as sa

    from amparo.store.schema import evidence

    ids: dict[str, str] = {}
    with Vault.create(path, PASS, kdf=FAST) as vault:
        case_id = store_of(vault).cases.add(demo_case())
        key = bytes(vault._keys.evidence.buffer)  # type: ignore[union-attr]
        downgrade(vault.engine, "0003")
        with vault.engine.begin() as conn:
            for n, (name, data) in enumerate(blobs.items()):
                blob_id = f"legacyblob{n:04d}"
                write_legacy_blob(path / "blobs", blob_id, key, data, chunk=4096)
                ids[name] = f"E-LEGACY{n:02d}"
                conn.execute(sa.insert(evidence).values(
                    id=ids[name], case_id=case_id, blob_id=blob_id, filename=f"{name}.bin",
                    media_type="application/octet-stream", size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(), received_at=NOW,
                    names_people="[]"))
        # What the old code left behind: an unrecorded blob and a temporary copy.
        write_legacy_blob(path / "blobs", "legacyorphan", key, b"orphan " * 100, chunk=4096)
        tmp = write_legacy_blob(path / "blobs", "legacytemp1", key, b"half " * 100, chunk=4096)
        tmp.rename(tmp.with_name(".legacytemp1.0a1b2c3d.tmp"))
    return ids
