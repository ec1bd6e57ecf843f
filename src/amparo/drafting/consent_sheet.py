"""The consent conversation sheet: what a caseworker goes through with a person before anything is sent.

A document the person sees, in their language, one section per person (or only the one
asked for), each section complete on its own so that it can be handed over alone:

* what each circle of disclosure means, with an example from this case's own plan;
* what each avenue of the plan could do, its steps grouped by the circles they reach,
  and what the person's present answer allows for each group (the plan's gate decisions,
  never decided again here);
* the plan's risk notes that concern the person, reworded for them
  (``consent_sheet_texts.RISKS``: no rule ids, no English pasted in);
* a box to write the answer in: when, how, through whom, the circles, per avenue if
  wanted, and a review date.

What a section may say about people: the person's own name (the sheet is for them), and
nothing of anyone else's but how many other people the case holds and, for those whose
consent reaches an anonymised public mention (the gate decides), their role. A sheet can
be carried home and seized; an "other person" who agreed to nothing is not described at
all. No narrative of the case is printed: the person knows what happened to them.

Every string is final and translated: renderers (``consent_sheet_pdf``, ``…_docx``,
``…_md``, chosen by ``consent_sheet_files.render_consent_sheet``) only lay it out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from amparo.drafting.consent_sheet_document import Blank, ConsentSheet, Part, PersonSheet
from amparo.drafting.consent_sheet_texts import (
    CIRCLE_MEANINGS,
    CIRCLE_TITLES,
    FAMILIES,
    FAMILY_SCOPES,
    OTHER_RISK,
    REACHES,
    RISKS,
    RISKS_MAN,
    RISKS_WOMAN,
    STATUS_DESCRIBED,
    STATUS_EXPIRED,
    STATUS_NAMED,
    STATUS_NEEDS,
    STATUS_NOBODY,
    STATUS_WAITS,
)
from amparo.drafting.document import Metadata
from amparo.guidance.plan import Plan, PlannedAction, PlannedAvenue
from amparo.language.i18n import Language
from amparo.language.vocabulary import CONSENT_METHODS, person_noun
from amparo.model.case import Case, Person
from amparo.model.consent import CIRCLE_VALUES, Circle, Consent, gate, ordered
from amparo.model.errors import InvalidInput, Problem


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Writer:
    """What every part of a section reads: the case, its plan, the language and the day."""

    def __init__(self, case: Case, plan: Plan, lang: Language, today: date,
                 names: Mapping[str, str], review_days: int | None):
        self.case, self.plan, self.lang, self.today = case, plan, lang, today
        self.names = names
        self.review_days = review_days
        self._ = lang._

    def join(self, items: list[str]) -> str:
        return self.lang.join(items)  # CLDR's list pattern for the language

    def title(self, circle: str) -> str:
        return self.lang.label(CIRCLE_TITLES[circle])

    def quoted(self, circles: list[str]) -> str:
        return self.join([self._("“{circle}”").format(circle=self.title(c)) for c in circles])

    def avenue(self, avenue_id: str) -> str:
        """An avenue or a family scope (``sp:*``) as the sheet names it."""
        if avenue_id.endswith(":*"):
            pair = FAMILY_SCOPES.get(avenue_id[:-2])
            return self.lang.label(pair) if pair else avenue_id
        planned = next((a for a in self.plan.avenues if a.id == avenue_id), None)
        english = planned.name if planned else self.names.get(avenue_id)
        return self.lang.pgettext("avenue", english) if english else avenue_id

    def step_name(self, step: PlannedAction) -> str:
        return self.lang.pgettext("avenue-action", step.name)


# -- the parts of a section ----------------------------------------------------------------


def _answer(w: _Writer, circles: frozenset[Circle]) -> str:
    if not circles:
        return w._("nothing yet: no step may identify you")
    return w.quoted([c.value for c in ordered(circles)])


def _recorded(w: _Writer, consent: Consent) -> list[str]:
    """What the vault holds for the person now, in their words."""
    out = [w._("What is recorded now: {answer}.").format(answer=_answer(w, consent.circles))]
    for scope, circles in consent.per_avenue:
        answer = w.quoted([c.value for c in ordered(circles)]) if circles else w._("none of these circles")
        out.append(w._("For {avenue}: {answer}.").format(avenue=w.avenue(scope), answer=answer))
    if consent.review_on is not None:
        when = w.lang.date(consent.review_on)
        if consent.expired(w.today):
            out.append(w._("This answer passed its review date on {date}: it allows nothing until it is "
                           "renewed.").format(date=when))
        else:
            out.append(w._("This answer is to be reviewed by {date}.").format(date=when))
    return out


def _others(w: _Writer, person: Person) -> list[str]:
    """How many others the case holds and, where their consent allows, their roles."""
    others = [p for p in w.case.people if p.ref != person.ref]
    if not others:
        return []
    # A role is a description: said only of someone who accepts a public text that
    # describes them without their name (the gate decides, on this day).
    described = [p for p in others
                 if gate(Circle.PUBLIC_ANONYMOUS, {p.ref: p.consent}, today=w.today).allowed]
    out = [w.lang.ngettext("{n} other person is part of this case.", "{n} other people are part of this case.",
                           len(others)).format(n=len(others))]
    if described:
        roles = [person_noun(w.lang, p.role, p.gender) for p in described]
        out.append(w._("Among them: {who}.").format(who=w.join(roles)))
    out.append(w._("Each person decides for themselves: your answer concerns only you, and no step may "
                   "identify anyone beyond their own answer."))
    return out


def _example(w: _Writer, circle: str) -> str:
    """A step of this case's plan that reaches ``circle``, as an example of it."""
    steps = [(a, s) for a in w.plan.avenues for s in a.actions if not s.identifies_nobody]
    found = next(((a, s) for a, s in steps if [c.value for c in s.circles] == [circle]), None) \
        or next(((a, s) for a, s in steps if s.circles[-1].value == circle), None)
    if found is None:
        return ""
    avenue, step = found
    return w._("In this case, for example: {step} ({avenue}).").format(step=w.step_name(step),
                                                                        avenue=w.avenue(avenue.id))


