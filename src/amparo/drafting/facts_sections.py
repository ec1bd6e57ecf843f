"""The facts of a letter as lines: the people, their cooperation, the acts, the link, the risks.

Every piece of the user's own text passes through the redactor; people the letter leaves
out are not described at all.
"""

from __future__ import annotations

from amparo.drafting.context import Context, body_names, cap, join, told
from amparo.language.grammar import (
    colon,
    comma,
    contract,
    ended,
    parenthesised,
    semicolon,
    sentences,
    tidy,
)
from amparo.language.i18n import label
from amparo.language.vocabulary import (
    ENGAGEMENT_KINDS,
    LAWS,
    PERPETRATORS,
    REPRISAL_TYPES,
    body_name,
    location,
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
    """The sessions or reviews of the engagements this avenue is first to hear about.

    Only those: the Council President's letter said the acts "followed participation in"
    a Special Rapporteur's country visit, which is not the Council's; the cooperation
    section lists every engagement anyway.
    """
    own = {ctx.avenue.id, *ctx.avenue.first_for}
    engaged = [e for e in ctx.case.engagements if e.body in own]
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
    line = contract(lang, lang._("{date}: {kind} with {body}").format(
        date=lang.date(e.date), kind=term(lang, ENGAGEMENT_KINDS, e.kind),
        body=body_name(lang, e.body, body_names(ctx))))
    if e.session:
        line += parenthesised(lang, r.text(e.session))
    line = sentences(lang, [tidy(lang, ended(lang, line)), lang.ngettext(
        "Taking part: {people}.", "Taking part: {people}.", len(e.people)).format(
        people=join(lang, r.people(e.people)))])
    if e.description:
        line = sentences(lang, [line, ctx.users_words(e.description)])
    return line


def reprisal_line(ctx: Context, rep: Reprisal) -> str:
    """One act: when, where, what, against whom, by whom."""
    lang, r = ctx.lang, ctx.redactor
    # Three short sentences, so that nothing in one must agree with a word of another
    # ("Auteur présumé : auteurs non identifiés" was the pasted form).
    if rep.place:
        what = lang._("{date}, {place}: {type}.").format(date=lang.date(rep.date), place=r.text(rep.place),
                                                          type=term(lang, REPRISAL_TYPES, rep.type))
    else:
        what = lang._("{date}: {type}.").format(date=lang.date(rep.date), type=term(lang, REPRISAL_TYPES, rep.type))
    whom = lang.ngettext("Targeted: {people}.", "Targeted: {people}.", len(rep.people)).format(
        people=join(lang, r.people(rep.people)))
    by = lang._("Attributed to: {perpetrator}.").format(perpetrator=term(lang, PERPETRATORS, rep.perpetrator))
    parts = [cap(what), whom, by]
    if rep.law:
        # A communication to the State cites the law the detention or charges rely on.
        parts.append(lang._("Legal basis invoked: {law}.").format(law=term(lang, LAWS, rep.law)))
    line = sentences(lang, parts)
    if rep.description:
        line = sentences(lang, [line, ctx.users_words(rep.description)])
    return line


def _preceding(case: Case, rep: Reprisal) -> Engagement | None:
    """The latest engagement on or before the reprisal, preferring one by the same people."""
    before = [e for e in case.engagements if e.date <= rep.date]
    same = [e for e in before if set(e.people) & set(rep.people)]
    pool = same or before
    return max(pool, key=lambda e: e.date) if pool else None


def link_items(ctx: Context) -> list[str]:
    lang = ctx.lang
    items = []
    for rep in sorted(ctx.case.reprisals, key=lambda x: x.date):
        if not told(ctx, rep):
            continue
        eng = _preceding(ctx.case, rep)
        parts = []
        if eng is not None:
            days = (rep.date - eng.date).days
            if days == 0:
                parts.append(tidy(lang, contract(lang, lang._("{type} on {date}: the same day as {kind}.").format(
                    type=cap(term(lang, REPRISAL_TYPES, rep.type)), date=lang.date(rep.date),
                    kind=term(lang, ENGAGEMENT_KINDS, eng.kind)))))
            else:
                parts.append(tidy(lang, contract(lang, lang.ngettext(
                    "{type} on {date}: {days} day after {kind} on {edate}.",
                    "{type} on {date}: {days} days after {kind} on {edate}.", days,
                ).format(type=cap(term(lang, REPRISAL_TYPES, rep.type)),
                         date=lang.date(rep.date), days=days,
                         kind=term(lang, ENGAGEMENT_KINDS, eng.kind), edate=lang.date(eng.date)))))
        if rep.link:
            if not parts:
                parts.append(ended(lang, cap(term(lang, REPRISAL_TYPES, rep.type)) + comma(lang)
                                   + lang.date(rep.date)))
            parts.append(lang._("Why it is linked: {link}").format(link=ctx.users_words(rep.link)))
        if parts:
            items.append(sentences(lang, parts))
    return items


def situation_items(ctx: Context) -> list[str]:
    lang, r = ctx.lang, ctx.redactor
    items = []
    for p in ctx.case.people:
        if p.ref in r.left_out or (not p.consent.circles and p.ref not in r.named):
            continue  # nothing about a person the letter leaves out
        # Agreement only with a gender the letter may show: a person it describes without
        # a name is written of in words that do not agree.
        where = location(lang, p.location, p.gender if p.ref in r.named else "undisclosed")
        line = cap(r.person(p.ref)) + colon(lang) + where
        risk = _RISKS.get(p.location)
        if risk:
            line += semicolon(lang) + lang.label(risk)
        items.append(ended(lang, line))
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
        line = p.name + comma(lang) + person_noun(lang, p.role, p.gender)
        if p.organisation:
            line += parenthesised(lang, r.text(p.organisation))
        line += comma(lang) + location(lang, p.location, p.gender)
        if p.relation_to and p.relation_to not in r.left_out:
            line += semicolon(lang) + lang._("relative of {person}").format(person=r.person(p.relation_to))
        items.append(line)
    if out and ctx.tells_of_the_left_out:
        items.append(lang.ngettext(
            "{n} other person concerned has not agreed to be identified: this letter does not describe them.",
            "{n} other people concerned have not agreed to be identified: this letter does not describe them.",
            len(out)).format(n=len(out)))
    return items


