"""The store: the encrypted vault, its database schema, repositories, audit chain and evidence."""

from amparo.store.audit import AuditEntry, AuditReport
from amparo.store.blob_store import BlobStore, EvidenceTampered, StoredBlob
from amparo.store.blobs import SourceUnreadable
from amparo.store.cases import CaseSummary, ConsentChange, StoredCase
from amparo.store.drafts_repo import StoredDraft
from amparo.store.engine import plain_sqlite_engine, postgres_engine, sqlcipher_engine
from amparo.store.evidence_repo import StoredEvidence
from amparo.store.failures import DiskFull, VaultUnwritable
from amparo.store.keys import KdfParams, VaultCorrupt, WrongPassphrase
from amparo.store.migrate import current_revision, head_revision, upgrade
from amparo.store.repository import Store
from amparo.store.vault import (
    WHAT_A_REKEY_PROTECTS,
    Vault,
    VaultBusy,
    VaultExists,
    VaultLocked,
    VaultNotFound,
)

__all__ = [
    "WHAT_A_REKEY_PROTECTS",
    "AuditEntry",
    "AuditReport",
    "BlobStore",
    "CaseSummary",
    "ConsentChange",
    "DiskFull",
    "EvidenceTampered",
    "KdfParams",
    "SourceUnreadable",
    "Store",
    "StoredBlob",
    "StoredCase",
    "StoredDraft",
    "StoredEvidence",
    "Vault",
    "VaultBusy",
    "VaultCorrupt",
    "VaultExists",
    "VaultLocked",
    "VaultNotFound",
    "VaultUnwritable",
    "WrongPassphrase",
    "current_revision",
    "head_revision",
    "plain_sqlite_engine",
    "postgres_engine",
    "sqlcipher_engine",
    "upgrade",
]