def _circles(w: _Writer) -> Part:
    items = []
    for value in (*CIRCLE_VALUES, "none"):
        text = w._("{label}: {value}").format(label=w.title(value), value=w.lang.label(CIRCLE_MEANINGS[value]))
        example = _example(w, value) if value != "none" else ""
        items.append(f"{text} {example}".strip())
    return Part(
        w._("How far it may go: the circles"),
        paragraphs=(w._("Each step a UN body can take makes who you are known to a circle of people. You can "
                        "agree to one circle, to several, or to none:"),),
        items=tuple(items),
        after=(w._("You can also answer differently for each body below: for example, yes to a confidential "
                   "letter and no to anything public."),
               w._("You can change your answer at any time, to widen it or to narrow it; each change is "
                   "recorded with its date. What has already been made public cannot be taken back.")))


def _reach(w: _Writer, step: PlannedAction) -> str:
    now = w.lang.label(REACHES[step.circles[0].value])
    if len(step.circles) == 1:
        return now
    later = w.lang.label(REACHES[step.circles[-1].value])
    if step.later_after_days:
        return w._("{now}, and about {days} days later {later}").format(now=now, days=step.later_after_days,
                                                                        later=later)
    return w._("{now}, and later {later}").format(now=now, later=later)


def _status(w: _Writer, step: PlannedAction, person: Person) -> str:
    """What the person's present answer allows for ``step``: the plan's decision, in words."""
    ref = person.ref
    gender = person.gender if person.gender in ("woman", "man") else ""
    if ref in step.identifies or ref in step.described:
        table = STATUS_NAMED if ref in step.identifies else STATUS_DESCRIBED
        text = w.lang.label(table[gender])
        return text if step.allowed else f"{text} {w.lang.label(STATUS_WAITS)}"
    mine = [n for n in step.needs if n.person == ref]
    if any(n.expired for n in mine):
        return w.lang.label(STATUS_EXPIRED)
    if mine:
        needed = [c.value for c in ordered(n.circle for n in mine)]
        return w.lang.label(STATUS_NEEDS).format(circles=w.quoted(needed))
    return w.lang.label(STATUS_WAITS)


