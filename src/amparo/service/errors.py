"""The errors the faces catch by type, re-exported so that they never reach into the store,
and ``say``: an error, a problem or a message in the user's language.

Errors carry a ``Message`` (an English message id and its parameters: ids, refs, numbers,
never names), so logs and traces stay English and free of case data; each face translates
at its edge, the web in the request's language, the CLI in ``--lang``'s. The translations
live in the ``amparo`` catalogs, beside the letters' sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from amparo.model.errors import AmparoError, InvalidInput, Message, Problem
from amparo.store.backup_stream import BackupDamaged
from amparo.store.keys import WrongPassphrase
from amparo.store.share_bundle import ShareRefused
from amparo.store.vault import NoRecoveryCode, VaultBusy, VaultExists, VaultNotFound

__all__ = ["BackupDamaged", "NoRecoveryCode", "ShareRefused", "VaultBusy", "VaultExists", "VaultNotFound",
           "WrongPassphrase", "say"]

#: French sets a non-breaking space before ":" and a narrow one before ";", "?" and "!".
_FR_BEFORE = re.compile(r"(?<=[^\s\u00a0\u202f])[ \t]*(?=[:;?!](?:\s|$))")
#: What joins the items of a list of reasons, per language (CLDR has no "; " pattern).
_SEMICOLON = {"fr": "\u202f; ", "ar": "؛ ", "zh": "；"}


@lru_cache(maxsize=8)
def _language(code: str) -> Any:
    from amparo.language.i18n import Language, available_languages

    return Language(code if code in available_languages() else "en")


def say(what: AmparoError | Problem | Message | str, language: str = "en") -> str:
    """``what`` as one line in ``language`` (English when a sentence has no translation yet).

    An ``InvalidInput`` lists each problem at its path; any other error shows its message.
    """
    lang = _language(language)
    sep = _SEMICOLON.get(lang.code, "; ")

    def render(text: Message | str) -> str:
        if isinstance(text, Message):
            return text.render(lang._, day=lang.date, join=sep.join, pgettext=lang.pgettext)
        return lang._(text) if text else text

    if isinstance(what, InvalidInput):
        head = f"{what.source}: " if what.source else ""
        line = head + sep.join(say(p, language) for p in what.problems)
    elif isinstance(what, Problem):
        line = f"{what.path}: {render(what.text)}" if what.path else render(what.text)
    elif isinstance(what, AmparoError):
        line = render(what.text) if what.text else str(what)
    else:
        line = render(what)
    if lang.code == "fr":
        line = _FR_BEFORE.sub(lambda m: "\u00a0" if line[m.end():m.end() + 1] == ":" else "\u202f", line)
    return line
