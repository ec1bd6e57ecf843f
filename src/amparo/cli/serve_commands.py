"""``amparo serve``: the web app on this computer, the vault locked until unlocked in a browser.

Declared in ``declarations/serve.py``.
"""

from __future__ import annotations

import os
import secrets
from typing import TYPE_CHECKING

from amparo.cli.output import console, error, text

if TYPE_CHECKING:
    from pathlib import Path

    from amparo.cli.server_access import ServerAccess
    from amparo.cli.vault_access import VaultAccess


def _write_token(path: Path) -> str:
    token = secrets.token_urlsafe(32)
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(token + "\n")
    return token


def serve(vault: VaultAccess, host: str, port: int, idle_minutes: float, max_upload_mb: float,
          api_token_file: Path | None, workers: int = 1) -> int:
    """Serve the web app; unlock the vault in the browser (returns when the server stops)."""
    from importlib.metadata import entry_points

    from amparo.cli.server_access import ServerAccess
    from amparo.service import vault_exists

    if isinstance(vault, ServerAccess):
        return _serve_team(vault, host, port, max_upload_mb, workers, api_token_file)
    if workers != 1:
        error("--workers is for server mode: amparo serve --db URL --org-key-file FILE --workers N")
        return 2
    path = vault.folder
    fresh = not vault_exists(path)
    faces = entry_points(group="amparo.faces", name="web")
    if not faces:
        error("the web face of Amparo is not installed (reinstall the package: make run, or pip install -e .)")
        return 2
    run = next(iter(faces)).load()
    token = _write_token(api_token_file) if api_token_file else None
    if fresh:  # the first run: the browser offers to create the vault here, or a demo
        console.print(f"No vault at {text(path)} yet. Open http://{text(host)}:{port}/ to create it "
                      "(or to try the demo).")
    else:
        console.print(f"Amparo is serving {text(path)} at http://{text(host)}:{port}/ "
                      "(locked: unlock it in the browser).")
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print("Warning: listening beyond this computer. Use TLS in front, or others on the network "
                      "can see the traffic.")
    if api_token_file:
        console.print(f"API bearer token written to {text(api_token_file)}.")
    console.print("Press Ctrl-C to stop; stopping locks the vault.")
    run(vault=path, host=host, port=port, idle_minutes=idle_minutes, max_upload_mb=max_upload_mb,
        api_token=token)
    return 0


def _serve_team(access: ServerAccess, host: str, port: int, max_upload_mb: float, workers: int,
                api_token_file: Path | None) -> int:
    """``amparo serve --db URL``: the organisation key unlocked here, then the web app for the team."""
    from importlib.metadata import entry_points
    from pathlib import Path

    from amparo.service import shown_url

    if api_token_file is not None:
        error("in server mode an API token belongs to a user: amparo user token --db URL --user EMAIL")
        return 2
    faces = entry_points(group="amparo.faces", name="web")
    if not faces:
        error("the web face of Amparo is not installed (reinstall the package: make run, or pip install -e .)")
        return 2
    run = next(iter(faces)).load()
    key_file = access.org_key_file
    if workers > 1 and not key_file:
        error("several workers each unlock the organisation key from its file: give --org-key-file FILE "
              "(mode 600); a passphrase typed at a prompt can only serve --workers 1")
        return 2
    passphrase = None if key_file else access.org_passphrase()

    def announce() -> None:  # once the organisation key was accepted
        console.print(f"Amparo is serving the server database {text(shown_url(access.db))} at "
                      f"http://{text(host)}:{port}/ with {workers} worker process{'es' if workers > 1 else ''}; "
                      "people sign in with their e-mail address, password and second factor.")
        if host not in ("127.0.0.1", "localhost", "::1"):
            console.print("Warning: listening beyond this computer. Use TLS in front, or others on the network "
                          "can see the traffic.")
        console.print("Press Ctrl-C to stop; stopping wipes the organisation key from memory.")

    run(vault=Path(os.devnull), host=host, port=port, idle_minutes=15, max_upload_mb=max_upload_mb,
        db=access.db, org_passphrase=passphrase,
        org_key_file=Path(os.path.expanduser(key_file)) if key_file else None, workers=workers,
        announce=announce)
    return 0
