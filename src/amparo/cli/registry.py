"""The CLI's commands as data: name, one-line summary, and the module that declares them.

``amparo --help`` is printed from this table alone, and ``amparo NAME …`` imports only the
declarations of NAME (``amparo.cli.declarations.<module>``), so that help and usage errors
answer at once. A test checks that the table and the declarations agree.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from amparo.cli.declare import Command, Group

#: (name, summary, module under amparo.cli.declarations)
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("init", "Create a new encrypted vault.", "vault"),
    ("unlock", "Check the passphrase and show what the vault holds (counts only).", "vault"),
    ("vault", "Lock, change the passphrase of, or destroy the vault.", "vault"),
    ("case", "Record, list, show, edit, export and delete cases.", "case"),
    ("consent", "The consent conversation sheet to go through with a person before anything is sent.", "consent"),
    ("evidence", "Add, export and verify encrypted evidence files.", "evidence"),
    ("triage", "Show every avenue that fits a case and what each step would disclose.", "plans"),
    ("draft", "Draft the notification an avenue expects, redacted by consent.", "plans"),
    ("profile", "The writer's profile: organisation, contact person, email, signature.", "profile"),
    ("action", "Record what was sent to an avenue.", "followup"),
    ("response", "Record what came back.", "followup"),
    ("event", "Record a change in someone's situation (released, charged, left the country…).", "followup"),
    ("timeline", "A case's engagements, reprisals, actions and responses in date order.", "followup"),
    ("due", "What is due or overdue across all cases, soonest first.", "followup"),
    ("report", "Compile a reporting period, export it, or write the contribution to the SG's call.", "report"),
    ("precedents", "Import public precedents in bulk (CSV or JSON), all or nothing.", "report"),
    ("kb", "List, show and check the knowledge base of avenues.", "kb"),
    ("schema", "Print the JSON Schema of an interchange format.", "kb"),
    ("backup", "Write an encrypted backup of the vault, or check one.", "backup"),
    ("restore", "Bring a backup back as a vault in a new or empty folder.", "backup"),
    ("share", "Share a case with a partner organisation: signed, encrypted, redacted by consent.", "share"),
    ("audit", "Verify the hash-chained audit log, or print its head to note elsewhere.", "vault"),
    ("demo", "Create a demo vault with four fictional cases.", "demo"),
    ("tour", "A guided tour of the demo workspace in the terminal.", "demo"),
    ("serve", "Serve the web app on this computer (unlock the vault in the browser).", "serve"),
    ("server", "Make and upgrade a server database for a team (PostgreSQL).", "server"),
    ("user", "Add, list, disable and enable a server's accounts.", "user"),
)


def declaration(name: str) -> Command | Group:
    """The declaration of the top-level command ``name`` (only its module is imported)."""
    module = next(m for n, _, m in COMMANDS if n == name)
    declared = importlib.import_module(f"amparo.cli.declarations.{module}").DECLARED
    return next(entry for entry in declared if entry.name == name)


def command_paths() -> list[tuple[str, ...]]:
    """Every command as the words that call it: ("init",), ("case",), ("case", "list") …"""
    from amparo.cli.declare import Group

    paths: list[tuple[str, ...]] = []
    for name, _, _ in COMMANDS:
        entry = declaration(name)
        paths.append((name,))
        if isinstance(entry, Group):
            paths += [(name, command.name) for command in entry.commands]
    return paths


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
    lines += [f"  {name.ljust(width)}  {summary}" for name, summary, _ in COMMANDS]
    lines += [
        "",
        "The vault is found at --vault PATH, else $AMPARO_VAULT, else your user data folder.",
        "The passphrase is asked at a prompt, or read from --passphrase-file / $AMPARO_PASSPHRASE_FILE.",
        "Every command that prints data takes --json.",
    ]
    return "\n".join(lines)
