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


def report(start: date | None, end: date | None, csv_dir: Path | None, public: bool, min_cell: int | None,
           contribution: bool, fmt: str, output: Path | None, vault: VaultAccess, json_out: bool,
           lang: str = "en") -> None:
    """Compile a reporting period (internal, or ``--public``), with its CSVs, or write the contribution."""
    from amparo.service import write_file

    threshold = {} if min_cell is None else {"min_cell": min_cell}
    with open_workspace(vault) as ws:
        if contribution:
            assert output is not None  # checked before the prompt
            written = write_file(output, ws.reports.contribution(start, end, fmt=fmt, language=lang,
                                                                        **threshold))
            if json_out:
                print_json({"written": str(written), "format": fmt, "audience": "public"})
            else:
                console.print(f"Wrote the contribution to {text(written)}.")
            return
        audience = "public" if public else "internal"
        compilation = ws.reports.compile(start, end, audience=audience, **threshold)
        files = (ws.reports.write_csv(csv_dir, start, end, audience=audience, **threshold)
                 if csv_dir is not None else [])
    if json_out:
        print_json(compilation.to_json())
    else:
        _print(compilation)
    if files:
        console.print(f"Wrote {len(files)} {audience} CSV files to {text(csv_dir)}.")


def _print(compilation) -> None:
    from rich.table import Table

    # The audience first, where nobody can miss it: a screenshot of the table carries it.
    console.print(text(compilation.label), style="bold red" if not compilation.public else "bold")
    if not compilation.public:
        console.print("Cases whose people did not consent to a public mention are counted here. "
                      "For figures you may publish, use --public.")
    t = compilation.totals
    period = f"Reporting period {compilation.start} – {compilation.end}"
    if compilation.public:  # a value may read "not shown": one "label: value" each
        console.print(text(f"{period}: cases {t['cases']} (new {t['new_cases']}, already reported "
                           f"{t['follow_up_cases']}), acts {t['reprisal_acts']}, people {t['people']}, "
                           f"countries {t['countries']}."))
        console.print(text(f"Cases left out for lack of consent: {compilation.withheld}."))
    else:
        console.print(text(f"{period}: {t['cases']} cases ({t['new_cases']} new, {t['follow_up_cases']} already "
                           f"reported), {t['reprisal_acts']} acts, {t['people']} people, "
                           f"{t['countries']} countries."))
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
