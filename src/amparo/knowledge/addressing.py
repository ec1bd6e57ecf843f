"""Whom a letter for one action of an avenue is written to, and whom it copies.

The knowledge base lists each avenue's channels with their ``address`` (the ``To``),
their ``cc``, the actions they serve and whether they are only a copy (OHCHR asks that
reprisals@ohchr.org be copied on every reprisals submission to any mechanism:
https://www.ohchr.org/EN/Issues/Reprisals/Pages/HowToShareInformationAboutCases.aspx).
This module reads those facts; it never invents an address. When the sources give none
for the body itself, ``to`` is None and the faces warn before the file is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from amparo.knowledge.types import Avenue, Channel


@dataclass(frozen=True, slots=True)
class Addressing:
    """The ``To`` and ``Cc`` of a letter, and the channels they come from."""

    to: str | None
    cc: tuple[str, ...]
    #: The channel written to (None when no email address is known for the body).
    channel: Channel | None
    #: Channels that serve the action but whose address the sources do not give.
    unknown: tuple[Channel, ...] = ()

    @property
    def verified(self) -> bool:
        """Whether the ``To`` address is confirmed by the sources."""
        return self.channel is not None and self.channel.verified


def addressing(avenue: Avenue, action_id: str) -> Addressing:
    """The addresses a letter for ``action_id`` of ``avenue`` goes to.

    ``To`` is the first email channel that serves the action, has an address and is not
    a copy, the ``preferred`` ones first (a mandate's own address before the shared
    urgent-action desk). ``Cc`` is that channel's ``cc`` (or, with no ``To``, the ``cc``
    of every channel that serves the action) and the avenue's copy-only addresses.
    """
    serving = [c for c in avenue.channels if c.serves(action_id)]
    writers = [c for c in serving if not c.copy]
    known = sorted((c for c in writers if c.kind == "email" and c.address), key=lambda c: not c.preferred)
    channel = known[0] if known else None
    cc: list[str] = list(channel.cc) if channel else [a for c in writers for a in c.cc]
    cc += [c.address for c in serving if c.copy and c.address]
    to = channel.address if channel else None
    # Once the body's own (preferred) address is known, the family's generic channels
    # without an address are no longer missing.
    unknown = () if channel is not None and channel.preferred else tuple(
        c for c in writers if not c.address and c.kind in ("email", "via-secretariat"))
    return Addressing(to=to, cc=tuple(a for a in dict.fromkeys(cc) if a != to), channel=channel,
                      unknown=unknown)


#: The roles a letter can be addressed to, as the sources name them. "rapporteur-or-
#: focal-point" is for committees whose source (HRI/MC/2020/2/Rev.1 para. 1) says only
#: that each has "a rapporteur or focal point" on reprisals.
REPRISALS_ROLES = ("rapporteur", "rapporteur-or-focal-point")


@dataclass(frozen=True, slots=True)
class ReprisalsRole:
    """The member a committee designated on reprisals (San José Guidelines, HRI/MC/2015/6)."""

    #: One of ``REPRISALS_ROLES``.
    kind: str
    #: Where the sources say the committee has this role.
    source: str


def reprisals_role(avenue: Avenue) -> ReprisalsRole | None:
    """The role on reprisals a letter to ``avenue`` is addressed to, if a source gives one.

    Read from the avenue's ``extra.reprisals_focal_point`` (``role`` and ``source``). A
    body with no such entry, or one without a source, is written to as a whole: the
    letter never invents a rapporteur.
    """
    raw = avenue.extra.get("reprisals_focal_point")
    if not isinstance(raw, dict):
        return None
    kind, source = raw.get("role"), raw.get("source")
    if kind not in REPRISALS_ROLES or not isinstance(source, str) or not source.strip():
        return None
    return ReprisalsRole(kind, source.strip())
