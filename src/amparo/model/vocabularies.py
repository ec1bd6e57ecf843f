"""Controlled vocabularies of the case-facts format.

The identifiers are interchange values (import, export, triage, API): they are never
translated and never renamed, because users hold files that contain them. Labels shown
to people live in the translation catalogs. Source: ../shared/domain/vocabularies.md.
"""

from __future__ import annotations

import re

ROLES: tuple[str, ...] = (
    "defender", "lawyer", "journalist", "ngo-staff", "community-leader", "trade-unionist",
    "academic", "nhri-staff", "victim-or-witness", "family-member", "un-staff", "other",
)

LOCATIONS: tuple[str, ...] = (
    "in-country", "abroad", "in-exile", "in-custody", "disappeared", "unknown",
)

GENDERS: tuple[str, ...] = ("woman", "man", "non-binary", "undisclosed")

ENGAGEMENT_KINDS: tuple[str, ...] = (
    "session-participation", "travel-to-session", "side-event", "written-submission",
    "review-dialogue", "country-visit-meeting", "communication", "individual-complaint",
    "consultation", "other",
)

#: ``death-threat`` is kept apart from ``threats`` (the SG's reports count threats to life
#: separately), ``spyware`` (devices infected) from ``hacking`` (accounts broken into).
REPRISAL_TYPES: tuple[str, ...] = (
    "threats", "death-threat", "harassment", "smear-campaign", "surveillance", "hacking",
    "spyware", "travel-ban",
    "airport-interrogation", "arbitrary-arrest", "arbitrary-detention", "criminal-charges",
    "conviction", "enforced-disappearance", "torture-ill-treatment", "sexual-violence",
    "denial-of-medical-care", "physical-attack", "property-damage", "killing",
    "professional-sanction", "ngo-deregistration", "funding-restriction", "restrictive-law",
    "family-targeted", "confiscation", "other",
)

PERPETRATORS: tuple[str, ...] = (
    "state-security", "police", "military", "judiciary-prosecution", "government-official",
    "state-media", "non-state-armed", "private-actor", "unknown",
)

#: Groups a person belongs to that change which mandates and treaty bodies fit the case
#: (a child: the CRC; indigenous: the Special Rapporteur on indigenous peoples…).
PERSON_GROUPS: tuple[str, ...] = (
    "child", "indigenous", "minority", "lgbtiq", "person-with-disability", "migrant-or-refugee",
)

#: The kind of law that charges, a detention or a restriction rely on: the mandates on
#: counter-terrorism and on freedom of expression follow these laws in particular.
LAWS: tuple[str, ...] = (
    "counter-terrorism", "extremism", "national-security", "foreign-agents",
    "defamation-or-false-news", "other",
)

#: How a person's consent reached the caseworker. Consent given through someone else
#: (a relative, an intermediary) is weaker evidence and drafts say so.
CONSENT_METHODS: tuple[str, ...] = (
    "in-person", "in-writing", "by-phone", "secure-message", "by-relative",
    "through-intermediary", "other",
)

#: The ten treaty bodies plus the Subcommittee on Prevention of Torture (REFERENCE.md §3).
TREATY_BODIES: tuple[str, ...] = (
    "CAT", "SPT", "CCPR", "CESCR", "CERD", "CEDAW", "CRC", "CMW", "CRPD", "CED",
)

#: Bodies a person can have engaged with that are not a family of slugs.
PLAIN_BODIES: tuple[str, ...] = ("hrc", "upr", "ohchr", "un-country-team", "un-peace-mission")

#: The shape of an engagement-body slug, as one pattern: the case-facts reader and its
#: JSON Schema both use it, so they cannot disagree on what a slug looks like.
BODY_SLUG_PATTERN = (
    # ib: the Council's investigative bodies; hrc:/un: other Council and UN bodies a person
    # can cooperate with (the Expert Mechanism, the Permanent Forum); knowledge/data/.
    "^(?:" + "|".join(PLAIN_BODIES) + "|(?:sp|rg|ib|un|hrc):[a-z0-9]+(?:-[a-z0-9]+)*"
    "|tb:(?:" + "|".join(TREATY_BODIES) + "))$"
)
_BODY_SLUG = re.compile(BODY_SLUG_PATTERN)

# Follow-up vocabularies (tracking). Kept here so that the store, the API and imports
# validate them the same way.
ACTION_CHANNELS: tuple[str, ...] = (
    "email", "online-form", "secure-channel", "letter", "meeting", "in-person", "phone",
    "intermediary", "other",
)

RESPONSE_KINDS: tuple[str, ...] = (
    "acknowledgment", "communication-to-state", "meeting-with-delegation", "press-release",
    "council-statement", "concluding-observations", "annual-report-inclusion", "state-reply",
    "request-for-information", "interim-measures", "no-response", "other",
)

SITUATION_EVENTS: tuple[str, ...] = (
    "released", "charged", "charges-dropped", "sentenced", "acquitted", "left-country",
    "returned", "new-reprisal", "relocated", "other",
)


def is_body_slug(value: str) -> bool:
    """Whether ``value`` has the shape of an engagement-body slug (DESIGN.md, Identifiers).

    Shape only: whether a Special Procedures or regional slug names a real mandate is
    the knowledge base's question, not the model's.
    """
    return bool(_BODY_SLUG.fullmatch(value))
