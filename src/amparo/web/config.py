"""The web app's settings, as data: one declared list, validated once, shared by ``amparo serve``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_IDLE_MINUTES = 15
DEFAULT_MAX_UPLOAD_MB = 200


@dataclass(frozen=True, slots=True)
class WebSettings:
    """How one server runs.

    ``vault``: the vault folder served (locked until someone unlocks it in the browser).
    ``idle_minutes``: the key is dropped after this long without a request.
    ``max_upload_mb``: evidence uploads over this size are refused before they are stored.
    ``api_token``: a bearer token for scripts (``amparo serve --api-token-file``); None disables it.
    ``worker_threads``: how many requests run at once (the rest wait their turn; see main.py).
    On a server each may hold two database connections (``store/read_block.py``): keep it
    under half the pool.
    ``hosts``: the host names the server answers to besides loopback (``amparo serve
    --host`` adds its own); any other ``Host:`` is refused (web/security.py).
    """

    vault: Path
    idle_minutes: float = DEFAULT_IDLE_MINUTES
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB
    api_token: str | None = None
    worker_threads: int = 2
    hosts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.worker_threads < 1:
            raise ValueError("worker_threads must be at least 1")
        if self.idle_minutes <= 0:
            raise ValueError("idle_minutes must be positive")
        if self.max_upload_mb <= 0:
            raise ValueError("max_upload_mb must be positive")
        if self.api_token is not None and len(self.api_token) < 32:
            raise ValueError("an API token must be at least 32 characters")

    @property
    def max_upload_bytes(self) -> int:
        """The upload cap in bytes."""
        return int(self.max_upload_mb * 1024 * 1024)
