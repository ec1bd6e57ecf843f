"""The case's own UN history in a letter: what was sent to whom and when, and what came back.

A body acts faster and does not duplicate work when it knows that a mandate already wrote
to the State (and under which reference), or that the State replied. The history comes
from the vault's follow-up records; the user's notes on them pass through the redactor,
and a letter meant for a public text carries no communication reference, since a
reference leads to the named communication.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from amparo.drafting.context import Context, body_names, cap
from amparo.language.grammar import contract, ended, sentences, tidy
from amparo.language.vocabulary import RESPONSE_KINDS, SENT_BY, body_name, term
from amparo.model.consent import Circle
from amparo.model.followup import Action, Response

_PUBLIC = (Circle.PUBLIC_ANONYMOUS, Circle.PUBLIC_NAMED)


@dataclass(frozen=True, slots=True)
class History:
    """The follow-up records of a case, as the vault holds them."""

    actions: tuple[Action, ...] = ()
    responses: tuple[Response, ...] = ()

    @classmethod
    def of(cls, actions: Sequence[Action] = (), responses: Sequence[Response] = ()) -> History:
        """A History from lists in any order (kept by date)."""
        return cls(tuple(sorted(actions, key=lambda a: (a.sent_on, a.id))),
                   tuple(sorted(responses, key=lambda r: (r.received_on, r.id))))


def references_allowed(ctx: Context) -> bool:
    """Whether the letter may cite communication references (not in a text meant for the public)."""
    return not ctx.anonymised and ctx.circle not in _PUBLIC


def your_reference(ctx: Context, history: History | None) -> str | None:
    """The latest reference this body itself gave the case (for the subject line), if any."""
    if history is None or not references_allowed(ctx):
        return None
    own = {ctx.avenue.id, *ctx.avenue.first_for}
    refs = [r.reference for r in history.responses if r.reference and r.from_avenue in own]
    return refs[-1] if refs else None


def history_items(ctx: Context, history: History | None) -> list[str]:
    """One line per action sent and per answer received, in date order."""
    if history is None:
        return []
    lang = ctx.lang
    names = body_names(ctx)
    cite = references_allowed(ctx)
    by_action = {a.id: a for a in history.actions}
    dated: list[tuple[object, str]] = []
    for a in history.actions:
        avenue_action = _action_name(ctx, a)
        line = contract(lang, lang._("{date}: sent to {body} {channel}").format(
            date=lang.date(a.sent_on), body=body_name(lang, a.avenue, names),
            channel=term(lang, SENT_BY, a.channel)))
        if avenue_action:
            line += " " + lang._("(asking for: {action})").format(action=avenue_action)
        line = tidy(lang, ended(lang, line))
        if a.note:
            line = sentences(lang, [line, ctx.users_words(a.note)])
        dated.append((a.sent_on, line))
    for resp in history.responses:
        source = resp.from_avenue or (by_action[resp.action_id].avenue if resp.action_id in by_action else None)
        kind = term(lang, RESPONSE_KINDS, resp.kind)
        if source:
            line = contract(lang, lang._("{date}: {kind} from {body}").format(
                date=lang.date(resp.received_on), kind=kind, body=body_name(lang, source, names)))
        else:
            line = lang._("{date}: {kind}").format(date=lang.date(resp.received_on), kind=kind)
        if cite and resp.reference:
            line += " " + lang._("(reference {reference})").format(reference=resp.reference)
        line = tidy(lang, ended(lang, line))
        if resp.note:
            line = sentences(lang, [line, ctx.users_words(resp.note)])
        dated.append((resp.received_on, cap(line)))
    return [line for _day, line in sorted(dated, key=lambda x: x[0])]  # type: ignore[arg-type, return-value]


def _action_name(ctx: Context, a: Action) -> str | None:
    if not a.action:
        return None
    avenue = ctx.avenue if a.avenue == ctx.avenue.id else next((m for m in ctx.mandates if m.id == a.avenue), None)
    if avenue is None:
        return None
    try:
        return ctx.lang.pgettext("avenue-action", avenue.action(a.action).name)
    except KeyError:
        return None
