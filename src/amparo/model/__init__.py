"""The domain types, vocabularies and the consent gate. Imports nothing else of amparo."""

from amparo.model.case import (
    Case,
    ConsentRecord,
    Engagement,
    Evidence,
    Note,
    Person,
    Reprisal,
    UNReference,
    Writer,
)
from amparo.model.consent import Blocker, Circle, Consent, Decision, gate, widest
from amparo.model.errors import AmparoError, ConsentRefused, InvalidInput, NotFound, Problem
from amparo.model.facts import consent_scopes, load_case_facts, parse_case_facts
from amparo.model.facts_document import case_to_facts
from amparo.model.followup import Action, Deadline, Response, SituationEvent

__all__ = [
    "Action",
    "AmparoError",
    "Blocker",
    "Case",
    "Circle",
    "Consent",
    "ConsentRecord",
    "ConsentRefused",
    "Deadline",
    "Decision",
    "Engagement",
    "Evidence",
    "InvalidInput",
    "NotFound",
    "Note",
    "Person",
    "Problem",
    "Reprisal",
    "Response",
    "SituationEvent",
    "UNReference",
    "Writer",
    "case_to_facts",
    "consent_scopes",
    "gate",
    "load_case_facts",
    "parse_case_facts",
    "widest",
]
