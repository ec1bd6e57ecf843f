"""Follow-up (``ws.followup``): actions sent, responses, events, closing, deadlines, due.

Deadlines and status are computed by ``amparo.tracking`` from what the vault holds, with
the context's clock and calendar; nothing here is a free field.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from amparo.model import Action, Case, ConsentRefused, Deadline, InvalidInput, Problem, Response, SituationEvent
from amparo.model import vocabularies as vocab
from amparo.model.consent import circle, gate
from amparo.model.errors import Message
from amparo.model.text_fields import IDENTIFIER, NARRATIVE, ONE_LINE, check_text_fields
from amparo.tracking.status import OUTCOMES as OUTCOMES  # re-exported: the faces offer these choices
from amparo.tracking.status import STATUSES as STATUSES

if TYPE_CHECKING:
    from amparo.service.context import Context
    from amparo.store.followup_repo import CaseFollowup
    from amparo.store.repository import Store
    from amparo.tracking.status import CaseStatus
    from amparo.tracking.timeline import TimelineEntry


@dataclass(frozen=True, slots=True)
class DueItem:
    """One deadline across all cases, as the ``due`` list shows it."""

    deadline: Deadline
    overdue: bool
    days: int  # days from today (negative when overdue)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready (ids, avenue ids, person refs and kinds only: no names)."""
        d = self.deadline
        return {"case": d.case_id, "due_on": d.due_on.isoformat(), "overdue": self.overdue,
                "days": self.days, "kind": d.kind, "title": d.title, "avenue": d.avenue,
                "action": d.action_id, "person": d.person, "rule": d.rule, "source": d.source}


@dataclass(frozen=True, slots=True)
class CaseOverview:
    """One case's follow-up as its page shows it: status, deadlines and history today."""

    status: CaseStatus
    deadlines: list[Deadline]
    timeline: list[TimelineEntry]


#: Statuses a list remembers before it starts again (each is a few hundred bytes).
SEEN_AT_MOST = 50_000


