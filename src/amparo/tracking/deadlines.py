"""Deadlines computed from a case's actions, responses and the rules: never typed by hand.

Rules (ids in ``data/rules.yaml``, each deadline carries its rule and source):

- ``follow-up-window``: each action with no answer is due for follow-up ``window`` days
  after it was sent. A response linked to the action closes it, except an
  acknowledgment or a request for information: those say the avenue has the case, not
  that it acted, so the window runs again from the latest of them
  (``acknowledgment-restarts-window``). An avenue whose window is None gets no reminder.
- ``sg-report-cutoff``: an open case with a reprisal in the current reporting period
  (1 May–30 April) that happened after the last submission to ``sg:report`` (or with no
  submission) is reminded ``remind_days_before`` days before 30 April. The exact cut-off
  comes from OHCHR's yearly call. Only when someone concerned consents at least to an
  anonymised public mention, for that avenue and on that day (a consent past its review
  date counts for nothing): the report is public, and Amparo never suggests a disclosure
  nobody agreed to.
- ``sp-communication-publication``: a Special Procedures communication to the State is
  probably public about 60 days later (NOT CONFIRMED; a setting). Shown only ahead.
- ``hrc-session``: the next Council session that has not yet opened, for a case that
  engaged the Council or the UPR or went to ``hrc:president``.
- ``treaty-body-session``: sessions not yet opened that review the case's country.
- ``stale-case-review``: every open case is due for review ``stale_after_days`` after the
  last thing recorded on it.
- ``consent-review``: a person whose consent carries a review date is due for a consent
  review ``consent_review_days`` before it (``consent-review``); once the date has passed
  the consent allows nothing until renewed, and the deadline becomes ``consent-expired``,
  overdue from the day after the review date. One per person (``Deadline.person``).

A closed case has no deadlines. Titles carry the case id, avenue names, the kind of
deadline and at most a person's reference and role, never a name: they end up in
shared calendars.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from amparo.model.case import Case
from amparo.model.consent import Circle, gate
from amparo.model.errors import Message, Term
from amparo.model.followup import Action, Deadline, Response, SituationEvent
from amparo.tracking.calendar import Calendar, Session
from amparo.tracking.rules import Rules, load_rules

#: Responses that keep a follow-up open and restart its window.
RESTARTING_KINDS: frozenset[str] = frozenset({"acknowledgment", "request-for-information"})

_HRC_BODIES = frozenset({"hrc", "upr"})


def follow_up_from(action: Action, responses: Iterable[Response]) -> date | None:
    """The date the action's follow-up window runs from, or None once it is answered.

    That is the date it was sent, or the latest acknowledgment (or request for
    information) linked to it; any other linked response closes the follow-up.
    """
    start = action.sent_on
    for r in responses:
        if r.action_id != action.id:
            continue
        if r.kind not in RESTARTING_KINDS:
            return None
        start = max(start, r.received_on)
    return start


def unanswered(actions: Iterable[Action], responses: Sequence[Response]) -> list[Action]:
    """The actions that no closing response answers yet, in the order given."""
    return [a for a in actions if follow_up_from(a, responses) is not None]


def reporting_period(today: date, *, rules: Rules | None = None) -> tuple[date, date]:
    """The Secretary-General's reporting period (1 May–30 April) that contains ``today``."""
    month, day = (rules or load_rules()).sg_period_start
    year = today.year if (today.month, today.day) >= (month, day) else today.year - 1
    start = date(year, month, day)
    # The period ends the day before the same month and day a year later.
    return start, date(year + 1, month, day) - timedelta(days=1)


def is_overdue(deadline: Deadline, today: date) -> bool:
    """Whether ``deadline`` has passed (a deadline due today is due, not overdue)."""
    return deadline.due_on < today


def due(deadlines: Iterable[Deadline], *, today: date,
        within: timedelta | None = None) -> list[Deadline]:
    """Deadlines due by ``today + within`` (all when ``within`` is None), soonest first.

    Overdue ones are included: they come first, being the soonest.
    """
    limit = today + within if within is not None else None
    kept = [d for d in deadlines if limit is None or d.due_on <= limit]
    return sorted(kept, key=lambda d: (d.due_on, d.case_id or "", d.kind, d.avenue or "",
                                       d.action_id or "", d.title))


