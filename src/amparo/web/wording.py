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


def names(refs: Iterable[str], who: Mapping[str, str], _: Callable[[str], str],
          join: Callable[[list[str]], str]) -> str:
    """People by the names the user gave them, listed the page's way (``join``: the
    language's CLDR list, e.g. ``UiLanguage.join``): "Ana, Bea and Carl", "Ana、Bea和Carl"."""
    return join([who.get(r) or _("a person in the case") for r in refs])


# ASCII boundaries: in Chinese a ref sits between ideographs ("p1的同意"), which ``\b`` counts
# as word characters.
_REF = re.compile(r"(?<![A-Za-z0-9_])p\d+(?![A-Za-z0-9_])")


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


def case_words(labels: Labels, people: Iterable[Any], _: Callable[[str], str]) -> dict[str, Any]:
    """What a page about one case needs to show ids as words (passed to its template).

    ``person(ref)`` and ``people(refs)``: by the names given; ``avenue(id)``,
    ``action(avenue, id)``, ``country(code)``: in the page's language; ``deadline(d)``:
    what it asks; ``named(text)``: an English guidance sentence with names for refs.
    """
    who = {p.ref: p.name for p in people}
    return {
        "who": who,
        "labels": labels,
        "person": lambda ref: who.get(ref) or _("a person in the case"),
        "people": lambda refs: names(refs or (), who, _, labels.lang.join),
        "names": lambda refs: names(refs or (), who, _, labels.lang.join),
        "avenue": labels.avenue,
        "action": labels.action,
        "country": labels.country,
        "deadline": lambda d: deadline_sentence(d, labels, who, _),
        "named": lambda text: refs_to_names(str(text), who),
        "refs_named": lambda text: refs_to_names(str(text), who),
        "circle": lambda value: circle_words(str(value), _),
    }


def sent_words(entry: Any, labels: Labels, _: Callable[[str], str]) -> str:
    """A timeline line for something sent: "Sent to the Committee against Torture (Urgent action)"."""
    ids = entry.ids
    text = _("Sent to") + " " + labels.avenue(ids.get("avenue"))
    if ids.get("avenue_action"):
        text += f" ({labels.action(ids.get('avenue'), ids.get('avenue_action'))})"
    return text