class FollowupService:
    """What was sent and what came back, and everything derived from it."""

    def __init__(self, ctx: Context, store: Store):
        self.ctx = ctx
        self.store = store
        from amparo.service.policy import Guard

        self.guard = Guard(ctx.actor, store)
        # (audit head, day) -> every case's status and deadlines: see ``_everything``.
        self._cache: tuple[tuple[Any, date], tuple[dict[str, CaseStatus], list[Deadline]]] | None = None
        # (audit head, day) -> the statuses worked out so far for lists: see ``statuses``.
        self._seen: tuple[tuple[Any, date], dict[str, CaseStatus]] | None = None

    def _case(self, case_id: str) -> Case:
        return self.store.cases.get(case_id).case

    def _known_avenues(self) -> set[str]:
        return {a.id for a in self.ctx.kb.avenues}

    def record_action(self, case_id: str, *, avenue: str, sent_on: date,
                      channel: str, action: str | None = None, disclosure: str | None = None,
                      draft_id: str | None = None, note: str | None = None,
                      people: tuple[str, ...] | None = None, beyond_consent: bool = False) -> str:
        """Record something sent to an avenue, with the consent in force at that moment.

        ``people`` are the refs the action identifies (default: everyone in the case);
        their consent is kept with the action. The disclosure defaults to the widest
        circle the avenue action reaches. Recording
        an action beyond someone's consent is refused unless ``beyond_consent`` says that
        it already happened (the audit log then says so too).
        """
        self.guard.case("case.write", case_id)
        from amparo.tracking.validate import validate_action

        check_text_fields(("case", case_id, IDENTIFIER), ("avenue", avenue, IDENTIFIER),
                          ("channel", channel, IDENTIFIER), ("action", action, IDENTIFIER),
                          ("disclosure", disclosure, IDENTIFIER), ("draft_id", draft_id, IDENTIFIER),
                          ("note", note, NARRATIVE), ("people", people, IDENTIFIER))
        case = self._case(case_id)
        entry = self.ctx.kb.get(avenue)
        if entry is None:
            raise InvalidInput(Problem("avenue", Message("{avenue!r} is not a known avenue; nearest: {value}",
                avenue=avenue, value=", ".join(self.ctx.kb.nearest(avenue)) or Message("none"))))
        _check_still_there(self.ctx.kb, entry, sent_on)
        taken = None
        if action is not None:
            try:
                taken = entry.action(action)
            except KeyError:
                raise InvalidInput(Problem("action", Message("{action!r} is not an action of {avenue}; it can take: "
                                                             "{choices}",
                                                             action=action, avenue=avenue,
                                                             choices=', '.join(a.id for a in entry.actions)))) from None
        try:
            reach = circle(disclosure) if disclosure else (taken.widest if taken else None)
        except ValueError as exc:
            raise InvalidInput(Problem("disclosure", getattr(exc, "text", str(exc)))) from None
        if reach is None:
            raise InvalidInput(Problem("disclosure", Message("give the action, or the circle it disclosed to")))
        identified = [p for p in case.people if people is None or p.ref in people]
        unknown = sorted(set(people or ()) - {p.ref for p in case.people})
        if unknown:
            raise InvalidInput(Problem("people", Message("{unknown!r} is not the ref of a person in this case",
                                                         unknown=unknown[0])))
        snapshot = tuple((p.ref, _facts_form(p.consent.to_facts())) for p in identified)
        record = Action(id="", case_id=case_id, avenue=avenue, action=action, sent_on=sent_on,
                        channel=channel, disclosure=reach, draft_id=draft_id,
                        consent_snapshot=snapshot, note=note)
        validate_action(record, case, self._known_avenues(), today=self.ctx.today())
        # A named avenue action is gated on every circle it reaches (now and later).
        reached = taken.circles if taken is not None and disclosure is None else (reach,)
        decision = gate(reached, {p.ref: p.consent for p in identified}, avenue=avenue, today=self.ctx.today())
        if not decision.allowed and not beyond_consent:
            raise ConsentRefused(Message(
                "this action discloses to {circle}, beyond the consent of {people}; record it only if it was "
                "already sent (--beyond-consent)", circle=_circle_term(reach),
                people=", ".join(dict.fromkeys(b.person for b in decision.blockers))))
        action_id = self.store.followup.add_action(record, now=self.ctx.now())
        if not decision.allowed:
            self.store.audit.record("action.beyond-consent", "action", action_id)
        return action_id

    def record_response(self, case_id: str, *, kind: str, received_on: date,
                        from_avenue: str | None = None, action_id: str | None = None,
                        reference: str | None = None, paragraph: str | None = None,
                        note: str | None = None) -> str:
        """Record what came back (validated against the case's actions and the knowledge base)."""
        self.guard.case("case.write", case_id)
        from amparo.tracking.validate import validate_response

        check_text_fields(("case", case_id, IDENTIFIER), ("kind", kind, IDENTIFIER),
                          ("from_avenue", from_avenue, IDENTIFIER), ("action_id", action_id, IDENTIFIER),
                          ("reference", reference, ONE_LINE), ("paragraph", paragraph, ONE_LINE),
                          ("note", note, NARRATIVE))
        self._case(case_id)  # NotFound first
        if from_avenue is None and action_id is not None:
            from_avenue = next((a.avenue for a in self.store.followup.list_actions()
                                if a.id == action_id), None)
        response = Response(id="", case_id=case_id, kind=kind, received_on=received_on,
                            from_avenue=from_avenue, action_id=action_id, reference=reference,
                            paragraph=paragraph, note=note)
        validate_response(response, case_id, self.store.followup.list_actions(),
                          known_avenues=self._known_avenues(), today=self.ctx.today())
        return self.store.followup.add_response(response, now=self.ctx.now())

    def record_event(self, case_id: str, *, kind: str, happened_on: date,
                     people: tuple[str, ...] = (), note: str | None = None) -> str:
        """Record a change in someone's situation (released, charged, left the country…)."""
        check_text_fields(("case", case_id, IDENTIFIER), ("kind", kind, IDENTIFIER), ("note", note, NARRATIVE),
                          ("people", tuple(people), IDENTIFIER))
        self.guard.case("case.write", case_id)
        case = self._case(case_id)
        problems = []
        if kind not in vocab.SITUATION_EVENTS:
            problems.append(Problem("kind", Message("{kind!r} is not one of {choices}",
                                                    kind=kind, choices=', '.join(vocab.SITUATION_EVENTS))))
        if happened_on > self.ctx.today():
            problems.append(Problem("date", Message("{happened_on} is in the future",
                                                    happened_on=happened_on)))
        refs = {p.ref for p in case.people}
        problems += [Problem(f"people[{i}]", Message("{r!r} is not the ref of a person in this case",
                                                     r=r))
                     for i, r in enumerate(people) if r not in refs]
        if problems:
            raise InvalidInput(problems)
        event = SituationEvent(id="", case_id=case_id, kind=kind, happened_on=happened_on,
                               people=tuple(people), note=note)
        return self.store.followup.add_event(event, now=self.ctx.now())

    # -- derived views -------------------------------------------------------------------------

    def _followup_of(self, case_id: str) -> tuple[list[Action], list[Response], list[SituationEvent]]:
        f = self.store.followup
        return f.list_actions(case_id), f.list_responses(case_id), f.list_events(case_id)

    def deadlines(self, case_id: str) -> list[Deadline]:
        """Every deadline of one case today."""
        self.guard.case("case.read", case_id)
        actions, responses, events = self._followup_of(case_id)
        closed = self.store.closures.get(case_id) is not None
        return self._deadlines(self._case(case_id), actions, responses, events, closed=closed)

    def _deadlines(self, case: Any, actions: list[Action], responses: list[Response],
                   events: list[SituationEvent], *, closed: bool) -> list[Deadline]:
        from amparo.tracking.deadlines import compute_deadlines

        return compute_deadlines(case.id, case, actions, responses, events, today=self.ctx.today(),
                                 calendar=self.ctx.calendar, windows=self.ctx.follow_up_windows,
                                 avenue_names=self.ctx.avenue_names, closed=closed)

    def overview(self, case_id: str, *, case: Case | None = None) -> CaseOverview:
        """Status, deadlines and timeline of one case from one read of its follow-up.

        ``case`` is the case already read for the same page (it must be ``case_id``'s), so
        that the page reads it once; the access check is made here all the same.
        """
        from amparo.store.followup_repo import CaseFollowup
        from amparo.tracking.status import Outcome, case_status
        from amparo.tracking.timeline import timeline

        self.guard.case("case.read", case_id)
        if case is None:
            case = self._case(case_id)
        elif case.id != case_id:
            raise ValueError("the case given is not the case asked for")
        # One unit for actions, responses and events (three queries), instead of three
        # units that each check the case exists, read once for status, deadlines and history.
        record = self.store.followup.for_cases([case_id]).get(case_id) or CaseFollowup()
        closure = self.store.closures.get(case_id)
        deadlines = self._deadlines(case, record.actions, record.responses, record.events,
                                    closed=closure is not None)
        status = case_status(record.actions, record.responses, deadlines,
                             closed=Outcome(closure[0], closure[1]) if closure else None, today=self.ctx.today())
        return CaseOverview(status, deadlines, timeline(case, record.actions, record.responses, record.events))

    def status(self, case_id: str) -> CaseStatus:
        """The case's derived status today."""
        self.guard.case("case.read", case_id)
        return self.statuses([case_id])[case_id]

    def statuses(self, case_ids: Iterable[str] | None = None) -> dict[str, CaseStatus]:
        """The derived status of many cases (all when None) in a handful of queries."""
        self.guard.require("case.list")
        if case_ids is None:
            return dict(self._everything()[0])
        ids = list(case_ids)
        key = (self.store.audit.head(), self.ctx.today())
        if self._cache is not None and self._cache[0] == key:
            everything = self._cache[1][0]
            return {i: everything[i] for i in ids if i in everything}
        # A list page shows the same most recent cases again and again: each one's status is
        # worked out once per state of the database (the audit head moves with every change,
        # a closure, a reply or a change of access included, in any process) and per day.
        if self._seen is None or self._seen[0] != key or len(self._seen[1]) > SEEN_AT_MOST:
            self._seen = (key, {})
        seen = self._seen[1]
        missing = [i for i in ids if i not in seen]
        if missing:
            seen.update(self._statuses_and_deadlines(missing)[0])
        return {i: seen[i] for i in ids if i in seen}

    def _everything(self) -> tuple[dict[str, CaseStatus], list[Deadline]]:
        # Every case's status and deadlines, computed once per state of the vault: the
        # audit head changes with every write, and "today" with the calendar. A dashboard
        # over 20,000 cases costs ~1.5 s to compute and nothing to show again.
        key = (self.store.audit.head(), self.ctx.today())
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        value = self._statuses_and_deadlines(None)
        self._cache = (key, value)
        return value

    def _statuses_and_deadlines(self, case_ids: list[str] | None
                                ) -> tuple[dict[str, CaseStatus], list[Deadline]]:
        from amparo.tracking.status import Outcome, case_status

        closed = self.store.closures.all()
        statuses: dict[str, CaseStatus] = {}
        everything: list[Deadline] = []
        for case, record, deadlines in self._with_deadlines(case_ids, closed):
            closure = closed.get(case.id or "")
            outcome = Outcome(closure[0], closure[1]) if closure else None
            statuses[case.id or ""] = case_status(record.actions, record.responses, deadlines, closed=outcome,
                                                  today=self.ctx.today())
            everything += deadlines
        return statuses, everything

    def _with_deadlines(self, case_ids: list[str] | None, closed: dict[str, Any]
                        ) -> Iterator[tuple[Case, CaseFollowup, list[Deadline]]]:
        from amparo.store.followup_repo import CaseFollowup

        # One query per kind of record, grouped in memory: a dashboard or a list over
        # thousands of cases must not run a handful of queries per case.
        records = self.store.followup.for_cases(case_ids)
        for case in self.store.cases.all(case_ids):
            record = records.get(case.id or "") or CaseFollowup()
            yield case, record, self._deadlines(case, record.actions, record.responses, record.events,
                                                closed=case.id in closed)

    def close(self, case_id: str, outcome: str, *, closed_on: date | None = None) -> None:
        """Close a case with an outcome (the only status a person sets by hand)."""
        from amparo.tracking.status import Outcome

        check_text_fields(("case", case_id, IDENTIFIER), ("outcome", outcome, IDENTIFIER))
        closed_on = closed_on or self.ctx.today()
        if closed_on > self.ctx.today():
            raise InvalidInput(Problem("closed_on", Message("{closed_on} is in the future",
                                                            closed_on=closed_on)))
        self.guard.case("case.write", case_id)
        Outcome(outcome, closed_on)  # validates the outcome
        self.store.closures.close(case_id, outcome, closed_on, now=self.ctx.now())

    def reopen(self, case_id: str) -> None:
        """Reopen a closed case."""
        self.guard.case("case.write", case_id)
        self.store.closures.reopen(case_id, now=self.ctx.now())

    def timeline(self, case_id: str) -> list[TimelineEntry]:
        """The case's engagements, reprisals, actions, responses and events in date order."""
        from amparo.tracking.timeline import timeline

        self.guard.case("case.read", case_id)
        actions, responses, events = self._followup_of(case_id)
        return timeline(self._case(case_id), actions, responses, events)

    def due(self, *, within: timedelta | None = None) -> list[DueItem]:
        """What is due or overdue across all cases, soonest first."""
        from amparo.tracking.deadlines import due, is_overdue

        self.guard.require("report.internal")
        today = self.ctx.today()
        items = self._everything()[1]
        return [DueItem(d, is_overdue(d, today), (d.due_on - today).days)
                for d in due(items, today=today, within=within)]

    def due_ics(self, *, within: timedelta | None = None, language: str | None = None) -> bytes:
        """The due list as an iCalendar file: case ids and avenue names only, in ``language``
        (default: the context's)."""
        from amparo.model.errors import Message
        from amparo.tracking.ics import to_ics

        self.guard.require("report.internal")
        lang = language or self.ctx.locale
        data = to_ics([i.deadline for i in self.due(within=within)], avenue_names=self.ctx.avenue_names,
                      stamp=self.ctx.now(), calendar_name=Message("Amparo — follow-up"),
                      say=lambda m: say_deadline(m, lang))
        self.store.audit.record("calendar.export", "vault", "vault")
        return data


