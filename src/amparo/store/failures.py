"""Failures of the disk under the vault, said plainly: which folder, and why.

A read-only file system, missing permissions or a full disk are the user's to fix, so they
are AmparoErrors with a one-line message (never "internal error"), and a full disk is
never blamed on the file being added. Messages name the vault folder and the reason only:
the folder is the user's own choice, and no case data is ever in them.
"""

from __future__ import annotations

import errno
from pathlib import Path

from amparo.model.errors import AmparoError, NotFound

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is full",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ENOENT: "a folder on the path does not exist",
    errno.EIO: "the disk reported an input/output error",
}


class VaultNotFound(NotFound):
    """No vault at the given path."""


class VaultExists(AmparoError):
    """A vault (or other files) already at the path where one is to be created."""


class VaultUnwritable(AmparoError):
    """The vault folder could not be written (read-only file system, permissions, disk)."""

    exit_code = 5


class DiskFull(VaultUnwritable):
    """The disk holding the vault is full: nothing was stored."""


def unwritable(folder: Path, exc: OSError, doing: str) -> VaultUnwritable:
    """The error to raise for ``exc``, met while ``doing`` (e.g. "create the vault") in ``folder``."""
    reason = _REASONS.get(exc.errno or 0) or (exc.strerror or type(exc).__name__).lower()
    cls = DiskFull if exc.errno in (errno.ENOSPC, errno.EDQUOT) else VaultUnwritable
    return cls(f"cannot {doing} in {folder}: {reason}")


def database_unwritable(folder: Path, exc: BaseException, doing: str) -> VaultUnwritable:
    """The error for a database write that SQLite refused (full disk, read-only, I/O)."""
    if sqlite_disk_full(exc):
        return DiskFull(f"cannot {doing} in {folder}: the disk is full")
    return VaultUnwritable(f"cannot {doing} in {folder}: the database file cannot be written")


def sqlite_disk_full(exc: BaseException) -> bool:
    """Whether a database error is SQLite's SQLITE_FULL ("database or disk is full")."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    return code == 13 or "disk is full" in str(orig)
