"""Declarations of the vault commands: init, unlock, vault lock|passwd|destroy, audit verify."""

from __future__ import annotations

from amparo.cli.declare import JSON, OPENS, PASSPHRASE_FILE, UNLOCK, VAULT, Arg, Command, Group, Unlock, path

YES = Arg("--yes", action="store_true", help="Do not ask; for scripts.")
NEW_PASSPHRASE_FILE = Arg("--new-passphrase-file", metavar="PATH", type=path,
                          help="Read the new passphrase from this file.")


def _with_passphrase(args: object) -> bool:
    """``unlock`` asks for the passphrase unless the recovery code opens the vault."""
    return not (getattr(args, "recovery", False) or getattr(args, "recovery_file", None))

DECLARED = (
    Command("init", "Create a new encrypted vault.", run="vault_commands:init",
            details="At a terminal you are then offered a recovery code, to print and keep apart from the "
                    "laptop: it opens the vault if the passphrase is forgotten.",
            args=(VAULT, PASSPHRASE_FILE,
                  Arg("--recovery-code", dest="recovery_code", action="store_true", default=None,
                      help="Make a recovery code without asking, and print it."),
                  Arg("--no-recovery-code", dest="recovery_code", action="store_false",
                      help="Do not offer a recovery code (make one later with `amparo vault recovery-key`)."),
                  JSON),
            unlock=Unlock("New vault passphrase", new=True),
            examples=("amparo init --vault ~/amparo-vault",)),
    Command("unlock", "Check the passphrase and show what the vault holds (counts only).",
            run="vault_commands:unlock",
            details="With --recovery, the recovery code opens the vault instead (a forgotten passphrase) "
                    "and a new passphrase is asked for at once. A wrong code waits as long as a wrong "
                    "passphrase.",
            args=(*OPENS,
                  Arg("--recovery", action="store_true", help="Open with the recovery code, asked at a prompt."),
                  Arg("--recovery-file", metavar="PATH", type=path,
                      help="Open with the recovery code read from this file (implies --recovery)."),
                  NEW_PASSPHRASE_FILE),
            unlock=Unlock(when=_with_passphrase)),
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
                args=(VAULT, PASSPHRASE_FILE, NEW_PASSPHRASE_FILE,
                      Arg("--quick", action="store_true",
                          help="Only rewrap the vault key (fast; does not lock out an old vault.json).")),
                unlock=UNLOCK),
        Command("recovery-key", "Make a recovery code (replacing any earlier one), or remove it.",
                run="vault_commands:recovery_key", unlock=UNLOCK,
                details="The code opens the vault if the passphrase is forgotten. Whoever finds the paper can "
                        "open the vault with it, if they also get the laptop or a backup: keep it apart from "
                        "both. A new code replaces the old one, which from then on opens only old copies of "
                        "vault.json (a full passphrase change shuts those out too).",
                args=(VAULT, PASSPHRASE_FILE,
                      Arg("--remove", action="store_true",
                          help="Remove the recovery code: only the passphrase opens the vault."),
                      YES)),
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
