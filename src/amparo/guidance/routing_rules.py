"""The routing rules as data: which rule selects which avenue, why, and on what source.

Each rule has an id, a plain-language ``why`` and its sources (the guidance page, the
OHCHR pages in ../shared/domain/REFERENCE.md, or the avenue's own sources). ``routing``
walks these tables; nothing here looks at a case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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
