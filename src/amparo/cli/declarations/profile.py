"""Declarations of ``profile set`` and ``profile show``: the writer who signs the letters."""

from __future__ import annotations

from amparo.cli.declare import OPENS, UNLOCK, Arg, Command, Group

DECLARED = (Group("profile", "The writer's profile: organisation, contact person, email, signature.", (
    Command("set", "Set the writer's profile used in From:, the letterhead and the signature of letters.",
            run="profile_commands:set_", unlock=UNLOCK,
            details="Only the fields given change; an empty value (--email '') clears one. Values typed on "
                    "the command line stay in your shell history: use --ask to be asked instead.",
            args=(Arg("--organisation", metavar="TEXT", help="The organisation writing."),
                  Arg("--contact", metavar="NAME", help="The contact person the UN may reply to."),
                  Arg("--email", metavar="ADDRESS", help="The address letters are sent from (From:)."),
                  Arg("--signature", metavar="TEXT",
                      help="The signature block; '\\n' separates lines (default: contact and organisation)."),
                  Arg("--language", metavar="LANG", help="Language of correspondence: en, fr, es…"),
                  Arg("--time-zone", dest="time_zone", metavar="ZONE",
                      help="Your time zone, e.g. Europe/Geneva: letters are dated in it."),
                  Arg("--ask", action="store_true", help="Ask for each field at a prompt."),
                  *OPENS),
            examples=("amparo profile set --organisation 'Red Andina' --contact 'Ana Quispe' "
                      "--email ana@example.org --time-zone America/Lima",)),
    Command("show", "Show the writer's profile.", run="profile_commands:show", unlock=UNLOCK, args=OPENS),
)),)
