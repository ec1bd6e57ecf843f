"""The server's log: what went wrong, never the values it went wrong with.

An exception inside a request is logged by the server with its traceback, and a
traceback can quote values from the case (a name in a KeyError, a narrative in a
ValueError raised by a library). Amparo's own errors never carry names; this filter makes
sure that nothing else does either: the exception's type stays, its message and
traceback go.
"""

from __future__ import annotations

import copy
import logging
from typing import Any


class WithholdDetails(logging.Filter):
    """Replace an exception's message and traceback by its type alone."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            kind = record.exc_info[0].__name__ if record.exc_info[0] else "Exception"
            record.msg = f"internal error ({kind}); details withheld because they may hold case data"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration with every handler behind ``WithholdDetails``."""
    import uvicorn.config

    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config.setdefault("filters", {})["withhold"] = {"()": f"{__name__}.WithholdDetails"}
    for handler in config["handlers"].values():
        handler.setdefault("filters", []).append("withhold")
    return config
