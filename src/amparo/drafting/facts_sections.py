"""The facts of a letter as lines: the people, their cooperation, the acts, the link, the risks.

Every piece of the user's own text passes through the redactor; people the letter leaves
out are not described at all.
"""

from __future__ import annotations

from amparo.drafting.context import Context, body_names, cap, join, told
from amparo.language.i18n import label
from amparo.language.vocabulary import (
    ENGAGEMENT_KINDS,
    LOCATIONS,
    PERPETRATORS,
    REPRISAL_TYPES,
    body_name,
    person_noun,
    term,
)
from amparo.model.case import Case, Engagement, Reprisal

_RISKS = {
    "in-custody": label("risk", "at risk of ill-treatment and of further charges in custody"),
    "disappeared": label("risk", "fate and whereabouts to be established without delay"),
    "in-country": label("risk", "exposed to further reprisals in the country"),
    "in-exile": label("risk", "unable to return to the country safely"),
    "abroad": label("risk", "at risk of reprisals on return to the country"),
}


def sessions_of(ctx: Context) -> list[str]:
    """The sessions or reviews of the engagements this avenue is first to hear about."""
    own = {ctx.avenue.id, *ctx.avenue.first_for}
    engaged = [e for e in ctx.case.engagements if e.body in own] or list(ctx.case.engagements)
    return list(dict.fromkeys(ctx.redactor.text(e.session) for e in engaged if e.session))


def mandate_names(ctx: Context) -> list[str]:
    """The mandates a Special Procedures submission is addressed to, by name."""
    names = body_names(ctx)
    slugs = [ctx.avenue.id, *(m.id for m in ctx.mandates)]
    slugs += [b for b in ctx.case.bodies if b.startswith("sp:")]
    return [body_name(ctx.lang, s, names) for s in dict.fromkeys(slugs)]


def engagement_line(ctx: Context, e: Engagement) -> str:
    """One engagement: when, what, with which body, who took part."""
    lang, r = ctx.lang, ctx.redactor
    line = lang._("{date}: {kind} with {body}").format(
        date=lang.date(e.date), kind=term(lang, ENGAGEMENT_KINDS, e.kind),
        body=body_name(lang, e.body, body_names(ctx)))
    if e.session:
        line += f" ({r.text(e.session)})"
    line += ". " + lang._("Taking part: {people}.").format(people=join(lang, r.people(e.people)))
    if e.description:
        line += " " + r.text(e.description)
    return line


def reprisal_line(ctx: Context, rep: Reprisal) -> str:
    """One act: when, where, what, against whom, by whom."""
    lang, r = ctx.lang, ctx.redactor
    fields = dict(date=lang.date(rep.date), type=term(lang, REPRISAL_TYPES, rep.type),
                  perpetrator=term(lang, PERPETRATORS, rep.perpetrator),
                  people=join(lang, r.people(rep.people)), place=r.text(rep.place))
    if rep.place:
        line = lang._("{date}, {place}: {type}. Targeted: {people}. Alleged perpetrator: "
                      "{perpetrator}.")
    else:
        line = lang._("{date}: {type}. Targeted: {people}. Alleged perpetrator: {perpetrator}.")
    line = cap(line.format(**fields))
    if rep.description:
        line += " " + r.text(rep.description)
    return line


def _preceding(case: Case, rep: Reprisal) -> Engagement | None:
    """The latest engagement on or before the reprisal, preferring one by the same people."""
    before = [e for e in case.engagements if e.date <= rep.date]
    same = [e for e in before if set(e.people) & set(rep.people)]
    pool = same or before
    return max(pool, key=lambda e: e.date) if pool else None


def link_items(ctx: Context) -> list[str]:
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
                    type=cap(term(lang, REPRISAL_TYPES, rep.type)), date=lang.date(rep.date),
                    kind=term(lang, ENGAGEMENT_KINDS, eng.kind)))
            else:
                parts.append(lang.ngettext(
                    "{type} on {date}: {days} day after {kind} on {edate}.",
                    "{type} on {date}: {days} days after {kind} on {edate}.", days,
                ).format(type=cap(term(lang, REPRISAL_TYPES, rep.type)),
                         date=lang.date(rep.date), days=days,
                         kind=term(lang, ENGAGEMENT_KINDS, eng.kind), edate=lang.date(eng.date)))
        if rep.link:
            if not parts:
                parts.append(cap(term(lang, REPRISAL_TYPES, rep.type)) + ", "
                             + lang.date(rep.date) + ".")
            parts.append(lang._("Why it is linked: {link}").format(link=r.text(rep.link)))
        if parts:
            items.append(" ".join(parts))
    return items


def situation_items(ctx: Context) -> list[str]:
    lang, r = ctx.lang, ctx.redactor
    items = []
    for p in ctx.case.people:
        if p.ref in r.left_out or (not p.consent.circles and p.ref not in r.named):
            continue  # nothing about a person the letter leaves out
        where = term(lang, LOCATIONS, p.location)
        line = f"{cap(r.person(p.ref))}: {where}"
        risk = _RISKS.get(p.location)
        if risk:
            line += "; " + lang.label(risk)
        items.append(line + ".")
    return items


def people_items(ctx: Context) -> list[str]:
    lang, r = ctx.lang, ctx.redactor
    items = []
    out = [p for p in ctx.case.people if p.ref in r.left_out]
    for p in ctx.case.people:
        if p.ref in r.left_out:
            continue
        if p.ref not in r.named:
            items.append(cap(r.person(p.ref)))
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


