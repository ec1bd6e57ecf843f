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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


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
    """A consent value that is neither a level nor a list of circles."""


def circle(value: str | Circle) -> Circle:
    """Parse a circle identifier, raising ``ConsentValueError`` with the allowed values."""
    if isinstance(value, Circle):
        return value
    try:
        return Circle(value)
    except ValueError:
        raise ConsentValueError(
            f"{value!r} is not one of {', '.join(CIRCLE_VALUES)}"
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


@dataclass(frozen=True, slots=True)
class Consent:
    """The set of circles one person agrees to be identified in."""

    circles: frozenset[Circle] = frozenset()

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
        """Read consent in either form of the case-facts format.

        ``"none"``, a circle name (shorthand level), or a list of circle names.
        """
        if isinstance(value, Consent):
            return value
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
                f"{bad[0]!r} in the list is not a circle; circles are {', '.join(CIRCLE_VALUES)}"
            )
        raise ConsentValueError(
            f"{value!r} is not one of {', '.join(CONSENT_LEVELS)}, or a list of circles"
        )

    def allows(self, target: Circle | str) -> bool:
        """Whether this person may be identified in circle ``target``."""
        return circle(target) in self.circles

    def to_facts(self) -> str | list[str]:
        """The form to write back: the shorthand level when the set is one, else the list."""
        if not self.circles:
            return "none"
        top = max(self.circles, key=_RANK.__getitem__)
        if self.circles == Consent.up_to(top).circles:
            return top.value
        return [c.value for c in ordered(self.circles)]

    def describe(self) -> str:
        """A plain-language reading, for terminals and logs of the user's own screen."""
        if not self.circles:
            return "no disclosure at all"
        return ", ".join(c.value for c in ordered(self.circles))


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

    def message(self) -> str:
        """Who would need to consent to what (by reference, never by name)."""
        return f"{self.person} would need to consent to '{self.needs.value}'"


@dataclass(frozen=True, slots=True)
class Decision:
    """The gate's answer for one action."""

    circle: Circle
    allowed: bool
    blockers: tuple[Blocker, ...] = ()

    @property
    def needs(self) -> list[dict[str, str]]:
        """What consent, from whom, would unblock the action (JSON-ready)."""
        return [{"person": b.person, "circle": b.needs.value} for b in self.blockers]


def gate(
    action_circles: Circle | str | Iterable[Circle | str],
    identified: Mapping[str, Consent] | Iterable[tuple[str, Consent]],
) -> Decision:
    """Decide whether an action may be taken.

    ``action_circles`` is the action's circle, or every circle it reaches over time (a
    Special Procedures communication goes to the State at once and is published later).
    Every one of them must be in the consent of every person identified: consent is a
    set, and someone may accept an anonymised public mention while refusing that the
    State be told it is them, so checking only the widest circle would be wrong.
    ``identified`` maps each person the action would identify (by reference) to that
    person's consent. An action that identifies nobody is allowed.
    """
    if isinstance(action_circles, Circle | str):
        reached = [circle(action_circles)]
    else:
        reached = ordered(action_circles)
    if not reached:
        raise ValueError("gate() needs at least one circle")
    pairs = identified.items() if isinstance(identified, Mapping) else identified
    blockers = tuple(
        Blocker(person=ref, needs=c, has=consent)
        for ref, consent in pairs
        for c in reached
        if not consent.allows(c)
    )
    return Decision(circle=reached[-1], allowed=not blockers, blockers=blockers)
