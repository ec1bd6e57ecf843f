"""The web app in server mode, and the factory each worker process of ``amparo serve --db`` calls.

One process (``--workers 1``) opens the server once, with the organisation passphrase
the command line read (its file, or a hidden prompt), and serves it: the passphrase and
key never leave that process.

Several processes (``--workers N``): uvicorn starts N fresh Python processes (spawned, not
forked) that share nothing but the database; each must unlock the organisation key itself.
They are told where to find everything by ``AMPARO_WEB_CONFIG``: the path of a small JSON
file (mode 600, in a private temporary folder, deleted when the server stops) holding the
database URL, the settings, and the *path* of the organisation key file. Never the key or
passphrase itself: not in argv, not in the environment (both are visible to other users of
the machine, and the environment is inherited by every child), not in that file. That is
why several workers need ``--org-key-file``: a prompt's answer could only reach them
through one of those channels (a pipe would have to be held open for workers that restart).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amparo.web.config import WebSettings

if TYPE_CHECKING:
    from fastapi import FastAPI

    from amparo.service import TeamServer

#: The environment variable naming the workers' configuration file.
CONFIG_ENV = "AMPARO_WEB_CONFIG"


def team_settings(*, hosts: tuple[str, ...] = (), max_upload_mb: float = 200, worker_threads: int = 2) -> WebSettings:
    """The web settings of a server (no vault folder: the database is everything)."""
    return WebSettings(vault=Path(os.devnull), max_upload_mb=max_upload_mb, hosts=hosts,
                       worker_threads=worker_threads)


def team_app(server: TeamServer, settings: WebSettings) -> FastAPI:
    """The web app over an unlocked server (sign in with e-mail, password and code)."""
    from amparo.web.main import create_app
    from amparo.web.team_keeper import TeamKeeper

    return create_app(settings, keeper=TeamKeeper(settings, server))


def write_config(folder: Path, *, db: str, org_key_file: Path, hosts: tuple[str, ...],
                 max_upload_mb: float) -> Path:
    """Write the workers' configuration (no secret but the URL a user gave) to ``folder``, mode 600."""
    path = folder / "web.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"db": db, "org_key_file": str(Path(org_key_file).resolve()), "hosts": list(hosts),
                   "max_upload_mb": max_upload_mb}, fh)
    return path


def private_folder() -> Path:
    """A new folder only this user can read, for the workers' configuration."""
    return Path(tempfile.mkdtemp(prefix="amparo-web-"))


def app_from_environment() -> FastAPI:
    """The app of one worker process: its configuration from ``$AMPARO_WEB_CONFIG``, the
    organisation passphrase from the key file it names (uvicorn calls this, ``factory=True``)."""
    from amparo.service import TeamServer, read_passphrase_file

    where = os.environ.get(CONFIG_ENV)
    if not where:
        raise RuntimeError(f"{CONFIG_ENV} is not set: start workers with amparo serve --db URL --workers N")
    config: dict[str, Any] = json.loads(Path(where).read_text(encoding="utf-8"))
    passphrase = read_passphrase_file(Path(config["org_key_file"]))
    server = TeamServer.open(config["db"], passphrase)
    del passphrase
    settings = team_settings(hosts=tuple(config.get("hosts", ())), max_upload_mb=float(config["max_upload_mb"]))
    return team_app(server, settings)
