"""The errors the faces catch by type, re-exported so that they never reach into the store."""

from amparo.store.keys import WrongPassphrase
from amparo.store.vault import VaultBusy, VaultExists, VaultNotFound

__all__ = ["VaultBusy", "VaultExists", "VaultNotFound", "WrongPassphrase"]
