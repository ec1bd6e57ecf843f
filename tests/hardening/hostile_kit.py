"""Hostile case facts for Hypothesis, and one trip of them through the whole service:
import (from a dict, as the API and the wizard give it, and from a JSON file), triage,
draft in every format, export (full and for an audience), delete.

The outcome of a trip is either a success or an ``AmparoError`` whose message is clear:
one printable line that quotes no hostile text back. Anything else (a crash, a
RecursionError, a UnicodeEncodeError from a writer, an "internal error") is a failure.
Used by tests/hardening/test_hostile_input.py (every run) and bench/hostile.py (long).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from amparo.model import AmparoError

DEMO = Path(__file__).parents[2] / "src/amparo/service/demo/4-coordinator-stopped-at-airport.json"
BASE: dict[str, Any] = json.loads(DEMO.read_text("utf-8"))

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
CONTROLS = "".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0)]))
SURROGATES = "\ud800\udbff\udc00\udfff"
ODD = "\ufeff\u200b\u00ad\ufffd\U0001f600\u0301\ufdd0\uffff\r\n\t"
MEGABYTE = 1024 * 1024

#: Text fields of the demo case, by path, where hostile text goes.
TEXT_PATHS: tuple[tuple[Any, ...], ...] = (
    ("title",), ("notes",), ("people", 0, "name"), ("people", 1, "name"), ("people", 0, "organisation"),
    ("people", 0, "description"), ("engagements", 0, "session"), ("engagements", 0, "description"),
    ("reprisals", 1, "description"), ("reprisals", 1, "place"), ("reprisals", 1, "link"),
    ("writer", "name"), ("writer", "capacity"), ("people", 0, "consent_record", "note"),
)
#: Any field at all, where a value of the wrong shape goes.
ANY_PATHS: tuple[tuple[Any, ...], ...] = (
    *TEXT_PATHS, ("country",), ("people", 0, "ref"), ("people", 0, "consent"), ("people", 0, "role"),
    ("engagements", 0, "date"), ("engagements", 0, "people"), ("reprisals", 0, "type"), ("people",),
    ("reprisals",), ("fictional",), ("extra_field",),
)

_char = st.one_of(
    st.characters(codec="utf-8"),  # any scalar value, every script
    st.sampled_from(BIDI), st.sampled_from(CONTROLS), st.sampled_from(SURROGATES), st.sampled_from(ODD),
)
hostile_text = st.one_of(
    st.text(_char, max_size=80),
    st.tuples(st.text(max_size=20), st.sampled_from(BIDI + SURROGATES + CONTROLS), st.text(max_size=20))
      .map("".join),
    st.sampled_from(["A" * MEGABYTE, ("Nour \u202e" * 200_000)[:MEGABYTE], "x" * 100_000, "y" * 100_001,
                     "Ana\nMaría", "\x1b]52;c;QQ==\x07", "<script>alert(1)</script>", "{{7*7}}", "%s%n"]),
)


def _nested(depth: int, leaf: Any = "x") -> Any:
    value = leaf
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


hostile_value = st.one_of(
    hostile_text, st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.lists(hostile_text, max_size=3), st.dictionaries(hostile_text, hostile_text, max_size=3),
    st.sampled_from([10, 200, 5_000]).map(_nested),
)


def _put(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    # An earlier change may have replaced a list on the way by something else: then this
    # change is skipped (the document is hostile enough already).
    target: Any = doc
    for part in path[:-1]:
        if isinstance(target, dict):
            target = target.setdefault(part, {})
        elif isinstance(target, list) and isinstance(part, int) and part < len(target):
            target = target[part]
        else:
            return
    if isinstance(target, dict) or (isinstance(target, list) and isinstance(path[-1], int) and path[-1] < len(target)):
        target[path[-1]] = value


@st.composite
def hostile_facts(draw: st.DrawFn) -> dict[str, Any]:
    """The demo case with one to three fields made hostile (text mostly, any shape sometimes)."""
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            _put(doc, draw(st.sampled_from(TEXT_PATHS)), draw(hostile_text))
        else:
            _put(doc, draw(st.sampled_from(ANY_PATHS)), draw(hostile_value))
    return doc


_HOSTILE_IN_MESSAGE = re.compile(f"[{re.escape(BIDI + CONTROLS)}\ud800-\udfff]")


def assert_clear(error: AmparoError) -> None:
    """An error a person can read: printable, short enough, quoting no hostile text."""
    message = str(error)
    assert message.strip(), "an empty error"
    assert not _HOSTILE_IN_MESSAGE.search(message), f"hostile characters in the error: {message[:200]!r}"
    assert len(message) < 20_000, "the error quotes something huge"
    assert "Traceback" not in message and "internal" not in message.lower()


def trip(ws: Any, facts: Any, *, folder: Path, fmt: str = "txt") -> str:
    """Import ``facts`` (as a dict, then as a file), triage, draft in ``fmt``, export,
    delete. Returns "refused" (with a clear error) or "ok"; anything else raises."""
    try:
        case_id = ws.cases.add(facts, source="hostile")
    except AmparoError as exc:
        assert_clear(exc)
        _file_too(ws, facts, folder, expect_refused=True)
        return "refused"
    try:
        _file_too(ws, facts, folder, expect_refused=False)
        plan = ws.plans.for_case(case_id)
        json.dumps(plan.to_json())
        for avenue in plan.avenues[:1]:
            try:
                draft = ws.drafts.draft(case_id, avenue=avenue.id, language="en", fmt=fmt)
                assert draft.data
            except AmparoError as exc:  # e.g. nobody's consent reaches it
                assert_clear(exc)
        json.dumps(ws.cases.export(case_id))
        json.dumps(ws.cases.export(case_id, audience="public-anonymous"))
    finally:
        ws.cases.delete(case_id)
    return "ok"


def _file_too(ws: Any, facts: Any, folder: Path, *, expect_refused: bool) -> None:
    # The same document as a file (as `amparo import` reads it): the same verdict.
    path = folder / "facts.json"
    try:
        path.write_text(json.dumps(facts, ensure_ascii=True), "utf-8")
    except (ValueError, RecursionError):  # nested deeper than json can write: nothing to read
        return
    try:
        ws.cases.parse(path)
    except AmparoError as exc:
        assert_clear(exc)
        assert expect_refused, "the file was refused but the same dict was accepted"
        return
    assert not expect_refused, "the dict was refused but the same file was accepted"
