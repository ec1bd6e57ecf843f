"""Small case-facts documents for the model tests, and a helper that collects the problems."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from amparo.model import InvalidInput, parse_case_facts

TODAY = date(2026, 11, 28)
#: A name that must never appear in an error message.
NAME = "Zyx Quorr"

MINIMAL: dict[str, Any] = {
    "title": "t", "country": "HN",
    "people": [{"ref": "p1", "name": NAME, "role": "defender", "consent": "state"},
               {"ref": "p2", "name": "Abc Defg", "role": "family-member", "relation_to": "p1"}],
    "engagements": [{"body": "hrc", "kind": "travel-to-session", "date": "2017-03-06", "people": ["p1"]}],
    "reprisals": [{"type": "airport-interrogation", "date": "2017-03-06", "people": ["p1"],
                   "perpetrator": "state-security", "description": "held at the airport"}],
}


def minimal() -> dict[str, Any]:
    """A fresh copy of ``MINIMAL`` to change."""
    return copy.deepcopy(MINIMAL)


def problems(data: Any) -> list[str]:
    """Every problem ``parse_case_facts`` reports for ``data`` (it must report some)."""
    with pytest.raises(InvalidInput) as exc:
        parse_case_facts(data, today=TODAY)
    return [str(p) for p in exc.value.problems]
