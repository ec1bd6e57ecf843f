"""Declarations of ``amparo demo`` (a vault of fictional cases) and ``amparo tour`` (a walk through it)."""

from __future__ import annotations

from amparo.cli.declare import OPENS, PASSPHRASE_FILE, UNLOCK, VAULT, Arg, Command, Unlock

DECLARED = (
    Command("demo", "Create a demo vault holding four fictional cases with their follow-up.",
            run="demo_commands:demo", args=OPENS, unlock=Unlock("Passphrase for the demo vault", new=True),
            examples=("amparo demo --vault /tmp/amparo-demo",)),
    Command("tour", "A guided tour of the demo workspace: cases, a triage plan, a redacted draft, what is due.",
            run="demo_commands:tour", unlock=UNLOCK,
            args=(VAULT, PASSPHRASE_FILE, Arg("--pause", action="store_true", help="Wait for Enter between steps.")),
            examples=("amparo tour --pause",)),
)
