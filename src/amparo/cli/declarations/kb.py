"""Declarations of the knowledge-base commands (kb list|show|check) and ``amparo schema``."""

from __future__ import annotations

from amparo.cli.declare import JSON, Arg, Command, Group, path

OVERRIDES = Arg("--overrides", metavar="FOLDER", type=path,
                help="A folder of your organisation's own entries (default: the vault's knowledge/ folder).")

DECLARED = (
    Group("kb", "List, show and check the knowledge base of avenues.", (
        Command("list", "List the avenues: id, name, and whether every fact is verified.", run="kb_commands:list_",
                args=(Arg("--family", metavar="FAMILY", help="hrc, sp, tb, sg or rg."), OVERRIDES, JSON),
                examples=("amparo kb list --family tb",)),
        Command("show", "Show one avenue: what it does, how to reach it, each action and what it discloses.",
                run="kb_commands:show",
                args=(Arg("avenue_id", metavar="AVENUE", help="The avenue id, e.g. tb:CAT."), OVERRIDES, JSON),
                examples=("amparo kb show sg:report",)),
        Command("check", "Check the knowledge base: schema, sources present, entries not reviewed for 12 months.",
                run="kb_commands:check", args=(OVERRIDES, JSON)),
    )),
    Command("schema", "Print the JSON Schema of an interchange format (today: case-facts).", run="kb_commands:schema",
            args=(Arg("name", metavar="NAME", nargs="?", default="case-facts", choices=("case-facts",),
                      help="case-facts"),),
            examples=("amparo schema case-facts",)),
)
