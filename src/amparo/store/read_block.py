"""One database connection for a block of reads (a web request) on a server.

Every repository call opens a transaction of its own: a pool checkout, a liveness ping,
``BEGIN`` and ``COMMIT`` around each query. A case page asks a dozen of them, and on
PostgreSQL each of those costs three round trips and about 0.2 ms of processor time
before the query is even sent (``bench/server.py``). Inside ``read_block()``, reads
(``Store.reads``) share one connection in autocommit mode instead: no transaction is
opened, so each statement sees what was committed when it started, which is what the
default isolation (READ COMMITTED) gives each statement of a transaction anyway.

Writes never use that connection: ``Store.transaction`` keeps opening a transaction of its
own, so a write inside a read block (an audited refusal, say) commits or rolls back
exactly as outside one, and a read made inside a write's transaction still joins the
write's transaction (it must see the rows it just wrote). The embedded vault (SQLite)
has no pool round trips to save and is left as it is.

A request in a block holds its read connection to the end, and a write in it takes a
second one: each request in flight needs two. The web app runs two requests at once per
process (``WebSettings.worker_threads``) against a pool of 15 (``postgres_engine``), so
the pool cannot run dry; more threads than half the pool would need a larger pool.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import Connection, Engine

# The connections of the current block, one per engine; None outside a block. A ContextVar:
# each request (thread or task) has its own block, and nothing outlives it.
_block: ContextVar[dict[Engine, Connection] | None] = ContextVar("amparo_read_block", default=None)


@contextmanager
def read_block() -> Iterator[None]:
    """Within the block, reads on PostgreSQL share one autocommit connection per engine.

    Nested blocks join the outer one; the connections go back to the pool when the
    outermost block ends, however it ends."""
    if _block.get() is not None:
        yield
        return
    token = _block.set({})
    try:
        yield
    finally:
        opened = _block.get() or {}
        _block.reset(token)
        for connection in opened.values():
            connection.close()


def block_connection(engine: Engine) -> Connection | None:
    """The block's read connection for ``engine`` (opened at its first use), or None
    outside a block and for an embedded vault."""
    opened = _block.get()
    if opened is None or engine.dialect.name != "postgresql":
        return None
    connection = opened.get(engine)
    if connection is not None and (connection.closed or connection.invalidated):
        connection.close()  # lost (the server restarted): the next one is checked out fresh
        connection = None
    if connection is None:
        connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        opened[engine] = connection
    return connection
