"""``amparo draft``: the notification an avenue expects, redacted by consent."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from amparo.cli.options import JsonOpt, PassFileOpt, VaultOpt, folder_context, open_workspace
from amparo.cli.output import console, print_json, text, warn


def register(app: typer.Typer) -> None:
    """Add the draft command to ``app``."""
    app.command("draft")(draft)


def draft(case_id: Annotated[str | None, typer.Argument(help="A case id in the vault.")] = None,
          to: Annotated[str, typer.Option("--to", help="The avenue id, e.g. sp:human-rights-defenders.")] = "",
          lang: Annotated[str, typer.Option("--lang", help="Language of the letter: en, fr, es.")] = "en",
          fmt: Annotated[str, typer.Option("--format", help="txt, md, eml, pdf or docx.")] = "txt",
          output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")] = None,
          action: Annotated[str | None, typer.Option(help="The avenue action drafted for "
                                                         "(default: its primary one).")] = None,
          anonymise: Annotated[bool, typer.Option("--anonymise", help="Use the anonymised form the avenue "
                                                                    "accepts.")] = False,
          attach: Annotated[list[str] | None, typer.Option("--attach", help="Evidence id to attach (eml; "
                                                                            "repeatable).")] = None,
          facts: Annotated[Path | None, typer.Option("--facts", help="A case-facts file instead of a case id "
                                                                     "(no vault needed; the vault folder's own "
                                                                     "knowledge-base entries are used).")] = None,
          accept_passages: Annotated[str | None, typer.Option(
              "--accept-passages", help="Passage ids (P-…, comma-separated) of your own text to keep as written "
                                        "although they may point at someone the letter does not name.")] = None,
          force: Annotated[bool, typer.Option("--force", help="Overwrite the output file.")] = False,
          vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Draft the notification to an avenue, with names removed where consent stops short.

    Example: amparo draft C-K3VQ7M2A --to hrc:president --lang fr --format pdf -o lettre.pdf
    """
    from amparo.service import check_output, write_file

    if not to:
        raise typer.BadParameter("which avenue? e.g. --to hrc:president", param_hint="--to")
    if (case_id is None) == (facts is None):
        raise typer.BadParameter("give a case id or --facts FILE (one of them)")
    if output is not None:
        check_output(output, force=force, option="-o")
    elif fmt in ("pdf", "docx", "eml"):
        raise typer.BadParameter(f"a {fmt} draft needs -o FILE", param_hint="--output")
    keep = tuple(x.strip() for x in (accept_passages or "").split(",") if x.strip())
    if facts is not None:
        from amparo.service import make_draft, plan_case, read_facts

        ctx = folder_context(vault)
        case = read_facts(ctx, facts)
        result = make_draft(ctx, case, plan_case(ctx, case), avenue=to, language=lang, fmt=fmt, action=action,
                            anonymise=anonymise, accept_passages=keep)
    else:
        with open_workspace(vault, passphrase_file) as ws:
            result = ws.drafts.draft(case_id, avenue=to, language=lang, fmt=fmt, action=action, anonymise=anonymise,
                                     attach=tuple(attach or ()), accept_passages=keep)
    if output is not None:
        write_file(output, result.data)
    if json_out:
        print_json({**result.to_json(), "output": str(output) if output else None})
    elif output is None:
        console.print(result.data.decode("utf-8"), markup=False, highlight=False)
    else:
        console.print(f"Draft written to {text(output)} (SHA-256 {result.sha256[:16]}…).")
    for r in result.document.redactions:
        warn(f"{r.ref} is not named in this draft ({r.reason}); described as: {r.description}")
    for p in result.document.passages:
        warn(p.describe())
    for a in result.document.attachments:
        if a.warning:
            warn(a.warning)
    for note in result.document.sending_notes:
        warn(note)
