"""Full-text search over cases: the only module that knows how each backend does it.

SQLite/SQLCipher: an FTS5 table (``case_search``) inside the database file, so it is
encrypted with everything else. PostgreSQL: a plain ``case_search`` table matched with
LIKE (substring match, no ranking); good enough until server mode needs more.

Both hold the same text: title, people's names, organisations and descriptions,
narratives, places, links, UN symbols, steps taken, and the case's notes, case-folded and
without diacritics, so "mejia" finds "Mejía" on both. A query matches cases that contain
every word of it (as a word prefix on SQLite, as a substring on PostgreSQL).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Connection

from amparo.store.schema import cases
from amparo.store.server_schema import case_tokens

if TYPE_CHECKING:
    from amparo.store.fields import FieldCipher

_WORD = re.compile(r"[^\W_]+")

# PostgreSQL's table; on SQLite the FTS5 virtual table has the same two columns.
_pg_search = sa.table("case_search", sa.column("case_id"), sa.column("body"))


def fold(text: str) -> str:
    """Case-folded, without diacritics: the form both backends index and match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def case_text(facts: Mapping[str, Any], notes: Iterable[str] = ()) -> str:
    """The searchable text of a case, from its case-facts dict and its notes."""
    parts: list[Any] = [facts.get("title"), facts.get("notes")]
    for p in facts.get("people", []):
        parts += [p.get("name"), p.get("organisation"), p.get("description")]
    for e in facts.get("engagements", []):
        parts += [e.get("session"), e.get("description")]
    for x in facts.get("reprisals", []):
        parts += [x.get("description"), x.get("place"), x.get("link")]
    parts += [u.get("symbol") for u in facts.get("un_references", [])]
    parts += facts.get("steps_taken", [])
    parts += list(notes)
    return fold("\n".join(str(p) for p in parts if p))


def words(query: str) -> list[str]:
    """The words of a user's query, folded; punctuation and operators are not syntax."""
    return _WORD.findall(fold(query))


def fts5_query(query: str) -> str | None:
    """A safe FTS5 MATCH expression: each word quoted, as a prefix, all required.

    Quoting every word means that user text such as ``"``, ``AND``, ``NEAR(`` or
    ``title:`` is searched for as words and never parsed as FTS5 syntax.
    """
    terms = words(query)
    if not terms:
        return None
    # Words hold letters and digits only, so they cannot contain a double quote.
    return " ".join(f'"{t}"*' for t in terms)


def _sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def index(conn: Connection, entries: Sequence[tuple[str, str]], fields: FieldCipher | None = None) -> None:
    """Write (case_id, text) search entries, replacing what the cases had before.

    With ``fields`` (a server) only blind-index tokens are written, never the text.
    """
    if not entries:
        return
    ids = [case_id for case_id, _ in entries]
    if fields is not None:
        conn.execute(sa.delete(case_tokens).where(case_tokens.c.case_id.in_(ids)))
        rows = [{"case_id": c, "token": t} for c, body in entries for t in sorted(fields.tokens(words(body)))]
        if rows:
            conn.execute(case_tokens.insert(), rows)
        return
    if not _sqlite(conn):
        conn.execute(sa.delete(_pg_search).where(_pg_search.c.case_id.in_(ids)))
        conn.execute(_pg_search.insert(), [{"case_id": c, "body": b} for c, b in entries])
        return
    # FTS5 rows are keyed by an integer rowid; ``cases.search_rowid`` remembers it so
    # that an edit or delete reaches the row without scanning the index. Every write
    # takes a fresh, higher rowid: the index's own order is then "most recently changed
    # first", which a search can follow with a limit without reading every match.
    known = dict(conn.execute(sa.select(cases.c.id, cases.c.search_rowid)
                              .where(cases.c.id.in_(ids))).all())
    old = [{"r": known[c]} for c in ids if known.get(c) is not None]
    if old:
        conn.execute(sa.text("DELETE FROM case_search WHERE rowid = :r"), old)
    next_rowid = conn.execute(sa.text("SELECT coalesce(max(rowid), 0) FROM case_search")).scalar_one()
    # Old rowids may still be above the new maximum (the newest row was just deleted).
    next_rowid = max([next_rowid, *(r["r"] for r in old)])
    fresh = []
    for case_id in ids:
        next_rowid += 1
        fresh.append({"r": next_rowid, "c": case_id})
    # Every new rowid is above every rowid any case holds, so the unique index on
    # search_rowid cannot see two cases share one while these rows are rewritten.
    conn.execute(sa.text("UPDATE cases SET search_rowid = :r WHERE id = :c"), fresh)
    rowid_of = {f["c"]: f["r"] for f in fresh}
    conn.execute(sa.text("INSERT INTO case_search(rowid, case_id, body) VALUES (:r, :c, :b)"),
                 [{"r": rowid_of[c], "c": c, "b": b} for c, b in entries])


