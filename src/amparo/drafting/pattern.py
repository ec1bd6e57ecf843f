"""The letter for a step that identifies nobody: general information on a pattern.

A case whose people consent to nothing can still tell a mandate what is happening in a
country: OHCHR welcomes information on trends and patterns all year, and the Special
Rapporteur on human rights defenders uses it in analysis and reports. Such a letter must
not let anyone pick the case out of it, the State included if the mandate raises the
pattern with it. So it carries no date finer than the year, no place beyond the country,
no role, no number of people, no session, no mandate engaged, no case reference, nothing
of the user's own account and no evidence. What it keeps is what a pattern is made of:
the forms of reprisal, who carried them out, the kinds of law invoked, and the kinds of
cooperation with the UN they followed.
"""

from __future__ import annotations

from amparo.drafting.context import Body
from amparo.drafting.document import Section
from amparo.language.i18n import Language
from amparo.language.vocabulary import ENGAGEMENT_KINDS, LAWS, PERPETRATORS, REPRISAL_TYPES, term
from amparo.model.case import Case


def _listed(lang: Language, table: dict[str, tuple[str, str]], keys: list[str]) -> str:
    return lang.join([term(lang, table, k) for k in dict.fromkeys(keys)])


def _observed(lang: Language, case: Case) -> list[str]:
    _ = lang._
    seen = []
    types = [r.type for r in case.reprisals if r.type != "other"]
    if types:
        seen.append(_("Forms of reprisal: {what}.").format(what=_listed(lang, REPRISAL_TYPES, types)))
    who = [r.perpetrator for r in case.reprisals if r.perpetrator != "unknown"]
    if who:
        seen.append(_("Carried out by: {who}.").format(who=_listed(lang, PERPETRATORS, who)))
    laws = [r.law for r in case.reprisals if r.law and r.law != "other"]
    if laws:
        seen.append(_("Laws invoked: {laws}.").format(laws=_listed(lang, LAWS, laws)))
    kinds = [e.kind for e in case.engagements if e.kind != "other"]
    if kinds:
        seen.append(_("After cooperation with the United Nations through: {kinds}.").format(
            kinds=_listed(lang, ENGAGEMENT_KINDS, kinds)))
    years = sorted({r.date.year for r in case.reprisals})
    if years:
        seen.append(_("Period: {years}.").format(years=lang.join([str(y) for y in years])))
    return seen


def pattern_body(lang: Language, case: Case, salutation: str | None = None) -> Body:
    """The title, subject, salutation and sections of a letter that describes a pattern and no person.

    ``salutation`` greets the body's role on reprisals when it has one; else the body as a whole.
    """
    _ = lang._
    country = lang.country(case.country)
    subject = _("General information on reprisals in {country}").format(country=country)
    sections = (
        Section(_("Purpose of this letter"), (
            _("We share general information on reprisals against people who cooperate with the United "
              "Nations in {country}, for your analysis and your reports.").format(country=country),
            _("This is not a request for action on a case: the people concerned have not agreed to be "
              "identified, and this letter describes none of them."),
        )),
        Section(_("What we see"), (), tuple(_observed(lang, case))),
        Section(_("What this letter leaves out"), (
            _("No names, dates, places, roles or descriptions of the people concerned, and nothing of "
              "their own account. Please do not try to identify them, and do not present this "
              "information to the authorities as a particular case."),
        )),
        Section(_("Safe contact"), (
            _("Please reply only through the channel this letter was sent from. If the people concerned "
              "later agree, we may write to you about their case."),
        )),
    )
    return Body(title=subject, subject=subject, salutation=salutation or _("Dear Sir or Madam,"),
                sections=sections)
