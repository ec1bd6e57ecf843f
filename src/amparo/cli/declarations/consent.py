"""Declarations of ``consent sheet``: the conversation to have with a person before anything is sent."""

from __future__ import annotations

from amparo.cli.declare import OPENS, Arg, Command, CommandLineError, Group, Unlock, path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from argparse import Namespace

#: A case id needs the vault; a case-facts file does not.
FOR_A_CASE_ID = Unlock(when=lambda args: args.facts is None)
FORMATS = ("pdf", "docx", "md")


def _sheet(args: Namespace) -> None:
    if (args.case_id is None) == (args.facts is None):
        raise CommandLineError("give a case id or --facts FILE (one of them)")
    if args.fmt not in FORMATS:
        raise CommandLineError(f"--format: {args.fmt!r} is not one of {', '.join(FORMATS)}"
                               if args.fmt.isidentifier() else f"--format: give one of {', '.join(FORMATS)}")
    if args.output is not None:
        from amparo.service import check_output

        check_output(args.output, force=args.force, option="-o")
    elif args.fmt != "md":
        raise CommandLineError(f"--output: a {args.fmt} sheet needs -o FILE")


DECLARED = (Group("consent", "The consent conversation sheet to go through with a person before anything is sent.", (
    Command("sheet", "Print the consent conversation sheet for a case, in the person's language.",
            run="consent_commands:sheet", prepare=_sheet, unlock=FOR_A_CASE_ID,
            details="The sheet explains, in plain words, each circle of disclosure with an example from the "
                    "case's plan, what each avenue's steps would make known and what the person's present "
                    "answer allows, the risks the guidance names for them, and has a place to write the answer "
                    "(when, how, through whom, the circles, per avenue, a review date). Each person's section "
                    "starts on a new page and names nobody else. A file written with -o is readable by you "
                    "alone (mode 600); the sheet bears the person's name: destroy the paper once the answer is "
                    "recorded.",
            args=(Arg("case_id", metavar="CASE", nargs="?", help="A case id in the vault."),
                  Arg("--person", metavar="REF", help="Only this person's section (their ref, e.g. p1)."),
                  Arg("--lang", metavar="LANG", default="en", help="The person's language: ar, zh, en, fr, ru, es."),
                  Arg("--format", dest="fmt", metavar="FORMAT", default="pdf", help="pdf, docx or md."),
                  Arg("-o", "--output", metavar="FILE", type=path, help="Write to this file."),
                  Arg("--facts", metavar="FILE", type=path,
                      help="A case-facts file instead of a case id (no vault needed)."),
                  Arg("--force", action="store_true", help="Overwrite the output file."),
                  *OPENS),
            examples=("amparo consent sheet C-K3VQ7M2A --person p1 --lang es --format pdf -o consentimiento.pdf",
                      "amparo consent sheet --facts case.json --lang fr --format md")),
)),)
