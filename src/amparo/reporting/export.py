"""The compilation as CSV files (one per table) and as JSON bytes (pure: no disk)."""

from __future__ import annotations

import csv
import io

from amparo.reporting.compilation import Compilation


def _cell(value: object) -> object:
    return "" if value is None else value


def csv_tables(compilation: Compilation) -> dict[str, bytes]:
    """File name → CSV bytes: ``totals.csv`` and one file per table (UTF-8, header row)."""
    files: dict[str, bytes] = {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("period_from", "period_to", *compilation.totals))
    writer.writerow((compilation.start.isoformat(), compilation.end.isoformat(),
                     *compilation.totals.values()))
    files["totals.csv"] = out.getvalue().encode("utf-8")
    for table in compilation.tables:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows(tuple(_cell(v) for v in row) for row in table.rows)
        files[f"{table.name}.csv"] = out.getvalue().encode("utf-8")
    return files
