"""Which avenues fit a case, and why: the routing rules as data.

Each rule has an id, a plain-language ``why`` and its sources (the guidance page, the
OHCHR pages in ../shared/domain/REFERENCE.md, or the avenue's own sources). The code
below only walks the tables. Order of the tiers (issue 3, part 2):

1. first notify the mechanism the person cooperated with;
2. the Secretary-General's annual report and the senior official;
3. Special Procedures mandates that fit the reprisal itself, the mandate on defenders,
   the country's own mandate;
4. the regional avenues that cover the country.

An avenue selected by several rules appears once, at its first place, with every reason.
An avenue that does not cover the country (a country mandate, a regional body) is never
listed, whatever selected it; nor is one that ended or never started (an old slug in an
engagement is resolved to the avenue that took over, with the reason). The report and the
senior official are listed only when the person cooperated with the UN (resolution 12/2);
a case linked only to a regional body goes to that body's own focal point, and
retaliation against UN staff to the Ethics Office. A treaty body is left out where its
treaty is confirmed not ratified, and marked unconfirmed where the table does not know.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from amparo.guidance.plan import KnowledgeView, Reason, Sentence, sentence
from amparo.guidance.routing_rules import (
    COUNTRY_BODY,
    COUNTRY_MANDATE,
    DEFENDER_ROLES,
    DEFENDERS,
    DEFENDERS_DEATH_THREAT,
    FIRST_NOTIFY,
    GROUP_FITS,
    ISHR_FIRST_NOTIFY,
    REGIONAL,
    REPRISAL_FITS,
    RESOLVED,
    SECURITY_LAW,
    SECURITY_LAWS,
    SG_REPORT,
    SG_SENIOR_OFFICIAL,
    TRANSNATIONAL,
    UN_PRESENCE_NAMES,
    UN_STAFF,
    UN_STAFF_ROLES,
    URGENT_DESK,
    ReprisalFit,
    Rule,
)
from amparo.knowledge.types import Avenue
from amparo.model.case import Case


@dataclass(slots=True)
class Selection:
    """An avenue chosen by one or more rules (mutable while routing, then frozen in the plan).

    ``avenue`` is the avenue as it applies to the case: where the State has confirmed not
    accepted a treaty's individual complaints, those actions are left out of it.
    """

    avenue: Avenue
    tier: int
    reasons: list[Reason]


#: Message ids of the reasons composed here (the ``knowledge`` catalog translates them).
FIRST_NOTIFY_DECLARED = "The knowledge base lists it as first to notify for {body}."
NOT_RATIFIED = ("The ratification table says {country} is not a party to the {treaty}: the committee may "
                "be unable to act on the State.")
RATIFICATION_UNCONFIRMED = ("Unconfirmed: Amparo's ratification table does not confirm that {country} is a "
                            "party to the {treaty}; check before relying on it.")
COMPLAINTS_NOT_ACCEPTED = ("{country} has not accepted individual complaints under the {treaty}: the "
                           "complaint actions are left out.")
#: Why an engagement's mandate is shown under another one (the knowledge base's own note,
#: ``KnowledgeBase.resolve``, names the avenues by id): ended or never started, and whether
#: another body took over.
RESOLVED_SENTENCES = {
    ("ended", True): "{old} ended ({when}): its work goes on in {new}.",
    ("ended", False): "{old} ended ({when}); no body took over its work.",
    ("not-started", True): "{old} was created but never started ({when}): its work goes on in {new}.",
    ("not-started", False): "{old} was created but never started ({when}); no body took over its work.",
}
SENTENCES = (FIRST_NOTIFY_DECLARED, NOT_RATIFIED, RATIFICATION_UNCONFIRMED, COMPLAINTS_NOT_ACCEPTED,
             *RESOLVED_SENTENCES.values())


def active_avenues(kb: KnowledgeView) -> tuple[Avenue, ...]:
    """The knowledge base's offerable avenues (``KnowledgeBase.active_avenues``)."""
    return tuple(kb.active_avenues())


def _is_active(avenue: Avenue) -> bool:
    return avenue.active


