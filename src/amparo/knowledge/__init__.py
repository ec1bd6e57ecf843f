"""The knowledge base: every avenue a defender can notify of a reprisal, what each can
do, whom each action would tell, how to reach it, and the sources for all of it.

The data is in ``data/*.yaml`` (one file per family of mechanisms, plus the public
precedents); ``load()`` validates it and applies a workspace's overrides.
docs/knowledge-base.md describes the file format.
"""

from amparo.knowledge.base import KnowledgeBase
from amparo.knowledge.check import CheckReport
from amparo.knowledge.loader import check_files, load, override_files
from amparo.knowledge.types import (
    Avenue,
    AvenueAction,
    Channel,
    Precedent,
    PrecedentResponse,
    Source,
)

__all__ = [
    "Avenue",
    "AvenueAction",
    "Channel",
    "CheckReport",
    "KnowledgeBase",
    "Precedent",
    "PrecedentResponse",
    "Source",
    "check_files",
    "load",
    "override_files",
]
