"""``amparo consent sheet``: the consent conversation sheet, for a stored case or for case facts.

Declared in ``declarations/consent.py`` (the output file is checked there, before any prompt).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from amparo.cli.output import console, print_json, text
from amparo.cli.vault_access import folder_context, open_workspace

if TYPE_CHECKING:
    from pathlib import Path

    from amparo.cli.vault_access import VaultAccess


def sheet(case_id: str | None, person: str | None, lang: str, fmt: str, output: Path | None, facts: Path | None,
          force: bool, vault: VaultAccess, json_out: bool) -> None:
    """Make the sheet and write it to ``output`` (Markdown may go to the terminal)."""
    from amparo.service import write_file

    if facts is not None:
        from amparo.service import make_consent_sheet, plan_case, read_facts

        ctx = folder_context(vault)
        case = read_facts(ctx, facts)
        result = make_consent_sheet(ctx, case, plan_case(ctx, case), person=person, language=lang, fmt=fmt)
    else:
        with open_workspace(vault) as ws:
            result = ws.consent_sheets.sheet(case_id, person=person, language=lang, fmt=fmt)
    if output is not None:
        write_file(output, result.data)
    if json_out:
        print_json({**result.to_json(), "output": str(output) if output else None})
    elif output is None:
        # Written as it is, not through Rich: Markdown must keep its own line breaks (a
        # wrapped quote line would lose its ">"); text() still strips control sequences.
        sys.stdout.write(text(result.data.decode("utf-8"), multiline=True, markup=False))
        sys.stdout.flush()
    else:
        sections = len(result.sheet.people)
        console.print(f"Consent sheet written to {text(output)} ({sections} section(s), one per person; each "
                      "starts on a new page). It bears the person's name: keep the paper safe and destroy it "
                      "once the answer is recorded (amparo case consent).")
