"""Names of knowledge-base entries and vocabulary values in a reader's language, for the faces.

A page must never show an id (``tb:CAT``, ``notify-confidentially``, ``airport-interrogation``)
where a person expects words. The drafting catalogs already translate every avenue and
action name and every vocabulary label (``amparo.language``); ``Labels`` reads them for
one language, falling back to English for a language without a drafting catalog.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from amparo.language import vocabulary as words
from amparo.language.i18n import Language, available_languages
from amparo.language.knowledge_text import URGENT_PARTS, KnowledgeText, Said

if TYPE_CHECKING:
    from amparo.guidance import Plan, Reason, RiskNote
    from amparo.knowledge.types import Avenue
    from amparo.service.context import Context

#: Vocabulary tables by the name a face asks for.
TABLES = {
    "reprisal-type": words.REPRISAL_TYPES, "perpetrator": words.PERPETRATORS,
    "engagement-kind": words.ENGAGEMENT_KINDS, "location": words.LOCATIONS, "circle": words.CIRCLES,
    "consent-method": words.CONSENT_METHODS, "channel": words.CHANNEL_KINDS, "role": words.PERSON,
}


@lru_cache(maxsize=8)
def _language(code: str) -> Language:
    return Language(code if code in available_languages() else "en")


class Labels:
    """Words for ids, in one language (``labels_for(ctx, "fr").avenue("tb:CAT")``)."""

    def __init__(self, ctx: Context, language: str):
        self.ctx = ctx
        self.lang = _language(language)
        self.knowledge = KnowledgeText(self.lang, self.avenue)

    def _entry(self, avenue_id: str) -> Avenue | None:
        return self.ctx.kb.get(avenue_id)

    def avenue(self, avenue_id: str | None) -> str:
        """The avenue's full name (``the Committee against Torture``); '' for None."""
        if not avenue_id:
            return ""
        if avenue_id in words.BODIES:
            return words.body_name(self.lang, avenue_id)
        entry = self._entry(avenue_id)
        return self.lang.pgettext("avenue", entry.name) if entry else _readable(avenue_id)

    def action(self, avenue_id: str | None, action_id: str | None) -> str:
        """The name of one of an avenue's actions (``Confidential notification…``)."""
        if not action_id:
            return ""
        entry = self._entry(avenue_id or "")
        for action in entry.actions if entry else ():
            if action.id == action_id:
                return self.lang.pgettext("avenue-action", action.name)
        return _readable(action_id)

    def term(self, table: str, key: str | None) -> str:
        """A vocabulary value's label (``term("reprisal-type", "travel-ban")`` → ``travel ban``)."""
        if not key:
            return ""
        pair = TABLES.get(table, {}).get(key)
        return self.lang.label(pair) if pair else _readable(key)

    def country(self, code: str | None) -> str:
        """A country's name in the language (``HN`` → ``Honduras``)."""
        return self.lang.country(code) if code else ""

    # The knowledge base's longer texts and the plan's sentences: each a ``Said`` (text,
    # language), English and marked so only where the ``knowledge`` catalog has nothing.

    def text(self, english: str | None) -> Said:
        """A knowledge-base text (an avenue's summary, an action's description…) in the language."""
        return self.knowledge.text(english)

    def reason(self, reason: Reason) -> Said:
        """Why an avenue is in the plan, in the language (refs stay refs for the face to name)."""
        return self.knowledge.sentence(reason.said, reason.text)

    def risk(self, note: RiskNote) -> Said:
        """A plan's risk note in the language."""
        return self.knowledge.sentence(note.said, note.message)

    def urgency(self, plan: Plan) -> Said:
        """Why the case is urgent, without the "Urgent:" the page already shows; '' when it is not."""
        english = (plan.urgent_reason or "").removeprefix("Urgent: ")
        if not plan.urgent_parts or self.lang.code == "en":
            return Said(english, "en")
        parts = [self.knowledge.sentence(part, "") for part in plan.urgent_parts]
        if any(p.lang != self.lang.code for p in parts):
            return Said(english, "en")
        whole = self.knowledge.text(URGENT_PARTS).text.format(parts=self.lang.join([p.text for p in parts]))
        return Said(whole[:1].upper() + whole[1:], self.lang.code)  # it may start with a reprisal's label


def _readable(value: str) -> str:
    # An id the catalogs do not know still reads as words rather than as a slug.
    text = value.split(":", 1)[-1].replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def labels_for(ctx: Context, language: str) -> Labels:
    """The labels for ``language`` (English when Amparo has no drafting catalog for it)."""
    return Labels(ctx, language)
