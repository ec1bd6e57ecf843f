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
  Otherwise it is only counted ("3 further cases, not described, for lack of consent")
  and nothing of it, not even its reprisal forms, is written.
- In a described case, a person is named only if their consent also reaches
  ``public-named``; everyone else is described, not named, with the same description
  drafts use (the ``Namer`` is ``amparo.disclosure``'s ``Redactor``).

Every string of a ``Contribution`` is final and safe to publish: renderers only lay out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from amparo.model.case import Case, Engagement, Reprisal
from amparo.model.consent import Circle, gate
from amparo.model.followup import Action, Response, SituationEvent
from amparo.reporting.labels import country_name, label

#: Every circle a described case reaches: the text is public, some people in it named.
DESCRIBED = Circle.PUBLIC_ANONYMOUS
NAMED = Circle.PUBLIC_NAMED
#: The avenue a contribution goes to: a consent scoped per avenue is read for this one.
REPORT_AVENUE = "sg:report"

_KIND_PHRASES = {
    "session-participation": "took part in a session of",
    "travel-to-session": "travelled to a session of",
    "side-event": "spoke at a side event of",
    "written-submission": "sent a written submission to",
    "review-dialogue": "took part in a review before",
    "country-visit-meeting": "met, during a country visit,",
    "communication": "sent a communication to",
    "individual-complaint": "brought an individual complaint to",
    "consultation": "took part in a consultation of",
}


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

    def parts(self) -> list[tuple[str, tuple[str, ...]]]:
        """(label, paragraphs) in the order the document prints them."""
        return [("Cooperation", self.cooperation), ("Acts of intimidation or reprisal", self.acts),
                ("Link with the cooperation", self.link), ("Steps taken", self.steps),
                ("Already raised in a UN document", (self.un_documents,))]


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
    """The described cases of one country and how many more could not be described."""

    country: str
    name: str
    cases: tuple[DescribedCase, ...]
    undescribed: int = 0


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
    follow_ups_undescribed: int
    figures: tuple[str, ...]
    notices: tuple[str, ...] = ()
    #: Chart name → (title, PNG bytes), embedded in the PDF and DOCX.
    charts: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def text_parts(self) -> list[str]:
        """Every string of the document in reading order (tests scan these)."""
        out = [self.title, *self.notices, *self.intro, *self.figures]
        for s in self.countries:
            out.append(s.name)
            for c in s.cases:
                out.append(c.heading)
                for head, paras in c.parts():
                    out += [head, *paras]
            if s.undescribed:
                out.append(undescribed_line(s.undescribed))
        for f in self.follow_ups:
            out += [f.heading, f.earlier, *f.changes]
        if self.follow_ups_undescribed:
            out.append(undescribed_line(self.follow_ups_undescribed))
        return out


def undescribed_line(n: int) -> str:
    """The sentence that counts cases withheld for lack of consent."""
    if n == 1:
        return "1 further case, not described, for lack of consent."
    return f"{n} further cases, not described, for lack of consent."


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


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    return text[0].upper() + text[1:] + ("" if text[-1] in ".!?" else ".")


def _day(d: date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else "date unknown"


def _body(slug: str, bodies: Mapping[str, str]) -> str:
    name = bodies.get(slug, slug)
    if name.startswith("The "):
        return "the " + name[4:]
    if " " in name and name[:1].isupper() and not name.startswith("the "):
        return "the " + name
    return name


def summarise(case: Case, namer: Namer, *, actions: Sequence[Action] = (),
              responses: Sequence[Response] = (), bodies: Mapping[str, str] = {},
              number: int = 1, left_out: int = 0) -> DescribedCase:
    """The summary of a described case: give it ``public_view(case)``'s case and count."""
    main = namer.people(identified(case))
    heading = f"Case {number}: {_join(main)}" if main else f"Case {number}"
    cooperation = []
    for e in sorted(case.engagements, key=lambda e: e.date):
        who = _join(namer.people(e.people)) or "The people concerned"
        phrase = _KIND_PHRASES.get(e.kind, f"engaged ({label(e.kind).lower()}) with")
        session = f" ({namer.text(e.session)})" if e.session else ""
        text = f"On {_day(e.date)}, {who} {phrase} {_body(e.body, bodies)}{session}."
        if e.description:
            text += " " + _sentence(namer.text(e.description))
        cooperation.append(_sentence(text))
    acts = []
    for r in sorted(case.reprisals, key=lambda r: r.date):
        who = _join(namer.people(r.people))
        by = "" if r.perpetrator == "unknown" else f" by {label(r.perpetrator).lower()}"
        where = f" in {namer.text(r.place)}" if r.place else ""
        text = f"{_day(r.date)}: {label(r.type).lower()}" + (f" against {who}" if who else "") + by + where + "."
        if r.description:
            text += " " + _sentence(namer.text(r.description))
        acts.append(_sentence(text))
    if left_out:
        acts.append(f"{left_out} further act{'s' if left_out > 1 else ''} concerning people who did not "
                    "consent to a public mention " + ("are" if left_out > 1 else "is") + " left out.")
    link = [_sentence(namer.text(r.link)) for r in sorted(case.reprisals, key=lambda r: r.date) if r.link]
    if not link and case.engagements and case.reprisals:
        first = min(r.date for r in case.reprisals)
        before = [e.date for e in case.engagements if e.date <= first]
        if before:
            link = [f"The first act came {(first - max(before)).days} days after the cooperation."]
    steps = [_sentence(namer.text(s)) for s in case.steps_taken]
    dated: list[tuple[date, int, str]] = []
    for a in actions:
        what = f" ({label(a.action).lower()})" if a.action else ""
        dated.append((a.sent_on, 0, f"{_day(a.sent_on)}: the case was sent to {_body(a.avenue, bodies)}{what}."))
    for r in responses:
        if r.kind == "no-response":
            continue
        src = f" from {_body(r.from_avenue, bodies)}" if r.from_avenue else ""
        ref = f" ({namer.text(r.reference)})" if r.reference else ""
        dated.append((r.received_on, 1, _sentence(f"{_day(r.received_on)}: {label(r.kind).lower()}{src}{ref}")))
    steps += [text for _, _, text in sorted(dated, key=lambda d: (d[0], d[1]))]
    return DescribedCase(
        heading=heading, country=case.country, cooperation=tuple(cooperation), acts=tuple(acts),
        link=tuple(link) or ("Not established in the records.",), steps=tuple(steps) or ("None recorded.",),
        un_documents=un_documents(case, responses, namer), fictional=case.fictional)


def un_documents(case: Case, responses: Sequence[Response], namer: Namer) -> str:
    """Whether the case was already raised in a UN document, and which."""
    refs = [f"{namer.text(u.symbol)}" + (f" ({_day(u.date)})" if u.date else "") for u in case.un_references]
    refs += [f"{namer.text(r.reference)} ({_day(r.received_on)})" for r in responses
             if r.reference and r.kind != "no-response"]
    refs = list(dict.fromkeys(refs))
    if not refs:
        return "No, not as far as the records show."
    return "Yes: " + "; ".join(refs) + "."


def follow_up(case: Case, namer: Namer, *, start: date, end: date,
              responses: Sequence[Response] = (), events: Sequence[SituationEvent] = (),
              closure: tuple[str, date] | None = None, bodies: Mapping[str, str] = {},
              number: int = 1, today: date | None = None) -> FollowUp:
    """What changed in a case already reported, between ``start`` and ``end``.

    Give it ``public_view(case)``'s case: events about people who did not consent to a
    public mention are left out here.
    """
    events = public_events(case, events, today=today)
    main = namer.people(identified(case))
    changes = []
    for ev in sorted(events, key=lambda e: e.happened_on):
        if start <= ev.happened_on <= end:
            who = _join(namer.people(ev.people))
            changes.append(f"{_day(ev.happened_on)}: {label(ev.kind).lower()}" + (f" ({who})" if who else "") + ".")
    for r in sorted(case.reprisals, key=lambda r: r.date):
        if start <= r.date <= end:
            who = _join(namer.people(r.people))
            changes.append(f"{_day(r.date)}: new act, {label(r.type).lower()}" + (f" against {who}" if who else "")
                           + "." + (" " + _sentence(namer.text(r.description)) if r.description else ""))
    for r in sorted(responses, key=lambda r: r.received_on):
        if start <= r.received_on <= end and r.kind != "no-response":
            src = f" from {_body(r.from_avenue, bodies)}" if r.from_avenue else ""
            ref = f" ({namer.text(r.reference)})" if r.reference else ""
            changes.append(f"{_day(r.received_on)}: {label(r.kind).lower()}{src}{ref}.")
    if closure and start <= closure[1] <= end:
        changes.append(f"{_day(closure[1])}: case closed ({label(closure[0]).lower()}).")
    return FollowUp(heading=f"Follow-up {number}: {_join(main)}" if main else f"Follow-up {number}",
                    country=case.country, earlier=un_documents(case, [r for r in responses if r.received_on < start],
                                                              namer),
                    changes=tuple(changes), fictional=case.fictional)


def country_sections(described: Sequence[DescribedCase], withheld: Mapping[str, int]) -> tuple[CountrySection, ...]:
    """Described cases and withheld counts grouped by country, countries in name order."""
    codes = sorted({c.country for c in described} | {k for k, n in withheld.items() if n},
                   key=country_name)
    return tuple(CountrySection(country=code, name=country_name(code),
                                cases=tuple(c for c in described if c.country == code),
                                undescribed=withheld.get(code, 0))
                 for code in codes)
