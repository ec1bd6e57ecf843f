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
RES_54_24 = "A/HRC/RES/54/24"
ETHICS_POLICY = "ST/SGB/2017/2/Rev.1"
HRI_FOCAL_POINTS = "HRI/MC/2020/2/Rev.1"
ISHR_HRC60_TRENDS = (
    "https://ishr.ch/latest-updates/hrc60-un-flags-repression-of-human-rights-defenders-including-by-human-rights-council-members"
)
#: Avenues that are UN engagement bodies' first notification but not mandates.
UN_STAFF_ROLES = frozenset({"un-staff"})


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
    "Cooperation with {body}: first notify the UN presence itself (an OHCHR office, or the "
    "peace mission's human rights section) where there is one; the Secretary-General's "
    "reprisals report takes cases of cooperation with OHCHR and its field presences, UN "
    "Country Teams and the human rights components of peace missions, and the senior official "
    "on reprisals follows them."
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
    FirstNotify("ohchr", ("un:ohchr-field", "sg:report", "sg:senior-official"), Rule(
        "first-notify-un-presence", _UN_PRESENCE_WHY, (OHCHR_HOW_TO_SHARE_OLD, ISHR_SG_CALL))),
    FirstNotify("un-country-team", ("un:ohchr-field", "sg:report", "sg:senior-official"), Rule(
        "first-notify-un-presence", _UN_PRESENCE_WHY, (OHCHR_HOW_TO_SHARE_OLD, ISHR_SG_CALL))),
    FirstNotify("un-peace-mission", ("un:peace-operations", "sg:report", "sg:senior-official"), Rule(
        "first-notify-un-presence", _UN_PRESENCE_WHY, (OHCHR_HOW_TO_SHARE_OLD, ISHR_SG_CALL))),
    FirstNotify("ib:*", ("{body}",), Rule(
        "first-notify-investigative",
        "First notify the mechanism the person cooperated with: the commission, mission or group "
        "that took the person's testimony, through its secretariat, in confidence.",
        (ISHR_FIRST_NOTIFY, OHCHR_HOW_TO_SHARE), cite_avenue=True)),
    FirstNotify("hrc:emrip", ("{body}", "sp:indigenous-peoples"), Rule(
        "first-notify-emrip",
        "First notify the mechanism the person cooperated with: the Expert Mechanism on the Rights "
        "of Indigenous Peoples, then the Special Rapporteur on the rights of Indigenous Peoples.",
        (ISHR_FIRST_NOTIFY,), cite_avenue=True)),
    FirstNotify("un:unpfii", ("{body}", "sp:indigenous-peoples"), Rule(
        "first-notify-unpfii",
        "First notify the mechanism the person cooperated with: the Permanent Forum on Indigenous "
        "Issues, which asks that reprisals against its participants be reported.",
        (ISHR_FIRST_NOTIFY,), cite_avenue=True)),
    FirstNotify("rg:*", ("{body}",), Rule(
        "first-notify-regional",
        "First notify the mechanism the person cooperated with: the regional body itself, through "
        "its own focal point or procedure on reprisals.",
        (ISHR_FIRST_NOTIFY,), cite_avenue=True)),
)

UN_PRESENCE_NAMES = {
    "ohchr": "OHCHR or its field presence",
    "un-country-team": "a UN Country Team",
    "un-peace-mission": "a UN peace mission",
}

