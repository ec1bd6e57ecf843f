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

from amparo.disclosure.passages import case_texts, rewrite_all
from amparo.disclosure.redaction import cleared_for, plan_redaction, told_by
from amparo.language.i18n import Language
from amparo.model.case import Case, Person
from amparo.model.consent import Circle, circle
from amparo.model.facts_document import case_to_facts


def audience_shown(case: Case, audience: Circle, *, today: date | None = None,
                   avenue: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """(named, described) for an audience, by the gate; everyone else is left out.

    The same rule as a letter's step: a public audience names who accepts being named and
    describes, without a name, who accepts an anonymous public mention; the State or the
    UN body may only learn who consented to that audience. Nobody is described to an
    audience they did not consent to.
    """
    if audience in (Circle.PUBLIC_ANONYMOUS, Circle.PUBLIC_NAMED):
        named = cleared_for(case, (audience, Circle.PUBLIC_NAMED), avenue=avenue, today=today)
        described = cleared_for(case, Circle.PUBLIC_ANONYMOUS, avenue=avenue, today=today) - named
        return named, described
    return cleared_for(case, audience, avenue=avenue, today=today), frozenset()


def redacted_case(case: Case, audience: Circle | str, *, language: str = "en", today: date | None = None,
                  avenue: str | None = None) -> Case:
    """``case`` as ``audience`` may see it: named, described, or left out, person by person.

    A person left out becomes "another person" with nothing that could point back to them:
    no role, gender, place, organisation, relation, groups or marked terms; an act or an
    engagement that concerns only such people, or an act whose very form names a relation
    ("targeting of family members"), is not in the document at all. The user's own text is
    rewritten wherever it mentions someone not named (names, relation words, marked terms).
    """
    target = circle(audience)
    named, described = audience_shown(case, target, today=today, avenue=avenue)
    redactor = plan_redaction(case, (target,), Language(language), named=named, described=described)
    hidden = [p.ref for p in case.people if p.ref not in named]
    reprisals = tuple(r for r in case.reprisals if told_by(redactor, r))
    kept = replace(case, reprisals=reprisals)
    fields = case_texts(kept) + [("title", case.title)] + ([("notes", case.notes)] if case.notes else [])
    redactor = redactor.with_rewrites(rewrite_all(case, fields, hidden=hidden, names=redactor.hidden_names))
    text = redactor.text
    out = redactor.left_out

    def person(p: Person) -> Person:
        if p.ref in named:
            return p
        record = replace(p.consent_record, recorded_by=None, note=None) if p.consent_record else None
        if p.ref in out:
            return replace(p, name=redactor.person(p.ref), role="other", gender="undisclosed", location="unknown",
                           organisation=None, description=redactor.person(p.ref), relation_to=None, groups=(),
                           identifying_terms=(), consent_record=record)
        return replace(p, name=redactor.person(p.ref), organisation=None, description=redactor.person(p.ref),
                       relation_to=p.relation_to if p.relation_to in named else None, identifying_terms=(),
                       consent_record=record)

    engagements = tuple(e for e in case.engagements if not e.people or not all(ref in out for ref in e.people))
    return replace(
        case, title=text(case.title), people=tuple(person(p) for p in case.people), notes=text(case.notes) or None,
        engagements=tuple(replace(e, session=text(e.session) or None, description=text(e.description) or None)
                          for e in engagements),
        reprisals=tuple(replace(r, description=text(r.description) or None, place=text(r.place) or None,
                                link=text(r.link) or None) for r in reprisals),
        steps_taken=tuple(text(s) for s in case.steps_taken),
        un_references=tuple(replace(u, note=text(u.note) or None) for u in case.un_references),
    )


def facts_for_audience(case: Case, audience: Circle | str, *, language: str = "en",
                       today: date | None = None, avenue: str | None = None) -> dict[str, Any]:
    """The case-facts document for ``audience`` (and ``avenue``: a share), with the circle it was made for."""
    facts = case_to_facts(redacted_case(case, audience, language=language, today=today, avenue=avenue))
    return {"prepared_for": circle(audience).value, **facts}
