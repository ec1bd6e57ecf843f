"""The service layer: the one API (``Workspace``) that the CLI and the web call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from amparo.service.workspace import Workspace

__all__ = ["Workspace"]


def __getattr__(name: str) -> Any:
    # Lazy: `amparo.service.paths` is imported by every command, and must not pull in the
    # model, the store and the tracking rules before a command needs them.
    if name == "Workspace":
        from amparo.service.workspace import Workspace

        return Workspace
    raise AttributeError(name)