def deadline_key(deadline: Deadline) -> str:
    """A stable identity for a deadline: (case, rule, avenue, action, person).

    The same follow-up keeps its key when its date moves (an acknowledgment restarts the
    window), so a calendar updates the event instead of adding one; a consent review keeps
    its key when it turns into an expired consent. Sessions have no action; their start
    date tells one session from the next.
    """
    parts = [deadline.case_id or "", deadline.rule, deadline.avenue or "", deadline.action_id or ""]
    if deadline.person:
        parts.append(deadline.person)
    if deadline.kind == "session":
        parts.append(deadline.due_on.isoformat())
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def compute_deadlines(
    case_id: str,
    case: Case,
    actions: Sequence[Action],
    responses: Sequence[Response],
    events: Sequence[SituationEvent],
    *,
    today: date,
    calendar: Calendar,
    windows: Mapping[str, int | None] | None = None,
    avenue_names: Mapping[str, str] | None = None,
    stale_after_days: int = 60,
    closed: bool = False,
    rules: Rules | None = None,
) -> list[Deadline]:
    """Every deadline of one case on ``today``, in date order.

    ``windows`` maps avenue ids to follow-up days (settings merged with the knowledge
    base, see ``rules.follow_up_windows``); avenues not in it use the rules file's
    defaults. ``avenue_names`` maps avenue ids to the names titles show. ``closed``: a
    closed case has no deadlines.
    """
    if closed:
        return []
    rules = rules or load_rules()
    out: list[Deadline] = []
    out += _follow_ups(case_id, actions, responses, rules, windows, avenue_names)
    out += _publications(case_id, actions, responses, rules, today)
    cutoff = _sg_cutoff(case_id, case, actions, rules, today, avenue_names)
    if cutoff is not None:
        out.append(cutoff)
    out += _sessions(case_id, case, actions, calendar, rules, today, avenue_names)
    review = _review(case_id, case, actions, responses, events, rules, stale_after_days)
    if review is not None:
        out.append(review)
    out += _consent_reviews(case_id, case, rules, today)
    return due(out, today=today)


def _titled(wording: Message, **fields: object) -> Deadline:
    """A deadline whose English title is ``wording`` (its parameters: ids, refs, roles, dates)."""
    return Deadline(title=str(wording), wording=wording, **fields)  # type: ignore[arg-type]


def _avenue(rules: Rules, avenue: str, names: Mapping[str, str] | None) -> Term:
    """An avenue's name, translated like the letters' (``pgettext("avenue", name)``)."""
    return Term("avenue", rules.avenue_name(avenue, names))


def _follow_ups(case_id: str, actions: Sequence[Action], responses: Sequence[Response],
                rules: Rules, windows: Mapping[str, int | None] | None,
                names: Mapping[str, str] | None) -> list[Deadline]:
    rule = rules.rule("follow-up-window")
    out = []
    for action in actions:
        start = follow_up_from(action, responses)
        window = rules.window(action.avenue, windows)
        if start is None or window is None:
            continue
        acknowledged = start != action.sent_on
        since = (Message("acknowledged {day}", day=start) if acknowledged else Message("sent {day}", day=start))
        out.append(_titled(
            Message("{case}: follow up with {avenue} on action {action} ({since}, no answer after {days} days)",
                    case=case_id, avenue=_avenue(rules, action.avenue, names), action=action.id,
                    since=since, days=window),
            case_id=case_id, due_on=start + timedelta(days=window), kind="follow-up",
            rule=rule.id, avenue=action.avenue, action_id=action.id,
            source=rule.source + (f"; {rules.rule('acknowledgment-restarts-window').source}"
                                  if acknowledged else ""),
        ))
    return out


def _publications(case_id: str, actions: Sequence[Action], responses: Sequence[Response],
                  rules: Rules, today: date) -> list[Deadline]:
    rule = rules.rule("sp-communication-publication")
    avenue_of = {a.id: a.avenue for a in actions}
    out = []
    for r in responses:
        avenue = r.from_avenue or avenue_of.get(r.action_id or "")
        if r.kind != "communication-to-state" or not avenue or not avenue.startswith("sp:"):
            continue
        on = r.received_on + timedelta(days=rules.sp_publication_days)
        if on < today:
            continue
        what = (Message("communication {reference}", reference=r.reference) if r.reference
                else Message("the communication"))
        out.append(_titled(
            Message("{case}: {what} from {avenue} probably public by now (about {days} days, not confirmed): "
                    "its widest circle is reached", case=case_id, what=what, avenue=avenue,
                    days=rules.sp_publication_days),
            case_id=case_id, due_on=on, kind="publication",
            rule=rule.id, avenue=avenue, action_id=r.action_id, source=rule.source,
        ))
    return out


