"""The service layer: the one API (``Workspace``) that the CLI and the web call."""

from amparo.service.workspace import Workspace

__all__ = ["Workspace"]
