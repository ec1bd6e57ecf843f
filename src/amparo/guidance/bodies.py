"""Engagement bodies must be known to the knowledge base before triage can route them."""

from __future__ import annotations

import difflib

from amparo.guidance.plan import KnowledgeView
from amparo.model.case import Case
from amparo.model.errors import InvalidInput, Problem
from amparo.model.vocabularies import PLAIN_BODIES

#: Avenue families that are also engagement bodies (a person cooperates with a mandate,
#: a committee, an investigative body or a regional body; nobody "engages" the SG report
#: or the Council President). Other avenues that are the first to notify for their own
#: slug (the Expert Mechanism, the Permanent Forum) are engagement bodies too. Ended
#: mandates stay known: an old slug in a stored case resolves to its successor.
_ENGAGEABLE_FAMILIES = ("sp:", "tb:", "rg:", "ib:")


def known_bodies(kb: KnowledgeView) -> tuple[str, ...]:
    """Every engagement-body slug triage can route: the plain bodies and the KB's mandates,
    committees, investigative and regional bodies."""
    ids = sorted(a.id for a in kb.avenues
                 if a.id.startswith(_ENGAGEABLE_FAMILIES) or a.id in a.first_for)
    return (*PLAIN_BODIES, *ids)


def nearest_bodies(slug: str, kb: KnowledgeView, n: int = 3) -> list[str]:
    """Up to ``n`` known body slugs closest to ``slug`` (same family first)."""
    known = known_bodies(kb)
    family = slug.split(":", 1)[0] + ":" if ":" in slug else None
    pool = [k for k in known if family and k.startswith(family)] or list(known)
    found = difflib.get_close_matches(slug, pool, n=n, cutoff=0.0)
    return found[:n]


def check_bodies(case: Case, kb: KnowledgeView) -> None:
    """Raise ``InvalidInput`` naming every engagement body unknown to the knowledge base.

    Each problem gives up to three nearest known slugs, e.g.
    ``engagements[0].body: 'sp:human-rights-defender' is not in the knowledge base;
    nearest: sp:human-rights-defenders, …``. Slugs are vocabulary, not personal data.
    """
    known = set(known_bodies(kb))
    problems = []
    for i, engagement in enumerate(case.engagements):
        slug = engagement.body
        if slug in known:
            continue
        shown = repr(slug) if len(slug) <= 60 else repr(slug[:57] + "...")
        near = nearest_bodies(slug, kb)
        tail = f"; nearest: {', '.join(near)}" if near else ""
        problems.append(Problem(f"engagements[{i}].body", f"{shown} is not in the knowledge base{tail}"))
    if problems:
        raise InvalidInput(problems)
