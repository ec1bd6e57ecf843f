"""Disclosure: who a document may identify, how everyone else is described, what text reveals.

Below drafting and reporting, so that a letter, a contribution and an export for an
audience redact the same way. Every naming decision is the consent gate's
(``amparo.model.consent.gate``); this package only carries it out in text.
"""

from amparo.disclosure.audience import facts_for_audience, redacted_case
from amparo.disclosure.redaction import Redaction, Redactor, cleared_for, plan_redaction

__all__ = ["Redaction", "Redactor", "cleared_for", "facts_for_audience", "plan_redaction", "redacted_case"]
