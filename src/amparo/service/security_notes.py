"""What the vault's protections do and do not cover, in words the faces show to the user.

The text lives with the store, which implements the protections; the faces read it
through here so that they never reach into the store.
"""

from amparo.store.recovery import WHAT_A_RECOVERY_CODE_IS
from amparo.store.vault import WHAT_A_REKEY_PROTECTS

__all__ = ["WHAT_A_RECOVERY_CODE_IS", "WHAT_A_REKEY_PROTECTS"]
