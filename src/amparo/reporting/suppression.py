"""Small-cell suppression of a public compilation (pure): the standard two-step rule.

1. Primary: every count from 1 to ``min_cell - 1`` is suppressed, in the tables and in
   the totals. Zeros are shown: a zero is about nobody, and a suppressed cell is then
   known to be at least 1, which the audit below takes into account.
2. Complementary: a suppressed cell must not be recoverable from a published total. The
   structure of the tables is declared here (``LINES``: which column adds up to which
   total; ``AT_LEAST``/``AT_MOST``: per-row bounds such as "answered ≤ sent"). The audit
   computes, by propagating bounds along every line until nothing changes, the interval
   in which each suppressed cell (and suppressed total) must lie given what is published;
   when an interval is a single value, one more cell of that line is suppressed (the
   smallest shown one, the usual minimum-loss choice), or, when the line has none left,
   its total. Derived cells follow the cells they are computed from (``DEPENDS``: a
   response rate from sent and answered, a median from answered, acts from their cases).

Totals are suppressed rather than rounded (docs/reporting.md says why). Rows ranked by a
count are re-sorted with suppressed rows last, by code: a suppressed row sitting between
two shown ones would reveal its range.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from amparo.model.errors import InvalidInput, Problem
from amparo.reporting.compilation import SUPPRESSED, Compilation, Table

DEFAULT_MIN_CELL = 3
#: A threshold of 1 would suppress nothing; 2 is the smallest that hides anything.
LOWEST_MIN_CELL = 2
HIGHEST_MIN_CELL = 1000

#: The count columns of each table: the cells the threshold applies to.
COUNTS: dict[str, tuple[str, ...]] = {
    "countries": ("cases",), "reprisal-types": ("cases", "acts"), "bodies": ("cases",),
    "roles": ("people",), "genders": ("people",), "locations": ("people",),
    "new-and-follow-up": ("cases",), "cases-per-month": ("cases",),
    "avenues": ("actions_sent", "actions_answered", "responses_received"),
    "outcomes": ("events", "cases"), "closures": ("cases",),
}
#: (table, column, total): the column's cells add up to ``totals[total]``.
LINES: tuple[tuple[str, str, str], ...] = (
    ("countries", "cases", "cases"), ("cases-per-month", "cases", "cases"),
    ("new-and-follow-up", "cases", "cases"),
    ("roles", "people", "people"), ("genders", "people", "people"), ("locations", "people", "people"),
    ("reprisal-types", "acts", "reprisal_acts"),
    ("avenues", "actions_sent", "actions_sent"), ("avenues", "actions_answered", "actions_answered"),
)
#: Totals that are also cells: (table, row key, column) → total; suppressed together.
ALIASES: dict[tuple[str, str, str], str] = {
    ("new-and-follow-up", "new", "cases"): "new_cases",
    ("new-and-follow-up", "follow-up", "cases"): "follow_up_cases",
}
#: The totals the threshold applies to (``countries`` is the number of rows of a table).
COUNT_TOTALS = ("cases", "new_cases", "follow_up_cases", "reprisal_acts", "people", "actions_sent",
                "actions_answered")
#: (table, column) → the columns of the same row it is computed from or counts within.
DEPENDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("reprisal-types", "acts"): ("cases",),
    ("outcomes", "events"): ("cases",),
    ("avenues", "response_rate"): ("actions_sent", "actions_answered"),
    ("avenues", "median_days_to_first_response"): ("actions_answered",),
}
#: Per-row bounds a reader knows: (table, column) ≥ / ≤ another column of the row.
AT_LEAST: dict[tuple[str, str], str] = {
    ("reprisal-types", "acts"): "cases", ("outcomes", "events"): "cases",
    ("avenues", "actions_sent"): "actions_answered",
}
AT_MOST: dict[tuple[str, str], str] = {("avenues", "actions_answered"): "actions_sent"}
#: Tables whose rows are ranked by a count column (the others keep their order).
RANKED: dict[str, str] = {
    "countries": "cases", "reprisal-types": "cases", "bodies": "cases", "roles": "people", "genders": "people",
    "locations": "people", "avenues": "actions_sent", "outcomes": "events", "closures": "cases",
}

Cell = tuple[str, int, str]  # (table, row index, column)


def check_min_cell(min_cell: int) -> int:
    """The threshold, refused (naming ``--min-cell``) when it would hide nothing or is absurd."""
    if isinstance(min_cell, bool) or not isinstance(min_cell, int):
        raise InvalidInput(Problem("--min-cell", "give a whole number, such as 3"))
    if not LOWEST_MIN_CELL <= min_cell <= HIGHEST_MIN_CELL:
        raise InvalidInput(Problem("--min-cell", f"{min_cell} is not between {LOWEST_MIN_CELL} and "
                                                 f"{HIGHEST_MIN_CELL}; 3 is the usual threshold"))
    return min_cell


class _Grid:
    """The compilation's cells while suppression decides, and what is hidden so far."""

    def __init__(self, compilation: Compilation):
        self.tables = {t.name: t for t in compilation.tables}
        self.totals = dict(compilation.totals)
        self.cells: set[Cell] = set()
        self.hidden_totals: set[str] = set()

    def value(self, cell: Cell) -> Any:
        table, i, column = cell
        t = self.tables[table]
        return t.rows[i][t.columns.index(column)]

    def column(self, table: str, column: str) -> Iterator[Cell]:
        t = self.tables.get(table)
        if t is not None and column in t.columns:
            yield from ((table, i, column) for i in range(len(t.rows)))

    def key(self, cell: Cell) -> str:
        return str(self.tables[cell[0]].rows[cell[1]][0])

    def hide(self, cell: Cell) -> bool:
        if cell in self.cells:
            return False
        self.cells.add(cell)
        return True

    def hide_total(self, name: str) -> bool:
        if name in self.hidden_totals:
            return False
        self.hidden_totals.add(name)
        return True

    def close(self) -> None:
        """Hide what follows from what is hidden: aliases, derived cells (until stable)."""
        changed = True
        while changed:
            changed = False
            for (table, row, column), total in ALIASES.items():
                for cell in self.column(table, column):
                    if self.key(cell) != row:
                        continue
                    if cell in self.cells:
                        changed |= self.hide_total(total)
                    elif total in self.hidden_totals:
                        changed |= self.hide(cell)
            for (table, column), sources in DEPENDS.items():
                for cell in self.column(table, column):
                    if any((table, cell[1], s) in self.cells for s in sources):
                        changed |= self.hide(cell)

    def bounds(self, cell: Cell) -> tuple[float, float]:
        """What a reader knows of a hidden cell before any total: at least 1, and row bounds."""
        table, i, column = cell
        low: float = 1
        high: float = math.inf
        other = AT_LEAST.get((table, column))
        if other is not None and (table, i, other) not in self.cells:
            low = max(low, self.value((table, i, other)))
        other = AT_MOST.get((table, column))
        if other is not None and (table, i, other) not in self.cells:
            high = self.value((table, i, other))
        return low, high

    def exposed(self) -> tuple[str, Cell | str] | None:
        """The first hidden cell or total a reader can work out, with its line's total; None if none."""
        box: dict[Cell | str, list[float]] = {c: list(self.bounds(c)) for c in self.cells}
        for name in self.hidden_totals:
            box[name] = [1, math.inf]
        for name, value in self.totals.items():
            if name not in self.hidden_totals:
                box[name] = [value, value]
        lines = []
        for table, column, total in LINES:
            cells = list(self.column(table, column))
            if total in self.totals and cells:
                shown = sum(self.value(c) for c in cells if c not in self.cells)
                lines.append((total, [c for c in cells if c in self.cells], shown))
        changed = True
        while changed:
            changed = False
            for total, hidden, shown in lines:
                t = box[total]
                lows, highs = [box[c][0] for c in hidden], [box[c][1] for c in hidden]
                new_t = [max(t[0], shown + sum(lows)), min(t[1], shown + sum(highs))]
                if new_t != t:
                    box[total], changed = new_t, True
                t = box[total]
                for k, c in enumerate(hidden):
                    rest_low, rest_high = sum(lows) - lows[k], sum(highs) - highs[k]
                    new = [max(box[c][0], t[0] - shown - rest_high), min(box[c][1], t[1] - shown - rest_low)]
                    if new != box[c]:
                        box[c], changed = new, True
        for total, hidden, _ in lines:
            for c in hidden:
                if box[c][0] == box[c][1]:
                    return total, c
            if total in self.hidden_totals and box[total][0] == box[total][1]:
                return total, total
        return None

    def repair(self, total: str, found: Cell | str) -> None:
        """Hide one more thing so that ``found`` is no longer worked out from ``total``'s lines."""
        own = [(t, c) for t, c, n in LINES if n == total]
        if isinstance(found, str):
            # A hidden total is pinned by a line whose cells are all shown: open that line first.
            own.sort(key=lambda line: sum(c in self.cells for c in self.column(*line)))
        else:
            own.sort(key=lambda line: line != (found[0], found[2]))  # the cell's own line first
        for table, column in own:
            shown = [c for c in self.column(table, column) if c not in self.cells and self.value(c) > 0]
            if shown:
                self.hide(min(shown, key=lambda c: (self.value(c), self.key(c))))
                return
            if not isinstance(found, str) and self.hide_total(total):
                return
        raise AssertionError(f"nothing left to suppress for total {total}")  # cannot happen: every cell hidden is safe


