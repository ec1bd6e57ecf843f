"""The errors the faces catch by type, re-exported so that they never reach into the store."""

from amparo.store.backup_stream import BackupDamaged
from amparo.store.keys import WrongPassphrase
from amparo.store.share_bundle import ShareRefused
from amparo.store.vault import NoRecoveryCode, VaultBusy, VaultExists, VaultNotFound

__all__ = ["BackupDamaged", "NoRecoveryCode", "ShareRefused", "VaultBusy", "VaultExists", "VaultNotFound",
           "WrongPassphrase"]
