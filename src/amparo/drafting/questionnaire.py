"""The answers to OHCHR's online questionnaire for Special Procedures, field by field.

OHCHR's online form (https://spsubmission.ohchr.org/) serves every mandate. What it asks
follows what OHCHR and its partners list as the minimum of a communication: who the
alleged victims are, who the alleged perpetrators are, who submits (kept confidential)
and which parts must stay confidential, the date, place and a detailed description,
steps taken at home, and the consent of the people concerned (idsn.org's summary of
OHCHR's criteria; the Special Rapporteur on defenders' submission guidance at
srdefenders.org, which asks two yes/no consent questions). Anonymous communications are
not considered, so the source is always given, in confidence.

The answers are built from the same Context as the letter: the same redactor, so the
same people are named, described or left out, and the same passages review applies.
"""

from __future__ import annotations

from amparo.drafting.consent_statement import consent_item
from amparo.drafting.context import Context, cap, join, told
from amparo.drafting.document import Section
from amparo.drafting.facts_sections import engagement_line, link_items, mandate_names, people_items, reprisal_line
from amparo.drafting.history import history_items
from amparo.language.vocabulary import PERPETRATORS, REPRISAL_TYPES, term
from amparo.model.consent import Circle


def questionnaire_sections(ctx: Context) -> tuple[Section, ...]:
    """One Section per field of the form, in the form's order, each ready to paste."""
    lang, r, case = ctx.lang, ctx.redactor, ctx.case
    _ = lang._
    acts = [x for x in sorted(case.reprisals, key=lambda x: x.date) if told(ctx, x)]
    out = [Section(_("Mandates addressed"), (join(lang, mandate_names(ctx)),))]
    out.append(Section(_("Alleged victims"), (), tuple(people_items(ctx))))
    perpetrators = list(dict.fromkeys(term(lang, PERPETRATORS, x.perpetrator) for x in acts))
    by_whom = [cap(lang._("{perpetrator}: {acts}.").format(
        perpetrator=p, acts=", ".join(dict.fromkeys(term(lang, REPRISAL_TYPES, x.type) for x in acts
                                                     if term(lang, PERPETRATORS, x.perpetrator) == p))))
        for p in perpetrators]
    out.append(Section(_("Alleged perpetrators"), (), tuple(by_whom)))
    out.append(Section(_("Source of the information (confidential)"), _source(ctx)))
    confidential = [_("The identity of the source must remain confidential.")]
    hidden = [cap(r.person(p.ref)) for p in case.people
              if p.ref not in r.left_out and Circle.STATE not in p.consent.circles_for(ctx.avenue.id)]
    if hidden:
        confidential.append(_("Do not disclose to the State the identity of: {people}.").format(
            people=join(lang, hidden)))
    out.append(Section(_("Information that must remain confidential"), tuple(confidential)))
    out.append(Section(_("Date of the incidents"), (), tuple(lang.date(x.date) for x in acts)))
    places = list(dict.fromkeys([*(r.text(x.place) for x in acts if x.place), lang.country(case.country)]))
    out.append(Section(_("Place of the incidents"), (), tuple(places)))
    description = [reprisal_line(ctx, x) for x in acts]
    description += [engagement_line(ctx, e) for e in sorted(case.engagements, key=lambda e: e.date)]
    description += link_items(ctx)
    out.append(Section(_("Description of the incidents"), (), tuple(description)))
    steps = [ctx.users_words(s) for s in case.steps_taken]
    steps += history_items(ctx, ctx.history)
    out.append(Section(_("Steps taken at the national level and with the United Nations"),
                       () if steps else (_("No other step is known to the writer."),), tuple(steps)))
    out.append(Section(_("Consent of the alleged victims"), (), tuple(_consent(ctx))))
    return tuple(out)


def _source(ctx: Context) -> tuple[str, ...]:
    profile = ctx.profile
    if profile is not None and not profile.empty:
        return tuple(x for x in (profile.organisation, profile.contact, profile.email) if x)
    writer = ctx.case.writer
    lines = tuple(x for x in (ctx.redactor.text(writer.name) if writer else "",
                              ctx.redactor.text(writer.capacity) if writer else "",
                              ctx.redactor.text(writer.contact) if writer else "") if x)
    return lines


def _consent(ctx: Context) -> list[str]:
    """Per person: the two questions the form asks (named to the State; named in public reports)."""
    lang, r = ctx.lang, ctx.redactor
    yes, no = lang._("Yes"), lang._("No")
    items = []
    for p in ctx.case.people:
        if p.ref in r.left_out:
            continue
        circles = p.consent.circles_for(ctx.avenue.id)
        state = yes if Circle.STATE in circles and p.ref in r.named else no
        public = yes if Circle.PUBLIC_NAMED in circles and p.ref in r.named else no
        items.append(lang._("{person}: agrees that a letter naming them be sent to the Government: {state}; "
                            "agrees to be named in the public reports and database: {public}.").format(
                                person=cap(r.person(p.ref)), state=state, public=public))
        items.append(consent_item(ctx, p))
    out = sum(1 for p in ctx.case.people if p.ref in r.left_out)
    if out and ctx.tells_of_the_left_out:
        items.append(lang.ngettext(
            "{n} other person concerned has not agreed to be identified: please do not seek to identify them, "
            "and do not raise their situation with anyone.",
            "{n} other people concerned have not agreed to be identified: please do not seek to identify them, "
            "and do not raise their situation with anyone.", out).format(n=out))
    return items
