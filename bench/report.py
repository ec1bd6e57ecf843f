"""Compiling a reporting period against the bare SQL aggregate queries it needs.

Builds the 20,000-case benchmark vault of ``bench/vault.py`` (same generator, SQLCipher
with a random key), gives the cases actions and responses (1–3 actions each, about 60 %
answered, some UN references and annual-report inclusions) so that the per-avenue and
follow-up numbers are not trivial, then times, in the same run:

- bare: the aggregate SQL statements a compilation needs, written out as plain SQL text
  and fetched, nothing else;
- compile: ``compile_period(store.stats.aggregates(...))``, what ``amparo report`` does
  (the internal compilation, every case);
- public: what ``amparo report --public`` does: read the period's cases with their
  follow-up (``read_selection``), select them by consent, compile and suppress
  (``compile_public``).

Prints each (median of 5 after a warm-up), the ratios to the bare SQL (targets <= 3 for
the compilation, reported for the public one) and the absolute times (target < 2 s).

    .venv/bin/python bench/report.py [--cases N] [--from 2020-05-01 --to 2021-04-30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).parent))
from amparo.model import Consent
from amparo.model.case import UNReference
from amparo.reporting import compile_period
from amparo.reporting.public import compile_public
from amparo.service.reports import read_selection
from amparo.store.engine import sqlcipher_engine
from amparo.store.migrate import upgrade
from amparo.store.records import insert_many, new_id
from amparo.store.repository import Store
from amparo.store.schema import actions, responses
from vault import BATCH, generate

AVENUES = ("sp:human-rights-defenders", "sp:torture", "sp:arbitrary-detention", "tb:CAT", "tb:CCPR",
           "sg:report", "sg:senior-official", "hrc:president", "rg:iachr")
KINDS = ("acknowledgment", "communication-to-state", "state-reply", "press-release", "request-for-information")

BARE = [
    "SELECT COUNT(DISTINCT case_id) FROM case_reprisals WHERE date BETWEEN :s AND :e",
    "SELECT COUNT(*) FROM case_reprisals WHERE date BETWEEN :s AND :e",
    "SELECT country, COUNT(*) FROM cases WHERE id IN (SELECT case_id FROM case_reprisals "
    "WHERE date BETWEEN :s AND :e) GROUP BY country",
    "SELECT type, COUNT(DISTINCT case_id), COUNT(*) FROM case_reprisals WHERE date BETWEEN :s AND :e "
    "GROUP BY type",
    "SELECT body, COUNT(DISTINCT case_id) FROM case_engagements WHERE case_id IN (SELECT case_id "
    "FROM case_reprisals WHERE date BETWEEN :s AND :e) GROUP BY body",
    *(f"SELECT {c}, COUNT(*) FROM case_people WHERE case_id IN (SELECT case_id FROM case_reprisals "
      f"WHERE date BETWEEN :s AND :e) GROUP BY {c}" for c in ("role", "gender", "location")),
    "SELECT day, COUNT(*) FROM (SELECT case_id, MIN(date) AS day FROM case_reprisals "
    "WHERE date BETWEEN :s AND :e GROUP BY case_id) f GROUP BY day",
    "SELECT DISTINCT case_id FROM responses WHERE kind = 'annual-report-inclusion' AND received_on < :s "
    "AND case_id IN (SELECT case_id FROM case_reprisals WHERE date BETWEEN :s AND :e)",
    "SELECT id, facts_json FROM cases WHERE id IN (SELECT case_id FROM case_reprisals "
    "WHERE date BETWEEN :s AND :e) AND facts_json LIKE '%\"un_references\"%'",
    "SELECT avenue, COUNT(*) FROM actions WHERE sent_on BETWEEN :s AND :e GROUP BY avenue",
    "SELECT a.avenue, a.sent_on, f.first_on, COUNT(*) FROM actions a JOIN (SELECT action_id, "
    "MIN(received_on) AS first_on FROM responses WHERE action_id IS NOT NULL AND kind <> 'no-response' "
    "GROUP BY action_id) f ON f.action_id = a.id WHERE a.sent_on BETWEEN :s AND :e "
    "GROUP BY a.avenue, a.sent_on, f.first_on",
    "SELECT from_avenue, COUNT(*) FROM responses WHERE received_on BETWEEN :s AND :e "
    "AND kind <> 'no-response' AND from_avenue IS NOT NULL GROUP BY from_avenue",
    "SELECT kind, COUNT(*), COUNT(DISTINCT case_id) FROM situation_events "
    "WHERE happened_on BETWEEN :s AND :e GROUP BY kind",
    "SELECT outcome, COUNT(*) FROM case_closures WHERE closed_on BETWEEN :s AND :e GROUP BY outcome",
]


def populate(store: Store, n: int, seed: int = 5) -> None:
    """The benchmark cases, plus actions and responses written straight to their tables."""
    rng = random.Random(seed)
    cases = generate(n)
    for i, c in enumerate(cases):
        if i % 5 < 3:  # three cases in five consent to a public anonymous mention: the public figures count them
            c = cases[i] = replace(c, people=tuple(replace(p, consent=Consent.up_to("public-anonymous"))
                                                   for p in c.people))
        if i % 20 == 0:  # some cases already raised in a UN document
            first = min(r.date for r in c.reprisals)
            cases[i] = replace(c, un_references=(UNReference("A/HRC/00/00", first - timedelta(days=400)),))
    for start in range(0, len(cases), BATCH):
        with store.transaction() as conn:
            ids = store.cases.add_many(cases[start:start + BATCH])
            acts, resps = [], []
            for case_id, case in zip(ids, cases[start:start + BATCH], strict=True):
                first = min(r.date for r in case.reprisals)
                for k in range(rng.randint(1, 3)):
                    action_id = new_id("A")
                    sent = first + timedelta(days=rng.randint(1, 60) + k * 10)
                    avenue = rng.choice(AVENUES)
                    acts.append({"id": action_id, "case_id": case_id, "avenue": avenue, "action": None,
                                 "sent_on": sent, "channel": "email", "disclosure": "un-confidential",
                                 "draft_id": None, "consent_snapshot": "[]", "note": None})
                    if rng.random() < 0.6:
                        resps.append({"id": new_id("R"), "case_id": case_id, "kind": rng.choice(KINDS),
                                      "received_on": sent + timedelta(days=rng.randint(1, 120)),
                                      "from_avenue": avenue, "action_id": action_id, "reference": None,
                                      "paragraph": None, "note": None})
                if rng.random() < 0.05:
                    resps.append({"id": new_id("R"), "case_id": case_id, "kind": "annual-report-inclusion",
                                  "received_on": first - timedelta(days=30), "from_avenue": "sg:report",
                                  "action_id": None, "reference": None, "paragraph": None, "note": None})
            insert_many(conn, actions, acts)
            insert_many(conn, responses, resps)


def median_time(action, rounds: int = 5) -> float:
    action()  # warm-up: the first read pays for the page cache
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--from", dest="start", type=date.fromisoformat, default=date(2020, 5, 1))
    parser.add_argument("--to", dest="end", type=date.fromisoformat, default=date(2021, 4, 30))
    parser.add_argument("--profile", action="store_true", help="Profile the public compilation once.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="amparo-bench-") as tmp:
        engine = sqlcipher_engine(Path(tmp) / "vault.db", os.urandom(32))
        upgrade(engine)
        store = Store(engine, actor="bench")
        began = time.perf_counter()
        populate(store, args.cases)
        print(f"built a vault of {args.cases} cases with follow-up in {time.perf_counter() - began:.1f} s")
        params = {"s": args.start, "e": args.end}
        statements = [sa.text(s) for s in BARE]

        def bare() -> None:
            with engine.connect() as conn:
                for statement in statements:
                    conn.execute(statement, params).all()

        def compiled() -> None:
            compile_period(store.stats.aggregates(args.start, args.end))

        def public() -> None:
            compile_public(read_selection(store, args.start, args.end, today=args.end, follow_ups=False),
                           today=args.end)

        if args.profile:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.runcall(public)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)

        t_bare = median_time(bare)
        t_compile = median_time(compiled)
        t_public = median_time(public)
        c = compile_period(store.stats.aggregates(args.start, args.end))
        p = compile_public(read_selection(store, args.start, args.end, today=args.end, follow_ups=False),
                           today=args.end)
        engine.dispose()

    print(f"period {args.start} – {args.end}: {c.totals['cases']} cases ({c.totals['follow_up_cases']} "
          f"follow-up), {c.totals['actions_sent']} actions sent, {c.totals['actions_answered']} answered")
    print(f"public: {p.totals['cases']} cases counted, {p.withheld} withheld for lack of consent")
    print(f"bare SQL aggregates  {t_bare:8.3f} s")
    print(f"compilation          {t_compile:8.3f} s   (target < 2 s)")
    print(f"ratio                {t_compile / t_bare:8.2f}     (target <= 3)")
    print(f"public compilation   {t_public:8.3f} s   (target < 2 s)")
    print(f"public ratio         {t_public / t_bare:8.2f}")


if __name__ == "__main__":
    main()
