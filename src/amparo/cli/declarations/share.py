"""Declarations of the share commands: identity, partner add|list, export, import."""

from __future__ import annotations

from amparo.cli.declare import OPENS, PASSPHRASE_FILE, UNLOCK, VAULT, Arg, Command, Group, path

DECLARED = (Group("share", "Share a case with a partner organisation: signed, encrypted, redacted by consent.", (
    Command("identity", "Print this organisation's identity line, for partners to add.",
            run="share_commands:identity", unlock=UNLOCK,
            details="The line holds the organisation's name and two public keys: one to encrypt bundles for "
                    "you, one to check your signature. It holds nothing secret. Give it to partners, and "
                    "read the fingerprint to them over another channel (a call) so that they can check it.",
            args=(Arg("--name", metavar="NAME", help="Your organisation's name (needed the first time)."), *OPENS),
            examples=('amparo share identity --name "Defenders Network"',)),
    Command("partner", "Add a partner organisation, or list the address book.", run="share_commands:partner",
            unlock=UNLOCK,
            details="`amparo share partner add NAME LINE` adds the organisation whose identity line this is; "
                    "`amparo share partner list` shows each partner's fingerprint, to compare with the one "
                    "they read to you over another channel.",
            args=(Arg("action", metavar="add|list", choices=("add", "list"), help="add or list."),
                  Arg("name", metavar="NAME", nargs="?", help="The name to know the partner by (add)."),
                  Arg("line", metavar="LINE", nargs="?", help="The partner's identity line, in quotes (add)."),
                  *OPENS),
            examples=('amparo share partner add "Geneva Partners" "amparo-partner-v1 age1… ed25519:… Geneva"',
                      "amparo share partner list")),
    Command("export", "Write a signed, encrypted bundle of one case for a partner.",
            run="share_commands:export", unlock=UNLOCK,
            details="People are named only when their consent says so for shares with partners (per avenue "
                    "share:* or share:PARTNER); everyone else is described or left out, as in a letter. "
                    "Evidence goes only when you name it with --evidence, and only if it names nobody "
                    "beyond consent; file names travel as numbers.",
            args=(Arg("case_id", metavar="CASE", help="The case id."),
                  Arg("--to", dest="partner", metavar="PARTNER", required=True, help="The partner's id or name."),
                  Arg("-o", "--output", metavar="FILE", type=path, required=True, help="Where to write the bundle."),
                  Arg("--evidence", action="append", metavar="EVIDENCE", help="An evidence id to send (repeatable)."),
                  Arg("--force", action="store_true", help="Overwrite an existing file."),
                  VAULT, PASSPHRASE_FILE),
            examples=("amparo share export C-K3VQ7M2A --to geneva-partners -o case.amparo-share",)),
    Command("import", "Verify a bundle from a partner, show what it holds, and import it as a new case.",
            run="share_commands:import_", unlock=UNLOCK,
            details="Refused, with nothing imported, when the bundle is for another organisation, altered, cut "
                    "short, imported before, or signed by an organisation not in the address book.",
            args=(Arg("file", metavar="FILE", type=path, help="The bundle."),
                  Arg("--yes", action="store_true", help="Import without asking after showing what it holds."),
                  *OPENS)),
)),)
