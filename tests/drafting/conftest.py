"""Fixtures for drafting tests (the data itself is in drafting_fixtures.py)."""

from __future__ import annotations

import pytest
from drafting_fixtures import AVENUES, three_people_case

from amparo.knowledge.types import Avenue
from amparo.model.case import Case


@pytest.fixture
def case3() -> Case:
    return three_people_case()


@pytest.fixture
def avenues() -> dict[str, Avenue]:
    return AVENUES
