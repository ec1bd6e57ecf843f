"""The content of a letter, section by section, for each family of avenues.

Every family gets the facts every body needs (who writes, the cooperation, the acts in
date order, the link, the situation, steps taken, the request, consent, safe contact);
each family adds what its body uses: the Secretary-General's report asks for the consent
and the link to be spelled out and for earlier UN documents; a treaty body's letter names
the review session; a Special Procedures submission names the mandates; the Council
President's letter names the session or review. The facts are in ``facts_sections``, the
consent statement in ``consent_statement``; user text passes through the redactor.
"""

from __future__ import annotations

from amparo.drafting.addressee_roles import president_salutation, role_salutation
from amparo.drafting.consent_statement import consent_statement
from amparo.drafting.context import Body, Context, join, told
from amparo.drafting.document import Section
from amparo.drafting.facts_sections import (
    engagement_line,
    link_items,
    mandate_names,
    people_items,
    reprisal_line,
    sessions_of,
    situation_items,
)
from amparo.drafting.history import history_items, references_allowed, your_reference
from amparo.knowledge.addressing import reprisals_role
from amparo.language.grammar import contract, parenthesised, semicolon
from amparo.language.vocabulary import body_name
from amparo.model.consent import Circle

__all__ = ["Body", "Context", "compose_sections", "told"]

_PUBLIC = (Circle.PUBLIC_ANONYMOUS, Circle.PUBLIC_NAMED)


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


def _in_danger(ctx: Context) -> bool:
    """Whether a person the letter describes is in custody or disappeared (the desk reads it first).

    Only people the letter describes: flagging a left-out person's detention would tell
    the reader about them.
    """
    r = ctx.redactor
    return any(p.location in ("in-custody", "disappeared") for p in ctx.case.people
               if p.ref not in r.left_out and (p.consent.circles or p.ref in r.named))


def _who_writes(ctx: Context) -> str | None:
    """The sentence saying who writes: the profile's organisation and contact, else the case's writer."""
    lang, r = ctx.lang, ctx.redactor
    profile = ctx.profile
    if profile is not None and profile.organisation:
        if profile.contact:
            return lang._("This letter is sent by {organisation}; the contact person is {person}.").format(
                organisation=profile.organisation, person=profile.contact)
        return lang._("This letter is sent by {organisation}.").format(organisation=profile.organisation)
    writer = ctx.case.writer
    name = r.text(writer.name) if writer else ""
    capacity = r.text(writer.capacity) if writer else ""
    if name and capacity:
        return lang._("{name} writes in the capacity of: {capacity}.").format(name=name, capacity=capacity)
    if name:
        return lang._("{name} writes this letter.").format(name=name)
    if capacity:
        return lang._("The letter is written in the capacity of: {capacity}.").format(capacity=capacity)
    return None


