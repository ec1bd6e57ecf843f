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
from amparo.model.errors import Message
from amparo.service.backups import BackupService
from amparo.service.cases import CaseService
from amparo.service.consent import ConsentSheetService
from amparo.service.context import Actor, Context
from amparo.service.drafts import DraftService
from amparo.service.evidence import EvidenceService
from amparo.service.followup import FollowupService
from amparo.service.plans import PlanService
from amparo.service.profile import ProfileService
from amparo.service.reports import ReportService
from amparo.service.shares import ShareService

if TYPE_CHECKING:
    from amparo.store import KdfParams, Vault
    from amparo.store.audit import AuditHead, AuditReport, HeadCheck
    from amparo.store.server import Server


class Workspace:
    """An open vault (or server database) for one actor, with its context and services.

    ``clock`` gives the current time; tests pass a fixed one so that every rule that
    depends on "today" is reproducible. ``actor`` is an id (the embedded vault's owner)
    or an ``Actor`` with a role (server mode, ``Workspace.for_server``).
    """

    def __init__(self, vault: Vault | Server, *, actor: str | Actor = "local",
                 clock: Clock = system_clock, locale: str = "en"):
        from amparo.store.repository import Store

        self.vault = vault
        who = actor if isinstance(actor, Actor) else Actor.owner(actor)
        actor = who.id
        self.ctx = Context.for_folder(vault.path, clock=clock, locale=locale, actor=who)
        # The store shreds an evidence file's key with its record, so it holds the blobs.
        from amparo.service.policy import Guard, scope

        # In server mode every query across cases sees only the actor's cases (policy.scope).
        self.store = Store(vault.engine, actor=actor, clock=clock, blobs=vault.evidence, scope=scope(who),
                           fields=getattr(vault, "fields", None))
        self.guard = Guard(who, self.store)
        self.followup = FollowupService(self.ctx, self.store)
        self.cases = CaseService(self.ctx, self.store, self.followup)
        self.evidence = EvidenceService(self.ctx, self.store, vault.evidence)
        self.plans = PlanService(self.ctx, self.store)
        self.profile = ProfileService(self.ctx, self.store)
        self.drafts = DraftService(self.ctx, self.store, self.plans, self.evidence, self.profile)
        self.consent_sheets = ConsentSheetService(self.ctx, self.store, self.plans)
        self.reports = ReportService(self.ctx, self.store)
        self.backups = BackupService(self.ctx, self.store, vault)
        self.shares = ShareService(self.ctx, self.store, self.cases, vault.evidence)
        from amparo.service.people import PeopleService

        self.people = PeopleService(self.ctx, self.store, vault if vault.path is None else None)  # type: ignore[arg-type]

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

    @classmethod
    def open_with_recovery(cls, path: Path, code: str, *, actor: str = "local",
                           clock: Clock = system_clock) -> Workspace:
        """Unlock with the recovery code; the caller then sets a new passphrase.

        A wrong code waits like a wrong passphrase (WrongPassphrase); a typo in it is said at once.
        """
        from amparo.store import Vault

        ws = cls(Vault.open_with_recovery(Path(path), code), actor=actor, clock=clock)
        ws.store.audit.record("vault.unlock-recovery", "vault", "vault")
        return ws

    @property
    def has_recovery_code(self) -> bool:
        """Whether a recovery code can open this vault."""
        return self.vault.has_recovery_code

    def make_recovery_code(self) -> str:
        """A new recovery code (replacing any earlier one), to show once and print."""
        code = self.vault.make_recovery_code()
        self.store.audit.record("vault.recovery-code-made", "vault", "vault")
        return code

    def remove_recovery_code(self) -> None:
        """From now on only the passphrase opens the vault."""
        self.vault.remove_recovery_code()
        self.store.audit.record("vault.recovery-code-removed", "vault", "vault")

    @classmethod
    def for_server(cls, server: Server, actor: Actor, *, clock: Clock = system_clock,
                   locale: str = "en") -> Workspace:
        """A workspace on an unlocked server database, acting as ``actor`` (a user with a role).

        Locking it drops only this workspace's plans: the server (its keys and engine)
        belongs to the process and is locked by whoever opened it.
        """
        ws = cls(server, actor=actor, clock=clock, locale=locale)
        ws._owns_backing = False
        return ws

    _owns_backing = True

    @property
    def server_mode(self) -> bool:
        """Whether this workspace is on a server database (not an embedded vault)."""
        return self.vault.path is None

    def _vault_only(self, what: str) -> None:
        if self.server_mode:
            from amparo.model.errors import AmparoError

            raise AmparoError(Message("a server has no vault passphrase: cannot {what}; the organisation "
                                      "passphrase and accounts are managed with amparo server and amparo user",
                                      what=what))

    def lock(self) -> None:
        """Drop the keys, the plans held in memory and the database; unusable afterwards."""
        self.plans.clear()
        if self._owns_backing:
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
        self._vault_only("change the vault passphrase")
        self.store.audit.record("vault.rekey", "vault", "vault")
        self.plans.clear()
        self.vault.rekey(new_passphrase)

    def change_passphrase(self, new_passphrase: str) -> None:
        """The quick change: only the wrapping of the vault key changes (an old header still opens it)."""
        self._vault_only("change the vault passphrase")
        self.vault.change_passphrase(new_passphrase)
        self.store.audit.record("vault.passphrase-changed", "vault", "vault")

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether ``passphrase`` opens this vault (a second sign-in while it is open).

        Costs one key derivation, like an unlock, so guessing is no cheaper here.
        """
        from amparo.store.keys import WrongPassphrase, read_header

        self._vault_only("check a vault passphrase")
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
        """The vault folder (None in server mode)."""
        return self.vault.path  # type: ignore[return-value]

    # -- what the vault holds ------------------------------------------------------------------

    def audit_verify(self) -> AuditReport:
        """Check the audit chain."""
        self.guard.require("audit.verify")
        return self.store.audit.verify()

    def audit_head(self) -> AuditHead:
        """The head of the audit chain (count and hash), to note outside the vault."""
        from amparo.store.audit import AuditHead

        return AuditHead(*self.store.audit.head())

    def audit_check_head(self, noted: str) -> HeadCheck:
        """Prove that the chain still holds the head ``noted`` (``COUNT-HASH``) at its place.

        InvalidInput when ``noted`` is not a head as ``audit head`` prints it.
        """
        from amparo.model import InvalidInput, Problem
        from amparo.store.audit import AuditHead

        try:
            head = AuditHead.parse(noted)
        except ValueError as exc:
            raise InvalidInput(Problem("--head", str(exc))) from None
        return self.store.audit.check_head(head)

    def summary(self) -> dict[str, Any]:
        """What an unlocked vault holds, in counts only (safe to show anywhere)."""
        report = self.store.audit.verify()
        return {
            "vault": str(self.path) if self.path is not None else "server",
            "cases": self.cases.count(),
            "audit_ok": report.ok,
            "audit_entries": report.entries,
        }
