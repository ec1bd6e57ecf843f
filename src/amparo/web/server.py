"""Running the web app: what ``amparo serve`` starts, through the ``amparo.faces`` entry point.

The CLI does not import the web package (tests/test_architecture.py): it looks this
function up by its entry point, so that either face can be installed, replaced or left
out without the other knowing its modules.
"""

from __future__ import annotations

from pathlib import Path

from amparo.model.errors import InvalidInput, Problem


def serve(*, vault: Path, host: str, port: int, idle_minutes: float, max_upload_mb: float,
          api_token: str | None = None) -> None:
    """Serve the vault at ``vault`` on ``host:port`` until stopped (stopping locks the vault)."""
    import uvicorn

    from amparo.web.config import WebSettings
    from amparo.web.logs import log_config
    from amparo.web.main import create_app

    try:
        settings = WebSettings(vault=vault, idle_minutes=idle_minutes, max_upload_mb=max_upload_mb,
                               api_token=api_token, hosts=(host,))
    except ValueError as exc:
        raise InvalidInput(Problem("serve", str(exc))) from None
    # access_log off: request lines are not needed and must never hold case data.
    uvicorn.run(create_app(settings), host=host, port=port, access_log=False, log_level="warning",
                log_config=log_config(), server_header=False)
