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
listed, whatever selected it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from amparo.guidance.plan import KnowledgeView, Reason
from amparo.knowledge.types import Avenue
from amparo.model.case import Case

ISHR_FIRST_NOTIFY = "https://academy.ishr.ch/security/what-to-do-if-you-face-reprisals-when-engaging-with-the-un"
OHCHR_HOW_TO_SHARE = "https://www.ohchr.org/en/reprisals/how-share-information-about-cases-intimidation-and-reprisals"
OHCHR_HOW_TO_SHARE_OLD = "https://www.ohchr.org/EN/Issues/Reprisals/Pages/HowToShareInformationAboutCases.aspx"
OHCHR_ASG = "https://www.ohchr.org/en/reprisals/our-work-acts-intimidation-and-reprisals"
ISHR_SG_CALL = "https://ishr.ch/latest-updates/reprisals-call-submissions-secretary-generals-report-reprisals/"
SP_REPRISALS_FRAMEWORK = "http://www.ohchr.org/EN/HRBodies/SP/Pages/Actsofintimidationandreprisal.aspx"
SP_REQUESTING = "https://academy.ishr.ch/learn/special-procedures/requesting-a-communication"
SP_LIST = "https://www.ohchr.org/en/special-procedures-human-rights-council"
RES_12_2 = "A/HRC/RES/12/2"


@dataclass(frozen=True, slots=True)
class Rule:
    """A routing rule: its id, why it selects an avenue, and where that comes from.

    ``cite_avenue`` adds the selected avenue's own sources to the rule's.
    """

    id: str
    why: str
    sources: tuple[str, ...] = ()
    cite_avenue: bool = False


@dataclass(frozen=True, slots=True)
class FirstNotify:
    """Tier 1: for an engagement with ``body`` (``"sp:*"`` matches every mandate), the
    avenues to notify first, in order. ``"{body}"`` stands for the engaged body itself."""

    body: str
    avenues: tuple[str, ...]
    rule: Rule

    def matches(self, engaged: str) -> bool:
        if self.body.endswith(":*"):
            return engaged.startswith(self.body[:-1])
        return engaged == self.body


_UN_PRESENCE_WHY = (
    "Cooperation with {body} is covered by the Secretary-General's reprisals report, which "
    "takes cases of cooperation with OHCHR and its field presences, UN Country Teams and the "
    "human rights components of peace missions; there is no separate body to notify, so the "
    "report and the senior official on reprisals come first."
)

FIRST_NOTIFY: tuple[FirstNotify, ...] = (
    FirstNotify("hrc", ("hrc:president",), Rule(
        "first-notify-hrc",
        "First notify the mechanism the person cooperated with: for the Human Rights Council "
        "that is its President and Bureau.",
        (ISHR_FIRST_NOTIFY, OHCHR_HOW_TO_SHARE))),
    FirstNotify("upr", ("hrc:president",), Rule(
        "first-notify-upr",
        "First notify the mechanism the person cooperated with: for the Universal Periodic "
        "Review that is the President and Bureau of the Council (through the UPR Secretariat).",
        (ISHR_FIRST_NOTIFY, OHCHR_HOW_TO_SHARE))),
    FirstNotify("sp:*", ("{body}", "sp:human-rights-defenders", "sp:coordination-committee",
                         "hrc:president"), Rule(
        "first-notify-sp",
        "First notify the mechanism the person cooperated with: for a Special Procedures "
        "mandate that is the mandate itself, then the Special Rapporteur on human rights "
        "defenders, the Coordination Committee, or the President of the Council.",
        (ISHR_FIRST_NOTIFY, SP_REPRISALS_FRAMEWORK))),
    FirstNotify("tb:*", ("{body}",), Rule(
        "first-notify-tb",
        "First notify the mechanism the person cooperated with: for a treaty body that is the "
        "committee, through its secretariat, its members and its rapporteur or focal point on "
        "reprisals.",
        (ISHR_FIRST_NOTIFY, "HRI/MC/2015/6"))),
    FirstNotify("ohchr", ("sg:report", "sg:senior-official"), Rule(
        "first-notify-un-presence", _UN_PRESENCE_WHY, (OHCHR_HOW_TO_SHARE_OLD, ISHR_SG_CALL))),
    FirstNotify("un-country-team", ("sg:report", "sg:senior-official"), Rule(
        "first-notify-un-presence", _UN_PRESENCE_WHY, (OHCHR_HOW_TO_SHARE_OLD, ISHR_SG_CALL))),
    FirstNotify("un-peace-mission", ("sg:report", "sg:senior-official"), Rule(
        "first-notify-un-presence", _UN_PRESENCE_WHY, (OHCHR_HOW_TO_SHARE_OLD, ISHR_SG_CALL))),
    FirstNotify("rg:*", ("{body}",), Rule(
        "first-notify-regional",
        "First notify the mechanism the person cooperated with: the regional body itself.",
        (ISHR_FIRST_NOTIFY,), cite_avenue=True)),
)

