"""Running the web app: what ``amparo serve`` starts, through the ``amparo.faces`` entry point.

The CLI does not import the web package (tests/test_architecture.py): it looks this
function up by its entry point, so that either face can be installed, replaced or left
out without the other knowing its modules.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from amparo.model.errors import InvalidInput, Problem


def serve(*, vault: Path, host: str, port: int, idle_minutes: float, max_upload_mb: float,
          api_token: str | None = None, db: str | None = None, org_passphrase: str | None = None,
          org_key_file: Path | None = None, workers: int = 1, announce: Callable[[], None] | None = None) -> None:
    """Serve the vault at ``vault`` on ``host:port`` until stopped (stopping locks the vault).

    With ``db`` (``amparo serve --db URL``), serve that server database instead: see ``serve_team``.
    """
    if db is not None:
        serve_team(db=db, host=host, port=port, max_upload_mb=max_upload_mb, org_passphrase=org_passphrase,
                   org_key_file=org_key_file, workers=workers, announce=announce)
        return
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


def serve_team(*, db: str, host: str, port: int, max_upload_mb: float, org_passphrase: str | None = None,
               org_key_file: Path | None = None, workers: int = 1,
               announce: Callable[[], None] | None = None) -> None:
    """Serve a server database (``amparo serve --db``): people sign in; N worker processes.

    The organisation key is checked here first, so that a wrong key, an unreachable
    database or an older schema is refused before any worker starts (``team_app`` says why
    several workers read the key file themselves). ``announce`` runs once the key was
    accepted (the command line says where it serves).
    """
    import os
    import shutil

    import uvicorn

    from amparo.service import TeamServer, read_passphrase_file
    from amparo.web.logs import log_config
    from amparo.web.team_app import CONFIG_ENV, private_folder, team_app, team_settings, write_config

    if workers < 1:
        raise InvalidInput(Problem("--workers", "must be at least 1"))
    if workers > 1 and org_key_file is None:
        raise InvalidInput(Problem("--org-key-file", "several workers each unlock the organisation key "
                                   "from its file: give --org-key-file FILE (mode 600)"))
    if org_passphrase is None:
        if org_key_file is None:
            raise InvalidInput(Problem("--org-key-file", "give the organisation key file"))
        org_passphrase = read_passphrase_file(org_key_file)
    server = TeamServer.open(db, org_passphrase)  # refuses a wrong key, clearly, before anything starts
    del org_passphrase
    if announce is not None:
        announce()
    common: dict[str, object] = {"host": host, "port": port, "access_log": False, "log_level": "warning",
                                 "log_config": log_config(), "server_header": False}
    settings = team_settings(hosts=(host,), max_upload_mb=max_upload_mb)
    if workers == 1:
        uvicorn.run(team_app(server, settings), **common)  # type: ignore[arg-type]
        return
    server.lock()  # each worker unlocks its own copy; this process keeps none
    folder = private_folder()
    try:
        assert org_key_file is not None
        os.environ[CONFIG_ENV] = str(write_config(folder, db=db, org_key_file=org_key_file, hosts=(host,),
                                                  max_upload_mb=max_upload_mb))
        uvicorn.run("amparo.web.team_app:app_from_environment", factory=True, workers=workers,
                    **common)  # type: ignore[arg-type]
    finally:
        os.environ.pop(CONFIG_ENV, None)
        shutil.rmtree(folder, ignore_errors=True)
