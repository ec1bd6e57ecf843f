"""Declaration of ``amparo serve``: the web app on this computer, the vault unlocked in a browser."""

from __future__ import annotations

from amparo.cli.declare import VAULT, Arg, Command, path

DECLARED = (
    Command("serve", "Serve the web app; unlock the vault in the browser.", run="serve_commands:serve",
            args=(VAULT,
                  Arg("--host", metavar="ADDRESS", default="127.0.0.1",
                      help="Address to listen on. Keep 127.0.0.1 (this computer only) unless you put TLS and a "
                           "firewall in front."),
                  Arg("--port", metavar="PORT", type=int, default=8000, help="Port to listen on."),
                  Arg("--idle-minutes", metavar="MINUTES", type=float, default=15,
                      help="Lock after this long without use."),
                  Arg("--max-upload-mb", metavar="MB", type=float, default=200, help="Largest evidence upload."),
                  Arg("--api-token-file", metavar="PATH", type=path,
                      help="Write a fresh bearer token for API scripts to this file (mode 600)."),
                  Arg("--workers", metavar="N", type=int, default=1,
                      help="Server mode (--db URL): run N application processes sharing only the database; "
                           "more than one needs --org-key-file (each process reads the key from it).")),
            details="With --db URL (or $AMPARO_DB) the web app serves a team's server database: the organisation "
                    "key is unlocked at start from --org-key-file (or asked), people sign in with their e-mail "
                    "address, password and second factor.",
            examples=("amparo serve --vault ~/amparo-vault --port 8000",
                      "amparo serve --db postgresql+psycopg://amparo@db/amparo --org-key-file org.key --workers 2")),
)
