"""Declarations of the backup commands: backup -o FILE, backup verify FILE, restore FILE."""

from __future__ import annotations

from amparo.cli.declare import JSON, PASSPHRASE_FILE, UNLOCK, VAULT, Arg, Command, CommandLineError, Group, path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from argparse import Namespace

FILE = Arg("file", metavar="FILE", type=path, help="The backup file.")
#: Not --passphrase-file's own dest: that one unlocks the vault, and these commands open a file.
BACKUP_PASSPHRASE = Arg("--passphrase-file", dest="backup_passphrase_file", metavar="PATH", type=path,
                        help="Read the passphrase the vault had when the backup was made from this file "
                             "(default: $AMPARO_PASSPHRASE_FILE, else ask).")


RECOVERY = (Arg("--recovery", action="store_true",
                help="Open the backup with the recovery code the vault had when it was made (asked at a prompt)."),
            Arg("--recovery-file", metavar="PATH", type=path, help="Read that recovery code from this file."))
ORG_KEY_FILE = Arg("--org-key-file", metavar="FILE", type=path,
                   help="A server's backup: read the organisation passphrase it was made under from this file "
                        "(default: $AMPARO_ORG_KEY_FILE, else ask).")
NEW_PASSPHRASE_FILE = Arg("--new-passphrase-file", metavar="PATH", type=path,
                          help="With the recovery code: read the restored vault's new passphrase from this file.")


def _needs_output(args: Namespace) -> None:
    if getattr(args, "output", None) is None:
        raise CommandLineError("say where to write the backup: amparo backup -o FILE")


CREATE = Command(
    "backup", "Write an encrypted backup of the vault to one file.", run="backup_commands:create",
    unlock=UNLOCK, prepare=_needs_output,
    details="The file holds every case, evidence file and audit entry, encrypted under the vault key, with "
            "a manifest of hashes that `amparo backup verify` and `amparo restore` check. It opens with the "
            "passphrase (or recovery code) the vault has now, even after a later change. Keep it away from "
            "the laptop. With --db (an administrator, signed in like any server command) it backs up the "
            "whole server database: every table, its fields still sealed; it opens with the organisation "
            "passphrase, which is not in the file: keep it apart.",
    args=(Arg("-o", "--output", metavar="FILE", type=path, help="Where to write the backup (required)."),
          Arg("--force", action="store_true", help="Overwrite an existing file."),
          VAULT, PASSPHRASE_FILE, JSON),
    examples=("amparo backup -o /media/usb/amparo-2026-12-01.backup",
              "amparo backup -o amparo-server.backup --db postgresql+psycopg://amparo@db/amparo "
              "--user admin@example.org --password-file admin.pw --totp 123456 --org-key-file org.key"))

DECLARED = (
    Group("backup", "Write an encrypted backup of the vault, or check one.", (
        Command("verify", "Check every byte of a backup without restoring it.", run="backup_commands:verify",
                args=(FILE, BACKUP_PASSPHRASE, *RECOVERY, ORG_KEY_FILE, JSON),
                examples=("amparo backup verify /media/usb/amparo-2026-12-01.backup",
                          "amparo backup verify amparo-server.backup --org-key-file org.key")),
    ), default=CREATE),
    Command("restore", "Bring a backup back as a vault in a new or empty folder.", run="backup_commands:restore",
            details="Nothing is written unless every byte of the backup checks. A folder that holds anything "
                    "is refused, so that no vault is overwritten by accident. With --recovery, the recovery "
                    "code opens the backup and a new passphrase is set on the restored vault at once. A server's "
                    "backup goes back with --db URL --org-key-file FILE into an empty database (the schema is "
                    "made by the restore), in one transaction: a damaged file leaves the database empty.",
            args=(FILE, VAULT, BACKUP_PASSPHRASE, *RECOVERY, NEW_PASSPHRASE_FILE, JSON),
            examples=("amparo restore /media/usb/amparo-2026-12-01.backup --vault ~/amparo-vault",
                      "amparo restore amparo-server.backup --db postgresql+psycopg://amparo@db/amparo_new "
                      "--org-key-file org.key")),
)