def suppress(compilation: Compilation, min_cell: int = DEFAULT_MIN_CELL) -> Compilation:
    """``compilation`` with every count below ``min_cell`` suppressed, and the complementary cells."""
    check_min_cell(min_cell)
    grid = _Grid(compilation)
    for table, columns in COUNTS.items():
        for column in columns:
            for cell in grid.column(table, column):
                if 0 < grid.value(cell) < min_cell:
                    grid.hide(cell)
    for name in COUNT_TOTALS:
        if 0 < compilation.totals.get(name, 0) < min_cell:
            grid.hide_total(name)
    while True:
        grid.close()
        found = grid.exposed()
        if found is None:
            break
        grid.repair(*found)
    tables = tuple(_masked(t, grid) for t in compilation.tables)
    totals = {k: SUPPRESSED if k in grid.hidden_totals else v for k, v in compilation.totals.items()}
    return replace(compilation, totals=totals, tables=tables, min_cell=min_cell)


def _masked(table: Table, grid: _Grid) -> Table:
    rows = [tuple(SUPPRESSED if (table.name, i, col) in grid.cells else v for col, v in zip(table.columns, row,
                                                                                          strict=True))
            for i, row in enumerate(table.rows)]
    rank = RANKED.get(table.name)
    if rank is not None:
        k = table.columns.index(rank)
        rows.sort(key=lambda r: (r[k] is SUPPRESSED, 0 if r[k] is SUPPRESSED else -r[k], str(r[0])))
    return replace(table, rows=tuple(rows))
