"""``amparo draft``: the notification an avenue expects, redacted by consent.

Declared in ``declarations/plans.py`` (the output file is checked there, before any prompt).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.cli.output import console, print_json, text, warn
from amparo.cli.vault_access import folder_context, open_workspace

if TYPE_CHECKING:
    from pathlib import Path

    from amparo.cli.vault_access import VaultAccess
    from amparo.service import Workspace


def draft(case_id: str | None, to: str, lang: str | None, fmt: str, output: Path | None, action: str | None,
          anonymise: bool, attach: list[str] | None, facts: Path | None, force: bool, vault: VaultAccess,
          json_out: bool, accept_passages: str | None = None) -> None:
    """Draft the notification to an avenue, with names removed where consent stops short."""
    from amparo.service import write_file

    keep = tuple(x.strip() for x in (accept_passages or "").split(",") if x.strip())
    if facts is not None:
        from amparo.service import make_draft, plan_case, read_facts

        ctx = folder_context(vault)
        case = read_facts(ctx, facts)
        result = make_draft(ctx, case, plan_case(ctx, case), avenue=to, language=lang or "en", fmt=fmt, action=action,
                            anonymise=anonymise, accept_passages=keep)
    else:
        with open_workspace(vault) as ws:
            if lang is None:
                lang = _default_language(ws, to)
            result = ws.drafts.draft(case_id, avenue=to, language=lang, fmt=fmt, action=action,
                                     anonymise=anonymise, attach=tuple(attach or ()), accept_passages=keep)
    # What the person sending must fix (no address for the body, no writer's profile)
    # is said before the file exists, so that nobody sends it unread.
    for warning in result.document.warnings:
        warn(warning)
    if output is not None:
        write_file(output, result.data)
    if json_out:
        print_json({**result.to_json(), "output": str(output) if output else None})
    elif output is None:
        console.print(text(result.data.decode("utf-8"), multiline=True))
    else:
        console.print(f"Draft written to {text(output)} (SHA-256 {text(result.sha256[:16])}…).")
    for r in result.document.redactions:
        warn(f"{r.ref} is not named in this draft ({r.reason}); described as: {r.description}")
    for p in result.document.passages:
        warn(p.describe())
    for a in result.document.attachments:
        if a.warning:
            warn(a.warning)
    for note in result.document.sending_notes:
        warn(note)


def _default_language(ws: Workspace, avenue: str) -> str:
    """The profile's language of correspondence, unless the avenue does not work in it (said)."""
    chosen = ws.drafts.default_language(avenue)
    if chosen.refused:
        warn(f"{avenue} does not take letters in {chosen.refused} (your profile's language of correspondence); "
             f"it accepts {', '.join(chosen.accepted)}. This letter is in {chosen.code}: "
             f"choose another with --lang {' | --lang '.join(chosen.accepted)}.")
    return chosen.code
