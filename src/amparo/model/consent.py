
"""Circles of disclosure, consent, and the one gate every disclosure path calls.

DESIGN.md, "Consent is about circles of disclosure": each action a mechanism can take
discloses the people it identifies to a circle (some reach a wider one later). A person's
consent is a set of circles; the shorthand level (``"state"``) means that circle and every
circle before it. An action is allowed only when every circle it reaches is in the
consent of every person it identifies.

Nothing outside this module knows how circles are ordered: callers use ``Circle``,
``Consent.allows``, ``widest`` and ``gate``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from amparo.model.errors import Message


class Circle(StrEnum):
    """How far an action discloses the people it identifies."""

    UN_CONFIDENTIAL = "un-confidential"
    STATE = "state"
    PUBLIC_ANONYMOUS = "public-anonymous"
    PUBLIC_NAMED = "public-named"


# The order is the widening of the audience. It is private on purpose: a caller that
# compared circles itself could disagree with the gate.
_ORDER: tuple[Circle, ...] = (
    Circle.UN_CONFIDENTIAL, Circle.STATE, Circle.PUBLIC_ANONYMOUS, Circle.PUBLIC_NAMED,
)
_RANK = {c: i for i, c in enumerate(_ORDER)}

CIRCLE_VALUES: tuple[str, ...] = tuple(c.value for c in _ORDER)
CONSENT_LEVELS: tuple[str, ...] = ("none", *CIRCLE_VALUES)


class ConsentValueError(ValueError):
    """A consent value that is neither a level, a list of circles, nor a scoped consent.

    ``path`` is where inside the consent value the fault is (``"per_avenue.sp:*"``), empty
    for the value as a whole; the faces prefix it with the field's own path.
    """

    def __init__(self, message: str | Message, path: str = ""):
        super().__init__(str(message))
        self.text = message  # a message id with its parameters, said in the user's language
        self.path = path


def circle(value: str | Circle) -> Circle:
    """Parse a circle identifier, raising ``ConsentValueError`` with the allowed values."""
    if isinstance(value, Circle):
        return value
    try:
        return Circle(value)
    except ValueError:
        raise ConsentValueError(
            Message("{value!r} is not one of {choices}",
                    value=value, choices=', '.join(CIRCLE_VALUES))
        ) from None


def widest(circles: Iterable[Circle | str]) -> Circle:
    """The widest of ``circles``: an action published later discloses to that one."""
    parsed = [circle(c) for c in circles]
    if not parsed:
        raise ValueError("widest() needs at least one circle")
    return max(parsed, key=_RANK.__getitem__)


def ordered(circles: Iterable[Circle | str]) -> list[Circle]:
    """``circles`` from the narrowest to the widest audience (for display)."""
    return sorted({circle(c) for c in circles}, key=_RANK.__getitem__)


#: The family of avenues that are shares with a partner organisation: ``share:<partner>``.
SHARE_FAMILY = "share"
#: The circle a share reaches. A partner organisation holds what it receives in confidence,
#: as a confidential UN channel does; what sets a share apart is that the person's general
#: consent never covers it: only a scope naming shares (``share:*``) or that partner does.
SHARE_CIRCLE = Circle.UN_CONFIDENTIAL


def share_avenue(partner: str) -> str:
    """The avenue id of a share with ``partner`` (its address-book id), for the gate."""
    return f"{SHARE_FAMILY}:{partner}"


def is_share_scope(scope: str) -> bool:
    """Whether a per-avenue scope key is about shares with partner organisations."""
    return scope.split(":", 1)[0] == SHARE_FAMILY


#: A consent's scope for one avenue (``"sg:report"``) or a family of avenues (``"sp:*"``).
AvenueScope = tuple[str, frozenset[Circle]]


@dataclass(frozen=True, slots=True)
class Consent:
    """The set of circles one person agrees to be identified in.

    ``circles`` holds for every avenue, unless ``per_avenue`` says otherwise for one
    avenue or a family of them: a person may say yes to the annual report and no to the
    Special Procedures. ``review_on`` is the day the consent must be confirmed again;
    after it, the consent blocks every disclosure until it is renewed (a frightened
    person's answer of last spring is not an answer for next winter).
    """

    circles: frozenset[Circle] = frozenset()
    per_avenue: tuple[AvenueScope, ...] = ()
    review_on: date | None = None

    @classmethod
    def none(cls) -> Consent:
        """No circle at all: nothing may identify this person."""
        return cls(frozenset())

    @classmethod
    def up_to(cls, level: Circle | str) -> Consent:
        """The shorthand: ``level`` and every narrower circle."""
        top = _RANK[circle(level)]
        return cls(frozenset(_ORDER[: top + 1]))

    @classmethod
    def parse(cls, value: object) -> Consent:
        """Read consent in any form of the case-facts format.

        ``"none"``, a circle name (shorthand level), a list of circle names, or an object
        ``{"circles": …, "per_avenue": {"sg:report": …, "sp:*": …}, "review_on": "YYYY-MM-DD"}``
        whose ``circles`` and scope values take either of the first forms. Whether the
        avenues exist and whether the review date lies ahead is checked by the caller,
        which knows the knowledge base and today's date.
        """
        if isinstance(value, Consent):
            return value
        if isinstance(value, dict):
            return _parse_scoped(value)
        return _parse_circles(value)

    @property
    def scoped(self) -> bool:
        """Whether the consent differs by avenue or must be reviewed (the object form)."""
        return bool(self.per_avenue) or self.review_on is not None

    def circles_for(self, avenue: str | None) -> frozenset[Circle]:
        """The circles that hold for ``avenue``: its own scope, its family's, or the default."""
        if avenue is None:
            return self.circles
        # A share hands the person to another organisation: something they must have said
        # yes to in so many words, never inferred from their consent to the UN or the public.
        default = frozenset() if is_share_scope(avenue) else self.circles
        if not self.per_avenue:
            return default
        scopes = dict(self.per_avenue)
        if avenue in scopes:
            return scopes[avenue]
        family = avenue.split(":", 1)[0] + ":*"
        return scopes.get(family, default)

    def expired(self, today: date | None) -> bool:
        """Whether the review date has passed (``today`` None: not checked)."""
        return self.review_on is not None and today is not None and today > self.review_on

    def allows(self, target: Circle | str, *, avenue: str | None = None, today: date | None = None) -> bool:
        """Whether this person may be identified in circle ``target``.

        Only ``gate`` calls this: every disclosure decision goes through the gate, so
        that no path can decide consent differently (tests/test_architecture.py).
        """
        if self.expired(today):
            return False
        return circle(target) in self.circles_for(avenue)

    def to_facts(self) -> str | list[str] | dict[str, object]:
        """The form to write back: the shorthand when it is one, a list, or the object form."""
        if not self.scoped:
            return _circles_to_facts(self.circles)
        out: dict[str, object] = {"circles": _circles_to_facts(self.circles)}
        if self.per_avenue:
            out["per_avenue"] = {avenue: _circles_to_facts(c) for avenue, c in self.per_avenue}
        if self.review_on is not None:
            out["review_on"] = self.review_on.isoformat()
        return out


def _circles_to_facts(circles: frozenset[Circle]) -> str | list[str]:
    if not circles:
        return "none"
    top = max(circles, key=_RANK.__getitem__)
    if circles == Consent.up_to(top).circles:
        return top.value
    return [c.value for c in ordered(circles)]


def _parse_circles(value: object) -> Consent:
    if isinstance(value, str):
        # Levels are five fixed values, read thousands of times by lists and dashboards.
        known = _LEVELS.get(value)
        if known is not None:
            return known
    elif isinstance(value, list | tuple | set | frozenset) and all(isinstance(v, str) for v in value):
        bad = [v for v in value if str(v) not in CIRCLE_VALUES]
        if not bad:
            return _consent_of(frozenset(str(v) for v in value))
        raise ConsentValueError(
            Message("{bad} in the list is not a circle; circles are {choices}",
                    bad=_show(bad[0]), choices=', '.join(CIRCLE_VALUES))
        )
    raise ConsentValueError(
        Message("{value} is not one of {choices}, or a list of circles",
                value=_show(value), choices=', '.join(CONSENT_LEVELS))
    )


_SCOPED_KEYS = ("circles", "per_avenue", "review_on")
_SCOPE_KEY = re.compile(r"^(?:[a-z]+:\*|[a-z]+(?::[A-Za-z0-9-]+)?)$")


def _parse_scoped(value: dict[object, object]) -> Consent:
    unknown = [k for k in value if k not in _SCOPED_KEYS]
    if unknown:
        raise ConsentValueError(Message("unknown field; known fields are {choices}",
                                        choices=', '.join(_SCOPED_KEYS)), _show(unknown[0]))
    if "circles" not in value:
        raise ConsentValueError(Message("is required: the circles that hold unless an avenue says "
                                        "otherwise"), "circles")
    try:
        base = _parse_circles(value["circles"]).circles
    except ConsentValueError as exc:
        raise ConsentValueError(exc.text, "circles") from None
    scopes: dict[str, frozenset[Circle]] = {}
    raw = value.get("per_avenue") or {}
    if not isinstance(raw, dict):
        raise ConsentValueError(Message("expected an object of avenue: consent"), "per_avenue")
    for key, scope in raw.items():
        where = f"per_avenue.{_show(key)}"
        if not isinstance(key, str) or not _SCOPE_KEY.match(key):
            raise ConsentValueError(Message("is not an avenue id (sg:report) or a family (sp:*)"), where)
        try:
            scopes[key] = _parse_circles(scope).circles
        except ConsentValueError as exc:
            raise ConsentValueError(exc.text, where) from None
    review = value.get("review_on")
    review_on = None
    if review is not None:
        try:
            review_on = date.fromisoformat(review) if isinstance(review, str) and len(review) == 10 else None
        except ValueError:
            review_on = None
        if review_on is None:
            raise ConsentValueError(Message("{review} is not a date as YYYY-MM-DD",
                                            review=_show(review)), "review_on")
    return Consent(base, tuple(sorted(scopes.items())), review_on)


def _show(value: object) -> str:
    # Echo a value only when it looks like an identifier: a misplaced name must never
    # reach an error message, a log or a terminal.
    text = value if isinstance(value, str) else repr(value)
    if isinstance(value, str) and not re.fullmatch(r"[A-Za-z0-9:*_.-]{1,40}", value):
        return "this value"
    return repr(text) if isinstance(value, str) else text if len(text) <= 40 else "this value"


@lru_cache(maxsize=64)
def _consent_of(values: frozenset[str]) -> Consent:
    # At most 16 sets of circles exist; each is built once.
    return Consent(frozenset(Circle(v) for v in values))


_LEVELS: dict[str, Consent] = {"none": Consent.none(), **{c.value: Consent.up_to(c) for c in _ORDER}}


@dataclass(frozen=True, slots=True)
class Blocker:
    """One person whose consent does not reach an action's circle."""

    person: str
    needs: Circle
    has: Consent
    #: The consent would reach the circle but its review date has passed.
    expired: bool = False

    def message(self) -> str:
        """Who would need to consent to what (by reference, never by name)."""
        if self.expired:
            return f"{self.person}'s consent is past its review date and must be renewed"
        return f"{self.person} would need to consent to '{self.needs.value}'"


@dataclass(frozen=True, slots=True)
class Decision:
    """The gate's answer for one action, as a whole and person by person."""

    circle: Circle
    allowed: bool
    blockers: tuple[Blocker, ...] = ()
    #: The people (refs, in the order given) whose consent holds every circle reached.
    cleared: tuple[str, ...] = ()

    @property
    def needs(self) -> list[dict[str, str]]:
        """What consent, from whom, would unblock the action (JSON-ready)."""
        return [{"person": b.person, "circle": b.needs.value} for b in self.blockers]

    @property
    def blocked(self) -> tuple[str, ...]:
        """The people (refs) whose consent stops the action, each once."""
        return tuple(dict.fromkeys(b.person for b in self.blockers))


def reached_circles(action_circles: Circle | str | Iterable[Circle | str]) -> list[Circle]:
    """Every circle an action reaches, narrowest first (one circle, or several over time)."""
    if isinstance(action_circles, Circle | str):
        return [circle(action_circles)]
    return ordered(action_circles)


def gate(
    action_circles: Circle | str | Iterable[Circle | str],
    identified: Mapping[str, Consent] | Iterable[tuple[str, Consent]],
    *,
    avenue: str | None = None,
    today: date | None = None,
) -> Decision:
    """Decide whether an action may be taken, and for whom.

    ``action_circles`` is the action's circle, or every circle it reaches over time (a
    Special Procedures communication goes to the State at once and is published later).
    Every one of them must be in the consent of every person identified: consent is a
    set, and someone may accept an anonymised public mention while refusing that the
    State be told it is them, so checking only the widest circle would be wrong.
    ``identified`` maps each person the action would identify (by reference) to that
    person's consent. An action that identifies nobody is allowed.

    ``avenue`` applies each person's consent for that avenue (or its family), when they
    scoped it; ``today`` makes a consent past its review date block until renewed.
    ``Decision.cleared`` lists the people the action may identify, so a caller that must
    leave some people out asks the gate once for everyone.

    This is the only function that decides consent: every plan, draft, export, report,
    calendar, share and API answer calls it (tests/test_architecture.py).
    """
    reached = reached_circles(action_circles)
    if not reached:
        raise ValueError("gate() needs at least one circle")
    pairs = list(identified.items() if isinstance(identified, Mapping) else identified)
    blockers: list[Blocker] = []
    cleared: list[str] = []
    for ref, consent in pairs:
        expired = consent.expired(today)
        missing = [c for c in reached if not consent.allows(c, avenue=avenue, today=today)]
        if missing:
            blockers += [Blocker(ref, c, consent, expired=expired) for c in missing]
        else:
            cleared.append(ref)
    return Decision(circle=reached[-1], allowed=not blockers, blockers=tuple(blockers), cleared=tuple(cleared))
