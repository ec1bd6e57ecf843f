"""Declarations of the case commands: new, import, list, show, edit, consent, note, export, close,
reopen, delete."""

from __future__ import annotations

from amparo.cli.declare import (
    ASK,
    OPENS,
    PASSPHRASE_FILE,
    UNLOCK,
    VAULT,
    Arg,
    Command,
    CommandLineError,
    Group,
    day,
    path,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from argparse import Namespace

CASE = Arg("case_id", metavar="CASE", help="The case id, e.g. C-K3VQ7M2A.")
OPEN = (VAULT, PASSPHRASE_FILE)
CONSENT_LEVELS = "none, un-confidential, state, public-anonymous, public-named; or several circles."


def _import(args: Namespace) -> None:
    # Bad input is reported before the passphrase is asked (this loads the model and the
    # knowledge base first: a bad file is a likelier mistake than a slow prompt is a cost).
    from amparo.cli.vault_access import folder_context
    from amparo.service import read_facts

    read_facts(folder_context(args.vault), args.file)


def _list(args: Namespace) -> None:
    from amparo.cli.private_input import search_words

    args.search = search_words(args.search, args.search_file)
    del args.search_file


def _edit(args: Namespace) -> None:
    from amparo.cli.private_input import gather_edits

    if not args.set_ and args.set_file is None and args.from_file is None:
        raise CommandLineError("give --set PATH[=VALUE], --set-file FILE or --from FILE")
    args.set_ = gather_edits(args.set_, args.set_file)
    del args.set_file


def _consent(args: Namespace) -> None:
    # The whole consent is checked before the passphrase is asked: the circles, each
    # --avenue scope (against the knowledge base, which loads only when one is given) and
    # the review date. A refusal names the option and the avenue, never a value that is
    # not an identifier.
    from amparo.cli.consent_input import consent_value

    args.level = consent_value(args.level, args.scopes or (), args.review_on, args.vault)
    del args.scopes, args.review_on


def _note(args: Namespace) -> None:
    from amparo.cli.private_input import read_text
    from amparo.cli.prompts import ask

    # Asked before the passphrase, so that the vault is not held open while someone types.
    args.body = read_text(args.file, "--file") if args.file is not None else ask("Note")
    del args.file


def _export(args: Namespace) -> None:
    if args.output is not None:
        from amparo.service import check_output

        check_output(args.output, force=args.force, option="-o")


_ACTING = ("Acts as the user given by --db URL --user EMAIL --password-file FILE [--totp CODE] "
           "--org-key-file FILE.")


def _server_only(args: Namespace) -> None:
    from amparo.cli.declarations.user import server_only

    server_only(args)


DECLARED = (Group("case", "Record, list, show, edit, export and delete cases.", (
    Command("new", "Record a new case, step by step, in plain language.", run="case_commands:new",
            args=OPENS, unlock=UNLOCK),
    Command("import", "Import a case from a case-facts JSON file (all or nothing); prints the new id.",
            run="case_commands:import_", prepare=_import, unlock=UNLOCK,
            args=(Arg("file", metavar="FILE", type=path, help="A case-facts JSON file."), *OPENS),
            examples=("amparo case import case.json --json",)),
    Command("list", "List cases, most recently changed first.", run="case_commands:list_", prepare=_list,
            unlock=UNLOCK,
            details="Search words typed after --search stay in your shell history: give --search alone "
                    "to be asked for them, --search - to read them from stdin, or --search-file FILE.",
            args=(*OPENS,
                  Arg("--country", metavar="CODE", help="ISO country code, e.g. HN."),
                  Arg("--reprisal", metavar="TYPE", help="A reprisal type, e.g. travel-ban."),
                  Arg("--body", metavar="BODY", help="A body engaged, e.g. tb:CAT."),
                  Arg("--search", nargs="?", const=ASK, metavar="WORDS",
                      help="Full-text search over the vault; alone, the words are asked at a prompt; "
                           "- reads them from stdin."),
                  Arg("--search-file", metavar="FILE", type=path, help="Read the search words from this file.")),
            examples=("amparo case list --country HN --search",)),
    Command("show", "Show a case: people and their consent, engagements, reprisals, status, history.",
            run="case_commands:show", args=(CASE, *OPENS), unlock=UNLOCK),
    Command("edit", "Edit a case: targeted --set changes, or a whole new version --from a file.",
            run="case_commands:edit", prepare=_edit, unlock=UNLOCK,
            details="A value typed after --set PATH= stays in your shell history: give --set PATH alone to be "
                    "asked for it, or put the changes in a --set-file (read before --set).",
            args=(CASE,
                  Arg("--set", dest="set_", action="append", metavar="PATH[=VALUE]",
                      help="PATH=VALUE, e.g. people[p1].location=in-exile; PATH alone asks for the value "
                           "(repeatable)."),
                  Arg("--set-file", metavar="FILE", type=path,
                      help="Lines of PATH=VALUE, or a JSON object of path → value."),
                  Arg("--from", dest="from_file", metavar="FILE", type=path,
                      help="Replace the facts with this case-facts file."),
                  *OPEN),
            examples=("amparo case edit C-K3VQ7M2A --set people[p1].location=in-exile",
                      "amparo case edit C-K3VQ7M2A --set people[p1].name",
                      "amparo case edit C-K3VQ7M2A --set-file changes.txt")),
    Command("consent", "Record a person's new consent (given, narrowed or withdrawn); the old one stays in history.",
            run="case_commands:consent", prepare=_consent, unlock=UNLOCK,
            details="LEVEL holds for every avenue unless --avenue says otherwise for one avenue or a family of "
                    "them. After the --review-on date the consent allows nothing until it is recorded again; "
                    "'amparo due' reminds you before. Before recording, go through 'amparo consent sheet' with "
                    "the person.",
            args=(CASE, Arg("person", metavar="PERSON", help="The person's ref, e.g. p1."),
                  Arg("level", metavar="LEVEL", nargs="+", help=CONSENT_LEVELS),
                  Arg("--avenue", dest="scopes", action="append", nargs=2, metavar=("AVENUE", "LEVEL"),
                      help="A different consent for one avenue (sg:report) or a family (sp:*): a level, or "
                           "circles joined by commas (repeatable)."),
                  Arg("--review-on", dest="review_on", metavar="DATE", type=day,
                      help="The day the consent must be confirmed again, YYYY-MM-DD (after it, it allows "
                           "nothing until renewed)."),
                  Arg("--method", metavar="HOW", help="in-person, in-writing, by-phone, secure-message, "
                                                      "by-relative, through-intermediary, other"),
                  Arg("--on", dest="given_on", metavar="DATE", type=day,
                      help="Date given, YYYY-MM-DD (default today)."),
                  *OPEN),
            examples=("amparo case consent C-K3VQ7M2A p1 un-confidential public-anonymous --method in-person",
                      "amparo case consent C-K3VQ7M2A p1 state --avenue sg:report public-anonymous "
                      "--avenue 'sp:*' none --review-on 2027-03-01")),
    Command("note", "Add a note to a case (typed at the prompt, or read from --file; never from the command line).",
            run="case_commands:note", prepare=_note, unlock=UNLOCK,
            args=(CASE, Arg("--file", metavar="FILE", type=path, help="Read the note from this file."), *OPEN)),
    Command("export", "Export a case as case-facts JSON (to stdout, or -o FILE): your full copy, or --for an "
                      "audience.",
            run="case_commands:export", prepare=_export, unlock=UNLOCK,
            args=(CASE,
                  Arg("-o", "--output", metavar="FILE", type=path, help="Write to this file."),
                  Arg("--force", action="store_true", help="Overwrite the output file."),
                  Arg("--for", dest="audience", metavar="AUDIENCE",
                      help="Redact for this audience: un-confidential, state, public-anonymous or public-named "
                           "(people whose consent stops short are described, not named)."),
                  *OPEN),
            examples=("amparo case export C-K3VQ7M2A --for state -o for-partner.json",)),
    Command("close", "Close a case with its outcome.", run="case_commands:close", unlock=UNLOCK,
            args=(CASE, Arg("outcome", metavar="OUTCOME",
                            help="resolved, released, protection-obtained, no-further-action, person-declined, "
                                 "referred-elsewhere, lost-contact, other"), *OPEN)),
    Command("reopen", "Reopen a closed case.", run="case_commands:reopen", args=(CASE, *OPEN), unlock=UNLOCK),
    Command("assign", "Make a team member responsible for a case (server mode).", run="team_commands:assign",
            prepare=_server_only, unlock=UNLOCK, details=_ACTING,
            args=(CASE, Arg("email", metavar="EMAIL", help="The team member's login."), VAULT)),
    Command("share", "Give a team member access to a case (server mode; audited).", run="team_commands:share",
            prepare=_server_only, unlock=UNLOCK, details=_ACTING,
            args=(CASE, Arg("email", metavar="EMAIL", help="The team member's login."), VAULT)),
    Command("unshare", "Take a team member's access to a case away (server mode; audited).",
            run="team_commands:unshare", prepare=_server_only, unlock=UNLOCK, details=_ACTING,
            args=(CASE, Arg("email", metavar="EMAIL", help="The team member's login."), VAULT)),
    Command("shred", "Crypto-shred a case (server mode): deleted, its keys destroyed, a signed record kept.",
            run="team_commands:shred", prepare=_server_only, unlock=UNLOCK,
            details="For a person's request to be forgotten, or a case under threat. Nothing of the case can be "
                    "read again from the database; a backup made before still holds it. " + _ACTING,
            args=(CASE, VAULT, Arg("--yes", action="store_true", help="Do not ask; for scripts."))),
    Command("delete", "Delete a case with its notes, follow-up, drafts and evidence files.",
            run="case_commands:delete", unlock=UNLOCK,
            args=(CASE, *OPEN, Arg("--yes", action="store_true", help="Do not ask; for scripts."))),
)),)