def deadline_title(deadline: Deadline, language: str) -> str:
    """A deadline's title in ``language`` (its stored ``title`` is English)."""
    return say_deadline(deadline.wording, language) if deadline.wording is not None else deadline.title


def say_deadline(message: Message | str, language: str) -> str:
    """``say`` for the messages of deadlines: a person's role (an id in tracking) becomes the
    role's words ("a lawyer", "un avocat"), as letters write it."""
    from amparo.language.vocabulary import PERSON
    from amparo.model.errors import Term
    from amparo.service.errors import say

    def words(m: Message | str) -> Message | str:
        if not isinstance(m, Message):
            return m
        params = {k: words(v) if isinstance(v, Message) else v for k, v in m.params.items()}
        role = params.get("role")
        if isinstance(role, str):
            params["role"] = Term(*(PERSON.get(role) or PERSON["other"]))
        return Message(m.text, **params)

    return say(words(message), language)


def _check_still_there(kb: Any, entry: Any, sent_on: date) -> None:
    """Refuse an action sent, after an avenue ended or while it had not started, to that avenue.

    An action sent before a mandate ended keeps its slug (the history of what was sent to
    ``sp:trafficking`` stays true); one dated after it points at a body that no longer
    exists, so the way forward is its successor.
    """
    if entry.active:
        return
    milestone = entry.ended or entry.not_started
    since = (milestone.date or "") if milestone else ""
    if entry.ended is not None and since and sent_on.isoformat()[:len(since)] < since:
        return
    successor, _note = kb.resolve(entry.id)
    forward = (Message("record it to {successor} instead", successor=successor.id) if successor.id != entry.id
               else Message("record it to the body that took over its work"))
    status = {"ended": Message("ended"), "renamed": Message("renamed"), "merged": Message("merged"),
              "not-yet-started": Message("not yet started")}.get(entry.status, entry.status)
    raise InvalidInput(Problem("avenue", Message("{id} is {status} ({since}); {forward}",
                                                 id=entry.id, status=status,
                                                 since=since or Message("date not known"), forward=forward)))


def _circle_term(reach: Any) -> Any:
    """The circle's label, translated in the ``circle`` context like the letters' words."""
    from amparo.language.vocabulary import CIRCLES
    from amparo.model.errors import Term

    pair = CIRCLES.get(reach.value)
    return Term(*pair) if pair else reach.value


def _facts_form(value: str | list[str]) -> str | tuple[str, ...]:
    return value if isinstance(value, str) else tuple(value)
