"""Risk notes: what telling could cost, each from a stated rule with its source.

Messages name people by their case reference (``p1``) and role only, never by name:
they are shown on screens and written to exports that others may see.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from amparo.guidance.plan import KnowledgeView, RiskNote, Sentence, sentence
from amparo.guidance.routing_rules import ISHR_FIRST_NOTIFY, ISHR_SG_CALL, OHCHR_HOW_TO_SHARE_OLD, SP_REQUESTING
from amparo.model.case import Case

ISHR_HOW_TO_SUBMIT = "https://endreprisals.ishr.ch/en/page/h86vff2kocs/how-to-submit-a-case"
ISHR_RISKS = "https://academy.ishr.ch/security/what-are-the-risks-you-might-face-for-engaging-with-the-un"
ISHR_TRANSNATIONAL = (
    "https://ishr.ch/latest-updates/hrc60-un-flags-repression-of-human-rights-defenders-including-by-human-rights-council-members"
)
OHCHR_TB_REPRISALS = "https://www.ohchr.org/EN/HRBodies/Pages/Reprisal.aspx"
SAN_JOSE = "HRI/MC/2015/6"
RES_54_24 = "A/HRC/RES/54/24"

#: The reporting period runs 1 May to 30 April: in full since A/HRC/48/28 (2021); the 2020
#: report covered 1 June 2019 - 30 April 2020 (REFERENCE.md section 10).
SG_PERIOD_END = (4, 30)
ETHICS_POLICY = "ST/SGB/2017/2/Rev.1"
RES_12_2 = "A/HRC/RES/12/2"
SG_WARN_DAYS = 60
INDIRECT_CONSENT = {"by-relative": "through a relative", "through-intermediary": "through an intermediary"}
RESTRICTED_SUBMITTERS = {
    "sp:arbitrary-detention": "the Working Group on Arbitrary Detention",
    "sp:enforced-disappearances": "the Working Group on Enforced or Involuntary Disappearances",
}


#: Message ids of the notes whose English is composed with parameters (the ``knowledge``
#: catalog translates them; the other notes' English is its own message id). A note
#: about one person and one about several are two messages: languages agree differently.
DETENTION = ("People in detention are especially at risk of reprisals ({people}): each step that tells the "
             "State should be weighed for its effect on their treatment in custody, and followed up.")
COMPROMISED = ("The case includes {kinds} ({people}): treat the usual email accounts and devices as "
               "compromised and do not send the case from them. Use another channel: a new account opened on "
               "a device not known to be compromised, an encrypted messenger, or the secure channel OHCHR "
               "offers on request (ask through reprisals@ohchr.org from a safe account).")
CONSENT_NONE = ("{person} ({role}) has consented to no disclosure at all: the plan cannot name or describe "
                "them anywhere, and every action that would identify them stays blocked until they consent or "
                "are left out of it.")
CONSENT_INDIRECT = {
    "by-relative": ("{person}'s consent was given through a relative: OHCHR needs informed consent (the "
                    "person, or the family, told of the security risks); confirm it with the person when that "
                    "becomes possible."),
    "through-intermediary": ("{person}'s consent was given through an intermediary: OHCHR needs informed "
                             "consent (the person, or the family, told of the security risks); confirm it with "
                             "the person when that becomes possible."),
}
EXPOSED = ("Family members or colleagues would be exposed: {detail}. Reprisals reach relatives too; each of "
           "them needs their own consent for every step that identifies them.")
EXPOSED_PERSON = "{person} ({role})"
EXPOSED_RELATED = "{person} ({role}, related to {relative})"
IN_COUNTRY = ("{people} is in the country: whatever the State is told can reach them at once. Weigh each step "
              "that tells the State or publishes.",
              "{people} are in the country: whatever the State is told can reach them at once. Weigh each step "
              "that tells the State or publishes.")
ABROAD = ("{people} is abroad or in exile: reprisals can follow them there (transnational repression) and fall "
          "on relatives who stayed; a return trip after a public step carries its own risk.",
          "{people} are abroad or in exile: reprisals can follow them there (transnational repression) and fall "
          "on relatives who stayed; a return trip after a public step carries its own risk.")
SUBMITTERS = ("{avenues} takes cases only from the person concerned, their family or their representative: the "
              "submission must come from one of them or on their behalf.",
              "{avenues} take cases only from the person concerned, their family or their representative: the "
              "submission must come from one of them or on their behalf.")
SUBMITTERS_WHO = ("{avenues} takes cases only from the person concerned, their family or their representative "
                  "({who}): the submission must come from one of them or on their behalf.",
                  "{avenues} take cases only from the person concerned, their family or their representative "
                  "({who}): the submission must come from one of them or on their behalf.")
RAISED_BEFORE = "Already raised in UN documents ({symbols}): the Secretary-General's report asks for these references."
UN_STAFF = ("{people} is UN staff: retaliation against UN staff is outside resolution 12/2 and the "
            "Secretary-General's reprisals report. A staff member punished for reporting misconduct or "
            "cooperating with an audit or investigation asks the UN Ethics Office for protection "
            "(ethicsoffice@un.org).",
            "{people} are UN staff: retaliation against UN staff is outside resolution 12/2 and the "
            "Secretary-General's reprisals report. A staff member punished for reporting misconduct or "
            "cooperating with an audit or investigation asks the UN Ethics Office for protection "
            "(ethicsoffice@un.org).")
TRANSNATIONAL = ("Reprisals happened outside {country} ({countries}; {people}): transnational repression, which "
                 "the 2025 report named as a trend. The host State's own avenues can act too; telling the host "
                 "State's authorities can protect, and can also reveal the person's address and contacts: weigh "
                 "it with them.")
FROM_FAMILY = ("{people} cannot be asked: consent for them comes from their family (OHCHR accepts the informed "
               "consent of the victim or the family), and the Working Group on Enforced or Involuntary "
               "Disappearances takes cases from the family. Record who in the family consented, and confirm "
               "with the person when they reappear.")
PROTECTION_APART = ("Apart from {avenues}, which can offer physical protection where the mission has a mandate to "
                    "protect civilians, none of these avenues gives physical protection: they work through "
                    "visibility and belong inside a wider security plan.")
SG_NEAR = ("The Secretary-General's reporting period ends on {date} ({days} days): the exact yearly cut-off comes "
           "from OHCHR's call for input and has fallen in May. Cases are taken all year, but one sent after the "
           "cut-off waits for the next report.")
SG_ENDED = ("The Secretary-General's reporting period ended on {date}: OHCHR's yearly call gives the exact "
            "cut-off, which has fallen in May. Check the call now; a case sent after it waits for the next "
            "report.")
ALREADY_PUBLIC = (
    "The case is already public. That does not widen anyone's consent: each step still needs it. The "
    "Secretary-General's report asks whether the case was already raised in a UN document or "
    "communication; list those references."
)
REGIONAL_ONLY = (
    "The only cooperation recorded is with a regional body: the Secretary-General's report and the "
    "senior official take reprisals for cooperating with the UN (resolution 12/2). The regional "
    "body's own focal point or procedure on reprisals comes first; add any UN engagement if there "
    "was one."
)
PUBLICITY = (
    "Publicity can protect (deterrence, denunciation) and can also expose the person and those "
    "connected to them: colleagues, associates, family. Weigh it before each public step."
)
NO_PROTECTION = (
    "None of these avenues gives physical protection: they work through visibility and belong inside "
    "a wider security plan."
)
SENTENCES = (ALREADY_PUBLIC, REGIONAL_ONLY, PUBLICITY, NO_PROTECTION, DETENTION, COMPROMISED, CONSENT_NONE,
             *CONSENT_INDIRECT.values(), EXPOSED, EXPOSED_PERSON, EXPOSED_RELATED, *IN_COUNTRY, *ABROAD,
             *SUBMITTERS, *SUBMITTERS_WHO, RAISED_BEFORE, *UN_STAFF, TRANSNATIONAL, FROM_FAMILY,
             PROTECTION_APART, SG_NEAR, SG_ENDED)


def _number(items: Iterable[object]) -> int:
    """0 for one item, 1 for several: the index of a (singular, plural) pair of messages."""
    return 0 if len(list(items)) == 1 else 1


def _refs(refs: Iterable[str]) -> str:
    return ", ".join(refs)


def risks(case: Case, *, today: date, avenue_ids: Iterable[str] = (), kb: KnowledgeView | None = None,
          ) -> tuple[RiskNote, ...]:
    """Every risk note that applies to ``case``, in a fixed order.

    ``avenue_ids`` are the avenues of the plan (some notes concern an avenue in it);
    ``kb`` lets the submitter note quote an avenue's own restriction.
    """
    ids = tuple(avenue_ids)
    notes: list[RiskNote] = []
    roles = {p.ref: p.role for p in case.people}

    held = [p.ref for p in case.people if p.location == "in-custody"]
    held += [ref for r in case.reprisals if r.type in ("arbitrary-arrest", "arbitrary-detention")
             for ref in r.people if ref not in held]
    if held:
        notes.append(RiskNote(
            "detention",
            f"People in detention are especially at risk of reprisals ({_refs(held)}): each step that "
            "tells the State should be weighed for its effect on their treatment in custody, and "
            "followed up.",
            "detention-risk", (OHCHR_TB_REPRISALS,), tuple(held),
            sentence(DETENTION, people=("refs", tuple(held)))))

    digital = {}
    for r in case.reprisals:
        if r.type in ("hacking", "surveillance"):
            for ref in r.people:
                digital.setdefault(ref, set()).add(r.type)
    if digital:
        kinds = sorted({k for v in digital.values() for k in v})
        notes.append(RiskNote(
            "compromised-channel",
            f"The case includes {' and '.join(kinds)} ({_refs(digital)}): treat the usual email accounts "
            "and devices as compromised and do not send the case from them. Use another channel: a new "
            "account opened on a device not known to be compromised, an encrypted messenger, or the "
            "secure channel OHCHR offers on request (ask through reprisals@ohchr.org from a safe account).",
            "compromised-channel", (ISHR_HOW_TO_SUBMIT, OHCHR_HOW_TO_SHARE_OLD, RES_54_24), tuple(digital),
            sentence(COMPROMISED, kinds=("reprisal-types", tuple(kinds)), people=("refs", tuple(digital)))))

    for p in case.people:
        if not p.consent.circles:
            notes.append(RiskNote(
                "consent-none",
                f"{p.ref} ({role_words(p.role)}) has consented to no disclosure at all: the plan cannot name or "
                "describe them anywhere, and every action that would identify them stays blocked until "
                "they consent or are left out of it.",
                "consent-first", (OHCHR_HOW_TO_SHARE_OLD, SAN_JOSE), (p.ref,),
                sentence(CONSENT_NONE, person=("refs", (p.ref,)), role=("role", p.role))))
    for p in case.people:
        method = p.consent_record.method if p.consent_record else None
        if method in INDIRECT_CONSENT and p.consent.circles:
            notes.append(RiskNote(
                "consent-indirect",
                f"{p.ref}'s consent was given {INDIRECT_CONSENT[method]}: OHCHR needs informed consent "
                "(the person, or the family, told of the security risks); confirm it with the person "
                "when that becomes possible.",
                "consent-first", (OHCHR_HOW_TO_SHARE_OLD, ISHR_SG_CALL), (p.ref,),
                sentence(CONSENT_INDIRECT[method], person=("refs", (p.ref,)))))

    exposed: list[str] = []
    for p in case.people:
        if p.role == "family-member" or p.relation_to:
            exposed.append(p.ref)
    for r in case.reprisals:
        if r.type == "family-targeted":
            exposed += [ref for ref in r.people if ref not in exposed]
    if exposed:
        detail = ", ".join(
            f"{ref} ({role_words(roles.get(ref, 'person'))}" + (f", related to {case.person(ref).relation_to})"
                                                    if case.person(ref).relation_to else ")")
            for ref in exposed)
        notes.append(RiskNote(
            "exposed-relations",
            f"Family members or colleagues would be exposed: {detail}. Reprisals reach relatives too; "
            "each of them needs their own consent for every step that identifies them.",
            "publicity-exposes-others", (ISHR_FIRST_NOTIFY, "A/HRC/RES/12/2", "A/HRC/30/29"), tuple(exposed),
            sentence(EXPOSED, detail=("sentences", tuple(_exposed(case, ref, roles) for ref in exposed)))))

    inside = [p.ref for p in case.people if p.location == "in-country"]
    outside = [p.ref for p in case.people if p.location in ("abroad", "in-exile")]
    if inside:
        notes.append(RiskNote(
            "in-country",
            f"{_refs(inside)} {'is' if len(inside) == 1 else 'are'} in the country: whatever the State is "
            "told can reach them at once. Weigh each step that tells the State or publishes.",
            "location", (ISHR_RISKS, ISHR_FIRST_NOTIFY), tuple(inside),
            sentence(IN_COUNTRY[_number(inside)], people=("refs", tuple(inside)))))
    if outside:
        notes.append(RiskNote(
            "abroad-or-exile",
            f"{_refs(outside)} {'is' if len(outside) == 1 else 'are'} abroad or in exile: reprisals can "
            "follow them there (transnational repression) and fall on relatives who stayed; a return "
            "trip after a public step carries its own risk.",
            "location", (ISHR_TRANSNATIONAL, ISHR_RISKS), tuple(outside),
            sentence(ABROAD[_number(outside)], people=("refs", tuple(outside)))))

    restricted = [avenue_id for avenue_id in RESTRICTED_SUBMITTERS if avenue_id in ids]
    if restricted:
        labels = " and ".join(RESTRICTED_SUBMITTERS[a] for a in restricted)
        own = [kb.get(a) for a in restricted] if kb is not None else []
        extra = "; ".join(dict.fromkeys(a.submitters for a in own if a is not None and a.submitters))
        who = tuple(dict.fromkeys(a.submitters for a in own if a is not None and a.submitters))
        said = (sentence(SUBMITTERS_WHO[_number(restricted)], avenues=("avenues", tuple(restricted)),
                         who=("kb-text", who)) if who
                else sentence(SUBMITTERS[_number(restricted)], avenues=("avenues", tuple(restricted))))
        notes.append(RiskNote(
            "submitter-restriction",
            f"{labels[0].upper()}{labels[1:]} take{'s' if len(restricted) == 1 else ''} cases only from "
            "the person concerned, their family or their representative"
            + (f" ({extra})" if extra else "")
            + ": the submission must come from one of them or on their behalf.",
            "wg-submitters", (SP_REQUESTING,), (), said))

    if case.already_public:
        notes.append(RiskNote(
            "already-public",
            ALREADY_PUBLIC,
            "already-public", (ISHR_SG_CALL, ISHR_FIRST_NOTIFY)))
    if case.un_references:
        notes.append(RiskNote(
            "raised-before",
            f"Already raised in UN documents ({', '.join(u.symbol for u in case.un_references)}): the "
            "Secretary-General's report asks for these references.",
            "already-public", (ISHR_SG_CALL,), (),
            sentence(RAISED_BEFORE, symbols=("verbatim", ", ".join(u.symbol for u in case.un_references)))))

    if not ids or "sg:report" in ids:
        cutoff = _sg_cutoff_note(today)
        if cutoff:
            notes.append(cutoff)

    staff = [p.ref for p in case.people if p.role == "un-staff"]
    if staff:
        notes.append(RiskNote(
            "out-of-scope-un-staff",
            f"{_refs(staff)} {'is' if len(staff) == 1 else 'are'} UN staff: retaliation against UN staff is "
            "outside resolution 12/2 and the Secretary-General's reprisals report. A staff member punished "
            "for reporting misconduct or cooperating with an audit or investigation asks the UN Ethics "
            "Office for protection (ethicsoffice@un.org).",
            "scope-res-12-2", (ETHICS_POLICY, RES_12_2), tuple(staff),
            sentence(UN_STAFF[_number(staff)], people=("refs", tuple(staff)))))
    if case.engagements and all(b.startswith("rg:") for b in case.bodies):
        notes.append(RiskNote(
            "out-of-scope-regional-only",
            REGIONAL_ONLY,
            "scope-res-12-2", (RES_12_2, ISHR_FIRST_NOTIFY)))

    abroad = sorted({r.country for r in case.reprisals if r.country and r.country != case.country})
    if abroad:
        refs = tuple(dict.fromkeys(ref for r in case.reprisals
                                   if r.country in abroad for ref in r.people))
        notes.append(RiskNote(
            "transnational-repression",
            f"Reprisals happened outside {case.country} ({', '.join(abroad)}; {_refs(refs)}): transnational "
            "repression, which the 2025 report named as a trend. The host State's own avenues can act too; "
            "telling the host State's authorities can protect, and can also reveal the person's address "
            "and contacts: weigh it with them.",
            "transnational-repression", (ISHR_TRANSNATIONAL,), refs,
            sentence(TRANSNATIONAL, country=("country", case.country), countries=("countries", tuple(abroad)),
                     people=("refs", refs))))

    gone = [p.ref for p in case.people if p.location == "disappeared"]
    gone += [ref for r in case.reprisals if r.type == "enforced-disappearance" for ref in r.people if ref not in gone]
    if gone:
        notes.append(RiskNote(
            "consent-from-family",
            f"{_refs(gone)} cannot be asked: consent for them comes from their family (OHCHR accepts the "
            "informed consent of the victim or the family), and the Working Group on Enforced or "
            "Involuntary Disappearances takes cases from the family. Record who in the family consented, "
            "and confirm with the person when they reappear.",
            "consent-first", (OHCHR_HOW_TO_SHARE_OLD, ISHR_SG_CALL, SP_REQUESTING), tuple(gone),
            sentence(FROM_FAMILY, people=("refs", tuple(gone)))))

    notes.append(RiskNote(
        "publicity-both-ways",
        PUBLICITY,
        "publicity-cuts-both-ways", (ISHR_FIRST_NOTIFY,)))
    protecting = [a for a in (kb.get(i) for i in ids) if a is not None
                  and a.offers_physical_protection] if kb is not None else []
    if protecting:
        names = ", ".join(a.short_name for a in protecting)
        notes.append(RiskNote(
            "no-physical-protection",
            f"Apart from {names}, which can offer physical protection where the mission has a mandate to "
            "protect civilians, none of these avenues gives physical protection: they work through "
            "visibility and belong inside a wider security plan.",
            "no-physical-protection", (ISHR_FIRST_NOTIFY, *(s.ref for a in protecting for s in a.sources[:1])), (),
            sentence(PROTECTION_APART, avenues=("avenues", tuple(a.id for a in protecting)))))
    else:
        notes.append(RiskNote(
            "no-physical-protection",
            NO_PROTECTION,
            "no-physical-protection", (ISHR_FIRST_NOTIFY,)))
    return tuple(notes)


def _sg_cutoff_note(today: date) -> RiskNote | None:
    """A warning when the Secretary-General's reporting period ends within 60 days, or has
    just ended and the yearly call's cut-off (which has fallen in May) may still be open."""
    month, day = SG_PERIOD_END
    end = date(today.year, month, day)
    sources = (OHCHR_HOW_TO_SHARE_OLD, ISHR_SG_CALL)
    if today <= end and (end - today).days <= SG_WARN_DAYS:
        left = (end - today).days
        return RiskNote(
            "sg-cutoff-near",
            f"The Secretary-General's reporting period ends on {end.isoformat()} ({left} days): the "
            "exact yearly cut-off comes from OHCHR's call for input and has fallen in May. Cases are "
            "taken all year, but one sent after the cut-off waits for the next report.",
            "sg-reporting-period", sources, (),
            sentence(SG_NEAR, date=("date", end.isoformat()), days=("number", left)))
    if today.month == 5:
        return RiskNote(
            "sg-cutoff-near",
            f"The Secretary-General's reporting period ended on {end.isoformat()}: OHCHR's yearly call "
            "gives the exact cut-off, which has fallen in May. Check the call now; a case sent after "
            "it waits for the next report.",
            "sg-reporting-period", sources, (), sentence(SG_ENDED, date=("date", end.isoformat())))
    return None


#: Roles whose words are not their id with spaces (the English message of a note).
_ROLE_WORDS = {"un-staff": "UN staff", "ngo-staff": "NGO staff",
               "nhri-staff": "national human rights institution staff"}


def role_words(role: str) -> str:
    """A person's role as English words for a note's message ("family-member" → "family member"):
    the message is shown as it is where no translation exists, so it never shows a raw id."""
    return _ROLE_WORDS.get(role, role.replace("-", " "))


def _exposed(case: Case, ref: str, roles: dict[str, str]) -> Sentence:
    """One exposed person in the ``exposed-relations`` note: ref, role, to whom related."""
    relative = case.person(ref).relation_to
    if relative:
        return sentence(EXPOSED_RELATED, person=("refs", (ref,)), role=("role", roles.get(ref, "person")),
                        relative=("refs", (relative,)))
    return sentence(EXPOSED_PERSON, person=("refs", (ref,)), role=("role", roles.get(ref, "person")))