def _step_items(w: _Writer, avenue: PlannedAvenue, person: Person) -> tuple[str, ...]:
    """An avenue's steps grouped by what they make known and what the person's answer allows."""
    groups: dict[tuple[str, str], list[str]] = {}
    for step in avenue.actions:
        key = ("", "") if step.identifies_nobody else (_reach(w, step), _status(w, step, person))
        groups.setdefault(key, []).append(w.step_name(step))
    items = []
    for (reach, status), names in groups.items():
        steps = names[0]
        for name in names[1:]:
            steps = w._("{earlier}; {step}").format(earlier=steps, step=name)
        if not reach:
            items.append(w.lang.label(STATUS_NOBODY).format(steps=steps))
        else:
            items.append(w._("{steps}: {reach}.").format(steps=steps, reach=reach) + " " + status)
    return tuple(items)


def _avenue_parts(w: _Writer, person: Person) -> list[Part]:
    """One part per avenue of the plan: what it is, then what its steps would do.

    An avenue whose steps read exactly as an earlier one's (Special Procedures mandates
    share their steps) says so in one line instead of repeating the list.
    """
    parts: list[Part] = []
    seen: dict[tuple[str, ...], str] = {}
    for avenue in w.plan.avenues:
        family = FAMILIES.get(avenue.family)
        intro = (w.lang.label(family),) if family else ()
        items = _step_items(w, avenue, person)
        earlier = seen.get(items)
        if earlier is not None and items:
            same = w._("The same steps, with the same effect for you, as for: {avenue} (above).")
            parts.append(Part(w.avenue(avenue.id), level=2, paragraphs=(*intro, same.format(avenue=earlier))))
            continue
        seen[items] = w.avenue(avenue.id)
        parts.append(Part(w.avenue(avenue.id), level=2, paragraphs=intro, items=items))
    return parts


def _risks(w: _Writer, person: Person) -> Part | None:
    """The plan's risk notes that concern the person (or nobody in particular), for them."""
    gendered = {"woman": RISKS_WOMAN, "man": RISKS_MAN}.get(person.gender, {})
    items: dict[str, None] = {}
    for note in w.plan.risks:
        if note.people and person.ref not in note.people:
            continue  # about someone else: telling this person would disclose them
        pair = gendered.get(note.code) or RISKS.get(note.code) or OTHER_RISK
        items[w.lang.label(pair)] = None
    if not items:
        return None
    return Part(w._("Risks to weigh together"), items=tuple(items))


def _blanks(w: _Writer) -> tuple[Blank, ...]:
    everything = (*CIRCLE_VALUES, "none")
    rows = [
        Blank(w._("Date of the conversation")),
        Blank(w._("How the answer was given"), "choose",
              tuple(w.lang.label(pair) for pair in CONSENT_METHODS.values())),
        Blank(w._("Through whom, if through a relative or an intermediary"),
              hint=w._("Their role is enough, for example “her brother”.")),
        Blank(w._("How far my case may go (tick every circle agreed)"), "choose",
              tuple(w.title(c) for c in everything)),
    ]
    scopes = [a.id for a in w.plan.avenues]
    families = [a.family for a in w.plan.avenues]
    scopes += [f"{f}:*" for f in dict.fromkeys(families) if families.count(f) > 1 and f in FAMILY_SCOPES]
    if scopes:
        rows.append(Blank(w._("A different answer for some bodies (optional)"), "heading"))
        same = (w._("Same as above"), *(w.title(c) for c in everything))
        rows += [Blank(_cap(w.avenue(s)), "choose", same, indent=True) for s in scopes]
    if w.review_days:
        hint = w.lang.ngettext(
            "Amparo reminds the caseworker {n} day before. After that date the answer allows nothing until it "
            "is renewed.",
            "Amparo reminds the caseworker {n} days before. After that date the answer allows nothing until it "
            "is renewed.", w.review_days).format(n=w.review_days)
    else:
        hint = w._("After that date the answer allows nothing until it is renewed.")
    rows.append(Blank(w._("To be reviewed again on"), hint=hint))
    rows.append(Blank(w._("Recorded in Amparo on, and by")))
    return tuple(rows)


