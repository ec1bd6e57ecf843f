"""Writing output files the user asked for: whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from amparo.model import InvalidInput, Problem


def check_output(path: Path, *, force: bool) -> None:
    """Refuse an existing file unless ``force``, and a folder that cannot be written."""
    if path.exists() and not force:
        raise InvalidInput(Problem("output", f"{path} exists; use --force to overwrite"))
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InvalidInput(Problem("output", f"the folder {parent} does not exist"))
    if not os.access(parent, os.W_OK):
        raise InvalidInput(Problem("output", f"the folder {parent} cannot be written"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename,
    so a crash leaves either the old file or the new one, never half of one."""
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=".amparo-", suffix=".part")
    except OSError as exc:
        raise InvalidInput(Problem("output", f"cannot write in {parent} ({exc.strerror})")) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InvalidInput(Problem("output", f"cannot write {path} ({exc.strerror})")) from None
