"""Declarations of ``report`` (compile a period, export it, write the contribution) and
``precedents import``."""

from __future__ import annotations

from amparo.cli.declare import OPENS, UNLOCK, Arg, Command, CommandLineError, Group, day, path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from argparse import Namespace


#: The bounds of --min-cell (amparo.reporting.suppression checks the same, after the prompt).
LOWEST_MIN_CELL, HIGHEST_MIN_CELL = 2, 1000


def min_cell(value: str) -> int:
    """An argparse type: the small-cell threshold, a whole number from 2 to 1000."""
    from argparse import ArgumentTypeError

    try:
        n = int(value.strip())
    except ValueError:
        raise ArgumentTypeError(f"{value!r} is not a whole number; 3 is the usual threshold") from None
    if not LOWEST_MIN_CELL <= n <= HIGHEST_MIN_CELL:
        raise ArgumentTypeError(f"{n} is not between {LOWEST_MIN_CELL} and {HIGHEST_MIN_CELL}; "
                                "3 is the usual threshold")
    return n


def _report(args: Namespace) -> None:
    # Checked before the passphrase is asked: a typo should not cost an unlock.
    if args.start and args.end and args.start > args.end:
        raise CommandLineError(f"--from: the period starts on {args.start}, after its end {args.end}")
    if args.min_cell is not None and not (args.public or args.contribution):
        raise CommandLineError("--min-cell: only public figures suppress small counts; add --public "
                               "(the contribution is always public)")
    if args.contribution:
        from amparo.service import CONTRIBUTION_FORMATS, check_output

        if args.output is None:
            raise CommandLineError("-o: give the file to write the contribution to, e.g. -o contribution.pdf")
        if args.fmt not in CONTRIBUTION_FORMATS:
            raise CommandLineError(f"--format: {args.fmt!r} is not one of {', '.join(CONTRIBUTION_FORMATS)}")
        check_output(args.output, force=True, option="-o")  # the folder; an existing file is replaced, as before


DECLARED = (
    Command("report", "Compile a reporting period: cases by country, reprisal, body, people, and how avenues "
                      "answered.",
            run="report_commands:report", prepare=_report, unlock=UNLOCK,
            details="Tables, --json and --csv are internal by default: every case, for your team only. "
                    "--public gives the figures you may publish: only cases whose people consent at least "
                    "to a public anonymous mention, counts below --min-cell (3) suppressed with the counts "
                    "that would reveal them. The contribution is always public. Every file written (the "
                    "CSVs, the contribution) is readable by you alone (mode 600).",
            args=(Arg("--from", dest="start", metavar="DATE", type=day,
                      help="First day, YYYY-MM-DD (default: 1 May of the current reporting period)."),
                  Arg("--to", dest="end", metavar="DATE", type=day,
                      help="Last day, YYYY-MM-DD (default: the 30 April that ends the period)."),
                  Arg("--csv", dest="csv_dir", metavar="FOLDER", type=path,
                      help="Write one CSV per table into this folder (all or nothing)."),
                  Arg("--public", action="store_true",
                      help="Public figures: only cases whose people consent to a public mention, small "
                           "counts suppressed (default: internal, every case)."),
                  Arg("--min-cell", dest="min_cell", metavar="N", type=min_cell,
                      help="With --public or --contribution: counts below N are not shown (default 3)."),
                  Arg("--contribution", action="store_true",
                      help="Write the contribution to the Secretary-General's call instead (always public)."),
                  Arg("--format", dest="fmt", metavar="FORMAT", default="pdf",
                      help="Contribution format: pdf, docx or md."),
                  Arg("-o", "--output", metavar="FILE", type=path, help="The contribution file."),
                  Arg("--lang", metavar="LANG", default="en",
                      help="Language of the contribution: ar, zh, en, fr, ru, es."),
                  *OPENS),
            examples=("amparo report --from 2025-05-01 --to 2026-04-30 --csv figures/",
                      "amparo report --public --min-cell 5 --csv public-figures/",
                      "amparo report --contribution --format pdf -o contribution.pdf")),
    Group("precedents", "Add public precedents to the vault's library.", (
        Command("import", "Import public precedents into the vault's library: every row checked, all or nothing.",
                run="report_commands:import_precedents", unlock=UNLOCK,
                args=(Arg("file", metavar="FILE", type=path, help="A .csv or .json file of precedents."), *OPENS),
                examples=("amparo precedents import precedents.csv",)),
    )),
)
