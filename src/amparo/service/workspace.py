"""The Workspace: an unlocked vault, its Context, and the services the faces call.

The faces never reach the store, the knowledge base or the renderers for anything that
discloses a person: they call ``ws.cases``, ``ws.evidence``, ``ws.plans``, ``ws.drafts``,
``ws.consent_sheets``, ``ws.followup`` and ``ws.reports``. Each service declares in its
constructor what it needs (the context, the store, the services it calls); none imports
another's module except to name a type, so there is no circle between them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from amparo.model.clock import Clock, system_clock
from amparo.service.cases import CaseService
from amparo.service.consent import ConsentSheetService
from amparo.service.context import Actor, Context
from amparo.service.drafts import DraftService
from amparo.service.evidence import EvidenceService
from amparo.service.followup import FollowupService
from amparo.service.plans import PlanService
from amparo.service.profile import ProfileService
from amparo.service.reports import ReportService

if TYPE_CHECKING:
    from amparo.store import KdfParams, Vault
    from amparo.store.audit import AuditReport


class Workspace:
    """An open vault for one actor, with its context and services.

    ``clock`` gives the current time; tests pass a fixed one so that every rule that
    depends on "today" is reproducible.
    """

    def __init__(self, vault: Vault, *, actor: str = "local", clock: Clock = system_clock,
                 locale: str = "en"):
        from amparo.store.repository import Store

        self.vault = vault
        self.ctx = Context.for_folder(vault.path, clock=clock, locale=locale, actor=Actor.owner(actor))
        # The store shreds an evidence file's key with its record, so it holds the blobs.
        self.store = Store(vault.engine, actor=actor, clock=clock, blobs=vault.evidence)
        self.followup = FollowupService(self.ctx, self.store)
        self.cases = CaseService(self.ctx, self.store, self.followup)
        self.evidence = EvidenceService(self.ctx, self.store, vault.evidence)
        self.plans = PlanService(self.ctx, self.store)
        self.profile = ProfileService(self.ctx, self.store)
        self.drafts = DraftService(self.ctx, self.store, self.plans, self.evidence, self.profile)
        self.consent_sheets = ConsentSheetService(self.ctx, self.store, self.plans)
        self.reports = ReportService(self.ctx, self.store)

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, *, kdf: KdfParams | None = None,
               actor: str = "local", clock: Clock = system_clock) -> Workspace:
        """Make a new vault at ``path`` and open it."""
        from amparo.store import Vault

        ws = cls(Vault.create(Path(path), passphrase, kdf=kdf), actor=actor, clock=clock)
        ws.store.audit.record("vault.create", "vault", "vault")
        return ws

    @classmethod
    def open(cls, path: Path, passphrase: str, *, actor: str = "local",
             clock: Clock = system_clock) -> Workspace:
        """Unlock the vault at ``path``. A wrong passphrase changes nothing on disk."""
        from amparo.store import Vault

        ws = cls(Vault.open(Path(path), passphrase), actor=actor, clock=clock)
        ws.store.audit.record("vault.unlock", "vault", "vault")
        return ws

    def lock(self) -> None:
        """Drop the keys, the plans held in memory and the database; unusable afterwards."""
        self.plans.clear()
        self.vault.lock()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()

    def rekey(self, new_passphrase: str) -> None:
        """A new passphrase and a new vault key: the database re-encrypted, the blob keys rewrapped.

        An old copy of the header with the old passphrase no longer opens anything written
        since (``amparo.store.WHAT_A_REKEY_PROTECTS`` says what it does and does not cover).
        """
        self.store.audit.record("vault.rekey", "vault", "vault")
        self.plans.clear()
        self.vault.rekey(new_passphrase)

    def change_passphrase(self, new_passphrase: str) -> None:
        """The quick change: only the wrapping of the vault key changes (an old header still opens it)."""
        self.vault.change_passphrase(new_passphrase)
        self.store.audit.record("vault.passphrase-changed", "vault", "vault")

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

    # -- what the vault holds ------------------------------------------------------------------

    def audit_verify(self) -> AuditReport:
        """Check the audit chain."""
        return self.store.audit.verify()

    def summary(self) -> dict[str, Any]:
        """What an unlocked vault holds, in counts only (safe to show anywhere)."""
        report = self.store.audit.verify()
        return {
            "vault": str(self.path),
            "cases": self.cases.count(),
            "audit_ok": report.ok,
            "audit_entries": report.entries,
        }
