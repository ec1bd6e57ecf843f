"""Declarations of the evidence commands: add, list, export, verify, delete."""

from __future__ import annotations

from amparo.cli.declare import OPENS, PASSPHRASE_FILE, UNLOCK, VAULT, Arg, Command, Group, path

EVIDENCE = Arg("evidence_id", metavar="EVIDENCE", help="The evidence id.")
ANY_CASE = Arg("case_id", metavar="CASE", nargs="?", help="The case id (default: all cases).")

DECLARED = (Group("evidence", "Add, export and verify encrypted evidence files.", (
    Command("add", "Store a file encrypted in the vault, with its SHA-256 for chain of custody.",
            run="evidence_commands:add", unlock=UNLOCK,
            args=(Arg("case_id", metavar="CASE", help="The case id."),
                  Arg("file", metavar="FILE", type=path, help="The file to store, encrypted, in the vault."),
                  Arg("--description", metavar="TEXT", help="What the file is."),
                  Arg("--names", action="append", metavar="REF",
                      help="Ref of a person the file names or shows (repeatable)."),
                  *OPENS),
            examples=("amparo evidence add C-K3VQ7M2A photo.jpg --names p1",)),
    Command("list", "List evidence files (metadata only).", run="evidence_commands:list_",
            args=(ANY_CASE, *OPENS), unlock=UNLOCK),
    Command("export", "Decrypt an evidence file to a path you name (checked against its SHA-256).",
            run="evidence_commands:export", unlock=UNLOCK,
            details="The file is created readable by you alone (mode 600).",
            args=(EVIDENCE,
                  Arg("-o", "--output", metavar="PATH", type=path, required=True, help="File or folder to write to."),
                  Arg("--force", action="store_true", help="Overwrite an existing file."),
                  VAULT, PASSPHRASE_FILE)),
    Command("verify", "Re-hash every evidence file and report any that no longer match.",
            run="evidence_commands:verify", args=(ANY_CASE, *OPENS), unlock=UNLOCK),
    Command("delete", "Remove an evidence file from the vault for good.", run="evidence_commands:delete",
            unlock=UNLOCK,
            args=(EVIDENCE, Arg("--yes", action="store_true", help="Do not ask."), VAULT, PASSPHRASE_FILE)),
)),)
