"""Case facts hardened at the edge: every text field checked, nothing silently dropped,
no nesting or file that could hang or crash the reader, and no name in any message."""

from __future__ import annotations

import json
import os
import re
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from facts_samples import NAME, TODAY, minimal, problems

from amparo.model import InvalidInput, load_case_facts, parse_case_facts
from amparo.model.facts import MAX_FILE_BYTES


def full() -> dict[str, Any]:
    """``MINIMAL`` with every optional text field present."""
    data = minimal()
    data["people"][0].update(organisation="org", description="d", identifying_terms=["the teacher"],
                             consent_record={"given_on": "2026-01-02", "recorded_by": "AR", "note": "n"})
    data["engagements"][0]["session"] = "HRC 34"
    data["engagements"][0]["description"] = "d"
    data["reprisals"][0].update(place="the airport", link="the same day")
    data.update(notes="n", un_references=[{"symbol": "A/HRC/57/60", "note": "annex"}], steps_taken=["s"],
                writer={"name": "w", "capacity": "c", "contact": "c"})
    return data


ONE_LINE = ["title", "people[0].name", "people[0].organisation", "people[0].identifying_terms[0]",
            "people[0].consent_record.recorded_by", "engagements[0].session", "reprisals[0].place",
            "un_references[0].symbol", "writer.name", "writer.capacity", "writer.contact"]
NARRATIVE = ["notes", "people[0].description", "people[0].consent_record.note", "engagements[0].description",
             "reprisals[0].description", "reprisals[0].link", "un_references[0].note", "steps_taken[0]"]


def put(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """``data`` with the value at ``path`` (``people[0].name``) replaced."""
    parts = [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path)]
    target = data
    for part in parts[:-1]:
        target = target[part]
    target[parts[-1]] = value
    return data


def only_problem(data: dict[str, Any]) -> str:
    (problem,) = problems(data)
    return problem


def test_the_full_sample_is_valid():
    # Each test below changes one field of it: a fault elsewhere would make them pass vacuously.
    case = parse_case_facts(full(), today=TODAY)
    assert case.notes == "n" and case.writer is not None and case.writer.contact == "c"


def test_notes_too_long_or_not_text_is_a_problem_not_dropped():
    # Notes used to be read after the problems check, so a bad value vanished while import succeeded.
    assert only_problem(put(full(), "notes", "x" * 100_001)) == "notes: is longer than 100000 characters"
    assert only_problem(put(full(), "notes", 42)) == "notes: expected text, got a number"
    assert only_problem(put(full(), "notes", ["n"])) == "notes: expected text, got a list"


@pytest.mark.parametrize("path", ONE_LINE)
def test_one_line_fields_have_a_short_cap_and_no_line_break(path):
    assert only_problem(put(full(), path, "x" * 501)) == f"{path}: is longer than 500 characters"
    parse_case_facts(put(full(), path, "x" * 500), today=TODAY)  # the cap itself is allowed
    message = only_problem(put(full(), path, f"{NAME}\nsecond line"))
    assert message.startswith(f"{path}: contains a line break or control character at character 10")
    assert only_problem(put(full(), path, f"{NAME}\tx")).startswith(f"{path}: contains a line break or control")


@pytest.mark.parametrize("path", NARRATIVE)
def test_narratives_take_tabs_and_line_breaks_up_to_their_cap(path):
    case = parse_case_facts(put(full(), path, "first\tline\r\nsecond\rthird\n"), today=TODAY)
    # Line breaks are read as \n whatever system wrote them.
    assert "first\tline\nsecond\nthird" in _text_values(case)
    assert only_problem(put(full(), path, "x" * 100_001)) == f"{path}: is longer than 100000 characters"
    # An item of a list of text is reported on the list, as before.
    expected = f"{path}: expected text, got a number"
    if path == "steps_taken[0]":
        expected = "steps_taken: expected a list of text"
    assert only_problem(put(full(), path, 7)) == expected


def _text_values(case: Any) -> list[str]:
    import dataclasses

    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, tuple):
            for v in value:
                walk(v)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))

    walk(case)
    return out


@pytest.mark.parametrize("path", ONE_LINE + NARRATIVE)
@pytest.mark.parametrize(("bad", "what"), [
    ("\ud800", "a lone surrogate"), ("\udfff", "a lone surrogate"),
    ("\x00", "control character"), ("\x07", "control character"), ("\x1b", "control character"),
    ("\x7f", "control character"), ("\x85", "control character"), ("\x9f", "control character"),
    ("\ufdd0", "noncharacter"), ("\ufffe", "noncharacter"), ("\U0010ffff", "noncharacter"),
])
def test_every_text_field_refuses_bad_characters_naming_the_path_never_the_value(path, bad, what):
    message = only_problem(put(full(), path, f"{NAME} {bad} end"))
    assert message.startswith(f"{path}: contains ") and what in message
    assert "at character 11" in message  # where to look, without quoting
    assert "Zyx" not in message and "Quorr" not in message and bad not in message


def test_text_that_is_fine_in_any_script_is_kept():
    data = put(full(), "people[0].name", "Rosa Elvira Mejía 王 أحمد 👩🏽‍⚖️")
    assert parse_case_facts(data, today=TODAY).people[0].name == "Rosa Elvira Mejía 王 أحمد 👩🏽‍⚖️"


def deeply_nested(depth: int = 100_000) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("path", ["notes", "title", "people[0].consent", "people[0]", "people",
                                  "engagements[0].people", "writer", "people[0].consent_record"])
