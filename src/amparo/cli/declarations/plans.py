"""Declarations of ``triage`` (every avenue that fits) and ``draft`` (the notification to one)."""

from __future__ import annotations

from amparo.cli.declare import OPENS, Arg, Command, CommandLineError, Unlock, path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from argparse import Namespace

#: A case id needs the vault; a case-facts file does not.
FOR_A_CASE_ID = Unlock(when=lambda args: args.facts is None)


def _one_case(args: Namespace) -> None:
    if (args.case_id is None) == (args.facts is None):
        raise CommandLineError("give a case id or --facts FILE (one of them)")


def _draft(args: Namespace) -> None:
    if not args.to:
        raise CommandLineError("--to: which avenue? e.g. --to hrc:president")
    _one_case(args)
    if args.output is not None:
        from amparo.service import check_output

        check_output(args.output, force=args.force, option="-o")
    elif args.fmt in ("pdf", "docx", "eml"):
        raise CommandLineError(f"--output: a {args.fmt} draft needs -o FILE")


DECLARED = (
    Command("triage", "Show every avenue that fits the case, ranked, with what each step would disclose.",
            run="triage_commands:triage", prepare=_one_case, unlock=FOR_A_CASE_ID,
            args=(Arg("case_id", metavar="CASE", nargs="?", help="A case id in the vault."),
                  Arg("--facts", metavar="FILE", type=path,
                      help="A case-facts JSON file instead of a case id (no vault needed; the vault folder's own "
                           "knowledge-base entries are used when it has any)."),
                  Arg("--lang", metavar="LANG", default=None, choices=("ar", "zh", "en", "fr", "ru", "es"),
                      help="Language of the plan: ar, zh, en, fr, ru, es (default: the language of "
                           "correspondence in your profile when the vault is open; else English)."),
                  *OPENS),
            examples=("amparo triage C-K3VQ7M2A", "amparo triage C-K3VQ7M2A --lang fr",
                      "amparo triage --facts case.json --json")),
    Command("draft", "Draft the notification to an avenue, with names removed where consent stops short.",
            run="draft_commands:draft", prepare=_draft, unlock=FOR_A_CASE_ID,
            details="A file written with -o is readable by you alone (mode 600).",
            args=(Arg("case_id", metavar="CASE", nargs="?", help="A case id in the vault."),
                  Arg("--to", metavar="AVENUE", default="", help="The avenue id, e.g. sp:human-rights-defenders."),
                  Arg("--lang", metavar="LANG", default=None,
                      help="Language of the letter: ar, zh, en, fr, ru, es (default: the language of "
                           "correspondence in your profile, when the avenue works in it; else English)."),
                  Arg("--format", dest="fmt", metavar="FORMAT", default="txt",
                      help="txt, md, eml, pdf, docx, or sp-questionnaire (the answers to OHCHR's online "
                           "form for Special Procedures, field by field, to paste)."),
                  Arg("-o", "--output", metavar="FILE", type=path, help="Write to this file."),
                  Arg("--action", metavar="ACTION", help="The avenue action drafted for (default: its primary one)."),
                  Arg("--anonymise", action="store_true", help="Use the anonymised form the avenue accepts."),
                  Arg("--attach", action="append", metavar="EVIDENCE",
                      help="Evidence id to attach (eml; repeatable)."),
                  Arg("--facts", metavar="FILE", type=path,
                      help="A case-facts file instead of a case id (no vault needed; the vault folder's own "
                           "knowledge-base entries are used)."),
                  Arg("--accept-passages", metavar="IDS",
                      help="Passage ids (P-…, comma-separated) of your own text to keep as written although "
                           "they may point at someone the letter does not name (your choice is recorded)."),
                  Arg("--force", action="store_true", help="Overwrite the output file."),
                  *OPENS),
            examples=("amparo draft C-K3VQ7M2A --to hrc:president --lang fr --format pdf -o lettre.pdf",
                      "amparo draft C-K3VQ7M2A --to sg:report --accept-passages P-3fa2c1")),
)
