"""Schema migrations, run in code: a vault made by an older Amparo opens and upgrades.

Alembic is driven programmatically: the Config is built here and points at the
``migrations`` folder shipped inside the package, so users never need an alembic.ini.
Each upgrade runs on the caller's connection in one transaction: a failed migration leaves
the database at the revision it had.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from amparo.model.errors import AmparoError

MIGRATIONS = Path(__file__).with_name("migrations")


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(bind: Engine | Connection, revision: str = "head") -> None:
    """Bring the database up to ``revision`` (the newest schema by default).

    ``bind`` is an engine (a transaction is opened and committed here) or a connection
    (the caller's transaction is used and left to the caller to commit).
    """
    if isinstance(bind, Engine):
        with bind.begin() as connection:
            _upgrade(connection, revision)
    else:
        _upgrade(bind, revision)


def _upgrade(connection: Connection, revision: str) -> None:
    current = MigrationContext.configure(connection).get_current_revision()
    scripts = ScriptDirectory(str(MIGRATIONS))
    if current is not None and current not in {s.revision for s in scripts.walk_revisions()}:
        raise AmparoError(
            f"this vault has schema revision {current}, made by a newer version of Amparo; "
            "install that version to open it"
        )
    command.upgrade(_config(connection), revision)


def current_revision(bind: Engine | Connection) -> str | None:
    """The schema revision the database is at; None for an empty database."""
    if isinstance(bind, Engine):
        with bind.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    return MigrationContext.configure(bind).get_current_revision()


def head_revision() -> str:
    """The newest revision this version of Amparo knows."""
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head


def needs_upgrade(bind: Engine | Connection) -> bool:
    """Whether the database is older than this version of Amparo (or empty)."""
    return current_revision(bind) != head_revision()
