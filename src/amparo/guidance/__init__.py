"""Guidance: triage of a case into a ranked, consent-gated Plan, risk notes, precedents.

Imports model and knowledge only (DESIGN.md, layers). Everything here is pure: values in,
values out, ``today`` passed in.
"""

from amparo.guidance.bodies import check_bodies
from amparo.guidance.plan import (
    KnowledgeView,
    Need,
    Plan,
    PlannedAction,
    PlannedAvenue,
    PrecedentMatch,
    Reason,
    RiskNote,
)
from amparo.guidance.precedents import match_precedents, region_of
from amparo.guidance.risk_notes import risks
from amparo.guidance.scopes import check_consent_scopes
from amparo.guidance.triage import triage

__all__ = [
    "KnowledgeView", "Need", "Plan", "PlannedAction", "PlannedAvenue", "PrecedentMatch", "Reason",
    "RiskNote", "check_bodies", "check_consent_scopes", "match_precedents", "region_of", "risks", "triage",
]
