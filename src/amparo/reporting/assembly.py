"""Assembling the contribution to the Secretary-General's call from a period's records.

The service reads the vault and hands over plain records (``public.CaseRecord``);
``public.select`` decides which cases may be described, followed up or only counted as
withheld, and the figures are the public compilation's (``public.compile_public``), so
that nothing of a withheld case reaches the text, the figures or the charts: only their
number, said once. Redaction is planned on the whole case, with the same redactor drafts
use, so that a left-out person's name is replaced wherever the kept text mentions it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from amparo.disclosure import plan_redaction
from amparo.language import Language
from amparo.model.case import Case
from amparo.model.consent import Circle
from amparo.reporting import contribution as c
from amparo.reporting import wording as w
from amparo.reporting.compilation import SUPPRESSED, Compilation
from amparo.reporting.public import CaseRecord, Selection

#: Every circle a described case reaches: the document is public, some people named.
PUBLIC = (Circle.PUBLIC_ANONYMOUS, Circle.PUBLIC_NAMED)

#: Engagement bodies that are not avenues of the knowledge base.
PLAIN_BODY_NAMES = {
    "hrc": "the Human Rights Council", "upr": "the Universal Periodic Review",
    "ohchr": "OHCHR", "un-country-team": "the UN country team", "un-peace-mission": "a UN peace mission",
}

__all__ = ["CaseRecord", "assemble", "figures"]


def _namer(case: Case, lang: Language, today: date) -> c.Namer:
    return plan_redaction(case, PUBLIC, lang, avenue=c.REPORT_AVENUE, today=today)


def figures(compilation: Compilation, *, described: int, follow_ups: int,
            lang: Language = c.ENGLISH) -> tuple[str, ...]:
    """The figures paragraph: the public compilation's totals, the counts of what is described."""
    t = compilation.totals
    _ = lang._

    def n(value: object) -> str:
        # Numbers with the language's digits and separators (CLDR); English keeps plain digits.
        if value is SUPPRESSED:
            return _(w.NOT_SHOWN)
        return str(value) if lang.code == "en" else lang.number(value)  # type: ignore[arg-type]

    return (
        _(w.FIGURE_CASES).format(cases=n(t["cases"]), new=n(t["new_cases"]), follow_up=n(t["follow_up_cases"])),
        _(w.FIGURE_ACTS).format(acts=n(t["reprisal_acts"]), people=n(t["people"]), countries=n(t["countries"])),
        _(w.FIGURE_ACTIONS).format(sent=n(t["actions_sent"]), answered=n(t["actions_answered"])),
        _(w.FIGURE_DESCRIBED).format(described=n(described), follow_ups=n(follow_ups)),
        _(w.FIGURE_WITHHELD).format(withheld=n(compilation.withheld)),
        _(w.FIGURE_RULE).format(min_cell=n(compilation.min_cell)),
    )


def assemble(selection: Selection, compilation: Compilation, *, body_names: Mapping[str, str],
             prepared_on: date, charts: Sequence[c.ChartFigure] = (), language: str = "en") -> c.Contribution:
    """The contribution for the selection's period.

    ``compilation`` must be the public compilation of ``selection``
    (``public.compile_public``); ``body_names`` maps avenue ids to their names; ``charts``
    are the public compilation's. ``language`` is the document's (one of the six UN
    languages): its words, dates, numbers and lists, and how people are described.
    """
    if not compilation.public:
        raise ValueError("the contribution is made from a public compilation only")
    first, last = selection.start, selection.end
    lang = Language(language)
    _ = lang._
    bodies = {**PLAIN_BODY_NAMES, **body_names} if lang.code == "en" else dict(body_names)
    described = [
        c.summarise(p.view, _namer(p.record.case, lang, prepared_on), bodies=bodies, left_out=p.left_out,
                    actions=p.record.actions, responses=p.record.responses, number=k, lang=lang)
        for k, p in enumerate(selection.described, 1)]
    follow_ups = [
        c.follow_up(p.view, _namer(p.record.case, lang, prepared_on), today=prepared_on, start=first, end=last,
                    responses=p.record.responses, events=p.record.events, closure=p.record.closure,
                    bodies=bodies, number=k, lang=lang)
        for k, p in enumerate(selection.followed, 1)]
    # A withheld demo case still marks the document (as before): a demo is never submitted.
    fictional = selection.fictional
    words = c.Words(**{k: _(v) for k, v in c.Words.english().items()})
    described = [replace(d, words=words) for d in described]
    day = (lambda d: f"{d:%d %B %Y}") if lang.code == "en" else lang.date
    return c.Contribution(
        title=_(w.TITLE).format(start=day(first), end=day(last)),
        start=first, end=last, prepared_on=prepared_on, intro=(_(w.INTRO),),
        countries=c.country_sections(described, lang), follow_ups=tuple(follow_ups),
        figures=figures(compilation, described=len(described), follow_ups=len(follow_ups), lang=lang),
        notices=(_(w.FICTIONAL_NOTICE),) if fictional else (), withheld=selection.withheld, charts=tuple(charts),
        language=lang.code, direction=lang.direction,
        words=words)