SG_REPORT = Rule(
    "sg-report",
    "An additional step when the person cooperated with the UN: submit the case for the "
    "Secretary-General's annual report on reprisals (reprisals@ohchr.org takes cases all year; "
    "copy it on every submission). The report covers cooperation with the UN, its "
    "representatives and mechanisms (resolution 12/2).",
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
    _fit("sp:extrajudicial-executions", "fit-death-threat",
         "A death threat: the Special Rapporteur on extrajudicial, summary or arbitrary executions "
         "acts on threats to life.",
         types=("death-threat",)),
    _fit("sp:freedom-of-expression", "fit-spyware",
         "Spyware or hacking meant to silence someone: the Special Rapporteur on freedom of opinion "
         "and expression (with the Special Rapporteur on privacy).",
         types=("spyware", "hacking"), sources=(RES_54_24,)),
    _fit("sp:privacy", "fit-privacy",
         "Spyware on the person's devices: the Special Rapporteur on the right to privacy.",
         types=("spyware",), sources=(RES_54_24,)),
)

#: Laws whose use against people who cooperate with the UN the Council has named (res.
#: 54/24: counter-terrorism and national-security laws used to deter cooperation).
SECURITY_LAWS = frozenset({"counter-terrorism", "extremism", "national-security"})
SECURITY_LAW = Rule(
    "fit-security-law",
    "Charged or targeted under a counter-terrorism, extremism or national-security law: the "
    "Special Rapporteur on human rights while countering terrorism. The Council has named such "
    "laws among those used to punish cooperation with the UN.",
    (RES_54_24, SP_REPRISALS_FRAMEWORK), cite_avenue=True)
DEFENDERS_DEATH_THREAT = Rule(
    "fit-defenders-death-threat",
    "A death threat against a person who cooperated with the UN: the Special Rapporteur on human "
    "rights defenders takes such cases urgently.",
    (SP_REPRISALS_FRAMEWORK, "http://www.ohchr.org/EN/Issues/SRHRDefenders/Pages/Complaints.aspx"),
    cite_avenue=True)


@dataclass(frozen=True, slots=True)
class GroupFit:
    """A mandate (or committee) for people of a group (``Person.groups``)."""

    group: str
    avenue: str
    rule: Rule
    #: Fires only with one of these reprisal types against the person (empty: any).
    types: frozenset[str] = frozenset()


def _group(group: str, avenue: str, rule_id: str, why: str, *, sources: tuple[str, ...] = (),
           types: Iterable[str] = ()) -> GroupFit:
    return GroupFit(group, avenue, Rule(rule_id, why, (SP_REPRISALS_FRAMEWORK, *sources), cite_avenue=True),
                    frozenset(types))


GROUP_FITS: tuple[GroupFit, ...] = (
    _group("child", "tb:CRC", "fit-child-crc",
           "A child was targeted: the Committee on the Rights of the Child, where the State is a party "
           "to the Convention.", sources=("HRI/MC/2015/6",)),
    _group("child", "sp:sale-of-children", "fit-child-sexual-exploitation",
           "Sexual violence against a child: the Special Rapporteur on the sale, sexual exploitation and "
           "sexual abuse of children.", types=("sexual-violence",)),
    _group("indigenous", "sp:indigenous-peoples", "fit-indigenous",
           "An Indigenous person or representative: the Special Rapporteur on the rights of Indigenous "
           "Peoples.", sources=("https://unpfii.desa.un.org/recommendations/un-secretary-general",)),
    _group("indigenous", "hrc:emrip", "fit-indigenous-emrip",
           "An Indigenous person or representative: the Expert Mechanism on the Rights of Indigenous "
           "Peoples, whose participants are to be protected from reprisals.",
           sources=("https://unpfii.desa.un.org/recommendations/un-secretary-general",)),
    _group("minority", "sp:minority-issues", "fit-minority",
           "A person of a national, ethnic, religious or linguistic minority: the Special Rapporteur on "
           "minority issues."),
    _group("lgbtiq", "sp:sogi", "fit-lgbtiq",
           "An LGBTIQ+ person or advocate: the Independent Expert on sexual orientation and gender "
           "identity; the 2025 report named the targeting of LGBTIQ+ people as a new trend.",
           sources=(ISHR_HRC60_TRENDS,)),
    _group("person-with-disability", "sp:disabilities", "fit-disability",
           "A person with a disability: the Special Rapporteur on the rights of persons with disabilities."),
    _group("person-with-disability", "tb:CRPD", "fit-disability-crpd",
           "A person with a disability: the Committee on the Rights of Persons with Disabilities, where "
           "the State is a party."),
    _group("migrant-or-refugee", "sp:migrants", "fit-migrant",
           "A migrant or refugee: the Special Rapporteur on the human rights of migrants."),
)
TRANSNATIONAL = Rule(
    "transnational-repression",
    "The reprisal happened in another country than the case's (transnational repression, named "
    "as a trend in the 2025 report): that country's own regional and country avenues can act too.",
    (ISHR_HRC60_TRENDS,), cite_avenue=True)
