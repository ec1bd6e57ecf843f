"""The compilation as CSV files, one per table (pure: no disk).

Every file says whom it is for, so that a file sent on alone still does: its name starts
with the audience (``internal-countries.csv``, ``public-countries.csv``) and
``<audience>-totals.csv`` carries the audience, its notice and, for public figures, the
threshold and the number of withheld cases. A suppressed cell reads ``suppressed``.
"""

from __future__ import annotations

import csv
import io

from amparo.reporting.compilation import Compilation, exported


def _cell(value: object) -> object:
    return "" if value is None else exported(value)


def csv_name(compilation: Compilation, table: str) -> str:
    """The file name of one table (``totals`` included) for the compilation's audience."""
    return f"{compilation.audience}-{table}.csv"


def csv_tables(compilation: Compilation) -> dict[str, bytes]:
    """File name → CSV bytes: the totals and one file per table (UTF-8, header row)."""
    files: dict[str, bytes] = {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    head = {"audience": compilation.audience, "notice": compilation.label,
            "period_from": compilation.start.isoformat(), "period_to": compilation.end.isoformat()}
    if compilation.public:
        head |= {"min_cell": compilation.min_cell, "withheld_cases": compilation.withheld}
    head |= {k: _cell(v) for k, v in compilation.totals.items()}
    writer.writerow(head)
    writer.writerow(head.values())
    files[csv_name(compilation, "totals")] = out.getvalue().encode("utf-8")
    for table in compilation.tables:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows(tuple(_cell(v) for v in row) for row in table.rows)
        files[csv_name(compilation, table.name)] = out.getvalue().encode("utf-8")
    return files
