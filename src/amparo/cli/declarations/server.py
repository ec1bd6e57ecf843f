"""Declarations of ``amparo server``: make a server database for a team, upgrade its schema."""

from __future__ import annotations

from amparo.cli.declare import Arg, Command, Group, path

DB = Arg("--db", metavar="URL", help="The PostgreSQL database, e.g. postgresql+psycopg://amparo@db/amparo "
                                      "(default: $AMPARO_DB).")
ORG_KEY_FILE = Arg("--org-key-file", metavar="FILE", type=path,
                   help="Read the organisation passphrase from the first line of this file (mode 600; default: "
                        "$AMPARO_ORG_KEY_FILE, else ask).")

DECLARED = (Group("server", "Make and upgrade a server database for a team (PostgreSQL).", (
    Command("init", "Create the schema, the organisation key and the first administrator; prints the "
                    "administrator's second-factor URI once.",
            run="team_commands:server_init",
            details="The organisation passphrase protects every name in the database: keep it (or the key file) "
                    "apart from database backups. The TOTP URI goes into the administrator's authenticator app "
                    "(scan it as a QR code, or type its secret); it is not shown again.",
            args=(DB, Arg("--admin", metavar="EMAIL", required=True, help="The first administrator's login."),
                  Arg("--password-file", metavar="FILE", type=path,
                      help="Read the administrator's password from this file (else ask twice)."),
                  ORG_KEY_FILE,
                  Arg("--argon2-memory-mib", metavar="MIB", type=int, default=256,
                      help="Memory of each Argon2id derivation (organisation key, passwords); lower only on a "
                           "small machine or in tests.")),
            examples=("amparo server init --db postgresql+psycopg://amparo@127.0.0.1/amparo "
                      "--admin admin@example.org --password-file admin.pw --org-key-file org.key",)),
    Command("upgrade", "Bring the server's schema up to this version of Amparo (back it up first).",
            run="team_commands:server_upgrade", args=(DB, ORG_KEY_FILE)),
)),)
