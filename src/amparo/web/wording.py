"""Sentences the pages compose from ids, in the page's language.

The service and tracking layers describe deadlines and plans with ids and English
sentences meant for logs and JSON; a page shows the same facts as words a frightened
person can read: avenue and action names from the catalogs (``amparo.service.labels``),
people by the names the user gave them, vocabulary values by their labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from amparo.service import Labels

#: What each kind of deadline asks of the user; {avenue} and {person} filled in.
DEADLINE_SENTENCES: dict[str, str] = {
    "follow-up": "Follow up with {avenue}: no answer yet",
    "publication": "What {avenue} sent to the government is probably public by now",
    "sg-report-cutoff": "Send the case to {avenue} before the reporting period ends",
    "session": "A session of {avenue} opens: a moment to raise the case",
    "review": "Review the case with the people concerned",
    "consent-expired": ("The consent of {person} has passed its review date: steps that would identify them "
                        "are blocked until it is renewed"),
    "consent-review": "Review the consent of {person} with them before it expires",
}


def deadline_sentence(deadline: Any, labels: Labels, who: Mapping[str, str], _: Callable[[str], str]) -> str:
    """What a deadline asks, in the page's language (its stored title is English)."""
    template = DEADLINE_SENTENCES.get(deadline.kind)
    if template is None:
        return _("Something to do on this case")
    return _(template).format(avenue=labels.avenue(deadline.avenue) or _("the UN body"),
                              person=who.get(deadline.person or "", "") or _("a person in the case"))


def names(refs: Iterable[str], who: Mapping[str, str], _: Callable[[str], str]) -> str:
    """People by the names the user gave them: "Ana, Bea and Carl"."""
    shown = [who.get(r) or _("a person in the case") for r in refs]
    if not shown:
        return ""
    if len(shown) == 1:
        return shown[0]
    return _("{first} and {last}").format(first=", ".join(shown[:-1]), last=shown[-1])


_REF = re.compile(r"\bp\d+\b")


def refs_to_names(text: str, who: Mapping[str, str]) -> str:
    """A guidance sentence with each person ref (``p1``) replaced by the name the user gave."""
    return _REF.sub(lambda m: who.get(m.group(0)) or m.group(0), text)


def circle_words(value: str, _: Callable[[str], str]) -> str:
    """Who would learn who someone is, for one circle of disclosure, in plain words."""
    return _(CIRCLE_WORDS.get(value, "nobody outside this vault"))


CIRCLE_WORDS = {
    "none": "nobody outside this vault",
    "un-confidential": "the UN body, in confidence",
    "state": "the UN body and the government concerned",
    "public-anonymous": "the public, without names",
    "public-named": "the public, with names",
}

#: Messages used through tables above: listed so that the catalog check finds them.
MESSAGES = (*DEADLINE_SENTENCES.values(), *CIRCLE_WORDS.values())
