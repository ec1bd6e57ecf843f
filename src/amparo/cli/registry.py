"""The CLI's commands as data: name, one-line summary, and the module that defines them.

``amparo --help`` is printed from this table without importing Typer, SQLAlchemy or
anything heavy, so that it answers at once (a frightened person on a slow laptop should
not wait for help). The Typer app is built from the same table, and a test checks that
the two agree.
"""

from __future__ import annotations

#: (name, summary, module under amparo.cli, is_group)
COMMANDS: tuple[tuple[str, str, str, bool], ...] = (
    ("init", "Create a new encrypted vault.", "vault_commands", False),
    ("unlock", "Check the passphrase and show what the vault holds (counts only).", "vault_commands", False),
    ("vault", "Lock, change the passphrase of, or destroy the vault.", "vault_commands", True),
    ("case", "Record, list, show, edit, export and delete cases.", "case_commands", True),
    ("evidence", "Add, export and verify encrypted evidence files.", "evidence_commands", True),
    ("triage", "Show every avenue that fits a case and what each step would disclose.", "triage_commands", False),
    ("draft", "Draft the notification an avenue expects, redacted by consent.", "draft_commands", False),
    ("action", "Record what was sent to an avenue.", "followup_commands", True),
    ("response", "Record what came back.", "followup_commands", True),
    ("event", "Record a change in someone's situation (released, charged, left the country…).",
     "followup_commands", True),
    ("timeline", "A case's engagements, reprisals, actions and responses in date order.",
     "followup_commands", False),
    ("due", "What is due or overdue across all cases, soonest first.", "followup_commands", False),
    ("report", "Compile a reporting period, export it, or write the contribution to the SG's call.",
     "report_commands", False),
    ("precedents", "Import public precedents in bulk (CSV or JSON), all or nothing.", "report_commands", True),
    ("kb", "List, show and check the knowledge base of avenues.", "kb_commands", True),
    ("schema", "Print the JSON Schema of an interchange format.", "kb_commands", False),
    ("audit", "Verify the hash-chained audit log.", "vault_commands", True),
    ("demo", "Create a demo vault with four fictional cases.", "demo_commands", False),
    ("tour", "A guided tour of the demo workspace in the terminal.", "demo_commands", False),
    ("serve", "Serve the web app on this computer (unlock the vault in the browser).", "serve_commands", False),
)

MODULES: tuple[str, ...] = tuple(dict.fromkeys(m for _, _, m, _ in COMMANDS))


def top_help(version: str) -> str:
    """The text of ``amparo --help``."""
    width = max(len(name) for name, *_ in COMMANDS)
    lines = [
        f"amparo {version}: record and follow up reprisals against people who cooperate",
        "with the UN, without disclosing anyone beyond their consent.",
        "",
        "Usage: amparo COMMAND [ARGS]...   (amparo COMMAND --help for details)",
        "",
        "Commands:",
    ]
    lines += [f"  {name.ljust(width)}  {summary}" for name, summary, _, _ in COMMANDS]
    lines += [
        "",
        "The vault is found at --vault PATH, else $AMPARO_VAULT, else your user data folder.",
        "The passphrase is asked at a prompt, or read from --passphrase-file / $AMPARO_PASSPHRASE_FILE.",
        "Every command that prints data takes --json.",
    ]
    return "\n".join(lines)
