"""Search on a server (blind-index tokens): every word must match, newest change first, the
limit applied, and a caseworker's search reaches only the cases on her access list."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from server_support import demo_case

from amparo.service.people import enrol
from amparo.store.server import Server

pytestmark = pytest.mark.postgres
START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
# (title, hours after START): the words chosen are in no demo text.
TITLES = [("Tamarisk quillon one", 0), ("Tamarisk two", 1), ("Tamarisk quillon three", 2),
          ("quillon four", 3), ("Tamarisk quillon five", 4), ("Tamarisk quillon six", 5)]


def _cases(server: Server) -> dict[str, str]:
    store = server.store("coordinator")
    return {title: store.cases.add(replace(demo_case(), title=title), now=START + timedelta(hours=h))
            for title, h in TITLES}


def test_a_search_finds_the_cases_holding_every_word_newest_first(server: Server) -> None:
    ids = _cases(server)
    store = server.store("coordinator")
    found = [s.title for s in store.cases.list(text="quillon tamarisk")]
    assert found == ["Tamarisk quillon six", "Tamarisk quillon five", "Tamarisk quillon three",
                     "Tamarisk quillon one"]
    assert [s.id for s in store.cases.list(text="Tamarisk quillon", limit=2)] == [
        ids["Tamarisk quillon six"], ids["Tamarisk quillon five"]]
    assert store.cases.list(text="Tamarisk nowhereword") == []


def test_a_single_common_word_lists_its_newest_matches_up_to_the_limit(server: Server) -> None:
    _cases(server)
    store = server.store("coordinator")
    assert [s.title for s in store.cases.list(text="quillon", limit=3)] == [
        "Tamarisk quillon six", "Tamarisk quillon five", "quillon four"]


def test_a_caseworkers_search_reaches_only_her_cases(server: Server) -> None:
    ids = _cases(server)
    worker = enrol(server, server.store(), "worker@example.org", "caseworker", "a long enough password")
    admin = server.store("coordinator")
    admin.accounts.grant(ids["Tamarisk quillon one"], worker.id, "assigned")
    admin.accounts.grant(ids["Tamarisk two"], worker.id, "shared")
    mine = server.store(worker.id)
    mine.scope = worker.id
    assert [s.title for s in mine.cases.list(text="tamarisk")] == ["Tamarisk two", "Tamarisk quillon one"]
    assert [s.title for s in mine.cases.list(text="tamarisk quillon", limit=50)] == ["Tamarisk quillon one"]


def test_the_next_page_starts_where_the_first_ended_with_and_without_words(server: Server) -> None:
    _cases(server)
    store = server.store("coordinator")
    newest = [s.title for s in store.cases.list()]
    assert [s.title for s in store.cases.list(limit=2, offset=2)] == newest[2:4]
    assert [s.title for s in store.cases.list(text="tamarisk quillon", limit=2, offset=2)] == [
        "Tamarisk quillon three", "Tamarisk quillon one"]
    assert store.cases.list(text="tamarisk", limit=2, offset=10) == []
