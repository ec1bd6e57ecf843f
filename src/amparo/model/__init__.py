"""The domain types, vocabularies, the case-facts format and the consent gate.

Imports nothing else of amparo. Names are resolved lazily: the CLI imports
``amparo.model.errors`` before its passphrase prompt, and must not pay for the
case-facts format (pydantic) that only validation needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from amparo.model.case import Case, ConsentRecord, Engagement, Evidence, Note, Person, Reprisal, UNReference, Writer
    from amparo.model.consent import Blocker, Circle, Consent, Decision, gate, widest
    from amparo.model.errors import AmparoError, ConsentRefused, InvalidInput, NotFound, Problem
    from amparo.model.facts import consent_scopes, load_case_facts, parse_case_facts
    from amparo.model.facts_document import case_to_facts
    from amparo.model.followup import Action, Deadline, Response, SituationEvent
    from amparo.model.profile import WriterProfile

#: name -> the module of amparo.model that defines it.
_WHERE: dict[str, str] = {
    "Action": "followup",
    "AmparoError": "errors",
    "Blocker": "consent",
    "Case": "case",
    "Circle": "consent",
    "Consent": "consent",
    "ConsentRecord": "case",
    "ConsentRefused": "errors",
    "Deadline": "followup",
    "Decision": "consent",
    "Engagement": "case",
    "Evidence": "case",
    "InvalidInput": "errors",
    "NotFound": "errors",
    "Note": "case",
    "Person": "case",
    "Problem": "errors",
    "Reprisal": "case",
    "Response": "followup",
    "SituationEvent": "followup",
    "UNReference": "case",
    "Writer": "case",
    "WriterProfile": "profile",
    "case_to_facts": "facts_document",
    "consent_scopes": "facts",
    "gate": "consent",
    "load_case_facts": "facts",
    "parse_case_facts": "facts",
    "widest": "consent",
}

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
    "WriterProfile",
    "case_to_facts",
    "consent_scopes",
    "gate",
    "load_case_facts",
    "parse_case_facts",
    "widest",
]


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'amparo.model' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"amparo.model.{where}"), name)
    globals()[name] = value
    return value
