"""Full-text search: same answers on SQLite FTS5 and PostgreSQL, safe with any user text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from amparo.model import Case
from amparo.store.repository import Store
from amparo.store.search import fts5_query


@pytest.fixture
def ids(store: Store, demo_cases: list[Case]) -> list[str]:
    return store.cases.add_many(demo_cases)


def found(store: Store, text: str) -> set[str]:
    return {s.id for s in store.cases.list(text=text)}


def test_finds_names_organisations_and_narratives(store: Store, ids: list[str],
                                                  demo_cases: list[Case]) -> None:
    p1 = demo_cases[3].people[0]
    assert found(store, p1.name) == {ids[3]}
    assert found(store, "mejia") == {ids[3]}  # no accent, other case: still found
    assert found(store, "ASOCIACIÓN ciudadana") == {ids[3]}
    assert found(store, "tyres punctured") == {ids[3]}  # a reprisal's description
    assert found(store, "tyres lawyers-nowhere") == set()  # every word must match


def test_notes_are_searchable_until_deleted(store: Store, ids: list[str]) -> None:
    note = store.notes.add(ids[0], "Met the cousin in Quetzaltenango market.")
    assert found(store, "quetzaltenango") == {ids[0]}
    store.notes.delete(note.id)
    assert found(store, "quetzaltenango") == set()


def test_edit_and_delete_keep_the_index_in_step(store: Store, ids: list[str],
                                                demo_cases: list[Case]) -> None:
    store.cases.update(ids[1], replace(demo_cases[1], title="Bar association case Zanzibarite"))
    assert found(store, "zanzibarite") == {ids[1]}
    store.cases.update(ids[1], replace(demo_cases[1], title="Bar association case Quokkaville"))
    assert found(store, "zanzibarite") == set()
    assert found(store, "quokkaville") == {ids[1]}
    store.cases.delete(ids[1])
    assert found(store, "quokkaville") == set()
    assert found(store, "Mejía") == {ids[3]}


USER_TEXTS = ('"', "'", '"unbalanced', "AND", "OR NOT", "NEAR(a b, 2)", "title:x", "*", "^start",
              "a AND OR", "(((", "C-1234", "%", "_", "\\", "💥", "   ")


def test_user_text_is_never_query_syntax(store: Store, ids: list[str]) -> None:
    for text in USER_TEXTS:
        listed = {s.id for s in store.cases.list(text=text)}  # no syntax error raised
        assert listed == set(store.cases.search(text)) <= set(ids), text
    for wordless in ('"', "(((", "*", "%", "_", "\\", "   ", "💥"):
        assert store.cases.search(wordless) == [], wordless


def test_operators_are_searched_as_words(store: Store, ids: list[str]) -> None:
    store.notes.add(ids[2], "He said NEAR the border, AND then left.")
    assert found(store, "near AND") == {ids[2]}
    assert found(store, '"border,') == {ids[2]}


def test_fts5_expression_quotes_every_word() -> None:
    assert fts5_query('say "NEAR(x) AND') == '"say"* "near"* "x"* "and"*'
    assert fts5_query(" ,;\"' ") is None


def test_search_returns_ids_up_to_the_limit(store: Store, ids: list[str]) -> None:
    assert store.cases.search("fictional demo case", limit=None) and set(
        store.cases.search("fictional demo case", limit=None)) == set(ids)
    assert len(store.cases.search("fictional", limit=2)) == 2
    assert store.cases.search("") == []


def test_a_text_search_lists_the_most_recently_changed_first(store: Store, demo_cases: list[Case]) -> None:
    from dataclasses import replace

    first, second, third = (store.cases.add(replace(demo_cases[0], title=f"Case {n} fictional"))
                            for n in range(3))
    store.cases.update(first, replace(demo_cases[0], title="Case 0 fictional, edited"))
    assert [s.id for s in store.cases.list(text="fictional")] == [first, third, second]
    assert [s.id for s in store.cases.list(text="fictional", limit=2)] == [first, third]
    store.notes.add(second, "A fictional note.")
    assert store.cases.list(text="fictional", limit=1)[0].id == second