class _Picker:
    """Collects selections in order, merging the reasons of an avenue selected twice."""

    def __init__(self, kb: KnowledgeView, country: str):
        self.kb = kb
        self.country = country
        self.chosen: dict[str, Selection] = {}

    def pick(self, avenue: Avenue | str | None, tier: int, rule: Rule, text: str | None = None,
             people: Iterable[str] = (), *, country: str | None = None, said: Sentence | None = None) -> None:
        if isinstance(avenue, str):
            avenue = self.kb.get(avenue)
        # An avenue the knowledge base lacks cannot be shown; one that does not cover the
        # country cannot act on the case; one that ended is never offered.
        if avenue is None or not avenue.covers(country or self.country) or not _is_active(avenue):
            return
        sources = list(rule.sources)
        if rule.cite_avenue:
            sources += [s.ref for s in avenue.sources]
        reason = Reason(rule.id, text or rule.why, tuple(dict.fromkeys(sources)), tuple(people), said)
        chosen = self.chosen.get(avenue.id)
        if chosen is None:
            self.chosen[avenue.id] = Selection(avenue, tier, [reason])
        elif all(r.rule != rule.id for r in chosen.reasons):
            chosen.reasons.append(reason)

    def note(self, avenue_id: str, reason: Reason) -> None:
        """Add a reason to an avenue already chosen (no effect otherwise)."""
        chosen = self.chosen.get(avenue_id)
        if chosen is not None and all(r.rule != reason.rule for r in chosen.reasons):
            chosen.reasons.append(reason)


def _engaged_bodies(case: Case) -> list[str]:
    # Treaty bodies come first (issue 3: a treaty body engaged is the first avenue);
    # otherwise the order of first engagement.
    bodies = list(case.bodies)
    return [b for b in bodies if b.startswith("tb:")] + [b for b in bodies if not b.startswith("tb:")]


def _engaged_people(case: Case, body: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ref for e in case.engagements if e.body == body for ref in e.people))


def resolve_body(body: str, kb: KnowledgeView) -> tuple[str, str | None]:
    """An engagement body as it stands today: an ended mandate's slug becomes its
    successor's (``KnowledgeBase.resolve``), with the note saying why."""
    avenue = kb.get(body)
    if avenue is None or _is_active(avenue):
        return body, None
    new, note = kb.resolve(body)
    return (new.id, note) if _is_active(new) else (body, note)


def _resolved_sentence(old: Avenue, new_id: str, kb: KnowledgeView) -> Sentence | None:
    """The resolution note as a message id and parameters (None when the step is undated)."""
    step = old.ended or old.not_started
    when = ", ".join(b for b in (step.date, step.by) if b) if step is not None else ""
    if not when:
        return None
    status = "not-started" if old.not_started is not None and old.ended is None else "ended"
    if new_id == old.id:
        return sentence(RESOLVED_SENTENCES[(status, False)], old=("avenues", (old.id,)), when=("verbatim", when))
    heirs = (new_id, *(s for s in old.succeeded_by if s != new_id and kb.get(s) is not None))
    return sentence(RESOLVED_SENTENCES[(status, True)], old=("avenues", (old.id,)), when=("verbatim", when),
                    new=("avenues", heirs))


def is_un_engagement(body: str) -> bool:
    """Whether cooperation with ``body`` is cooperation with the UN (resolution 12/2):
    every body but the regional systems."""
    return not body.startswith("rg:")


def un_staff(case: Case) -> tuple[str, ...]:
    """The refs of people in the case who are UN staff (role ``un-staff``)."""
    return tuple(p.ref for p in case.people if p.role in UN_STAFF_ROLES)


