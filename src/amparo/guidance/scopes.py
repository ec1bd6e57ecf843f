"""A consent scoped to an avenue must name an avenue the knowledge base knows.

A person may consent per avenue ("yes to the annual report, no to the Special
Procedures"). A scope that names no known avenue (``sp:tortur``) would silently fall back
to the person's general consent, which may be wider than they meant: it is refused with
the nearest known ids. A family scope (``sp:*``) must name a family that has avenues.
"""

from __future__ import annotations

from collections.abc import Mapping

from amparo.guidance.plan import KnowledgeView
from amparo.model.case import Case
from amparo.model.consent import Consent, is_share_scope
from amparo.model.errors import InvalidInput, Problem


def check_consent_scopes(case: Case, kb: KnowledgeView, *, only: Mapping[str, Consent] | None = None) -> None:
    """Raise ``InvalidInput`` for every avenue scope that names nothing known.

    ``only`` checks these consents (by person ref) instead of the case's own, for a
    consent about to be recorded.
    """
    families = {a.id.split(":", 1)[0] for a in kb.avenues}
    known = {a.id for a in kb.avenues}
    problems = []
    index = {p.ref: i for i, p in enumerate(case.people)}
    consents = only if only is not None else {p.ref: p.consent for p in case.people}
    for ref, consent in consents.items():
        where = f"people[{index[ref]}].consent" if only is None and ref in index else "consent"
        for scope, _circles in consent.per_avenue:
            if is_share_scope(scope):
                continue  # shares with partner organisations (share:* or share:<partner>): no KB avenue
            if scope.endswith(":*"):
                if scope[:-2] not in families:
                    problems.append(Problem(f"{where}.per_avenue.{scope}",
                                            f"no family of avenues is called {scope[:-2]!r}; families are "
                                            f"{', '.join(sorted(families))}"))
            elif scope not in known:
                near = list(kb.nearest(scope))
                hint = f"; nearest: {', '.join(near)}" if near else ""
                problems.append(Problem(f"{where}.per_avenue.{scope}", f"is not an avenue in the knowledge base{hint}"))
    if problems:
        raise InvalidInput(problems)
