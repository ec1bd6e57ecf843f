"""How strong a new vault passphrase is, in the page's words (zxcvbn's estimate).

zxcvbn guesses how many tries an attacker would need (dictionary words, names, dates,
keyboard patterns, l33t substitutions) and scores it 0–4. Its own feedback sentences are
English only, so the page shows its score through our own translated messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MIN_SCORE = 3  # "safely unguessable": with Argon2id in front, years of offline guessing
MIN_LENGTH = 10
MAX_CHECKED = 200  # zxcvbn's time grows with length; beyond this the length alone suffices


@dataclass(frozen=True, slots=True)
class Strength:
    """A passphrase's score (0–4), whether a vault may be made with it, and what to say."""

    score: int
    enough: bool
    verdict: str
    advice: str


def strength(passphrase: str, _: Callable[[str], str]) -> Strength:
    """The strength of ``passphrase``, described with the page's gettext ``_``."""
    from zxcvbn import zxcvbn

    if not passphrase:
        return Strength(0, False, "", _("Four or five ordinary words that do not belong together make a "
                                         "strong passphrase that is easy to remember."))
    score = int(zxcvbn(passphrase[:MAX_CHECKED])["score"])
    if len(passphrase) < MIN_LENGTH:
        score = min(score, MIN_SCORE - 1)
    verdicts = (_("Very weak"), _("Weak"), _("Fair"), _("Strong"), _("Very strong"))
    if score >= MIN_SCORE:
        advice = _("Good. Write it on paper and keep it somewhere safe, away from this computer.")
    else:
        advice = _("Too easy to guess. Add another word or two; uncommon words are better than "
                   "numbers or symbols.")
    return Strength(score, score >= MIN_SCORE, verdicts[score], advice)
