"""Who may do what: every access decision of the service layer, made here from the actor.

The embedded vault has one actor, its owner, who may do everything (nothing is looked
up). In server mode the actor is a user with one of four roles:

- **administrator**: accounts (add, disable), access lists (assign, share); no case
  content unless the case is also assigned or shared to them;
- **coordinator**: every case;
- **caseworker**: the cases assigned or shared to them; shares cases assigned to them;
- **reviewer**: read-only, and only what consent lets leave the organisation: redacted
  exports of the cases shared to them and public reports over those cases.

``RULES`` is the whole policy: an action → the roles that may take it, and for a case
action, on which of their relations to the case (``assigned``, ``shared``, ``other``).
Lists, counts, searches, reports and exports across cases are limited by ``scope``: the
Store then sees only the user's cases (``store.records.visible``). Every denial is audited
(``denied.<action>``, the case id or ``server``; ids only) before AccessDenied is raised.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from amparo.model.errors import AmparoError, Message, NotFound

if TYPE_CHECKING:
    from amparo.service.context import Actor
    from amparo.store.repository import Store

OWNER = "owner"
ADMINISTRATOR = "administrator"
COORDINATOR = "coordinator"
CASEWORKER = "caseworker"
REVIEWER = "reviewer"
#: The roles of a server's accounts.
ROLES = (ADMINISTRATOR, COORDINATOR, CASEWORKER, REVIEWER)
#: Roles that must sign in with a second factor.
TOTP_REQUIRED = frozenset({ADMINISTRATOR, COORDINATOR})

ASSIGNED, SHARED, OTHER = "assigned", "shared", "other"
_MINE = frozenset({ASSIGNED, SHARED})
_ANY = frozenset({ASSIGNED, SHARED, OTHER})
_ASSIGNED = frozenset({ASSIGNED})

# Case actions.
READ = "case.read"  # facts, notes, plan, timeline, status, evidence, drafts, consent sheet
WRITE = "case.write"  # edit, consent, notes, follow-up, close, evidence, drafts
DELETE = "case.delete"
EXPORT = "case.export"  # the full copy, every name
EXPORT_REDACTED = "case.export-redacted"  # for an audience, through the consent gate
SHARE = "case.share"  # assign, share, unshare
CASE_ACTIONS = (READ, WRITE, DELETE, EXPORT, EXPORT_REDACTED, SHARE)
# Actions on no one case (their results are limited by ``scope``).
CREATE = "case.create"
LIST = "case.list"
REPORT = "report.internal"  # compilations with every case of the scope, the due list, calendars
REPORT_PUBLIC = "report.public"  # consent-filtered, small cells suppressed
USERS = "user.manage"
AUDIT = "audit.verify"
#: A backup of the whole server database (sealed fields, accounts, access lists): the
#: administrator's, who keeps the server; it opens no case, so it gives no content access.
BACKUP = "server.backup"
#: The organisation's writer's profile: the From address, letterhead and signature every
#: letter carries, so changing it is for those who speak for the organisation.
PROFILE = "profile.write"
#: The organisation's share identity (its name and keys, made once) and its address book of
#: partner organisations: who the organisation says it is, and to whom cases may be sent.
SHARE_IDENTITY = "share.identity"
GLOBAL_ACTIONS = (CREATE, LIST, REPORT, REPORT_PUBLIC, USERS, AUDIT, BACKUP, PROFILE, SHARE_IDENTITY)

#: action → role → the relations to the case on which the role may take it
#: (for a global action, any non-empty set means "allowed").
RULES: dict[str, dict[str, frozenset[str]]] = {
    READ: {COORDINATOR: _ANY, CASEWORKER: _MINE, ADMINISTRATOR: _MINE},
    WRITE: {COORDINATOR: _ANY, CASEWORKER: _MINE, ADMINISTRATOR: _MINE},
    DELETE: {COORDINATOR: _ANY, CASEWORKER: _ASSIGNED},
    EXPORT: {COORDINATOR: _ANY, CASEWORKER: _MINE, ADMINISTRATOR: _MINE},
    EXPORT_REDACTED: {COORDINATOR: _ANY, CASEWORKER: _MINE, ADMINISTRATOR: _MINE, REVIEWER: _MINE},
    SHARE: {COORDINATOR: _ANY, CASEWORKER: _ASSIGNED, ADMINISTRATOR: _ANY},
    CREATE: {COORDINATOR: _ANY, CASEWORKER: _ANY},
    LIST: {COORDINATOR: _ANY, CASEWORKER: _ANY, ADMINISTRATOR: _ANY, REVIEWER: _ANY},
    REPORT: {COORDINATOR: _ANY, CASEWORKER: _ANY, ADMINISTRATOR: _ANY},
    REPORT_PUBLIC: {COORDINATOR: _ANY, CASEWORKER: _ANY, ADMINISTRATOR: _ANY, REVIEWER: _ANY},
    USERS: {ADMINISTRATOR: _ANY},
    AUDIT: {ADMINISTRATOR: _ANY, COORDINATOR: _ANY},
    BACKUP: {ADMINISTRATOR: _ANY},
    PROFILE: {ADMINISTRATOR: _ANY, COORDINATOR: _ANY},
    SHARE_IDENTITY: {ADMINISTRATOR: _ANY, COORDINATOR: _ANY},
}

_WHAT = {
    READ: Message("read"), WRITE: Message("change"), DELETE: Message("delete"), EXPORT: Message("export"),
    EXPORT_REDACTED: Message("export"), SHARE: Message("change who has access to"), CREATE: Message("add cases"),
    LIST: Message("list cases"), REPORT: Message("see internal reports"), REPORT_PUBLIC: Message("see reports"),
    USERS: Message("manage accounts"), AUDIT: Message("check the audit log"), BACKUP: Message("back up the database"),
    PROFILE: Message("change the writer's profile"),
    SHARE_IDENTITY: Message("set up the organisation's share identity or its partners"),
}


class AccessDenied(AmparoError):
    """The actor's role and access list do not allow this; the refusal was audited."""

    exit_code = 6