def route(case: Case, kb: KnowledgeView, *, urgent: bool = False) -> list[Selection]:
    """Every avenue that fits ``case``, in the order of the four tiers, reasons merged.

    ``urgent`` adds the shared urgent-action desk of Special Procedures (``sp:urgent-action``).
    """
    picker = _Picker(kb, case.country)
    active = active_avenues(kb)
    staff = set(un_staff(case))
    bodies = []
    for engaged in _engaged_bodies(case):
        body, note = resolve_body(engaged, kb)
        bodies.append((engaged, body, note))

    for engaged, body, note in bodies:
        people = _engaged_people(case, engaged)
        for entry in FIRST_NOTIFY:
            if not entry.matches(body):
                continue
            why = entry.rule.why.format(body=UN_PRESENCE_NAMES.get(body, body))
            said = (sentence(entry.rule.why, body=("phrase", UN_PRESENCE_NAMES[body]) if body in UN_PRESENCE_NAMES
                             else ("body", body)) if "{body}" in entry.rule.why else None)
            for target in entry.avenues:
                if target.startswith("sg:") and not _sg_in_scope(case, staff):
                    continue
                picker.pick(body if target == "{body}" else target, 1, entry.rule, why, people, said=said)
        if note:
            picker.note(body, Reason(RESOLVED, note, tuple(s.ref for s in kb.get(engaged).sources), people,
                                     _resolved_sentence(kb.get(engaged), body, kb)))
        # An organisation's own entry, or a package entry, may declare itself the first to
        # notify for this body: take it too, after the rule's own avenues.
        for avenue in active:
            if body in avenue.first_for and avenue.id not in picker.chosen:
                picker.pick(avenue, 1, Rule("first-notify-declared",
                                            f"The knowledge base lists it as first to notify for {body}.",
                                            (ISHR_FIRST_NOTIFY,), cite_avenue=True), people=people,
                            said=sentence(FIRST_NOTIFY_DECLARED, body=("body", body)))

    if staff:
        picker.pick("un:ethics-office", 1, UN_STAFF, people=tuple(p.ref for p in case.people if p.ref in staff))
    if _sg_in_scope(case, staff):
        picker.pick("sg:report", 2, SG_REPORT)
        picker.pick("sg:senior-official", 2, SG_SENIOR_OFFICIAL)

    for fit in REPRISAL_FITS:
        people = _fit_people(case, fit)
        if people:
            picker.pick(fit.avenue, 3, fit.rule, people=people)
    _law_and_group_fits(case, picker)
    if urgent:
        # After the mandates that fit: the desk is for when it is unclear which should act.
        picker.pick("sp:urgent-action", 3, URGENT_DESK)
    defenders = tuple(p.ref for p in case.people
                      if p.role in DEFENDER_ROLES or any(p.ref in e.people for e in case.engagements))
    if defenders:
        picker.pick("sp:human-rights-defenders", 3, DEFENDERS, people=defenders)
    threatened = tuple(ref for r in case.reprisals if r.type == "death-threat" for ref in r.people)
    if threatened:
        picker.pick("sp:human-rights-defenders", 3, DEFENDERS_DEATH_THREAT, people=tuple(dict.fromkeys(threatened)))
    picker.pick(kb.country_mandate(case.country), 3, COUNTRY_MANDATE)
    for avenue in kb.country_bodies(case.country):
        picker.pick(avenue, 3, COUNTRY_BODY)

    for avenue in kb.regional_for(case.country):
        picker.pick(avenue, 4, REGIONAL)
    for host, people in _host_countries(case).items():
        for avenue in kb.regional_for(host):
            picker.pick(avenue, 4, TRANSNATIONAL, people=people, country=host)
        picker.pick(kb.country_mandate(host), 4, TRANSNATIONAL, people=people, country=host)

    selections = sorted(picker.chosen.values(), key=lambda s: s.tier)
    return [sel for sel in (_apply_ratification(sel, case, kb) for sel in selections) if sel is not None]


def _sg_in_scope(case: Case, staff: set[str]) -> bool:
    """The report and the senior official take cooperation with the UN (res. 12/2): not a
    case linked only to a regional body, nor one whose only people are UN staff."""
    if not any(is_un_engagement(b) for b in case.bodies):
        return False
    return not staff or any(p.ref not in staff for p in case.people)


def _host_countries(case: Case) -> dict[str, tuple[str, ...]]:
    """Countries, other than the case's, where a reprisal happened (``Reprisal.country``)."""
    out: dict[str, list[str]] = {}
    for r in case.reprisals:
        where = r.country
        if where and where != case.country:
            out.setdefault(where, [])
            out[where] += [ref for ref in r.people if ref not in out[where]]
    return {k: tuple(v) for k, v in out.items()}


