"""``amparo serve``: the web app on this computer, the vault locked until unlocked in a browser."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated, Optional

import typer

from amparo.cli.options import VaultOpt
from amparo.cli.output import console, text


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve)


def _write_token(path: Path) -> str:
    token = secrets.token_urlsafe(32)
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(token + "\n")
    return token


def serve(
    vault: VaultOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on. Keep 127.0.0.1 (this computer only) "
                                           "unless you put TLS and a firewall in front.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    idle_minutes: Annotated[float, typer.Option("--idle-minutes", help="Lock after this long without use.")] = 15,
    max_upload_mb: Annotated[float, typer.Option("--max-upload-mb", help="Largest evidence upload.")] = 200,
    api_token_file: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--api-token-file", help="Write a fresh bearer token for API scripts to this file (mode 600).")] = None,
) -> None:
    """Serve the web app; unlock the vault in the browser.

    Example: amparo serve --vault ~/amparo-vault --port 8000
    """
    from importlib.metadata import entry_points

    from amparo.service import vault_exists, vault_path

    path = vault_path(vault)
    if not vault_exists(path):
        raise typer.BadParameter(f"no vault at {path}; create one with: amparo init --vault {path}",
                                 param_hint="--vault")
    faces = entry_points(group="amparo.faces", name="web")
    if not faces:
        raise typer.BadParameter("the web face of Amparo is not installed (reinstall the package: "
                                 "make run, or pip install -e .)")
    run = next(iter(faces)).load()
    token = _write_token(api_token_file) if api_token_file else None
    console.print(f"Amparo is serving {text(path)} at http://{host}:{port}/ (locked: unlock it in the browser).")
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print("Warning: listening beyond this computer. Use TLS in front, or others on the network "
                      "can see the traffic.")
    if api_token_file:
        console.print(f"API bearer token written to {text(api_token_file)}.")
    console.print("Press Ctrl-C to stop; stopping locks the vault.")
    run(vault=path, host=host, port=port, idle_minutes=idle_minutes, max_upload_mb=max_upload_mb,
        api_token=token)