def _section(w: _Writer, person: Person) -> PersonSheet:
    _ = w._
    notices = [_("For the caseworker: go through this sheet with the person, or with their family, before "
                 "anything is sent. Read it together and write the answer in the last part; nothing needs to be "
                 "signed. The sheet bears the person's name and says that they are in contact with the UN: keep "
                 "it safe, and destroy it once the answer is recorded in Amparo.")]
    if w.case.fictional:
        notices.insert(0, _("FICTIONAL CASE: a demonstration or training case. None of the people or events "
                            "in this sheet are real."))
    choice = [_("Before anything about what happened to you is sent to the UN, you decide how far your "
                "identity may go. Nothing that identifies you leaves Amparo beyond what you agree to."),
              _("You are free to say no, to agree to some things and not to others, and to change your answer "
                "later."),
              *_recorded(w, person.consent), *_others(w, person)]
    parts = [Part(_("Your choice"), paragraphs=tuple(choice)), _circles(w)]
    lead = [_("These are the bodies that fit this case, in the order the guidance suggests. For each group of "
              "steps: what it would make known, and what your present answer allows.")]
    if w.plan.urgent:
        lead.append(_("The guidance considers this case urgent: some bodies can act within days. Even so, "
                      "nothing is sent before you answer."))
    if not w.plan.avenues:
        lead = [_("No body fits this case yet: the caseworker will tell you when one does.")]
    parts.append(Part(_("What each body could do"), paragraphs=tuple(lead)))
    parts += _avenue_parts(w, person)
    risks = _risks(w, person)
    if risks is not None:
        parts.append(risks)
    return PersonSheet(
        ref=person.ref,
        heading=_("Consent conversation with {name}").format(name=person.name),
        notices=tuple(notices), parts=tuple(parts),
        record_heading=_("The answer"),
        record_intro=_("Write the answer down here, then record it in Amparo: on the case page, or with "
                       "amparo case consent."),
        blanks=_blanks(w))


def _identifier(value: str) -> str:
    # Echo a --person value only when it looks like a ref: a name typed there must not
    # reach an error message.
    return repr(value) if re.fullmatch(r"[A-Za-z0-9_-]{1,20}", value) else "this value"


def build_consent_sheet(case: Case, plan: Plan, *, language: str, today: date, person: str | None = None,
                        review_days: int | None = None,
                        avenue_names: Mapping[str, str] | None = None) -> ConsentSheet:
    """The consent conversation sheet for ``case`` from its ``plan``, in ``language``.

    ``person`` (a ref) makes a sheet about that person alone; without it there is one
    section per person, in case order. ``review_days`` is how long before a review date
    Amparo reminds the caseworker (the tracking rules' ``consent-review``).
    ``avenue_names`` names the avenues of consent scopes the plan does not list (avenue
    id to its English name, translated here). Raises ``InvalidInput`` for an unknown
    language or ``person``.
    """
    problems = []
    if person is not None and person not in {p.ref for p in case.people}:
        problems.append(Problem("person", f"{_identifier(person)} is not the ref of a person in this case; "
                                          f"refs are {', '.join(p.ref for p in case.people)}"))
    try:
        lang = Language(language)
    except InvalidInput as exc:
        problems += exc.problems
    if problems:
        raise InvalidInput(problems)
    w = _Writer(case, plan, lang, today, avenue_names or {}, review_days)
    chosen = [p for p in case.people if person is None or p.ref == person]
    title = lang._("Consent conversation")
    where = case.id or lang._("case not saved")
    return ConsentSheet(
        title=title, date=today, date_text=lang.date(today), language=lang.code, direction=lang.direction,
        case_id=case.id, people=tuple(_section(w, p) for p in chosen),
        metadata=Metadata(title=f"{title} — {where}",
                          subject=lang._("Before anything is sent: how far may the case go?"), author="Amparo"),
        labels={"case": lang._("Case"), "date": lang._("Date:")})