def scope(actor: Actor) -> str | None:
    """The user whose access list limits queries across cases; None for every case."""
    return None if actor.role in (OWNER, COORDINATOR) else actor.id


def sees_content(actor: Actor) -> bool:
    """Whether the actor may see what identifies people (a reviewer sees only redacted text)."""
    return actor.role != REVIEWER


def relation(store: Store, actor: Actor, case_id: str) -> str:
    """``assigned``, ``shared`` or ``other``: the actor's relation to the case."""
    return store.accounts.access(case_id, actor.id) or OTHER


# The relations read inside one ``decisions_kept`` block, keyed by store, actor and case.
# A ContextVar: each request (thread or task) sees only its own block's, and outside a
# block there is none, so nothing is remembered across requests or users.
_kept: ContextVar[dict[tuple[Any, ...], str] | None] = ContextVar("amparo_policy_kept", default=None)


@contextmanager
def decisions_kept() -> Iterator[None]:
    """Within the block, the actor's relation to each case is read once (a page that asks
    several services about the same case). Use it only around reads: a change to the
    access list inside the block would not be seen by the checks after it."""
    token = _kept.set({})
    try:
        yield
    finally:
        _kept.reset(token)


def _relation(store: Store, actor: Actor, case_id: str) -> str:
    kept = _kept.get()
    if kept is None:
        return relation(store, actor, case_id)
    key = (store, actor.id, actor.role, case_id)
    if key not in kept:
        kept[key] = relation(store, actor, case_id)
    return kept[key]


def allows(store: Store, actor: Actor, action: str, case_id: str | None = None) -> bool:
    """Whether ``actor`` may take ``action`` (on ``case_id`` for a case action)."""
    if actor.role == OWNER:
        return True
    relations = RULES.get(action, {}).get(actor.role, frozenset())
    if not relations:
        return False
    if case_id is None or relations == _ANY:
        return True
    return relation(store, actor, case_id) in relations


def require(store: Store, actor: Actor, action: str, case_id: str | None = None) -> None:
    """Raise AccessDenied (after auditing it, ids only) unless ``actor`` may take ``action``."""
    if allows(store, actor, action, case_id):
        return
    if case_id is not None:
        store.audit.record(f"denied.{action}", "case", case_id)
        where = Message("case {case_id}", case_id=case_id)
    else:
        store.audit.record(f"denied.{action}", "server", "server")
        where = Message("this server")
    what = _WHAT.get(action, action)
    if case_id is not None:
        raise AccessDenied(Message("{id} ({role}) may not {what} {where}; ask a coordinator to assign or "
                                   "share the case with you",
                                   id=actor.id, role=actor.role, what=what, where=where))
    raise AccessDenied(Message("{id} ({role}) may not {what} on {where}; ask an administrator for the "
                               "role that allows it",
                               id=actor.id, role=actor.role, what=what, where=where))


class Guard:
    """The policy bound to one workspace's actor and store: what every service calls."""

    __slots__ = ("actor", "store")

    def __init__(self, actor: Actor, store: Store):
        self.actor = actor
        self.store = store

    def require(self, action: str, case_id: str | None = None) -> None:
        """Raise AccessDenied (audited) unless the actor may take ``action``."""
        require(self.store, self.actor, action, case_id)

    def case(self, action: str, case_id: str) -> None:
        """``require`` for a case action; an unknown id is NotFound for everyone, not a denial.

        One query at most on an allowed call: a role allowed on every case needs none (the
        call itself reports an unknown id), others read their relation to the case.
        """
        if self.actor.role == OWNER:
            return
        relations = RULES.get(action, {}).get(self.actor.role, frozenset())
        if relations == _ANY:
            return
        if relations and _relation(self.store, self.actor, case_id) in relations:
            return
        if not self.store.cases.exists(case_id):
            raise NotFound(Message("case {case_id} not found", case_id=case_id))
        require(self.store, self.actor, action, case_id)

    def allows(self, action: str, case_id: str | None = None) -> bool:
        """Whether the actor may take ``action``; nothing is audited."""
        return allows(self.store, self.actor, action, case_id)

    @property
    def sees_content(self) -> bool:
        """Whether names and narratives may be shown to the actor at all."""
        return sees_content(self.actor)
