"""The writer's profile: who signs the letters a workspace drafts.

Asked once and kept in the vault; used in a letter's ``From:``, its letterhead and its
signature. It names the organisation and its contact person, never anyone in a case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from amparo.model.errors import InvalidInput, Message, Problem

#: An address a mail client accepts as ``From``: one @, no spaces or angle brackets.
_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+$")
#: The fields a profile has, in the order the faces show them.
PROFILE_FIELDS: tuple[str, ...] = ("organisation", "contact", "email", "signature", "language", "time_zone")


@dataclass(frozen=True, slots=True)
class WriterProfile:
    """Organisation, contact person, email, signature, language of correspondence, time zone."""

    organisation: str | None = None
    contact: str | None = None
    email: str | None = None
    #: The signature block as the writer wants it, one line per line.
    signature: str | None = None
    #: ISO 639-1 code of the language letters are written in by default.
    language: str | None = None
    #: IANA time zone name ("Europe/Geneva"): a letter's date and time are the writer's.
    time_zone: str | None = None

    @property
    def empty(self) -> bool:
        """Whether nothing is set."""
        return not any(getattr(self, f.name) for f in fields(self))

    def signature_lines(self) -> tuple[str, ...]:
        """The signature block: the writer's own, or the contact person and organisation."""
        if self.signature:
            return tuple(line.strip() for line in self.signature.splitlines() if line.strip())
        return tuple(x for x in (self.contact, self.organisation) if x)

    def updated(self, **changes: str | None) -> WriterProfile:
        """A copy with ``changes`` applied (an empty string clears a field), validated."""
        unknown = sorted(set(changes) - set(PROFILE_FIELDS))
        if unknown:
            raise InvalidInput(Problem(unknown[0], Message("is not a profile field; fields: {choices}",
                                                           choices=', '.join(PROFILE_FIELDS))))
        clean = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in changes.items()}
        return check_profile(replace(self, **clean))


def check_profile(profile: WriterProfile) -> WriterProfile:
    """``profile`` if its email and time zone are usable; InvalidInput naming the field otherwise."""
    if profile.email is not None and not _EMAIL.match(profile.email):
        raise InvalidInput(Problem("email", Message("is not an email address (name@example.org)")))
    if profile.time_zone is not None:
        try:
            ZoneInfo(profile.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidInput(Problem("time_zone",
                Message("is not a time zone name such as Europe/Geneva or America/Bogota"))) from None
    if profile.language is not None and not re.fullmatch(r"[a-z]{2}", profile.language):
        raise InvalidInput(Problem("language", Message("must be a two-letter language code such as en, fr or es")))
    for name in ("organisation", "contact", "signature"):
        value = getattr(profile, name)
        if value is not None and len(value) > 2000:
            raise InvalidInput(Problem(name, Message("is longer than 2000 characters")))
    return profile
