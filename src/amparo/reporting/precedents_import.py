"""Read public precedents in bulk from CSV or JSON, checking every row before any is kept.

Columns (CSV) and keys (JSON) are the fields of ``amparo.knowledge.types.Precedent``;
docs/reporting.md lists them. In CSV, list columns hold values separated by ``;`` (or a
JSON array), ``responses`` holds a JSON array, ``verified`` is true/false (yes/no, 1/0).
Rows are numbered as a spreadsheet shows them (the header is row 1). The meaning of each
field (is ``CN`` a country, is ``sp:torture`` a body…) is judged by a ``validate``
function the caller gives (the knowledge base's own precedent check), so this module
only knows the file formats.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from amparo.model.errors import InvalidInput, Problem

COLUMNS: tuple[str, ...] = (
    "id", "title", "known_as", "country", "year", "region", "bodies", "engagement_kinds",
    "reprisal_types", "responses", "summary", "sources", "reviewed", "verified", "notes",
)
REQUIRED: tuple[str, ...] = (
    "title", "country", "year", "region", "bodies", "reprisal_types", "summary", "sources", "reviewed",
)
LIST_COLUMNS = frozenset({"bodies", "engagement_kinds", "reprisal_types", "sources", "notes"})
MAX_BYTES = 20 * 1024 * 1024

Validate = Callable[[Mapping[str, Any], str], list[Problem]]


def _list_cell(text: str) -> list[str]:
    text = text.strip()
    if text.startswith("["):
        value = json.loads(text)
        if not isinstance(value, list):
            raise ValueError("must be a JSON array")
        return value
    return [part.strip() for part in text.split(";") if part.strip()]


def _bool_cell(text: str) -> bool:
    value = text.strip().lower()
    if value in ("true", "yes", "1"):
        return True
    if value in ("false", "no", "0"):
        return False
    raise ValueError("must be true or false")


def _row_from_csv(cells: Mapping[str, str | None], where: str, problems: list[Problem]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for column in COLUMNS:
        text = (cells.get(column) or "").strip()
        if not text:
            continue
        try:
            if column in LIST_COLUMNS:
                raw[column] = _list_cell(text)
            elif column == "responses":
                raw[column] = json.loads(text)
            elif column == "year":
                raw[column] = int(text)
            elif column == "verified":
                raw[column] = _bool_cell(text)
            else:
                raw[column] = text
        except json.JSONDecodeError as exc:
            problems.append(Problem(f"{where}, column {column}", f"is not valid JSON ({exc.msg})"))
        except ValueError as exc:
            message = "must be a whole year" if column == "year" else str(exc)
            problems.append(Problem(f"{where}, column {column}", message))
    return raw


def _located(problem: Problem, where: str) -> Problem:
    # The knowledge check names fields as "<where>.field[0].sub"; people read columns.
    path = problem.path
    if path.startswith(where + "."):
        path = f"{where}, column {path[len(where) + 1:]}"
    elif path.startswith(where):
        path = where + path[len(where):]
    return Problem(path, problem.message)


class _Unreadable(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


def _rows(path: Path) -> tuple[list[tuple[str, dict[str, Any]]], list[Problem]]:
    """(where, raw mapping) per row and the cell problems found; raises _Unreadable
    when the file as a whole cannot be read."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise _Unreadable([Problem(name, "must be a .csv or .json file")])
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _Unreadable([Problem(name, f"is larger than {MAX_BYTES // (1024 * 1024)} MB")])
        text = path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise _Unreadable([Problem(name, "no such file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _Unreadable([Problem(name, f"cannot be read as UTF-8 text ({type(exc).__name__})")]) from None
    problems: list[Problem] = []
    out: list[tuple[str, dict[str, Any]]] = []
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _Unreadable([Problem(f"{name} line {exc.lineno}", f"is not valid JSON ({exc.msg})")]) from None
        if isinstance(data, Mapping) and "precedents" in data:
            data = data["precedents"]
        if not isinstance(data, list):
            raise _Unreadable([Problem(name, "must hold a list of precedents (or {\"precedents\": [...]})")])
        for i, item in enumerate(data, 1):
            where = f"item {i}"
            if not isinstance(item, Mapping):
                problems.append(Problem(where, "must be an object"))
                continue
            unknown = [k for k in item if k not in COLUMNS]
            problems += [Problem(f"{where}, field {k}", "is not a precedent field") for k in unknown]
            out.append((where, {k: v for k, v in item.items() if k in COLUMNS}))
        return out, problems
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    unknown = [c for c in header if c not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    if unknown or missing:
        raise _Unreadable([Problem(f"row 1, column {c}", "is not a precedent column") for c in unknown]
                          + [Problem("row 1", f"the column {c!r} is missing") for c in missing])
    for row in reader:
        where = f"row {reader.line_num}"
        if None in row:
            problems.append(Problem(where, "has more cells than the header has columns"))
            continue
        out.append((where, _row_from_csv(row, where, problems)))
    return out, problems


def read_precedents(path: Path, validate: Validate) -> list[dict[str, Any]]:
    """Every precedent of the file, checked; raises InvalidInput listing every bad row.

    The file's ``id`` is optional (the vault gives each precedent its own); when given,
    it must be unique in the file. Nothing is returned unless every row is sound.
    """
    path = Path(path)
    try:
        rows, problems = _rows(path)
    except _Unreadable as exc:
        raise InvalidInput(exc.problems, source=path.name) from None
    broken = {p.path for p in problems}
    seen: dict[str, str] = {}
    out: list[dict[str, Any]] = []
    for where, raw in rows:
        raw.setdefault("responses", [])
        given = raw.get("id")
        if isinstance(given, str) and given in seen:
            problems.append(Problem(f"{where}, column id", f"repeats the id of {seen[given]}"))
        elif isinstance(given, str):
            seen[given] = where
        checked = {**raw, "id": given or f"imported-{len(out) + 1}"}
        found = [_located(p, where) for p in validate(checked, where)]
        # A cell that could not be read is absent from ``raw``: name it once, not twice.
        found = [p for p in found if p.path not in broken]
        problems += found
        out.append(raw)
    if not rows:
        problems.append(Problem(path.name, "holds no precedent"))
    if problems:
        raise InvalidInput(problems, source=path.name)
    return out
