"""Destroying a vault: crypto-shred first, then remove the folder and everything in it.

Order matters for a crash part-way: the header (the only wrapped copy of the vault key),
and any temporary copy of it left by an interrupted header write, are overwritten with
random bytes, synced and unlinked first. From that moment nothing left in the folder can be
opened, with the passphrase or without. Only then is the rest removed: the database, the
evidence, the workspace's own files (``calendar.yaml``, ``knowledge/``, ``.lock-request``)
and the folder itself, so that not even a folder of that name says a vault was there.
What is left after a crash is removed by running destroy again.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import IO

from amparo.model.errors import Message
from amparo.store.failures import VaultNotFound
from amparo.store.keys import HEADER_NAME, fsync_dir
from amparo.store.rekey import DB_NAME, REKEY_NAME

#: What marks a folder as (the remains of) a vault, when its header is already gone.
_REMAINS = (DB_NAME, REKEY_NAME, "blobs", ".lock")


def destroy_vault(path: Path, acquire: Callable[[Path], IO[bytes]],
                  release: Callable[[IO[bytes]], None]) -> None:
    """Shred and remove the vault folder ``path`` (see the module docstring for the order).

    ``acquire``/``release`` take the vault's directory lock, so an open vault is refused
    (VaultBusy). NotFound when ``path`` holds neither a vault nor what a destroy left.
    """
    headers = _header_files(path)
    if not path.is_dir() or not (headers or any((path / n).exists() for n in _REMAINS)):
        raise VaultNotFound(Message("no vault at {path}", path=path))
    lock_file = acquire(path)
    try:
        for header in headers:
            _overwrite(header)
            header.unlink()
        fsync_dir(path)
        for entry in path.iterdir():
            if entry.name == ".lock":
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    finally:
        release(lock_file)
    with contextlib.suppress(FileNotFoundError):
        (path / ".lock").unlink()
    path.rmdir()
    with contextlib.suppress(OSError):
        fsync_dir(path.parent)


def shred_header_leftovers(path: Path) -> int:
    """Overwrite and remove temporary header copies (``.vault.json.*.tmp``); returns how many.

    An interrupted atomic header write leaves a complete header under a temporary name: it
    wraps the vault key under a passphrase the user never saw confirmed.
    """
    leftovers = sorted(path.glob(f".{HEADER_NAME}.*.tmp"))
    for leftover in leftovers:
        _overwrite(leftover)
        leftover.unlink()
    return len(leftovers)


def _header_files(path: Path) -> list[Path]:
    if not path.is_dir():
        return []
    found = [path / HEADER_NAME] if (path / HEADER_NAME).is_file() else []
    return found + sorted(path.glob(f".{HEADER_NAME}.*.tmp"))


def _overwrite(file: Path) -> None:
    size = max(file.stat().st_size, 4096)
    with file.open("r+b") as f:
        f.write(secrets.token_bytes(size))
        f.flush()
        os.fsync(f.fileno())