def forget(conn: Connection, case_ids: Sequence[str]) -> None:
    """Remove the search entries of ``case_ids`` (before the cases themselves go)."""
    if not case_ids:
        return
    conn.execute(sa.delete(case_tokens).where(case_tokens.c.case_id.in_(case_ids)))
    if not _sqlite(conn):
        conn.execute(sa.delete(_pg_search).where(_pg_search.c.case_id.in_(case_ids)))
        return
    rowids = conn.execute(sa.select(cases.c.search_rowid).where(
        cases.c.id.in_(case_ids), cases.c.search_rowid.is_not(None))).scalars().all()
    if rowids:
        conn.execute(sa.text("DELETE FROM case_search WHERE rowid = :r"),
                     [{"r": r} for r in rowids])


def matching(conn: Connection, query: str, fields: FieldCipher | None = None) -> sa.Select[tuple[str]] | None:
    """A SELECT of the ids of the cases matching ``query`` (None when it has no words).

    For use as a subquery (``cases.c.id.in_(...)``), so that a query matching thousands
    of cases never turns into thousands of bound parameters. With ``fields`` (a server):
    the cases holding the token of every word.
    """
    if fields is not None:
        tokens = sorted(fields.tokens(words(query)))
        if not tokens:
            return None
        return (sa.select(case_tokens.c.case_id).where(case_tokens.c.token.in_(tokens))
                .group_by(case_tokens.c.case_id)
                .having(sa.func.count(sa.distinct(case_tokens.c.token)) == len(tokens)))
    if _sqlite(conn):
        expression = fts5_query(query)
        if expression is None:
            return None
        fts = sa.table("case_search", sa.column("case_id"))
        return (sa.select(fts.c.case_id)
                .where(sa.text("case_search MATCH :q").bindparams(q=expression)))
    terms = words(query)
    if not terms:
        return None
    return sa.select(_pg_search.c.case_id).where(
        *[_pg_search.c.body.contains(t, autoescape=True) for t in terms])


def search(conn: Connection, query: str, limit: int | None = None,
           fields: FieldCipher | None = None, *, offset: int = 0) -> list[str]:
    """Ids of the cases matching every word of ``query``, most recently changed first on
    SQLite (the order its facts or notes last changed), by updated_at on PostgreSQL;
    ``offset`` skips that many matches first (the next page)."""
    select = matching(conn, query, fields)
    if select is None:
        return []
    if fields is not None:
        # One EXISTS per token rather than ``id IN (matching)``: the grouped subquery makes
        # PostgreSQL count the tokens of every match of a common word (most cases hold
        # "police") before it sorts and cuts to the limit, a cost that grows with the number
        # of cases. With EXISTS the planner may walk the cases newest first and stop at the
        # limit, or start from the token index for a rare word, whichever its statistics say.
        tokens = sorted(fields.tokens(words(query)))
        select = (sa.select(cases.c.id)
                  .where(*[sa.exists().where(case_tokens.c.case_id == cases.c.id, case_tokens.c.token == t)
                           for t in tokens])
                  .order_by(cases.c.updated_at.desc(), cases.c.id))
    elif _sqlite(conn):
        # rowid order is change order (see ``index``); ranking by relevance would score
        # every match of a common word before the limit applies (~15 ms vs ~0.5 ms).
        select = select.order_by(sa.text("rowid DESC"))
    else:
        select = (select.join(cases, cases.c.id == _pg_search.c.case_id)
                  .order_by(cases.c.updated_at.desc(), cases.c.id))
    if limit is not None:
        select = select.limit(limit)
    if offset:
        select = select.offset(offset)
    return list(conn.execute(select).scalars())
