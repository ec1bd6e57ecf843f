"""Files the user asks for (drafts, exports, calendars, reports): whole or not at all.

Every face writes its outputs through here, so that a crash, a full disk or an
unwritable folder leaves either the old file or the new one, never half of one, and the
error says which option and which folder.

Each file is created readable and writable by its owner alone (0600), whatever the umask:
a draft names people, and even a table of counts tells who works on which country. A new
folder of files is 0700. Overwriting (``--force``) replaces the old file, and its mode, too.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from amparo.model import InvalidInput, Problem
from amparo.model.errors import Message

#: The mode of every file written for the user; folders made for them get 0700.
FILE_MODE = 0o600


def check_output(path: Path, *, force: bool, option: str = "output") -> None:
    """Refuse an existing file unless ``force``, and a folder that cannot be written.

    Called before the work is done (and before a passphrase is asked for), so that a
    typo in a path costs nothing.
    """
    path = Path(path)
    if path.exists() and not force:
        raise InvalidInput(Problem(option, Message("{path} exists; use --force to overwrite", path=path)))
    _writable_folder(path.parent if str(path.parent) else Path("."), option)


def _writable_folder(folder: Path, option: str) -> None:
    if not folder.is_dir():
        raise InvalidInput(Problem(option, Message("{folder} is not an existing folder", folder=folder)))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InvalidInput(Problem(option, Message("{folder} cannot be written", folder=folder)))


def write_file(path: Path, data: bytes, *, option: str = "-o") -> Path:
    """Write ``data`` to ``path`` whole or not at all (temp file in the same folder, then rename)."""
    path = Path(path)
    if path.is_dir():
        raise InvalidInput(Problem(option, Message("{path} is a folder; give a file name", path=path)))
    _writable_folder(path.parent if str(path.parent) else Path("."), option)
    try:
        # mkstemp creates the file 0600; it is set again in case a platform does otherwise.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".amparo-", suffix=".part")
    except OSError as exc:
        raise InvalidInput(Problem(option, Message("{parent} cannot be written ({strerror})",
                                                   parent=path.parent, strerror=exc.strerror))) from None
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InvalidInput(Problem(option, Message("{path} cannot be written ({strerror})",
                                                   path=path, strerror=exc.strerror))) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_folder(folder: Path, files: Mapping[str, bytes], *, option: str = "--csv") -> list[Path]:
    """Write every file into ``folder`` or none: all are written to a temp folder first.

    A new folder appears at once (the temp folder is renamed); in an existing folder each
    finished file is moved in by an atomic rename.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(Problem(option, Message("{folder} is a file, not a folder", folder=folder)))
    parent = folder if folder.is_dir() else folder.parent
    _writable_folder(parent, option)
    try:
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=".amparo-"))
    except OSError as exc:
        raise InvalidInput(Problem(option, Message("{folder} cannot be written ({strerror})",
                                                   folder=folder, strerror=exc.strerror))) from None
    try:
        for name, data in files.items():
            _write_private(tmp / name, data)
        if folder.is_dir():
            for name in files:
                os.replace(tmp / name, folder / name)
            tmp.rmdir()
        else:
            os.replace(tmp, folder)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise InvalidInput(Problem(option, Message("{folder} cannot be written ({strerror})",
                                                   folder=folder, strerror=exc.strerror))) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [folder / name for name in files]


def _write_private(path: Path, data: bytes) -> None:
    """A new file holding ``data``, created 0600 (never briefly readable under the umask)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        os.fchmod(out.fileno(), FILE_MODE)  # O_CREAT's mode is masked by the umask; this is not
        out.write(data)
