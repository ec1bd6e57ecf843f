"""Amparo's version, as documents name their producer (PDF Creator, DOCX Application)."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version


@lru_cache(maxsize=1)
def amparo_version() -> str:
    """The installed package's version, e.g. ``0.1.0`` (``0+unknown`` from a bare checkout)."""
    try:
        return version("amparo")
    except PackageNotFoundError:
        return "0+unknown"
