"""Assembling the contribution to the Secretary-General's call from a period's records.

The service reads the vault and hands over plain records (``CaseRecord``); everything
the document says, and who it may describe, is decided here and in ``contribution``.
Redaction is planned on the whole case, with the same redactor drafts use, so that a
left-out person's name is replaced wherever the kept text mentions it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from amparo.disclosure import plan_redaction
from amparo.language import Language
from amparo.model.case import Case
from amparo.model.consent import Circle
from amparo.model.followup import Action, Response, SituationEvent
from amparo.reporting import contribution as c
from amparo.reporting.compilation import Compilation

#: Every circle a described case reaches: the document is public, some people named.
PUBLIC = (Circle.PUBLIC_ANONYMOUS, Circle.PUBLIC_NAMED)

#: Engagement bodies that are not avenues of the knowledge base.
PLAIN_BODY_NAMES = {
    "hrc": "the Human Rights Council", "upr": "the Universal Periodic Review",
    "ohchr": "OHCHR", "un-country-team": "the UN country team", "un-peace-mission": "a UN peace mission",
}

INTRO = (
    "Cases of intimidation and reprisal against people who cooperated, or sought to cooperate, "
    "with the United Nations in the field of human rights, for the reporting period above. Each "
    "case is described only with the consent of the people concerned: those who did not agree to "
    "be named are described without their names, and cases whose people did not agree to a "
    "public mention are counted but not described."
)
FICTIONAL_NOTICE = "FICTIONAL DEMO CASES: this document contains invented cases. Do not submit it."


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """One case of the period with what the vault recorded on it."""

    case: Case
    actions: Sequence[Action] = ()
    responses: Sequence[Response] = ()
    events: Sequence[SituationEvent] = ()
    closure: tuple[str, date] | None = None


def _namer(case: Case, lang: Language, today: date) -> c.Namer:
    return plan_redaction(case, PUBLIC, lang, avenue=c.REPORT_AVENUE, today=today)


def _changed(record: CaseRecord, first: date, last: date) -> bool:
    """Whether anything at all was recorded on the case in the period (public or not)."""
    closed = record.closure
    return (any(first <= r.date <= last for r in record.case.reprisals)
            or any(first <= r.received_on <= last for r in record.responses)
            or any(first <= e.happened_on <= last for e in record.events)
            or (closed is not None and first <= closed[1] <= last))


def assemble(compilation: Compilation, first: date, last: date, *, new: Sequence[CaseRecord],
             earlier: Sequence[CaseRecord], body_names: Mapping[str, str], prepared_on: date,
             charts: Mapping[str, tuple[str, bytes]] | None = None) -> c.Contribution:
    """The contribution for ``first``–``last``.

    ``new`` are the cases with an act in the period; ``earlier`` the cases reported in
    an earlier period or followed up in this one (each is given a follow-up entry only if
    something changed). ``body_names`` maps avenue ids to their names.
    """
    lang = Language("en")
    bodies = {**PLAIN_BODY_NAMES, **body_names}
    fictional = False
    described: list[c.DescribedCase] = []
    withheld: dict[str, int] = {}
    for record in new:
        case = record.case
        fictional |= case.fictional
        view = c.public_view(case, today=prepared_on)
        if view is None:
            withheld[case.country] = withheld.get(case.country, 0) + 1
            continue
        described.append(c.summarise(
            view[0], _namer(case, lang, prepared_on), bodies=bodies, left_out=view[1],
            actions=record.actions, responses=record.responses, number=len(described) + 1))

    follow_ups: list[c.FollowUp] = []
    follow_withheld = 0
    for record in earlier:
        case = record.case
        view = c.public_view(case, today=prepared_on)
        entry = c.follow_up(view[0] if view else case, _namer(case, lang, prepared_on), today=prepared_on,
                            start=first, end=last, responses=record.responses, events=record.events,
                            closure=record.closure, bodies=bodies, number=len(follow_ups) + 1)
        if not entry.changes and not _changed(record, first, last):
            continue  # nothing happened in the period: no follow-up to give
        fictional |= case.fictional
        if view is not None and entry.changes:
            follow_ups.append(entry)
        else:
            follow_withheld += 1

    t = compilation.totals
    figures = (
        f"{t['cases']} cases with an act of reprisal in the period: {t['new_cases']} new, "
        f"{t['follow_up_cases']} already reported earlier.",
        f"{t['reprisal_acts']} acts of intimidation or reprisal, concerning {t['people']} people, "
        f"in {t['countries']} countries.",
        f"{t['actions_sent']} actions sent to UN and regional avenues; {t['actions_answered']} answered.",
        f"Cases described below: {len(described)}; cases only counted, for lack of consent: "
        f"{sum(withheld.values())}.",
    )
    return c.Contribution(
        title=f"Contribution to the Secretary-General's report on reprisals, {first:%d %B %Y} – {last:%d %B %Y}",
        start=first, end=last, prepared_on=prepared_on, intro=(INTRO,),
        countries=c.country_sections(described, withheld), follow_ups=tuple(follow_ups),
        follow_ups_undescribed=follow_withheld, figures=figures,
        notices=(FICTIONAL_NOTICE,) if fictional else (), charts=dict(charts or {}))
