"""The consent statement: what the body may do with each person's identity.

OHCHR asks that consent be clearly stated in every submission; the clauses are written
out per gender so that French and Spanish pronouns agree with the person.
"""

from __future__ import annotations

from amparo.drafting.context import Context, cap
from amparo.drafting.document import Section
from amparo.language.grammar import semicolon
from amparo.language.i18n import Language, label
from amparo.language.vocabulary import CONSENT_METHODS, term
from amparo.model.case import Person
from amparo.model.consent import Circle

_INDIRECT = {"by-relative", "through-intermediary"}


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
    who = cap(r.person(p.ref))
    circles = p.consent.circles_for(ctx.avenue.id)
    clauses = semicolon(lang).join(_may(lang, circles, p.gender))
    text = lang._("{person}: {clauses}.").format(person=who, clauses=clauses)
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
            text += " " + ctx.users_words(rec.note)
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
    if out and ctx.tells_of_the_left_out:
        items.append(lang.ngettext(
            "{n} other person concerned has not agreed to be identified: please do not seek to identify them, "
            "and do not raise their situation with anyone.",
            "{n} other people concerned have not agreed to be identified: please do not seek to identify them, "
            "and do not raise their situation with anyone.", out).format(n=out))
    return Section(_("Consent of the people concerned"), tuple(lead), tuple(items))