def _sg_cutoff(case_id: str, case: Case, actions: Sequence[Action], rules: Rules, today: date,
               names: Mapping[str, str] | None) -> Deadline | None:
    rule = rules.rule("sg-report-cutoff")
    start, end = reporting_period(today, rules=rules)
    sent = [a.sent_on for a in actions if a.avenue == "sg:report" and a.sent_on >= start]
    last = max(sent, default=None)
    uncovered = [r for r in case.reprisals
                 if start <= r.date <= end and (last is None or r.date > last)]
    if not uncovered:
        return None
    concerned = {ref for r in uncovered for ref in r.people}
    consents = case.consents
    if not any(gate(Circle.PUBLIC_ANONYMOUS, {ref: consents[ref]}, avenue="sg:report", today=today).allowed
               for ref in concerned if ref in consents):
        return None
    avenue = _avenue(rules, "sg:report", names)
    wording = (Message("{case}: send an update (a reprisal after the last submission) to the {avenue} before "
                       "the period ends on {end} (exact cut-off: OHCHR's yearly call)",
                       case=case_id, avenue=avenue, end=end) if last
               else Message("{case}: submit the case to the {avenue} before the period ends on {end} (exact "
                            "cut-off: OHCHR's yearly call)", case=case_id, avenue=avenue, end=end))
    return _titled(
        wording, case_id=case_id, due_on=end - timedelta(days=rules.sg_remind_days_before),
        kind="sg-report-cutoff",
        rule=rule.id, avenue="sg:report", source=rule.source,
    )


def _sessions(case_id: str, case: Case, actions: Sequence[Action], calendar: Calendar,
              rules: Rules, today: date, names: Mapping[str, str] | None) -> list[Deadline]:
    out = []
    council = (any(e.body in _HRC_BODIES for e in case.engagements)
               or any(a.avenue == "hrc:president" for a in actions))
    if council:
        ahead = [s for s in calendar.upcoming("hrc", today) if s.start >= today]
        if ahead:
            out.append(_session_deadline(
                case_id, ahead[0], rules, "hrc-session", "hrc:president",
                Message("a moment to raise it with the {avenue}",
                        avenue=_avenue(rules, "hrc:president", names))))
    for s in calendar.reviewing(case.country, today):
        if s.start >= today and s.body != "hrc":
            out.append(_session_deadline(
                case_id, s, rules, "treaty-body-session", s.body,
                Message("reviews {country}; raise reprisals with {avenue}", country=case.country,
                        avenue=_avenue(rules, s.body, names))))
    return out


def _session_deadline(case_id: str, s: Session, rules: Rules, rule_id: str, avenue: str,
                      why: Message) -> Deadline:
    rule = rules.rule(rule_id)
    wording = (Message("{case}: {session} opens, {why}", case=case_id, session=s.name, why=why) if s.verified
               else Message("{case}: {session} opens (dates approximate: check the calendar), {why}",
                            case=case_id, session=s.name, why=why))
    return _titled(
        wording, case_id=case_id, due_on=s.start, kind="session",
        rule=rule.id, avenue=avenue, source=s.source or rule.source,
    )


def _review(case_id: str, case: Case, actions: Sequence[Action], responses: Sequence[Response],
            events: Sequence[SituationEvent], rules: Rules, days: int) -> Deadline | None:
    dates = [e.date for e in case.engagements] + [r.date for r in case.reprisals]
    dates += [a.sent_on for a in actions] + [r.received_on for r in responses]
    dates += [e.happened_on for e in events]
    if not dates:
        return None
    last = max(dates)
    rule = rules.rule("stale-case-review")
    return _titled(
        Message("{case}: review the case with the people concerned (nothing recorded since {day})",
                case=case_id, day=last),
        case_id=case_id, due_on=last + timedelta(days=days), kind="review",
        rule=rule.id, source=rule.source,
    )


def _consent_reviews(case_id: str, case: Case, rules: Rules, today: date) -> list[Deadline]:
    """A consent to review before its review date, or an expired one after it, per person.

    The title names the person by reference and role only: a due list and a calendar
    are seen by people who must not learn who is in a case.
    """
    rule = rules.rule("consent-review")
    out = []
    for p in case.people:
        review_on = p.consent.review_on
        if review_on is None:
            continue
        if today > review_on:
            out.append(_titled(
                Message("{case}: the consent of {ref} ({role}) passed its review date on {day}: every step that "
                        "would identify them is blocked until it is renewed",
                        case=case_id, ref=p.ref, role=p.role, day=review_on),
                case_id=case_id, due_on=review_on, kind="consent-expired",
                rule=rule.id, source=rule.source, person=p.ref,
            ))
        else:
            out.append(_titled(
                Message("{case}: review the consent of {ref} ({role}) with them before {day} (after that day it "
                        "allows nothing until renewed)", case=case_id, ref=p.ref, role=p.role, day=review_on),
                case_id=case_id, due_on=review_on - timedelta(days=rules.consent_review_days),
                kind="consent-review",
                rule=rule.id, source=rule.source, person=p.ref,
            ))
    return out
