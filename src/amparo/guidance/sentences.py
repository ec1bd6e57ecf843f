"""Every sentence guidance writes into a plan, as the message ids of the ``knowledge`` catalog.

A plan's reasons and risk notes are composed in English here (``text``, ``message``) and
carry a ``Sentence`` (message id and parameters) that the reader's language translates
where the plan is shown. This list is what the catalog's refresh adds to the template
and what the catalog test checks, so that a new sentence cannot go untranslated.
"""

from __future__ import annotations

from amparo.guidance import risk_notes, routing, routing_rules, urgency
from amparo.guidance.triage import URGENT_WHY


def plan_sentences() -> tuple[str, ...]:
    """The message ids of every reason, risk note and urgency part a plan can hold, without repeats."""
    rules = [entry.rule for entry in routing_rules.FIRST_NOTIFY]
    rules += [fit.rule for fit in routing_rules.REPRISAL_FITS]
    rules += [fit.rule for fit in routing_rules.GROUP_FITS]
    rules += [value for value in vars(routing_rules).values() if isinstance(value, routing_rules.Rule)]
    ids = [rule.why for rule in rules]
    ids += list(routing_rules.UN_PRESENCE_NAMES.values())
    ids += [*routing.SENTENCES, URGENT_WHY]
    ids += [*urgency.URGENT_LOCATION_SENTENCES.values(), urgency.URGENT_ALWAYS_SENTENCE,
            urgency.URGENT_RECENT_SENTENCE]
    ids += list(risk_notes.SENTENCES)
    return tuple(dict.fromkeys(ids))
