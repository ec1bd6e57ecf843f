"""The content of a letter, section by section, for each family of avenues.

Every family gets the facts every body needs (who writes, the cooperation, the acts in
date order, the link, the situation, steps taken, the request, consent, safe contact);
each family adds what its body uses: the Secretary-General's report asks for the consent
and the link to be spelled out and for earlier UN documents; a treaty body's letter names
the review session; a Special Procedures submission names the mandates; the Council
President's letter names the session or review. User text passes through the redactor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from amparo.disclosure.redaction import Redactor, told_by
from amparo.drafting.document import Section
from amparo.knowledge.types import Avenue, AvenueAction
from amparo.language.i18n import Language, label
from amparo.language.vocabulary import (
    BODIES,
    CONSENT_METHODS,
    ENGAGEMENT_KINDS,
    LOCATIONS,
    PERPETRATORS,
    REPRISAL_TYPES,
    body_name,
    person_noun,
    term,
)
from amparo.model.case import Case, Engagement, Person, Reprisal
from amparo.model.consent import Circle

_INDIRECT = {"by-relative", "through-intermediary"}
_RISKS = {
    "in-custody": label("risk", "at risk of ill-treatment and of further charges in custody"),
    "disappeared": label("risk", "fate and whereabouts to be established without delay"),
    "in-country": label("risk", "exposed to further reprisals in the country"),
    "in-exile": label("risk", "unable to return to the country safely"),
    "abroad": label("risk", "at risk of reprisals on return to the country"),
}


@dataclass(frozen=True, slots=True)
class Context:
    """What every section writer reads."""

    case: Case
    avenue: Avenue
    lang: Language
    redactor: Redactor
    action: AvenueAction
    circle: Circle
    anonymised: bool
    allowed: tuple[AvenueAction, ...]
    today: date
    mandates: tuple[Avenue, ...] = ()


@dataclass(frozen=True, slots=True)
class Body:
    """The title, subject, salutation and sections of a letter."""

    title: str
    subject: str
    salutation: str
    sections: tuple[Section, ...]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _join(lang: Language, items: list[str]) -> str:
    # CLDR's list patterns: "A, B and C", "A、B和C", "A وB وC" (a comma is not Chinese's).
    return lang.join(items)


def _sessions(ctx: Context) -> list[str]:
    """The sessions or reviews of the engagements this avenue is first to hear about."""
    own = {ctx.avenue.id, *ctx.avenue.first_for}
    engaged = [e for e in ctx.case.engagements if e.body in own] or list(ctx.case.engagements)
    return list(dict.fromkeys(ctx.redactor.text(e.session) for e in engaged if e.session))


def _mandate_names(ctx: Context) -> list[str]:
    names = {a.id: ctx.lang.pgettext("avenue", a.name) for a in (ctx.avenue, *ctx.mandates)}
    slugs = [ctx.avenue.id, *(m.id for m in ctx.mandates)]
    slugs += [b for b in ctx.case.bodies if b.startswith("sp:")]
    return [body_name(ctx.lang, s, names) for s in dict.fromkeys(slugs)]


def _engagement_line(ctx: Context, e: Engagement) -> str:
    lang, r = ctx.lang, ctx.redactor
    line = lang._("{date}: {kind} with {body}").format(
        date=lang.date(e.date), kind=term(lang, ENGAGEMENT_KINDS, e.kind),
        body=body_name(lang, e.body, {a.id: lang.pgettext("avenue", a.name)
                                      for a in (ctx.avenue, *ctx.mandates)}))
    if e.session:
        line += f" ({r.text(e.session)})"
    line += ". " + lang._("Taking part: {people}.").format(people=_join(lang, r.people(e.people)))
    if e.description:
        line += " " + r.text(e.description)
    return line


def _reprisal_line(ctx: Context, rep: Reprisal) -> str:
    lang, r = ctx.lang, ctx.redactor
    fields = dict(date=lang.date(rep.date), type=term(lang, REPRISAL_TYPES, rep.type),
                  perpetrator=term(lang, PERPETRATORS, rep.perpetrator),
                  people=_join(lang, r.people(rep.people)), place=r.text(rep.place))
    if rep.place:
        line = lang._("{date}, {place}: {type}. Targeted: {people}. Alleged perpetrator: "
                      "{perpetrator}.")
    else:
        line = lang._("{date}: {type}. Targeted: {people}. Alleged perpetrator: {perpetrator}.")
    line = _cap(line.format(**fields))
    if rep.description:
        line += " " + r.text(rep.description)
    return line


def told(ctx: Context, rep: Reprisal) -> bool:
    """Whether the letter describes this act (``disclosure.told_by`` with the letter's redactor)."""
    return told_by(ctx.redactor, rep)


def _preceding(case: Case, rep: Reprisal) -> Engagement | None:
    """The latest engagement on or before the reprisal, preferring one by the same people."""
    before = [e for e in case.engagements if e.date <= rep.date]
    same = [e for e in before if set(e.people) & set(rep.people)]
    pool = same or before
    return max(pool, key=lambda e: e.date) if pool else None


def _link_items(ctx: Context) -> list[str]:
    lang, r = ctx.lang, ctx.redactor
    items = []
    for rep in sorted(ctx.case.reprisals, key=lambda x: x.date):
        if not told(ctx, rep):
            continue
        eng = _preceding(ctx.case, rep)
        parts = []
        if eng is not None:
            days = (rep.date - eng.date).days
            if days == 0:
                parts.append(lang._("{type} on {date}: the same day as {kind}.").format(
                    type=_cap(term(lang, REPRISAL_TYPES, rep.type)), date=lang.date(rep.date),
                    kind=term(lang, ENGAGEMENT_KINDS, eng.kind)))
            else:
                parts.append(lang.ngettext(
                    "{type} on {date}: {days} day after {kind} on {edate}.",
                    "{type} on {date}: {days} days after {kind} on {edate}.", days,
                ).format(type=_cap(term(lang, REPRISAL_TYPES, rep.type)),
                         date=lang.date(rep.date), days=days,
                         kind=term(lang, ENGAGEMENT_KINDS, eng.kind), edate=lang.date(eng.date)))
        if rep.link:
            if not parts:
                parts.append(_cap(term(lang, REPRISAL_TYPES, rep.type)) + ", "
                             + lang.date(rep.date) + ".")
            parts.append(lang._("Why it is linked: {link}").format(link=r.text(rep.link)))
        if parts:
            items.append(" ".join(parts))
    return items


def _situation_items(ctx: Context) -> list[str]:
    lang, r = ctx.lang, ctx.redactor
    items = []
    for p in ctx.case.people:
        if p.ref in r.left_out or (not p.consent.circles and p.ref not in r.named):
            continue  # nothing about a person the letter leaves out
        where = term(lang, LOCATIONS, p.location)
        line = f"{_cap(r.person(p.ref))}: {where}"
        risk = _RISKS.get(p.location)
        if risk:
            line += "; " + lang.label(risk)
        items.append(line + ".")
    return items


# What a body may do with a person's identity, one clause per circle, written out for each
# gender: French and Spanish pronouns agree with it ("la nommer", "le nommer"), and an
# undisclosed gender reads "this person" rather than a guess. Written out (not generated)
# so that the message extractor sees every one.
_CONSENT_WOMAN = {
    "know": label("consent-woman", "you may know who they are, in confidence"),
    "state": label("consent-woman", "you may raise the case with the State concerned and name them to it"),
    "no-state": label("consent-woman", "do not tell the State concerned who they are"),
    "public-both": label("consent-woman", "you may mention the case in public and name them"),
    "public-anonymous": label("consent-woman", "you may mention the case in public without their name; "
                                            "do not name them in public"),
    "public-named": label("consent-woman", "you may name them in public"),
    "no-public": label("consent-woman", "do not mention the case in public, even without their name"),
    "not-named": label("consent-woman", "This letter does not name them."),
}
_CONSENT_MAN = {
    "know": label("consent-man", "you may know who they are, in confidence"),
    "state": label("consent-man", "you may raise the case with the State concerned and name them to it"),
    "no-state": label("consent-man", "do not tell the State concerned who they are"),
    "public-both": label("consent-man", "you may mention the case in public and name them"),
    "public-anonymous": label("consent-man", "you may mention the case in public without their name; "
                                            "do not name them in public"),
    "public-named": label("consent-man", "you may name them in public"),
    "no-public": label("consent-man", "do not mention the case in public, even without their name"),
    "not-named": label("consent-man", "This letter does not name them."),
}
_CONSENT_PERSON = {
    "know": label("consent-person", "you may know who they are, in confidence"),
    "state": label("consent-person", "you may raise the case with the State concerned and name them to it"),
    "no-state": label("consent-person", "do not tell the State concerned who they are"),
    "public-both": label("consent-person", "you may mention the case in public and name them"),
    "public-anonymous": label("consent-person", "you may mention the case in public without their name; "
                                            "do not name them in public"),
    "public-named": label("consent-person", "you may name them in public"),
    "no-public": label("consent-person", "do not mention the case in public, even without their name"),
    "not-named": label("consent-person", "This letter does not name them."),
}
_CONSENT = {"woman": _CONSENT_WOMAN, "man": _CONSENT_MAN}


def _clause(lang: Language, gender: str, key: str) -> str:
    return lang.label(_CONSENT.get(gender, _CONSENT_PERSON)[key])


def _may(lang: Language, circles: frozenset[Circle], gender: str) -> list[str]:
    """What a body may do with a person's identity, as instructions, one clause per circle."""
    state = Circle.STATE in circles
    anonymous = Circle.PUBLIC_ANONYMOUS in circles
    named = Circle.PUBLIC_NAMED in circles
    clauses = [_clause(lang, gender, "know"), _clause(lang, gender, "state" if state else "no-state")]
    if named and anonymous:
        clauses.append(_clause(lang, gender, "public-both"))
    elif anonymous:
        clauses.append(_clause(lang, gender, "public-anonymous"))
    elif named:
        clauses.append(_clause(lang, gender, "public-named"))
    else:
        clauses.append(_clause(lang, gender, "no-public"))
    return clauses


def consent_item(ctx: Context, p: Person) -> str:
    """One person's consent, for the body to act on: who they are to it, what it may do."""
    lang, r = ctx.lang, ctx.redactor
    who = _cap(r.person(p.ref))
    circles = p.consent.circles_for(ctx.avenue.id)
    text = lang._("{person}: {clauses}.").format(person=who, clauses="; ".join(_may(lang, circles, p.gender)))
    if p.ref not in r.named:
        text += " " + _clause(lang, p.gender, "not-named")
    if p.consent.review_on is not None:
        text += " " + lang._("This consent is to be confirmed again by {date}: please check with the "
                             "writer before acting after that date.").format(date=lang.date(p.consent.review_on))
    rec = p.consent_record
    if rec and (rec.method or rec.given_on):
        how = term(lang, CONSENT_METHODS, rec.method) if rec.method else ""
        if rec.given_on:
            text += " " + lang._("Consent given {how} on {date}.").format(
                how=how, date=lang.date(rec.given_on)).replace("  ", " ")
        else:
            text += " " + lang._("Consent given {how}.").format(how=how)
        if rec.method in _INDIRECT:
            text += " " + lang._("It was conveyed through another person and should be "
                                 "confirmed with the person concerned when possible.")
        if rec.note and p.ref in r.named:
            text += " " + r.text(rec.note)
    return text


def consent_statement(ctx: Context) -> Section:
    """What the body may do, person by person: OHCHR asks that consent be "clearly stated"."""
    lang, r = ctx.lang, ctx.redactor
    _ = lang._
    lead = [_("What each person concerned has agreed to. Please act only within it; if a step "
              "you consider goes further, ask the writer first.")]
    if ctx.avenue.family == "sg":
        lead.append(_("OHCHR includes a case in the report only with the informed consent of the "
                      "person or their family: please confirm with the writer before any publication."))
    items = [consent_item(ctx, p) for p in ctx.case.people if p.ref not in r.left_out]
    out = sum(1 for p in ctx.case.people if p.ref in r.left_out)
    if out:
        items.append(lang.ngettext(
            "{n} other person concerned has not agreed to be identified: please do not seek to identify them, "
            "and do not raise their situation with anyone.",
            "{n} other people concerned have not agreed to be identified: please do not seek to identify them, "
            "and do not raise their situation with anyone.", out).format(n=out))
    return Section(_("Consent of the people concerned"), tuple(lead), tuple(items))


def _people_items(ctx: Context) -> list[str]:
    lang, r = ctx.lang, ctx.redactor
    items = []
    out = [p for p in ctx.case.people if p.ref in r.left_out]
    for p in ctx.case.people:
        if p.ref in r.left_out:
            continue
        if p.ref not in r.named:
            items.append(_cap(r.person(p.ref)))
            continue
        line = f"{p.name}, {person_noun(lang, p.role, p.gender)}"
        if p.organisation:
            line += f" ({r.text(p.organisation)})"
        line += ", " + term(lang, LOCATIONS, p.location)
        if p.relation_to and p.relation_to not in r.left_out:
            line += "; " + lang._("relative of {person}").format(person=r.person(p.relation_to))
        items.append(line)
    if out:
        items.append(lang.ngettext(
            "{n} other person concerned has not agreed to be identified: this letter does not describe them.",
            "{n} other people concerned have not agreed to be identified: this letter does not describe them.",
            len(out)).format(n=len(out)))
    return items


def _request(ctx: Context) -> tuple[Section, list[str]]:
    """The request (only actions the gate allows) and the limits the body must respect."""
    lang = ctx.lang
    lead = lang._("We respectfully ask you to consider the following steps, which the "
                  "consent of the people concerned allows:")
    ordered_actions = [ctx.action, *(a for a in ctx.allowed if a.id != ctx.action.id)]
    items = tuple(lang.pgettext("avenue-action", a.name) for a in ordered_actions)
    limits = []
    if len(ctx.allowed) < len(ctx.avenue.actions):
        limits.append(lang._("The people concerned have not agreed to any wider disclosure: "
                             "please consult the writer before taking any step not listed "
                             "here."))
    if ctx.anonymised:
        limits.append(lang._("This text is in anonymised form: please do not identify the "
                             "people it describes."))
    if ctx.avenue.family == "sg":
        limits.append(lang._("We ask that the case be included in the Secretary-General's "
                             "report only in the form and to the extent stated in the "
                             "consent section."))
    return Section(lang._("Our request"), (lead,), items), limits


def compose_sections(ctx: Context) -> Body:
    """The letter's body for ``ctx.avenue``'s family."""
    lang, r, case = ctx.lang, ctx.redactor, ctx.case
    _ = lang._
    family = ctx.avenue.family
    country = lang.country(case.country)
    body = lang.pgettext("avenue", ctx.avenue.name)
    victims = list(dict.fromkeys(ref for rep in case.reprisals for ref in rep.people))
    victims = victims or [p.ref for p in case.people]
    people = _join(lang, r.people(victims))
    sessions = _sessions(ctx)

    title = _("Acts of intimidation and reprisal for cooperation with the United Nations")
    intro = [_("We write to inform you of acts of intimidation and reprisal against {people} "
               "in {country}, which we believe are linked to their cooperation with the "
               "United Nations.").format(people=people, country=country)]
    salutation = _("Dear Sir or Madam,")
    if family == "sg":
        subject = _("Submission for the Secretary-General's report on reprisals: {country}")
        intro.append(_("We submit this case for the Secretary-General's annual report on "
                       "cooperation with the United Nations, its representatives and "
                       "mechanisms in the field of human rights."))
    elif family == "sp":
        subject = _("Request for action on reprisals: {country}")
        intro.append(_("This submission is addressed to: {mandates}.").format(
            mandates=_join(lang, _mandate_names(ctx))))
    elif family == "tb":
        subject = _("Reprisals linked to the review of {country}")
        if sessions:
            intro.append(_("The acts described below followed cooperation with {body} in "
                           "connection with: {sessions}.").format(
                               body=body_name(lang, ctx.avenue.id, {}) if ctx.avenue.id in BODIES
                               else body, sessions="; ".join(sessions)))
    elif family == "hrc":
        subject = _("Reprisals linked to the Human Rights Council: {country}")
        salutation = _("Dear President,")
        if sessions:
            intro.append(_("The acts described below followed participation in: "
                           "{sessions}.").format(sessions="; ".join(sessions)))
    else:
        subject = _("Acts of reprisal for cooperation with the United Nations: {country}")
    subject = subject.format(country=country)
    if ctx.action.urgent:
        subject = _("URGENT") + " – " + subject

    sections: list[Section] = [Section(_("Purpose of this letter"), tuple(intro))]
    writer = case.writer
    if writer and (writer.name or writer.capacity):
        who = r.text(writer.name) or _("The writer")
        text = (_("{name} writes in the capacity of: {capacity}.").format(
            name=who, capacity=r.text(writer.capacity)) if writer.capacity
            else _("{name} writes this letter.").format(name=who))
        sections.append(Section(_("Who is writing"), (text,)))
    sections.append(Section(_("People concerned"), (), tuple(_people_items(ctx))))
    engagements = sorted(case.engagements, key=lambda e: e.date)
    if engagements:
        sections.append(Section(_("Cooperation with the United Nations"), (),
                                tuple(_engagement_line(ctx, e) for e in engagements)))
    reprisals = sorted(case.reprisals, key=lambda x: x.date)
    untold = sum(1 for x in reprisals if not told(ctx, x))
    acts_after = (lang.ngettext(
        "{n} further act concerned a person who has not agreed to be identified; it is not described here.",
        "{n} further acts concerned people who have not agreed to be identified; they are not described here.",
        untold).format(n=untold),) if untold else ()
    sections.append(Section(_("Acts of intimidation and reprisal"), acts_after,
                            tuple(_reprisal_line(ctx, x) for x in reprisals if told(ctx, x)), numbered=True))
    links = _link_items(ctx)
    if links:
        lead = ((_("OHCHR asks that the link with cooperation be spelled out. The acts "
                   "followed the cooperation closely in time, and these facts point to a "
                   "link:"),) if family == "sg" else ())
        sections.append(Section(_("Link with the cooperation"), lead, tuple(links)))
    sections.append(Section(_("Present situation and risks"), (),
                            tuple(_situation_items(ctx))))
    steps = [r.text(s) for s in case.steps_taken]
    refs = [f"{u.symbol}" + (f" ({lang.date(u.date)})" if u.date else "")
            + (f": {r.text(u.note)}" if u.note else "") for u in case.un_references]
    if family == "sg":
        sections.append(Section(_("Steps already taken"), () if steps else (
            _("No other step is known to the writer."),), tuple(steps)))
        sections.append(Section(_("Earlier mention in United Nations documents"), () if refs else (
            _("To the writer's knowledge, this case has not yet been raised in any United "
              "Nations document or communication."),), tuple(refs)))
    else:
        sections.append(Section(_("Steps already taken and bodies notified"),
                                () if steps or refs else (
                                    _("No other step is known to the writer."),),
                                tuple(steps + refs)))
    request, after = _request(ctx)
    sections.append(request)
    if after:
        sections.append(Section(_("Limits of disclosure"), tuple(after)))
    sections.append(consent_statement(ctx))
    contact = (_("Please reach the writer through {contact}.").format(
        contact=r.text(writer.contact)) if writer and writer.contact
        else _("Please reply only through the channel this letter was sent from."))
    sections.append(Section(_("Safe contact"), (contact, _(
        "Please do not contact the people concerned or their families directly, and do not "
        "share their identity with the authorities beyond what their consent allows."))))
    return Body(title, subject, salutation, tuple(sections))
