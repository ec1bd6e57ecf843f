"""``amparo case new``: the facts asked step by step, in plain language.

The answers become a case-facts document, validated by the same code as an import, so
the interview cannot store anything an import would refuse. Questions and hints go to
stderr (``prompts``): with ``--json``, stdout holds the new id and nothing else.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from amparo.cli.output import err_console as console
from amparo.cli.output import text
from amparo.cli.prompts import ask, confirm
from amparo.model import vocabularies as vocab

CONSENT_QUESTIONS = (
    ("none", "Nobody outside this vault may learn who they are"),
    ("un-confidential", "Only the UN body, in confidence"),
    ("state", "The UN body and the government concerned"),
    ("public-anonymous", "All of that, and a public text that describes them without their name"),
    ("public-named", "All of that, and a public text that names them"),
)


def _choice(question: str, values: tuple[str, ...], default: str | None = None) -> str:
    console.print(f"  [dim]({', '.join(values)})[/dim]")
    while True:
        answer = ask(question, default=default).strip()
        if answer in values:
            return answer
        console.print(f"  Please use one of: {', '.join(values)}.")


def _date(question: str, today: date) -> str:
    while True:
        value = ask(f"{question} (YYYY-MM-DD)")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            console.print("  Please give the date as year-month-day, e.g. 2026-03-02.")
            continue
        if day > today:
            console.print("  That date is in the future.")
            continue
        return value


def _refs(question: str, refs: list[str]) -> list[str]:
    if len(refs) == 1:
        return refs
    while True:
        raw = ask(f"{question} ({', '.join(refs)}; separate with commas)", default=refs[0])
        picked = [r.strip() for r in raw.split(",") if r.strip()]
        if picked and all(r in refs for r in picked):
            return picked
        console.print(f"  Use the refs shown: {', '.join(refs)}.")


def _consent() -> str | list[str]:
    console.print("  Who may learn who this person is?")
    for i, (_, label) in enumerate(CONSENT_QUESTIONS):
        console.print(f"    {i}. {label}")
    console.print("    c. Pick the circles one by one")
    while True:
        answer = ask("  Answer", default="1")
        if answer.isdigit() and int(answer) < len(CONSENT_QUESTIONS):
            return CONSENT_QUESTIONS[int(answer)][0]
        if answer == "c":
            return [c for c, label in CONSENT_QUESTIONS[1:]
                    if confirm(f"    {label}?", default=False)]
        console.print("  Please answer with one of the numbers, or c.")


def interview(today: date) -> dict[str, Any]:
    """Ask for a case's facts; returns a case-facts document (not yet validated)."""
    import pycountry

    console.print("A new case. Nothing is saved until the end; press Ctrl-C to stop at any time.\n")
    facts: dict[str, Any] = {"title": ask("A short title for the case (no names needed)")}
    while True:
        raw = ask("Which country did this happen in? (name or two-letter code)")
        try:
            country = pycountry.countries.lookup(raw.strip())
            facts["country"] = country.alpha_2
            console.print(f"  {text(country.name)} ({country.alpha_2})")
            break
        except LookupError:
            console.print("  I do not know that country; try its two-letter code, e.g. HN.")
    people: list[dict[str, Any]] = []
    console.print("\nThe people concerned: the person targeted, and anyone else exposed (family, colleagues).")
    while True:
        ref = f"p{len(people) + 1}"
        console.print(f"\nPerson {ref}")
        person: dict[str, Any] = {"ref": ref, "name": ask("  Name")}
        person["role"] = _choice("  Role", vocab.ROLES, "defender")
        person["gender"] = _choice("  Gender", vocab.GENDERS, "undisclosed")
        organisation = ask("  Organisation (empty if none)", default="", show_default=False)
        if organisation:
            person["organisation"] = organisation
        person["location"] = _choice("  Where are they now?", vocab.LOCATIONS, "in-country")
        person["consent"] = _consent()
        method = _choice("  How did they give this consent?", vocab.CONSENT_METHODS, "in-person")
        person["consent_record"] = {"given_on": today.isoformat(), "method": method}
        people.append(person)
        if not confirm("Add another person?", default=False):
            break
    facts["people"] = people
    refs = [p["ref"] for p in people]

    facts["engagements"] = []
    console.print("\nWhat did they do with the UN? (hrc = Human Rights Council, upr = Universal Periodic "
                  "Review, sp:<mandate> = a Special Rapporteur or Working Group, tb:CAT etc. = a treaty body)")
    while True:
        body = ask("  Which body? e.g. hrc, upr, sp:human-rights-defenders, tb:CAT")
        facts["engagements"].append({
            "body": body.strip(),
            "kind": _choice("  What did they do?", vocab.ENGAGEMENT_KINDS, "session-participation"),
            "date": _date("  When", today),
            "people": _refs("  Who took part", refs),
        })
        if not confirm("Another engagement?", default=False):
            break

    facts["reprisals"] = []
    console.print("\nWhat happened to them afterwards?")
    while True:
        reprisal = {
            "type": _choice("  What happened", vocab.REPRISAL_TYPES, "threats"),
            "date": _date("  When", today),
            "people": _refs("  To whom", refs),
            "perpetrator": _choice("  By whom", vocab.PERPETRATORS, "unknown"),
        }
        description = ask("  Describe it in your own words (empty to skip)", default="",
                                   show_default=False)
        if description:
            reprisal["description"] = description
        link = ask("  Why do you think it is linked to the UN? (timing, words used; empty to skip)",
                            default="", show_default=False)
        if link:
            reprisal["link"] = link
        facts["reprisals"].append(reprisal)
        if not confirm("Another act?", default=False):
            break
    notes = ask("\nAnything else to note? (empty to skip)", default="", show_default=False)
    if notes:
        facts["notes"] = notes
    return facts
