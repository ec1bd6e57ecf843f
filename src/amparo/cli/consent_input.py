"""A consent typed on the command line, made into one value and checked before any prompt.

``amparo case consent CASE REF LEVEL… [--avenue AVENUE LEVEL]… [--review-on DATE]``
becomes the case-facts consent value (a level, a list of circles, or the object form with
``per_avenue`` and ``review_on``), checked by ``amparo.service.check_consent``. Its
problems are reported in the command line's own words: ``--avenue sp:tortur: is not an
avenue …``, ``--review-on: … is in the past``.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date
    from typing import Any

    from amparo.cli.vault_access import VaultAccess
    from amparo.model import InvalidInput


def _circles(text: str) -> str | list[str]:
    """``state`` stays a level; ``un-confidential,public-anonymous`` becomes a list of circles."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    return parts[0] if len(parts) == 1 else parts


def consent_value(levels: Sequence[str], scopes: Sequence[Sequence[str]], review_on: date | None,
                  vault: VaultAccess) -> Any:
    """The consent value to record; ``CommandLineError`` (nothing written) when it is wrong."""
    from amparo.cli.declare import CommandLineError
    from amparo.model import InvalidInput

    base: Any = levels[0] if len(levels) == 1 else list(levels)
    if not scopes and review_on is None:
        from amparo.model.consent import Consent, ConsentValueError

        try:
            Consent.parse(base)
        except ConsentValueError as exc:
            raise CommandLineError(f"LEVEL: {exc}") from None
        return base
    per_avenue: dict[str, Any] = {}
    for avenue, level in scopes:
        if avenue in per_avenue:
            raise CommandLineError(f"--avenue {_shown(avenue)}: given twice; give each avenue once")
        per_avenue[avenue] = _circles(level)
    value: dict[str, Any] = {"circles": base}
    if per_avenue:
        value["per_avenue"] = per_avenue
    if review_on is not None:
        value["review_on"] = review_on.isoformat()
    from amparo.cli.vault_access import folder_context
    from amparo.service import check_consent

    try:
        check_consent(folder_context(vault), value)
    except InvalidInput as exc:
        raise CommandLineError(options_message(exc)) from None
    return value


def _shown(value: str) -> str:
    # An avenue id is echoed; anything else typed there (a name, a sentence) is not.
    import re

    return value if re.fullmatch(r"[A-Za-z0-9:*_.-]{1,60}", value) else "(this value)"


def options_message(exc: InvalidInput) -> str:
    """The problems of a consent, each named by the option it came from."""
    lines = []
    for problem in exc.problems:
        path = problem.path
        if path.startswith("consent.per_avenue."):
            where = f"--avenue {_shown(path.removeprefix('consent.per_avenue.').strip(chr(39)))}"
        elif path == "consent.review_on":
            where = "--review-on"
        elif path in ("consent", "consent.circles"):
            where = "LEVEL"
        elif path == "method":
            where = "--method"
        elif path == "given_on":
            where = "--on"
        else:
            where = path
        lines.append(f"{where}: {problem.message}" if where else problem.message)
    return "; ".join(lines)