def test_deeply_nested_values_are_a_problem_not_a_recursion_error(path):
    # Without people, the refs elsewhere are unknown too: those problems follow the first.
    first = problems(put(full(), path, deeply_nested()))[0]
    assert first.startswith(path), first


def test_deeply_nested_consent_objects_are_a_problem():
    message = only_problem(put(full(), "people[0].consent", {"circles": deeply_nested()}))
    assert message.startswith("people[0].consent.circles: ")


def test_a_deeply_nested_file_is_refused_clearly(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"title": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(InvalidInput, match=r"deep\.json: the JSON is nested too deeply"):
        load_case_facts(path, today=TODAY)


def test_a_number_too_long_for_python_is_refused_clearly(tmp_path):
    path = tmp_path / "big.json"
    path.write_text('{"title": ' + "9" * 5000 + "}")
    with pytest.raises(InvalidInput, match=r"big\.json: not valid JSON: a number is too long"):
        load_case_facts(path, today=TODAY)


def test_a_folder_or_a_device_is_refused_as_not_a_regular_file(tmp_path):
    folder = tmp_path / "case.json"
    folder.mkdir()
    with pytest.raises(InvalidInput, match=r"case\.json: is not a regular file"):
        load_case_facts(folder, today=TODAY)
    with pytest.raises(InvalidInput, match="null: is not a regular file"):
        load_case_facts("/dev/null", today=TODAY)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_at_once_instead_of_blocking(tmp_path):
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    outcome: list[BaseException | None] = []

    def load() -> None:
        try:
            load_case_facts(fifo, today=TODAY)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    reader = threading.Thread(target=load, daemon=True)
    reader.start()
    # The join's timeout only keeps a regression from hanging the suite; the reader
    # either returns at once or waits for a writer that never comes.
    reader.join(timeout=30)
    if reader.is_alive():  # a reader blocked in open(): give it a writer, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=30)
        pytest.fail("load_case_facts blocked on a FIFO")
    assert isinstance(outcome[0], InvalidInput) and "is not a regular file" in str(outcome[0])


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "huge.json"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened for reading")

    monkeypatch.setattr(os, "fdopen", no_reading)
    with pytest.raises(InvalidInput, match=r"huge\.json: the file is larger than 20 MB"):
        load_case_facts(big, today=TODAY)
    assert MAX_FILE_BYTES == 20 * 1024 * 1024


def test_a_file_at_the_size_cap_is_read(tmp_path):
    path = tmp_path / "padded.json"
    text = json.dumps(full())
    path.write_text(text + " " * (MAX_FILE_BYTES - len(text.encode())))
    assert load_case_facts(path, today=TODAY).title == "t"


def test_an_unknown_field_named_like_a_person_is_not_echoed():
    data = minimal()
    data["people"][0][NAME] = "x"
    assert problems(data) == [
        "people[0]: a field not shown here is unknown; known fields are consent, consent_record, description, "
        "gender, groups, identifying_terms, location, name, organisation, ref, relation_to, role"]


@pytest.mark.parametrize(("path", "value"), [
    ("people[0].role", "Quorr"), ("people[0].gender", "Zyx"), ("country", "Honduras"),
    ("reprisals[0].type", "Quorr"), ("engagements[0].body", "Quorr"), ("reprisals[0].people[0]", "Quorr"),
    ("people[0].relation_to", "Quorr"), ("engagements[0].date", "Quorr"),
])
def test_a_single_capitalised_word_may_be_a_name_and_is_not_echoed(path, value):
    message = only_problem(put(minimal(), path, value))
    assert message.startswith(path) and "Quorr" not in message and "Zyx" not in message


@pytest.mark.parametrize("consent", [
    ["Quorr", 1], [["un-confidential"]], "Quorr", ["Quorr"], {"circles": ["Quorr", 2]},
    {"circles": "state", "per_avenue": {"Quorr": "state"}}, {"circles": "state", "per_avenue": {"sg:report": [[1]]}},
    {"circles": "state", "review_on": ["Quorr"]}, {"Quorr": "state", "circles": "state"},
])
def test_a_consent_holding_a_name_or_a_nested_value_is_refused_without_quoting_it(consent):
    message = only_problem(put(minimal(), "people[0].consent", consent))
    assert message.startswith("people[0].consent") and "Quorr" not in message and "[[" not in message


def test_today_must_be_given_as_a_date():
    # Only amparo.model.clock reads the time: the reader no longer falls back on the machine's clock.
    with pytest.raises(TypeError):
        parse_case_facts(minimal())  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        parse_case_facts(minimal(), today=datetime(2026, 11, 28, 12, 0))
    with pytest.raises(TypeError):
        load_case_facts(Path("case.json"))  # type: ignore[call-arg]


def test_no_pydantic_wording_or_input_reaches_a_message():
    data = full()
    data["people"][0].update(role=NAME, gender=3, consent_record={"method": NAME, "given_on": NAME})
    data["engagements"][0].update(kind=[NAME], people={"p1": NAME})
    data["reprisals"][0].update(type={"t": NAME}, perpetrator=NAME, law=NAME, country=NAME)
    data.update(fictional=NAME, steps_taken=NAME, writer=[NAME])
    text = " ".join(problems(data))
    for pydantic_words in ("Input should", "Field required", "Extra inputs", "pydantic", "type="):
        assert pydantic_words not in text
    assert "Zyx" not in text and "Quorr" not in text
