"""Report commands: ``report`` (compile a period, export it, write the contribution) and
``precedents import``; declared in ``declarations/report.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.cli.output import console, print_json, text
from amparo.cli.vault_access import open_workspace

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from amparo.cli.vault_access import VaultAccess


def report(start: date | None, end: date | None, csv_dir: Path | None, contribution: bool, fmt: str,
           output: Path | None, vault: VaultAccess, json_out: bool) -> None:
    """Compile a reporting period, with its CSVs, or write the contribution to the SG's call."""
    from amparo.service import write_file

    with open_workspace(vault) as ws:
        if contribution:
            assert output is not None  # checked before the prompt
            written = write_file(output, ws.reports.contribution(start, end, fmt=fmt))
            if json_out:
                print_json({"written": str(written), "format": fmt})
            else:
                console.print(f"Wrote the contribution to {text(written)}.")
            return
        compilation = ws.reports.compile(start, end)
        files = ws.reports.write_csv(csv_dir, start, end) if csv_dir is not None else []
    if json_out:
        print_json(compilation.to_json())
    else:
        _print(compilation)
    if files:
        console.print(f"Wrote {len(files)} CSV files to {text(csv_dir)}.")


def _print(compilation) -> None:
    from rich.table import Table

    t = compilation.totals
    console.print(text(f"Reporting period {compilation.start} – {compilation.end}: {t['cases']} cases "
                       f"({t['new_cases']} new, {t['follow_up_cases']} already reported), "
                       f"{t['reprisal_acts']} acts, {t['people']} people, {t['countries']} countries."))
    for table in compilation.tables:
        if not table.rows:
            continue
        view = Table(*(text(c.replace("_", " ")) for c in table.columns), title=text(table.title),
                     title_justify="left")
        for row in table.rows:
            view.add_row(*("–" if v is None else text(v) for v in row))
        console.print(view)


def import_precedents(file: Path, vault: VaultAccess, json_out: bool) -> None:
    """Import public precedents into the vault's library: every row checked, all or nothing."""
    with open_workspace(vault) as ws:
        ids = ws.reports.import_precedents(file)
    if json_out:
        print_json({"imported": ids})
    else:
        console.print(f"Imported {len(ids)} precedents.")
