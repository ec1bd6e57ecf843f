"""The Workspace: the one API that the CLI and the web call.

A Workspace is an unlocked vault for one user. It is where access, audit and consent are
enforced: the faces never reach the store, the knowledge base or the renderers directly
for anything that discloses a person. Pure steps (triage, drafting, deadlines, reports)
are called from here with values; only the store touches disk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amparo.service.cases import CaseOps
from amparo.service.drafts import DraftOps
from amparo.service.evidence import EvidenceOps
from amparo.service.followup import FollowupOps
from amparo.service.guidance import GuidanceOps
from amparo.service.reports import ReportOps

if TYPE_CHECKING:
    from amparo.knowledge.loader import KnowledgeBase
    from amparo.store import KdfParams, Vault
    from amparo.store.repository import Store

KNOWLEDGE_DIR = "knowledge"  # an organisation's own knowledge-base entries, inside the vault folder
CALENDAR_FILE = "calendar.yaml"  # the user's own session dates (treaty-body reviews …)


def _system_clock() -> datetime:
    return datetime.now(UTC)


class Workspace(CaseOps, EvidenceOps, DraftOps, FollowupOps, GuidanceOps, ReportOps):
    """An open vault, for one actor, with a clock.

    ``actor`` is the user id written to the audit log (never a person in a case).
    ``clock`` gives the current time; tests pass a fixed one so that every rule that
    depends on "today" is reproducible.
    """

    def __init__(self, vault: Vault, *, actor: str = "local",
                 clock: Callable[[], datetime] = _system_clock):
        from amparo.store.repository import Store

        self.vault = vault
        self.actor = actor
        self.clock = clock
        self.store: Store = Store(vault.engine, actor=actor, clock=clock)

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, *, kdf: KdfParams | None = None,
               actor: str = "local", clock: Callable[[], datetime] = _system_clock) -> Workspace:
        """Make a new vault at ``path`` and open it."""
        from amparo.store import Vault

        ws = cls(Vault.create(Path(path), passphrase, kdf=kdf), actor=actor, clock=clock)
        ws.store.audit.record("vault.create", "vault", "vault")
        return ws

    @classmethod
    def open(cls, path: Path, passphrase: str, *, actor: str = "local",
             clock: Callable[[], datetime] = _system_clock) -> Workspace:
        """Unlock the vault at ``path``. A wrong passphrase changes nothing on disk."""
        from amparo.store import Vault

        ws = cls(Vault.open(Path(path), passphrase), actor=actor, clock=clock)
        ws.store.audit.record("vault.unlock", "vault", "vault")
        return ws

    def lock(self) -> None:
        """Drop the keys and close the database; the object is unusable afterwards."""
        self.vault.lock()

    close = lock

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()

    def rekey(self, new_passphrase: str) -> None:
        """Change the passphrase (the data keys stay; only their wrapping changes)."""
        self.vault.rekey(new_passphrase)
        self.store.audit.record("vault.rekey", "vault", "vault")

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether ``passphrase`` opens this vault (a second sign-in while it is open).

        Costs one key derivation, like an unlock, so guessing is no cheaper here.
        """
        from amparo.store.keys import WrongPassphrase, read_header

        try:
            read_header(self.path).unseal(passphrase)
        except WrongPassphrase:
            return False
        return True

    @staticmethod
    def destroy(path: Path) -> None:
        """Crypto-shred the vault at ``path``: nothing can be opened afterwards."""
        from amparo.store import Vault

        Vault.destroy(Path(path))

    @property
    def path(self) -> Path:
        """The vault folder."""
        return self.vault.path

    # -- time and knowledge ------------------------------------------------------------------

    def now(self) -> datetime:
        """The current time from the workspace clock."""
        return self.clock()

    def today(self) -> date:
        """Today's date from the workspace clock (UTC)."""
        return self.clock().date()

    @cached_property
    def kb(self) -> KnowledgeBase:
        """The knowledge base with this workspace's own entries laid over the package's."""
        from amparo import knowledge

        overrides = self.path / KNOWLEDGE_DIR
        return knowledge.load(overrides if overrides.is_dir() else None)

    def audit_verify(self) -> Any:
        """Check the audit chain; returns the store's AuditReport."""
        return self.store.audit.verify()

    def summary(self) -> dict[str, Any]:
        """What an unlocked vault holds, in counts only (safe to show anywhere)."""
        report = self.store.audit.verify()
        return {
            "vault": str(self.path),
            "cases": self.store.cases.count(),
            "audit_ok": report.ok,
            "audit_entries": report.entries,
        }
