"""Fixtures for tracking tests: the four demo cases and the shipped calendar."""

from __future__ import annotations

import pytest
from tracking_demo import DemoCase, demo_cases

from amparo.tracking.calendar import Calendar, load_calendar


@pytest.fixture
def demo() -> dict[str, DemoCase]:
    return demo_cases()


@pytest.fixture
def calendar() -> Calendar:
    return load_calendar()
