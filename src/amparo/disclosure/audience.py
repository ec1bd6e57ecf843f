"""Exports for an audience: the case-facts document redacted for one circle of disclosure.

A full export (``ws.cases.export``) is the user's own copy of everything, for their
own tools or another vault of theirs. An export *for* a circle is what may be handed to
that audience: every person whose consent does not include the circle is replaced by
their neutral description, in the people list and in every piece of free text, with the
same redaction the drafts use; their organisation is dropped. Someone who consented to
nothing is not even described.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from amparo.disclosure.redaction import plan_redaction
from amparo.language.i18n import Language
from amparo.model import Case
from amparo.model.consent import Circle, circle
from amparo.model.facts_document import case_to_facts


def redacted_case(case: Case, audience: Circle | str, *, language: str = "en", today: date | None = None) -> Case:
    """``case`` as ``audience`` may see it (names withheld where consent stops short)."""
    redactor = plan_redaction(case, (circle(audience),), Language(language), today=today)
    text = redactor.text
    people = tuple(
        p if p.ref in redactor.named else replace(
            p, name=redactor.person(p.ref), organisation=None, description=redactor.person(p.ref),
            consent_record=replace(p.consent_record, recorded_by=None, note=text(p.consent_record.note) or None)
            if p.consent_record else None)
        for p in case.people
    )
    return replace(
        case, title=text(case.title), people=people, notes=text(case.notes) or None,
        engagements=tuple(replace(e, session=text(e.session) or None, description=text(e.description) or None)
                          for e in case.engagements),
        reprisals=tuple(replace(r, description=text(r.description) or None, place=text(r.place) or None,
                                link=text(r.link) or None) for r in case.reprisals),
        steps_taken=tuple(text(s) for s in case.steps_taken),
        un_references=tuple(replace(u, note=text(u.note) or None) for u in case.un_references),
    )


def facts_for_audience(case: Case, audience: Circle | str, *, language: str = "en",
                       today: date | None = None) -> dict[str, Any]:
    """The case-facts document for ``audience``, with the circle it was made for."""
    facts = case_to_facts(redacted_case(case, audience, language=language, today=today))
    return {"prepared_for": circle(audience).value, **facts}
