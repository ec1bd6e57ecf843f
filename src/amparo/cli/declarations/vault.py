"""Declarations of the vault commands: init, unlock, vault lock|passwd|destroy, audit verify."""

from __future__ import annotations

from amparo.cli.declare import JSON, OPENS, PASSPHRASE_FILE, UNLOCK, VAULT, Arg, Command, Group, Unlock, path

YES = Arg("--yes", action="store_true", help="Do not ask; for scripts.")

DECLARED = (
    Command("init", "Create a new encrypted vault.", run="vault_commands:init",
            args=(VAULT, PASSPHRASE_FILE, JSON), unlock=Unlock("New vault passphrase", new=True),
            examples=("amparo init --vault ~/amparo-vault",)),
    Command("unlock", "Check the passphrase and show what the vault holds (counts only).",
            run="vault_commands:unlock", args=OPENS, unlock=UNLOCK),
    Group("vault", "Lock, change the passphrase of, or destroy the vault.", (
        Command("lock", "Lock the vault now: a running `amparo serve` on it drops its key at once.",
                run="vault_commands:lock", args=(VAULT,)),
        Command("passwd", "Change the vault passphrase (and re-encrypt the vault under a new key).",
                run="vault_commands:passwd",
                details="The new passphrase is asked twice at a hidden prompt, or read from "
                        "--new-passphrase-file; never from the command line. By default the database "
                        "and the evidence keys are re-encrypted under a new vault key, so an old copy of "
                        "vault.json with the old passphrase opens nothing written since; --quick only "
                        "rewraps the key (an old vault.json still opens today's data).",
                args=(VAULT, PASSPHRASE_FILE,
                      Arg("--new-passphrase-file", metavar="PATH", type=path,
                          help="Read the new passphrase from this file."),
                      Arg("--quick", action="store_true",
                          help="Only rewrap the vault key (fast; does not lock out an old vault.json).")),
                unlock=UNLOCK),
        Command("destroy", "Destroy the vault for good (crypto-shredding): nothing can be recovered afterwards.",
                run="vault_commands:destroy", args=(VAULT, YES)),
    )),
    Group("audit", "Verify the hash-chained audit log, or print its head to note elsewhere.", (
        Command("verify", "Check that no audit entry was edited, removed or reordered.",
                run="vault_commands:verify", unlock=UNLOCK,
                details="With --head, also prove that the chain still holds a head printed earlier by "
                        "`amparo audit head`, at its place: nothing up to it was rewritten, even by "
                        "someone holding the key. Later entries only extend it.",
                args=(Arg("--head", metavar="HEAD",
                          help="A head noted earlier (COUNT-HASH, as `amparo audit head` prints it)."),
                      *OPENS),
                examples=("amparo audit verify --head 42-3fa9c2e1b07d44aa",)),
        Command("head", "Print the head of the audit chain (count and hash) to write down or send.",
                run="vault_commands:head", args=OPENS, unlock=UNLOCK,
                details="Someone who holds the vault key could rewrite the whole chain so that it still "
                        "checks. A head kept outside the vault (on paper, in a message to a partner) "
                        "shows that: `amparo audit verify --head HEAD` fails if anything up to it changed. "
                        "The head holds no case data. Opening the vault adds an entry, so the head "
                        "printed is the one after this unlock."),
    )),
)
