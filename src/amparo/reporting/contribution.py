"""The contribution to the Secretary-General's call: who may be described, and how.

A contribution is public in the end: the annual report is published and cases in it are
quoted. The rule, applied through ``amparo.model.consent.gate`` (docs/reporting.md):

- The people a case summary would identify are those its engagements and reprisals
  concern. Everyone else in the case is left out of it (never listed), and their name
  is still replaced wherever the user's own text mentions it.
- A person whose consent does not reach ``public-anonymous`` can be left out only with
  every record (engagement, reprisal, situation event) that concerns them, and only if
  that record concerns no one who consents: a record about both cannot be split. The
  summary then says how many acts were left out, never what they were.
- A case is described only if, after that, at least one reprisal remains and every
  person the summary would identify consents at least to ``public-anonymous``.
  It must also keep a reprisal dated in the period. Otherwise it is withheld: the
  document gives the number of withheld cases, once, and nothing else of them: not in
  a country section, not in the follow-up section, not in a figure or chart (the
  figures are the public compilation's, ``reporting.public``, which does not count them).
- In a described case, a person is named only if their consent also reaches
  ``public-named``; everyone else is described, not named, with the same description
  drafts use (the ``Namer`` is ``amparo.disclosure``'s ``Redactor``).

Every string of a ``Contribution`` is final and safe to publish: renderers only lay out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from amparo.language import Language
from amparo.language.grammar import contract
from amparo.language.vocabulary import PERPETRATORS, REPRISAL_TYPES, RESPONSE_KINDS, body_name, term
from amparo.model.case import Case, Engagement, Reprisal
from amparo.model.consent import Circle, gate
from amparo.model.followup import Action, Response, SituationEvent
from amparo.reporting import wording as w
from amparo.reporting.labels import country_name, label

#: Every circle a described case reaches: the text is public, some people in it named.
DESCRIBED = Circle.PUBLIC_ANONYMOUS
NAMED = Circle.PUBLIC_NAMED
#: The avenue a contribution goes to: a consent scoped per avenue is read for this one.
REPORT_AVENUE = "sg:report"


class Namer(Protocol):
    """How the contribution refers to people and scrubs user text (drafting's Redactor)."""

    def person(self, ref: str) -> str: ...
    def people(self, refs: Iterable[str]) -> list[str]: ...
    def text(self, value: str | None) -> str: ...


@dataclass(frozen=True, slots=True)
class DescribedCase:
    """One described case: a heading and the five things the call asks for."""

    heading: str
    country: str
    cooperation: tuple[str, ...]
    acts: tuple[str, ...]
    link: tuple[str, ...]
    steps: tuple[str, ...]
    un_documents: str
    fictional: bool = False

    words: Words | None = None

    def parts(self) -> list[tuple[str, tuple[str, ...]]]:
        """(label, paragraphs) in the order the document prints them."""
        k = self.words or Words()
        return [(k.cooperation, self.cooperation), (k.acts, self.acts),
                (k.link, self.link), (k.steps, self.steps),
                (k.un_documents, (self.un_documents,))]


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A case reported before the period, and what changed in it during the period."""

    heading: str
    country: str
    earlier: str
    changes: tuple[str, ...]
    fictional: bool = False


@dataclass(frozen=True, slots=True)
class CountrySection:
    """The described cases of one country (withheld cases are never placed in a country)."""

    country: str
    name: str
    cases: tuple[DescribedCase, ...]


@dataclass(frozen=True, slots=True)
class ChartFigure:
    """One chart of the public figures: its title, its figures as text, and the picture.

    ``description`` is the chart's alternative text (PDF /Alt, DOCX descr, SVG desc) and
    the caption printed beside it; ``png`` is None where the format draws no picture (md).
    """

    name: str
    title: str
    description: str
    png: bytes | None = None


@dataclass(frozen=True, slots=True)
class Words:
    """The document's own headings and labels, in its language (renderers only lay out)."""

    subject: str = w.SUBJECT
    figures: str = w.HEAD_FIGURES
    charts: str = w.HEAD_CHARTS
    countries: str = w.HEAD_COUNTRIES
    follow_ups: str = w.HEAD_FOLLOW_UPS
    no_case: str = w.NO_CASE
    no_follow_up: str = w.NO_FOLLOW_UP
    earlier: str = w.EARLIER
    md_charts: str = w.MD_CHARTS
    figure_caption: str = w.FIGURE_CAPTION
    cooperation: str = w.PART_COOPERATION
    acts: str = w.PART_ACTS
    link: str = w.PART_LINK
    steps: str = w.PART_STEPS
    un_documents: str = w.PART_UN_DOCUMENTS

    @classmethod
    def english(cls) -> dict[str, str]:
        """Field name -> English message id."""
        return {name: getattr(cls(), name) for name in cls.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class Contribution:
    """The contribution document, ready to render (every string is safe to publish)."""

    title: str
    start: date
    end: date
    prepared_on: date
    intro: tuple[str, ...]
    countries: tuple[CountrySection, ...]
    follow_ups: tuple[FollowUp, ...]
    figures: tuple[str, ...]
    notices: tuple[str, ...] = ()
    #: Cases neither described nor counted, for lack of consent: said once, in ``figures``.
    withheld: int = 0
    charts: tuple[ChartFigure, ...] = ()
    #: The document's language (a UN language code) and its direction ("rtl" for Arabic).
    language: str = "en"
    direction: str = "ltr"
    words: Words = Words()

    def text_parts(self) -> list[str]:
        """Every string of the document in reading order (tests scan these)."""
        out = [self.title, *self.notices, *self.intro, *self.figures]
        out += [t for ch in self.charts for t in (ch.title, ch.description)]
        for s in self.countries:
            out.append(s.name)
            for c in s.cases:
                out.append(c.heading)
                for head, paras in c.parts():
                    out += [head, *paras]
        for f in self.follow_ups:
            out += [f.heading, f.earlier, *f.changes]
        return out


def identified(case: Case) -> list[str]:
    """The refs a summary would identify: the people its engagements and reprisals concern."""
    refs = [r for e in case.engagements for r in e.people] + [r for x in case.reprisals for r in x.people]
    known = {p.ref for p in case.people}
    found = [r for r in dict.fromkeys(refs) if r in known]
    # A case whose records name nobody is about all its people.
    return found or [p.ref for p in case.people]


def public_view(case: Case, *, today: date | None = None) -> tuple[Case, int] | None:
    """The case as a public summary may show it, and how many reprisals were left out.

    None when the case cannot be described at all (see the module docstring).
    """
    public = _public(case, today)

    def split(records: Sequence[Engagement | Reprisal]) -> tuple[list, int] | None:
        kept, dropped = [], 0
        for r in records:
            if set(r.people) <= public:
                kept.append(r)
            elif not set(r.people) & public:
                dropped += 1
            else:
                return None  # a record about people who consent and people who do not
        return kept, dropped

    engagements, reprisals = split(case.engagements), split(case.reprisals)
    if engagements is None or reprisals is None or not reprisals[0]:
        return None
    view = replace(case, engagements=tuple(engagements[0]), reprisals=tuple(reprisals[0]))
    consents = view.consents
    if not gate(DESCRIBED, {ref: consents[ref] for ref in identified(view)}, avenue=REPORT_AVENUE,
                today=today).allowed:
        return None
    return view, reprisals[1]


def _public(case: Case, today: date | None) -> set[str]:
    """The people who consent at least to being described in public (the gate decides)."""
    return set(gate(DESCRIBED, case.consents, avenue=REPORT_AVENUE, today=today).cleared)


def public_events(case: Case, events: Sequence[SituationEvent], *, today: date | None = None) -> list[SituationEvent]:
    """The situation events a public text may mention: those about people who consent."""
    public = _public(case, today)
    return [e for e in events if set(e.people) <= public]


#: The language a function uses when none is given: the English the document had first.
ENGLISH = Language("en")


def _join(names: Sequence[str], lang: Language = ENGLISH) -> str:
    if len(names) <= 1:
        return "".join(names)
    if lang.code != "en":
        return lang.join(list(names))  # CLDR: "A, B et C", "A、B和C", "A وB وC"
    return ", ".join(names[:-1]) + w.AND + names[-1]


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    return text[0].upper() + text[1:] + ("" if text[-1] in ".!?" else ".")


def _day(d: date | None, lang: Language = ENGLISH) -> str:
    if lang.code != "en":
        return lang.date(d) if d else lang._(w.DATE_UNKNOWN)
    return f"{d.day} {d:%B %Y}" if d else w.DATE_UNKNOWN


def _vocab(lang: Language, table: Mapping[str, tuple[str, str]], code: str) -> str:
    """A vocabulary value in the document's language (English: the code's plain label)."""
    if lang.code == "en" or code not in table:
        return label(code).lower() if lang.code == "en" or code not in table else code
    return term(lang, table, code)


def _body(slug: str, bodies: Mapping[str, str], lang: Language = ENGLISH) -> str:
    if lang.code != "en":
        # The letters' names of the body, with the article the sentence needs.
        return body_name(lang, slug, {k: lang.pgettext("avenue", v) for k, v in bodies.items()})
    name = bodies.get(slug, slug)
    if name.startswith("The "):
        return "the " + name[4:]
    if " " in name and name[:1].isupper() and not name.startswith("the "):
        return "the " + name
    return name


def _opt(template: str, value: str | bool | None, key: str) -> str:
    """``template`` filled with ``value``, or nothing when there is no value."""
    return template.format(**{key: value}) if value else ""


def summarise(case: Case, namer: Namer, *, actions: Sequence[Action] = (),
              responses: Sequence[Response] = (), bodies: Mapping[str, str] = {},
              number: int = 1, left_out: int = 0, lang: Language = ENGLISH) -> DescribedCase:
    """The summary of a described case: give it ``public_view(case)``'s case and count.

    ``lang`` is the document's language (the namer describes people in the same one).
    """
    _ = lang._
    main = namer.people(identified(case))
    heading = (_(w.CASE_HEADING).format(number=number, people=_join(main, lang)) if main
               else _(w.CASE_HEADING_BARE).format(number=number))
    cooperation = []
    for e in sorted(case.engagements, key=lambda e: e.date):
        template = w.COOPERATION_SENTENCES.get(e.kind) or w.COOPERATION_OTHER
        text = _(template).format(day=_day(e.date, lang),
                                  who=_join(namer.people(e.people), lang) or _(w.PEOPLE_CONCERNED),
                                  kind=label(e.kind).lower(), body=_body(e.body, bodies, lang),
                                  session=f" ({namer.text(e.session)})" if e.session else "")
        text = contract(lang, text)  # « à le Comité » → « au Comité », « a el » → « al »
        if e.description:
            text += " " + _sentence(namer.text(e.description))
        cooperation.append(_sentence(text))
    acts = []
    for r in sorted(case.reprisals, key=lambda r: r.date):
        text = _(w.ACT).format(
            day=_day(r.date, lang), type=_vocab(lang, REPRISAL_TYPES, r.type),
            against=_opt(_(w.AGAINST), _join(namer.people(r.people), lang), "who"),
            by=_opt(_(w.BY), r.perpetrator != "unknown" and _vocab(lang, PERPETRATORS, r.perpetrator), "perpetrator"),
            where=_opt(_(w.IN_PLACE), r.place and namer.text(r.place), "place"))
        if r.description:
            text += " " + _sentence(namer.text(r.description))
        acts.append(_sentence(text))
    if left_out:
        acts.append(w.left_out_acts(left_out, lang))
    link = [_sentence(namer.text(r.link)) for r in sorted(case.reprisals, key=lambda r: r.date) if r.link]
    if not link and case.engagements and case.reprisals:
        first = min(r.date for r in case.reprisals)
        before = [e.date for e in case.engagements if e.date <= first]
        if before:
            link = [_(w.FIRST_ACT_AFTER).format(days=(first - max(before)).days)]
    steps = [_sentence(namer.text(s)) for s in case.steps_taken]
    dated: list[tuple[date, int, str]] = []
    for a in actions:
        what = f" ({label(a.action).lower()})" if a.action and lang.code == "en" else ""
        dated.append((a.sent_on, 0, contract(lang, _(w.SENT_TO).format(
            day=_day(a.sent_on, lang), avenue=_body(a.avenue, bodies, lang), what=what))))
    for r in responses:
        if r.kind == "no-response":
            continue
        dated.append((r.received_on, 1, _sentence(_response(r, namer, bodies, w.RESPONSE, lang))))
    steps += [text for _, _, text in sorted(dated, key=lambda d: (d[0], d[1]))]
    return DescribedCase(
        heading=heading, country=case.country, cooperation=tuple(cooperation), acts=tuple(acts),
        link=tuple(link) or (_(w.LINK_UNKNOWN),), steps=tuple(steps) or (_(w.STEPS_NONE),),
        un_documents=un_documents(case, responses, namer, lang), fictional=case.fictional)


def _response(r: Response, namer: Namer, bodies: Mapping[str, str], template: str,
              lang: Language = ENGLISH) -> str:
    return contract(lang, lang._(template).format(
        day=_day(r.received_on, lang), kind=_vocab(lang, RESPONSE_KINDS, r.kind),
        source=_opt(lang._(w.FROM), r.from_avenue and _body(r.from_avenue, bodies, lang), "avenue"),
        reference=f" ({namer.text(r.reference)})" if r.reference else ""))


def un_documents(case: Case, responses: Sequence[Response], namer: Namer, lang: Language = ENGLISH) -> str:
    """Whether the case was already raised in a UN document, and which."""
    refs = [f"{namer.text(u.symbol)}" + (f" ({_day(u.date, lang)})" if u.date else "") for u in case.un_references]
    refs += [f"{namer.text(r.reference)} ({_day(r.received_on, lang)})" for r in responses
             if r.reference and r.kind != "no-response"]
    refs = list(dict.fromkeys(refs))
    if not refs:
        return lang._(w.UN_DOCUMENTS_NONE)
    return lang._(w.UN_DOCUMENTS_YES).format(refs="; ".join(refs))


@dataclass(frozen=True, slots=True)
class Changes:
    """What a follow-up entry may report for a case in a period (public records only)."""

    events: tuple[SituationEvent, ...]
    reprisals: tuple[Reprisal, ...]
    responses: tuple[Response, ...]
    closure: tuple[str, date] | None

    def __bool__(self) -> bool:
        return bool(self.events or self.reprisals or self.responses or self.closure)


def changes_in(case: Case, *, start: date, end: date, responses: Sequence[Response] = (),
               events: Sequence[SituationEvent] = (), closure: tuple[str, date] | None = None,
               today: date | None = None) -> Changes:
    """What changed in ``case`` between ``start`` and ``end`` that a public text may say.

    Give it ``public_view(case)``'s case: its reprisals are the public ones; events about
    people who did not consent to a public mention are left out here.
    """
    def inside(d: date) -> bool:
        return start <= d <= end

    return Changes(
        events=tuple(sorted((e for e in public_events(case, events, today=today) if inside(e.happened_on)),
                            key=lambda e: e.happened_on)),
        reprisals=tuple(sorted((r for r in case.reprisals if inside(r.date)), key=lambda r: r.date)),
        responses=tuple(sorted((r for r in responses if inside(r.received_on) and r.kind != "no-response"),
                               key=lambda r: r.received_on)),
        closure=closure if closure and inside(closure[1]) else None)


def follow_up(case: Case, namer: Namer, *, start: date, end: date,
              responses: Sequence[Response] = (), events: Sequence[SituationEvent] = (),
              closure: tuple[str, date] | None = None, bodies: Mapping[str, str] = {},
              number: int = 1, today: date | None = None, lang: Language = ENGLISH) -> FollowUp:
    """What changed in a case already reported, between ``start`` and ``end``.

    Give it ``public_view(case)``'s case (``changes_in`` says what may be reported).
    """
    found = changes_in(case, start=start, end=end, responses=responses, events=events, closure=closure,
                       today=today)
    _ = lang._
    main = namer.people(identified(case))
    changes = []
    for ev in found.events:
        who = _join(namer.people(ev.people), lang)
        changes.append(_(w.CHANGE_EVENT).format(day=_day(ev.happened_on, lang), kind=_(w.event_label(ev.kind)),
                                                who=f" ({who})" if who else ""))
    for r in found.reprisals:
        changes.append(_(w.CHANGE_ACT).format(day=_day(r.date, lang), type=_vocab(lang, REPRISAL_TYPES, r.type),
                                              against=_opt(_(w.AGAINST), _join(namer.people(r.people), lang), "who"))
                       + (" " + _sentence(namer.text(r.description)) if r.description else ""))
    changes += [_response(r, namer, bodies, w.CHANGE_RESPONSE, lang) for r in found.responses]
    if found.closure:
        changes.append(_(w.CHANGE_CLOSED).format(day=_day(found.closure[1], lang),
                                                 outcome=_(w.outcome_label(found.closure[0]))))
    heading = (_(w.FOLLOW_UP_HEADING).format(number=number, people=_join(main, lang)) if main
               else _(w.FOLLOW_UP_HEADING_BARE).format(number=number))
    return FollowUp(heading=heading, country=case.country,
                    earlier=un_documents(case, [r for r in responses if r.received_on < start], namer, lang),
                    changes=tuple(changes), fictional=case.fictional)


def country_sections(described: Sequence[DescribedCase], lang: Language = ENGLISH) -> tuple[CountrySection, ...]:
    """Described cases grouped by country, countries in name order (CLDR names outside English)."""
    def name(code: str) -> str:
        return country_name(code) if lang.code == "en" else lang.country(code)

    codes = sorted({c.country for c in described}, key=name)
    return tuple(CountrySection(country=code, name=name(code),
                                cases=tuple(c for c in described if c.country == code))
                 for code in codes)