def compose_sections(ctx: Context) -> Body:
    """The letter's body for ``ctx.avenue``'s family."""
    lang, r, case = ctx.lang, ctx.redactor, ctx.case
    _ = lang._
    family = ctx.avenue.family
    country = lang.country(case.country)
    body = lang.pgettext("avenue", ctx.avenue.name)
    # Only the people the letter describes: "against X and another person" told a reader
    # that someone else was targeted, in a letter that then does not describe them.
    victims = list(dict.fromkeys(ref for rep in case.reprisals if told(ctx, rep)
                                 for ref in rep.people if ref not in r.left_out))
    victims = victims or [p.ref for p in case.people if p.ref not in r.left_out] or [p.ref for p in case.people]
    people = join(lang, r.people(victims))
    sessions = sessions_of(ctx)

    title = _("Acts of intimidation and reprisal for cooperation with the United Nations")
    # One person or several: "sa coopération" / "leur coopération", "его" / "их" (the
    # English "their" serves both; a plural form would follow the number's grammar, not
    # the list's: Russian's "one" form covers 21 people).
    if len(victims) == 1:
        opening = lang.pgettext("one person", "We write to inform you of acts of intimidation and reprisal "
                                "against {people} in {country}, which we believe are linked to their "
                                "cooperation with the United Nations.")
    else:
        opening = lang.pgettext("several people", "We write to inform you of acts of intimidation and reprisal "
                                "against {people} in {country}, which we believe are linked to their "
                                "cooperation with the United Nations.")
    intro = [opening.format(people=people, country=country)]
    salutation = _("Dear Sir or Madam,")
    if ctx.avenue.id == "sg:senior-official":
        # The senior official acts on cases all year: not a submission for the report.
        subject = _("Case of reprisal for the senior official on reprisals: {country}")
        salutation = _("Dear Assistant Secretary-General,")
        intro.append(_("We bring this case to your attention as the senior official the "
                       "Secretary-General designated to lead the efforts of the United Nations "
                       "system against intimidation and reprisals."))
    elif family == "sg" and not any(a.disclosure in _PUBLIC for a in ctx.allowed):
        # The report is public: a case whose consent keeps it from the public is sent for
        # OHCHR's records and follow-up, and the letter must not ask for the report.
        subject = _("Confidential information on reprisals for OHCHR: {country}")
        intro.append(_("We share this case with OHCHR in confidence, for its records and "
                       "follow-up on reprisals: it is not for publication, including in the "
                       "Secretary-General's annual report."))
    elif family == "sg":
        subject = _("Submission for the Secretary-General's report on reprisals: {country}")
        intro.append(_("We submit this case for the Secretary-General's annual report on "
                       "cooperation with the United Nations, its representatives and "
                       "mechanisms in the field of human rights."))
    elif family == "sp":
        subject = _("Request for action on reprisals: {country}")
        intro.append(_("This submission is addressed to: {mandates}.").format(
            mandates=join(lang, mandate_names(ctx))))
    elif family == "tb":
        subject = _("Reprisals linked to the review of {country}")
        salutation = role_salutation(lang, reprisals_role(ctx.avenue)) or salutation
        if sessions:
            intro.append(contract(lang, _("The acts described below followed cooperation with {body} in "
                                          "connection with: {sessions}.").format(
                body=body_name(lang, ctx.avenue.id, {ctx.avenue.id: body}), sessions=semicolon(lang).join(sessions))))
    elif family == "hrc":
        subject = _("Reprisals linked to the Human Rights Council: {country}")
        salutation = president_salutation(lang)
        if sessions:
            intro.append(_("The acts described below followed participation in: "
                           "{sessions}.").format(sessions=semicolon(lang).join(sessions)))
    else:
        subject = _("Acts of reprisal for cooperation with the United Nations: {country}")
    subject = subject.format(country=country)
    if references_allowed(ctx):
        refs = [_("our ref. {reference}").format(reference=case.id)] if case.id else []
        yours = your_reference(ctx, ctx.history)
        if yours:
            refs.append(_("your ref. {reference}").format(reference=yours))
        if refs:
            subject += parenthesised(lang, semicolon(lang).join(refs))
    if ctx.action.urgent or _in_danger(ctx):
        subject = _("URGENT") + " – " + subject

    sections: list[Section] = [Section(_("Purpose of this letter"), tuple(intro))]
    writer = case.writer
    who = _who_writes(ctx)
    if who:
        sections.append(Section(_("Who is writing"), (who,)))
    sections.append(Section(_("People concerned"), (), tuple(people_items(ctx))))
    engagements = sorted(case.engagements, key=lambda e: e.date)
    if engagements:
        sections.append(Section(_("Cooperation with the United Nations"), (),
                                tuple(engagement_line(ctx, e) for e in engagements)))
    reprisals = sorted(case.reprisals, key=lambda x: x.date)
    untold = sum(1 for x in reprisals if not told(ctx, x))
    acts_after = (lang.ngettext(
        "{n} further act concerned a person who has not agreed to be identified; it is not described here.",
        "{n} further acts concerned people who have not agreed to be identified; they are not described here.",
        untold).format(n=untold),) if untold and ctx.tells_of_the_left_out else ()
    sections.append(Section(_("Acts of intimidation and reprisal"), acts_after,
                            tuple(reprisal_line(ctx, x) for x in reprisals if told(ctx, x)), numbered=True))
    links = link_items(ctx)
    if links:
        lead = ((_("OHCHR asks that the link with cooperation be spelled out. The acts "
                   "followed the cooperation closely in time, and these facts point to a "
                   "link:"),) if family == "sg" else ())
        sections.append(Section(_("Link with the cooperation"), lead, tuple(links)))
    sections.append(Section(_("Present situation and risks"), (),
                            tuple(situation_items(ctx))))
    steps = [ctx.users_words(s) for s in case.steps_taken]
    refs = [f"{u.symbol}" + (f" ({lang.date(u.date)})" if u.date else "")
            + (f": {r.text(u.note)}" if u.note else "") for u in case.un_references]
    done = history_items(ctx, ctx.history)
    if done:
        sections.append(Section(_("United Nations action on this case so far"), (), tuple(done)))
    if family == "sg":
        sections.append(Section(_("Steps already taken"), () if steps else (
            _("No other step is known to the writer."),), tuple(steps)))
        if refs or not done:  # the UN history above already says what was raised
            sections.append(Section(_("Earlier mention in United Nations documents"), () if refs else (
                _("To the writer's knowledge, this case has not yet been raised in any United "
                  "Nations document or communication."),), tuple(refs)))
    elif steps or refs or not done:
        # With the UN history above and nothing else, the heading would stand over nothing.
        sections.append(Section(_("Steps already taken and bodies notified"),
                                () if steps or refs else (_("No other step is known to the writer."),),
                                tuple(steps + refs)))
    request, after = _request(ctx)
    sections.append(request)
    if after:
        sections.append(Section(_("Limits of disclosure"), tuple(after)))
    sections.append(consent_statement(ctx))
    profile = ctx.profile
    if profile is not None and profile.contact and profile.email:
        contact = _("Please reach {person} at {email}.").format(person=profile.contact, email=profile.email)
    elif profile is not None and profile.email:
        contact = _("Please reach us at {email}.").format(email=profile.email)
    elif writer and writer.contact:
        contact = _("Please reach the writer through {contact}.").format(contact=r.text(writer.contact))
    else:
        contact = _("Please reply only through the channel this letter was sent from.")
    sections.append(Section(_("Safe contact"), (contact, _(
        "Please do not contact the people concerned or their families directly, and do not "
        "share their identity with the authorities beyond what their consent allows."))))
    return Body(title, subject, salutation, tuple(sections))