UN_PRESENCE_NAMES = {
    "ohchr": "OHCHR or its field presence",
    "un-country-team": "a UN Country Team",
    "un-peace-mission": "a UN peace mission",
}

SG_REPORT = Rule(
    "sg-report",
    "An additional step in every case: submit it for the Secretary-General's annual report on "
    "reprisals (reprisals@ohchr.org takes cases all year; copy it on every submission).",
    (ISHR_FIRST_NOTIFY, OHCHR_HOW_TO_SHARE_OLD, RES_12_2))
SG_SENIOR_OFFICIAL = Rule(
    "sg-senior-official",
    "The Assistant Secretary-General for Human Rights leads the UN's work on reprisals and "
    "raises cases, including urgent ones, with governments.",
    (ISHR_FIRST_NOTIFY, OHCHR_ASG))


@dataclass(frozen=True, slots=True)
class ReprisalFit:
    """Tier 3: a mandate that fits the reprisal itself.

    Fires when a reprisal of one of ``types`` concerns a person who satisfies the role
    and gender conditions (when given), or when a person is in one of ``locations``.
    """

    avenue: str
    rule: Rule
    types: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    genders: frozenset[str] = frozenset()
    locations: frozenset[str] = field(default_factory=frozenset)


def _fit(avenue: str, rule_id: str, why: str, *, types: Iterable[str] = (), roles: Iterable[str] = (),
         genders: Iterable[str] = (), locations: Iterable[str] = (), sources: tuple[str, ...] = ()) -> ReprisalFit:
    return ReprisalFit(avenue, Rule(rule_id, why, (SP_REPRISALS_FRAMEWORK, *sources), cite_avenue=True),
                       frozenset(types), frozenset(roles), frozenset(genders), frozenset(locations))


REPRISAL_FITS: tuple[ReprisalFit, ...] = (
    _fit("sp:arbitrary-detention", "fit-detention",
         "Someone was arrested or is detained: the Working Group on Arbitrary Detention takes "
         "individual cases and can act urgently.",
         types=("arbitrary-arrest", "arbitrary-detention"), locations=("in-custody",),
         sources=(SP_REQUESTING,)),
    _fit("sp:enforced-disappearances", "fit-disappearance",
         "Someone was disappeared: the Working Group on Enforced or Involuntary Disappearances "
         "takes individual cases and can act urgently.",
         types=("enforced-disappearance",), locations=("disappeared",), sources=(SP_REQUESTING,)),
    _fit("sp:torture", "fit-torture",
         "Torture, ill-treatment or sexual violence: the Special Rapporteur on torture.",
         types=("torture-ill-treatment", "sexual-violence")),
    _fit("sp:violence-against-women", "fit-sexual-violence-women",
         "Sexual violence against a woman: the Special Rapporteur on violence against women.",
         types=("sexual-violence",), genders=("woman",)),
    _fit("sp:independence-judges-lawyers", "fit-lawyer-sanction",
         "A lawyer was disbarred, suspended or otherwise sanctioned: the Special Rapporteur on "
         "the independence of judges and lawyers.",
         types=("professional-sanction",), roles=("lawyer",)),
    _fit("sp:privacy", "fit-privacy",
         "Hacking or surveillance: the Special Rapporteur on the right to privacy.",
         types=("hacking", "surveillance")),
    _fit("sp:freedom-of-expression", "fit-journalist-smear",
         "A smear campaign against a journalist: the Special Rapporteur on freedom of opinion "
         "and expression.",
         types=("smear-campaign",), roles=("journalist",)),
    _fit("sp:assembly-and-association", "fit-civic-space",
         "An organisation deregistered, its funding cut, or a restrictive law: the Special "
         "Rapporteur on freedom of peaceful assembly and of association.",
         types=("ngo-deregistration", "funding-restriction", "restrictive-law")),
    _fit("sp:extrajudicial-executions", "fit-killing",
         "A killing: the Special Rapporteur on extrajudicial, summary or arbitrary executions.",
         types=("killing",)),
)

URGENT_DESK = Rule(
    "urgent-sp-desk",
    "The case is urgent: the Special Procedures urgent-action desk reads what arrives at one "
    "address and passes it to the mandates that fit, so nobody has to know which mandate to "
    "write to first.",
    (SP_REQUESTING,), cite_avenue=True)
DEFENDERS = Rule(
    "fit-defenders",
    "Reprisals for cooperating with the UN target people defending human rights: the Special "
    "Rapporteur on human rights defenders takes such cases and often joins communications "
    "on reprisals.",
    (ISHR_FIRST_NOTIFY, SP_REPRISALS_FRAMEWORK), cite_avenue=True)
