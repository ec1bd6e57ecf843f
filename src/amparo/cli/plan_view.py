"""The triage plan in the terminal: avenues in order, what each step would disclose.

Everything is said in one language (``amparo triage --lang``): the plan's own texts
through the service's ``Labels`` (the knowledge catalog the web plan uses), the view's
sentences as ``Message`` objects said by ``amparo.service.say``. Avenue names, channels and
notes may come from the vault's own knowledge-base entries: they go through ``text()``
like case data.
"""

from __future__ import annotations

from typing import Any

from rich.panel import Panel

from amparo.cli.output import console, text
from amparo.model.errors import Message
from amparo.service import Labels, say


class _Words:
    """The view's sentences and the plan's ids as words, in one language."""

    def __init__(self, labels: Labels, people: dict[str, str]):
        self.labels = labels
        self.code = labels.lang.code
        self.people = people

    def say(self, message: Message) -> str:
        return say(message, self.code)

    def said(self, said: Any) -> str:
        return text(said.text)

    def circle(self, value: str) -> str:
        return self.labels.term("circle", value)

    def who(self, refs: Any) -> str:
        return self.labels.lang.join([self.people.get(r, r) for r in refs])


def _needs(action: Any, w: _Words) -> str:
    """Who could open a step: any one of them agreeing is enough (the others are left out)."""
    wants: dict[str, list[str]] = {}
    renew: set[str] = set()
    for n in action.needs:
        wants.setdefault(n.person, []).append(w.circle(n.circle.value))
        if n.expired:
            renew.add(n.person)
    parts = [w.say(Message("{person} renews their consent", person=w.people.get(ref, ref))) if ref in renew
             else w.say(Message("{person} agrees to tell {circles}", person=w.people.get(ref, ref),
                                circles=w.labels.lang.join(list(dict.fromkeys(circles)))))
             for ref, circles in wants.items()]
    return " / ".join(parts)


def _tells(action: Any, w: _Words) -> str:
    tells = w.circle(action.disclosure.value)
    if action.later is not None:
        later = w.circle(action.later.value)
        days = action.later_after_days
        tells = (w.say(Message("{now}, later {later} (about {days} days)", now=tells, later=later, days=days))
                 if days else w.say(Message("{now}, later {later}", now=tells, later=later)))
    return tells


def _step(avenue: Any, action: Any, w: _Words) -> str:
    """One step in plain words: what it is, whom it tells, whom it names and leaves out."""
    name = text(w.labels.action(avenue.id, action.id))
    parts = [w.say(Message("tells {circle}", circle=text(_tells(action, w))))]
    if action.identifies_nobody:
        parts.append(w.say(Message("names no one")))
    else:
        if action.identifies:
            parts.append(w.say(Message("names {people}", people=text(w.who(action.identifies)))))
        if action.described:
            parts.append(w.say(Message("describes without a name {people}", people=text(w.who(action.described)))))
        if action.left_out:
            parts.append(w.say(Message("leaves out {people}", people=text(w.who(action.left_out)))))
    return f"[bold]{name}[/bold] [dim]({text(action.id)})[/dim]: " + "; ".join(parts)


def print_plan(plan: Any, people: dict[str, str] | None = None, labels: Labels | None = None) -> None:
    """Print a plan (``guidance.Plan``) for a person to read, in the language of ``labels``.

    ``people`` maps refs to how the user knows them (their names, on the user's own
    screen); without it the refs are shown. Each avenue leads with the steps that can be
    taken now, then the blocked ones with whose consent would open them.
    """
    assert labels is not None, "print_plan needs the labels of a language"
    w = _Words(labels, people or {})
    if plan.fictional:
        console.print("[bold]" + w.say(Message("This is a fictional demo case.")) + "[/bold]")
    if plan.urgent:
        reason = labels.urgency(plan).text if plan.urgent_reason else ""
        console.print(Panel(text(reason or w.say(Message("Someone is in immediate danger."))),
                            title=w.say(Message("URGENT: the urgent channels are listed first")), style="bold red"))
    if w.code == "en":
        console.print(text(plan.order_note or ""), style="dim")
    for avenue in plan.avenues:
        flag = "" if avenue.verified else "  [yellow](" + w.say(Message("not fully verified")) + ")[/yellow]"
        name = text(labels.avenue(avenue.id))
        console.print(f"\n[bold]{avenue.rank}. {name}[/bold]  [dim]{text(avenue.id)}[/dim]{flag}")
        for reason in avenue.why:
            console.print("   " + w.say(Message("Why: {reason}", reason=w.said(labels.reason(reason)))))
        offered = [a for a in avenue.actions if a.offered]
        now = [a for a in offered if a.allowed]
        blocked = [a for a in offered if not a.allowed]
        if now:
            console.print("   [green]" + w.say(Message("Can be done now:")) + "[/green]")
            for action in now:
                console.print(f"    • {_step(avenue, action, w)}")
                if action.protects:
                    console.print("      [dim]" + w.say(Message("Protects: {what}",
                                                                 what=w.said(labels.text(action.protects)))) + "[/dim]")
                if action.limits:
                    console.print("      [dim]" + w.say(Message("Cannot guarantee: {what}",
                                                                 what=w.said(labels.text(action.limits)))) + "[/dim]")
        if blocked:
            console.print("   [red]" + w.say(Message("Blocked (whose consent would open it):")) + "[/red]")
            for action in blocked:
                console.print("    • " + w.say(Message("{step}: tells {circle}; opens if {needs}",
                                                       step=text(labels.action(avenue.id, action.id)),
                                                       circle=text(_tells(action, w)), needs=text(_needs(action, w)))))
        others = len(avenue.actions) - len(offered)
        if others:
            console.print("   [dim]" + w.say(Message("Other forms of these steps: {count} (amparo triage --json "
                                                     "lists them).", count=others)) + "[/dim]")
    if plan.risks:
        console.print("\n[bold]" + w.say(Message("Before you act")) + "[/bold]")
        for risk in plan.risks:
            console.print(f" • {w.said(labels.risk(risk))}")
    if plan.precedents:
        console.print("\n[bold]" + w.say(Message("What the UN did in similar cases")) + "[/bold]")
        for p in plan.precedents:
            pj = p.to_json()
            title = w.said(labels.text(pj.get("title"))) if pj.get("title") else text(pj.get("id"))
            where = labels.country(pj.get("country"))
            console.print(f" • {title} ({text(where)}{', ' + text(str(pj['year'])) if pj.get('year') else ''})")
    console.print("\n" + w.say(Message("'leaves out': the step does not identify that person, whose consent does not "
                                       "reach it; 'opens if': the consent that would open the step, from whom.")),
                  style="dim")
    console.print("\n" + w.say(Message("Nothing was sent. Amparo shows the options; the choice is yours.")),
                  style="dim")
