"""Alembic environment for the vault, run only programmatically (``amparo.store.migrate``).

There is no alembic.ini: ``migrate.upgrade`` builds the Config in code and passes the
open connection in ``config.attributes["connection"]``, so migrations run on exactly the
connection (and key) the vault was opened with, inside its transaction.
"""

from __future__ import annotations

from alembic import context

from amparo.store import server_schema as _server_schema  # noqa: F401 - its tables join the metadata
from amparo.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - misuse, not a user path
    raise RuntimeError("run vault migrations through amparo.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
