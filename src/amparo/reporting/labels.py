"""Plain English labels for vocabulary codes and country codes in tables and charts."""

from __future__ import annotations

from functools import cache


def label(code: str) -> str:
    """A readable label for a vocabulary code: ``arbitrary-detention`` → "Arbitrary detention"."""
    text = code.replace("-", " ").strip()
    return text[:1].upper() + text[1:]


@cache
def country_name(code: str) -> str:
    """The English short name of an ISO 3166-1 alpha-2 code (the code itself if unknown)."""
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return code
    return getattr(found, "common_name", None) or found.name
