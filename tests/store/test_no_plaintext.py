"""No byte of a name reaches the disk in plaintext: not the database, its WAL, nor evidence.

A known, unusual name is written through every path the store offers, then every byte of
every file in the vault directory is scanned for it, in UTF-8 and UTF-16, both while the
vault is open (the WAL holds the newest pages) and after it is locked.
"""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import text

from amparo.store.engine import plain_sqlite_engine
from amparo.store.keys import KdfParams
from amparo.store.vault import Vault

NAME = "Zyxwelda Quorrington"
FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)


def needles(name: str) -> list[bytes]:
    return [name.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")] + [
        # A part of the name alone must not show either (an index may store single tokens).
        name.split()[1].encode("utf-8")
    ]


def files_holding(directory: Path, name: str) -> list[str]:
    found = []
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            raw = path.read_bytes()
            found += [f"{path.name}:{n!r}" for n in needles(name) if n in raw]
    return found


def write_name_everywhere(vault: Vault) -> str:
    narrative = f"{NAME} was stopped at the airport. " * 200
    with vault.engine.begin() as conn:
        conn.execute(text("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, story TEXT)"))
        conn.execute(text("CREATE INDEX person_name ON person (name)"))
        conn.execute(text("CREATE VIRTUAL TABLE person_search USING fts5(name, story)"))
        for i in range(50):
            conn.execute(
                text("INSERT INTO person (name, story) VALUES (:n, :s)"),
                {"n": f"{NAME} {i}", "s": narrative},
            )
            conn.execute(
                text("INSERT INTO person_search (name, story) VALUES (:n, :s)"),
                {"n": NAME, "s": narrative},
            )
    with vault.engine.connect() as conn:
        # A sort that could spill to a temporary file.
        assert len(conn.execute(text("SELECT story FROM person ORDER BY story, name")).all()) == 50
        hits = conn.execute(
            text("SELECT count(*) FROM person_search WHERE person_search MATCH 'Quorrington'")
        ).scalar_one()
        assert hits == 50
    blob = vault.evidence.put(io.BytesIO(f"Statement of {NAME}\n".encode() * 5000))
    vault.evidence.put(io.BytesIO(NAME.encode("utf-16")))
    return blob.blob_id


def test_name_absent_from_every_vault_file(tmp_path: Path) -> None:
    path = tmp_path / "vault"
    with Vault.create(path, "correct horse battery", kdf=FAST) as vault:
        blob_id = write_name_everywhere(vault)
        assert (path / "vault.db-wal").exists()  # the scan covers the live WAL
        assert files_holding(path, NAME) == []
        assert NAME.encode() in b"".join(vault.evidence.open(blob_id))  # the data is there
    assert files_holding(path, NAME) == []
    with Vault.open(path, "correct horse battery") as vault, vault.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM person")).scalar_one() == 50


def test_the_scan_finds_the_name_in_a_plain_database(tmp_path: Path) -> None:
    # The same writes through an unencrypted engine: proves the scan can see a leak.
    engine = plain_sqlite_engine(tmp_path / "plain.db")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE person (name TEXT)"))
        conn.execute(text("INSERT INTO person VALUES (:n)"), {"n": NAME})
    assert files_holding(tmp_path, NAME) != []
    engine.dispose()
