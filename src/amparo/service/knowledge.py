"""The knowledge base for the faces: listing, showing and checking avenues.

A vault's own entries live in its ``knowledge/`` folder (``Context.kb`` lays them over
the package's); ``amparo kb … --overrides DIR`` names such a folder directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from amparo.model.clock import Clock, system_clock
from amparo.service.context import KNOWLEDGE_DIR

if TYPE_CHECKING:
    from amparo.knowledge import CheckReport, KnowledgeBase


def vault_overrides(vault: Path) -> Path | None:
    """The vault folder's own knowledge-base entries, when it has any."""
    folder = Path(vault) / KNOWLEDGE_DIR
    return folder if folder.is_dir() else None


def knowledge_base(overrides: Path | None = None) -> KnowledgeBase:
    """The package knowledge base with the override files of ``overrides`` laid over it."""
    from amparo import knowledge

    return knowledge.load(overrides)


def check_knowledge(overrides: Path | None = None, *, clock: Clock = system_clock) -> CheckReport:
    """Schema, sources, references and review dates of the knowledge base, as of today."""
    from amparo import knowledge

    return knowledge.check_files(clock().date(), overrides)