COUNTRY_MANDATE = Rule(
    "fit-country-mandate",
    "The country has its own Special Procedures mandate, which follows its situation.",
    (SP_LIST,), cite_avenue=True)
REGIONAL = Rule(
    "regional",
    "The country is covered by this regional system, which can act on reprisals too.",
    (), cite_avenue=True)

#: Roles for which ``fit-defenders`` fires even without an engagement (anyone who took
#: part in an engagement counts: cooperating with the UN is itself defending rights).
DEFENDER_ROLES = frozenset({
    "defender", "lawyer", "journalist", "ngo-staff", "community-leader", "trade-unionist",
    "academic", "nhri-staff",
})


@dataclass(slots=True)
class Selection:
    """An avenue chosen by one or more rules (mutable while routing, then frozen in the plan)."""

    avenue: Avenue
    tier: int
    reasons: list[Reason]


class _Picker:
    """Collects selections in order, merging the reasons of an avenue selected twice."""

    def __init__(self, kb: KnowledgeView, country: str):
        self.kb = kb
        self.country = country
        self.chosen: dict[str, Selection] = {}

    def pick(self, avenue: Avenue | str | None, tier: int, rule: Rule, text: str | None = None,
             people: Iterable[str] = ()) -> None:
        if isinstance(avenue, str):
            avenue = self.kb.get(avenue)
        # An avenue the knowledge base lacks cannot be shown; one that does not cover the
        # country cannot act on the case.
        if avenue is None or not avenue.covers(self.country):
            return
        sources = list(rule.sources)
        if rule.cite_avenue:
            sources += [s.ref for s in avenue.sources]
        reason = Reason(rule.id, text or rule.why, tuple(dict.fromkeys(sources)), tuple(people))
        chosen = self.chosen.get(avenue.id)
        if chosen is None:
            self.chosen[avenue.id] = Selection(avenue, tier, [reason])
        elif all(r.rule != rule.id for r in chosen.reasons):
            chosen.reasons.append(reason)


def _engaged_bodies(case: Case) -> list[str]:
    # Treaty bodies come first (issue 3: a treaty body engaged is the first avenue);
    # otherwise the order of first engagement.
    bodies = list(case.bodies)
    return [b for b in bodies if b.startswith("tb:")] + [b for b in bodies if not b.startswith("tb:")]


def _engaged_people(case: Case, body: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ref for e in case.engagements if e.body == body for ref in e.people))


def route(case: Case, kb: KnowledgeView, *, urgent: bool = False) -> list[Selection]:
    """Every avenue that fits ``case``, in the order of the four tiers, reasons merged.

    ``urgent`` adds the shared urgent-action desk of Special Procedures (``sp:urgent-action``).
    """
    picker = _Picker(kb, case.country)

    for body in _engaged_bodies(case):
        people = _engaged_people(case, body)
        for entry in FIRST_NOTIFY:
            if not entry.matches(body):
                continue
            why = entry.rule.why.format(body=UN_PRESENCE_NAMES.get(body, body))
            for target in entry.avenues:
                picker.pick(body if target == "{body}" else target, 1, entry.rule, why, people)
        # An organisation's own entry, or a package entry, may declare itself the first to
        # notify for this body: take it too, after the rule's own avenues.
        for avenue in kb.avenues:
            if body in avenue.first_for and avenue.id not in picker.chosen:
                picker.pick(avenue, 1, Rule("first-notify-declared",
                                            f"The knowledge base lists it as first to notify for {body}.",
                                            (ISHR_FIRST_NOTIFY,), cite_avenue=True), people=people)

    picker.pick("sg:report", 2, SG_REPORT)
    picker.pick("sg:senior-official", 2, SG_SENIOR_OFFICIAL)

    for fit in REPRISAL_FITS:
        people = _fit_people(case, fit)
        if people:
            picker.pick(fit.avenue, 3, fit.rule, people=people)
    if urgent:
        # After the mandates that fit: the desk is for when it is unclear which should act.
        picker.pick("sp:urgent-action", 3, URGENT_DESK)
    defenders = tuple(p.ref for p in case.people
                      if p.role in DEFENDER_ROLES or any(p.ref in e.people for e in case.engagements))
    if defenders:
        picker.pick("sp:human-rights-defenders", 3, DEFENDERS, people=defenders)
    picker.pick(kb.country_mandate(case.country), 3, COUNTRY_MANDATE)

    for avenue in kb.regional_for(case.country):
        picker.pick(avenue, 4, REGIONAL)

    return sorted(picker.chosen.values(), key=lambda s: s.tier)


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