COUNTRY_BODY = Rule(
    "fit-country-investigative-body",
    "The Council has an investigative body on the country; it takes testimony from victims and "
    "witnesses and is responsible for those who cooperate with it.",
    (OHCHR_HOW_TO_SHARE,), cite_avenue=True)
UN_STAFF = Rule(
    "out-of-scope-un-staff",
    "Retaliation against UN staff is outside resolution 12/2 and the Secretary-General's reprisals "
    "report: a staff member retaliated against for reporting misconduct or cooperating with an "
    "audit or investigation asks the UN Ethics Office for protection.",
    (ETHICS_POLICY, RES_12_2), cite_avenue=True)
RESOLVED = "resolved-successor"


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
    """An avenue chosen by one or more rules (mutable while routing, then frozen in the plan).

    ``avenue`` is the avenue as it applies to the case: where the State has confirmed not
    accepted a treaty's individual complaints, those actions are left out of it.
    """

    avenue: Avenue
    tier: int
    reasons: list[Reason]


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
             people: Iterable[str] = (), *, country: str | None = None) -> None:
        if isinstance(avenue, str):
            avenue = self.kb.get(avenue)
        # An avenue the knowledge base lacks cannot be shown; one that does not cover the
        # country cannot act on the case; one that ended is never offered.
        if avenue is None or not avenue.covers(country or self.country) or not _is_active(avenue):
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
            for target in entry.avenues:
                if target.startswith("sg:") and not _sg_in_scope(case, staff):
                    continue
                picker.pick(body if target == "{body}" else target, 1, entry.rule, why, people)
        if note:
            picker.note(body, Reason(RESOLVED, note, tuple(s.ref for s in kb.get(engaged).sources), people))
        # An organisation's own entry, or a package entry, may declare itself the first to
        # notify for this body: take it too, after the rule's own avenues.
        for avenue in active:
            if body in avenue.first_for and avenue.id not in picker.chosen:
                picker.pick(avenue, 1, Rule("first-notify-declared",
                                            f"The knowledge base lists it as first to notify for {body}.",
                                            (ISHR_FIRST_NOTIFY,), cite_avenue=True), people=people)

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
    if party is False and not engaged:
        return None
    if party is False:
        sel.reasons.append(Reason("treaty-not-ratified", f"The ratification table says {case.country} is not a "
                                  f"party to the {treaty}: the committee may be unable to act on the State.", source))
    elif party is None:
        sel.reasons.append(Reason("treaty-unconfirmed", f"Unconfirmed: Amparo's ratification table does not confirm "
                                  f"that {case.country} is a party to the {treaty}; check before relying on it.",
                                  source))
    accepts = kb.accepts_communications(case.country, treaty)
    complaint = [a for a in sel.avenue.actions if a.id in _COMPLAINT_ACTIONS or a.variant_of in _COMPLAINT_ACTIONS]
    if not complaint or accepts is True:
        return sel
    if accepts is False:
        kept = tuple(a for a in sel.avenue.actions if a not in complaint)
        sel.reasons.append(Reason("communications-not-accepted", f"{case.country} has not accepted individual "
                                  f"complaints under the {treaty}: the complaint actions are left out.", source))
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
