"""Report commands: ``report`` (compile a period, export it, write the contribution) and
``precedents import``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from amparo.cli.options import JsonOpt, PassFileOpt, VaultOpt, open_workspace
from amparo.cli.output import console, print_json


def register(app: typer.Typer) -> None:
    """Add ``report`` and ``precedents import`` to ``app``."""
    app.command("report")(report)
    group = typer.Typer(help="Add public precedents to the vault's library.", no_args_is_help=True)
    group.command("import")(import_precedents)
    app.add_typer(group, name="precedents")


def report(start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD "
                                                        "(default: 1 May of the current reporting period).")] = None,
           end: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (default: the "
                                                      "30 April that ends the period).")] = None,
           csv_dir: Annotated[Path | None, typer.Option("--csv", help="Write one CSV per table into this "
                                                           "folder (all or nothing).")] = None,
           contribution: Annotated[bool, typer.Option("--contribution", help="Write the contribution to "
                                                          "the Secretary-General's call instead.")] = False,
           fmt: Annotated[str, typer.Option("--format", help="Contribution format: pdf, docx or md.")] = "pdf",
           output: Annotated[Path | None, typer.Option("-o", "--output", help="The contribution file.")] = None,
           vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Compile a reporting period: cases by country, reprisal, body, people, and how avenues answered.

    Example: amparo report --from 2025-05-01 --to 2026-04-30 --csv figures/
    Example: amparo report --contribution --format pdf -o contribution.pdf
    """
    from amparo.model.errors import InvalidInput, Problem
    from amparo.service import CONTRIBUTION_FORMATS, parse_day, write_file

    # Checked before the passphrase is asked: a typo should not cost an unlock.
    first, last = parse_day(start, "--from"), parse_day(end, "--to")
    if first and last and first > last:
        raise InvalidInput(Problem("--from", f"the period starts on {first}, after its end {last}"))
    if contribution:
        if output is None:
            raise InvalidInput(Problem("-o", "give the file to write the contribution to, e.g. -o contribution.pdf"))
        if fmt not in CONTRIBUTION_FORMATS:
            raise InvalidInput(Problem("--format", f"{fmt!r} is not one of {', '.join(CONTRIBUTION_FORMATS)}"))
    with open_workspace(vault, passphrase_file) as ws:
        if contribution:
            assert output is not None
            written = write_file(output, ws.reports.contribution(first, last, fmt=fmt))
            if json_out:
                print_json({"written": str(written), "format": fmt})
            else:
                console.print(f"Wrote the contribution to {written}.", markup=False)
            return
        compilation = ws.reports.compile(first, last)
        files = ws.reports.write_csv(csv_dir, first, last) if csv_dir is not None else []
    if json_out:
        print_json(compilation.to_json())
    else:
        _print(compilation)
    if files:
        console.print(f"Wrote {len(files)} CSV files to {csv_dir}.", markup=False)


def _print(compilation) -> None:
    from rich.table import Table

    t = compilation.totals
    console.print(f"Reporting period {compilation.start} – {compilation.end}: {t['cases']} cases "
                  f"({t['new_cases']} new, {t['follow_up_cases']} already reported), "
                  f"{t['reprisal_acts']} acts, {t['people']} people, {t['countries']} countries.", markup=False)
    for table in compilation.tables:
        if not table.rows:
            continue
        view = Table(*(c.replace("_", " ") for c in table.columns), title=table.title, title_justify="left")
        for row in table.rows:
            view.add_row(*("–" if v is None else str(v) for v in row))
        console.print(view)


def import_precedents(file: Annotated[Path, typer.Argument(help="A .csv or .json file of precedents.")],
                      vault: VaultOpt = None, passphrase_file: PassFileOpt = None,
                      json_out: JsonOpt = False) -> None:
    """Import public precedents into the vault's library: every row checked, all or nothing.

    Example: amparo precedents import precedents.csv
    """
    with open_workspace(vault, passphrase_file) as ws:
        ids = ws.reports.import_precedents(file)
    if json_out:
        print_json({"imported": ids})
    else:
        console.print(f"Imported {len(ids)} precedents.", markup=False)