def _law_and_group_fits(case: Case, picker: _Picker) -> None:
    """The fits that read ``Reprisal.law`` and ``Person.groups`` (read defensively: the
    case-facts model gains these fields on another branch)."""
    charged = tuple(dict.fromkeys(ref for r in case.reprisals if r.law in SECURITY_LAWS
                                  for ref in r.people))
    if charged:
        picker.pick("sp:counter-terrorism", 3, SECURITY_LAW, people=charged)
    for fit in GROUP_FITS:
        people = []
        for person in case.people:
            if fit.group not in person.groups:
                continue
            if fit.types and not any(r.type in fit.types and person.ref in r.people for r in case.reprisals):
                continue
            people.append(person.ref)
        if people:
            picker.pick(fit.avenue, 3, fit.rule, people=tuple(people))


def _treaty_of(avenue: Avenue) -> str | None:
    return avenue.treaty


_COMPLAINT_ACTIONS = ("individual-complaint",)


def _apply_ratification(sel: Selection, case: Case, kb: KnowledgeView) -> Selection | None:
    """A treaty body only for States parties; individual complaints only where accepted.

    Confirmed not a party: left out, unless the person cooperated with it (the first-notify
    rule keeps it, with a reason). Unconfirmed: kept, with a reason saying so. Complaints
    confirmed not accepted: the complaint actions are left out; unconfirmed: kept, marked
    unverified.
    """
    treaty = _treaty_of(sel.avenue)
    if sel.avenue.family != "tb" or treaty is None:
        return sel
    party = kb.is_party(case.country, treaty)
    engaged = sel.tier == 1
    source = ("https://indicators.ohchr.org/",)
    where = {"country": ("country", case.country), "treaty": ("verbatim", treaty)}
    if party is False and not engaged:
        return None
    if party is False:
        sel.reasons.append(Reason("treaty-not-ratified", f"The ratification table says {case.country} is not a "
                                  f"party to the {treaty}: the committee may be unable to act on the State.", source,
                                  said=sentence(NOT_RATIFIED, **where)))
    elif party is None:
        sel.reasons.append(Reason("treaty-unconfirmed", f"Unconfirmed: Amparo's ratification table does not confirm "
                                  f"that {case.country} is a party to the {treaty}; check before relying on it.",
                                  source, said=sentence(RATIFICATION_UNCONFIRMED, **where)))
    accepts = kb.accepts_communications(case.country, treaty)
    complaint = [a for a in sel.avenue.actions if a.id in _COMPLAINT_ACTIONS or a.variant_of in _COMPLAINT_ACTIONS]
    if not complaint or accepts is True:
        return sel
    if accepts is False:
        kept = tuple(a for a in sel.avenue.actions if a not in complaint)
        sel.reasons.append(Reason("communications-not-accepted", f"{case.country} has not accepted individual "
                                  f"complaints under the {treaty}: the complaint actions are left out.", source,
                                  said=sentence(COMPLAINTS_NOT_ACCEPTED, **where)))
    else:
        kept = tuple(dataclasses.replace(a, verified=False) if a in complaint else a for a in sel.avenue.actions)
    sel.avenue = dataclasses.replace(sel.avenue, actions=kept)
    return sel


def _fit_people(case: Case, fit: ReprisalFit) -> tuple[str, ...]:
    """The people (refs) for whom ``fit`` fires, in case order; empty when it does not."""
    hit: set[str] = set()
    for r in case.reprisals:
        if r.type not in fit.types:
            continue
        for ref in r.people:
            try:
                person = case.person(ref)
            except KeyError:
                continue
            if fit.roles and person.role not in fit.roles:
                continue
            if fit.genders and person.gender not in fit.genders:
                continue
            hit.add(ref)
    for person in case.people:
        if person.location in fit.locations:
            hit.add(person.ref)
    return tuple(p.ref for p in case.people if p.ref in hit)
