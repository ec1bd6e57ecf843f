"""Encrypted vault against plain SQLite: the price of SQLCipher, through the same Store code.

Generates N cases (default 20,000; each 2 people, 2 engagements, 3 reprisals, ~1 KB of
narrative), imports them through ``Store.cases.add_many`` (batches of 500, one transaction
each) into a SQLCipher vault database (random key) and into a plain SQLite file, then opens
random cases by id and runs full-text searches on both. Prints encrypted/plain time ratios;
target <= 1.3 for each.

    .venv/bin/python bench/vault.py [--cases N] [--opens N] [--searches N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from amparo.model import Case, Consent, Engagement, Person, Reprisal
from amparo.model import vocabularies as vocab
from amparo.store.engine import plain_sqlite_engine, sqlcipher_engine
from amparo.store.migrate import upgrade
from amparo.store.repository import Store

BATCH = 500
COUNTRIES = ("HN", "GT", "CN", "BI", "BH", "EG", "VE", "RU", "NI", "CO", "PH", "IN", "TR", "ZW")
BODIES = ("hrc", "upr", "tb:CAT", "tb:CCPR", "sp:human-rights-defenders", "sp:torture",
          "sp:freedom-of-expression", "ohchr")
SYLLABLES = ("ma", "ri", "so", "ta", "ne", "lu", "ka", "do", "vi", "sa", "me", "jo", "an",
             "el", "ra", "ko", "mi", "ba", "zu", "te", "ol", "ha", "fi", "na")
WORDS = (
    "police", "officers", "arrested", "questioned", "session", "council", "geneva", "travel",
    "passport", "seized", "office", "raided", "family", "threatened", "phone", "messages",
    "followed", "car", "night", "home", "lawyer", "court", "charges", "detained", "released",
    "bail", "hearing", "community", "meeting", "rapporteur", "visit", "report", "mining",
    "land", "river", "association", "members", "airport", "border", "documents", "computer",
    "accounts", "hacked", "press", "television", "accused", "foreign", "agent", "funding",
    "registration", "cancelled", "license", "suspended", "bar", "disbarred", "colleagues",
)


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{word()} {word()} {word()}"


def _text(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    size = 0
    while size < chars:
        w = rng.choice(WORDS)
        out.append(w)
        size += len(w) + 1
    return " ".join(out).capitalize() + "."


def generate(n: int, seed: int = 7) -> list[Case]:
    """N fictional cases of the benchmark's shape, the same for a given seed."""
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    cases = []
    for i in range(n):
        day = start + timedelta(days=rng.randint(0, 3650))
        people = (
            Person(ref="p1", name=_name(rng), role=rng.choice(vocab.ROLES[:6]),
                   gender=rng.choice(vocab.GENDERS), organisation=f"{_name(rng)} Network",
                   location=rng.choice(vocab.LOCATIONS), consent=Consent.up_to("state")),
            Person(ref="p2", name=_name(rng), role="family-member", relation_to="p1",
                   consent=Consent.parse(["un-confidential", "public-anonymous"])),
        )
        engagements = tuple(
            Engagement(body=rng.choice(BODIES), kind=rng.choice(vocab.ENGAGEMENT_KINDS),
                       date=day + timedelta(days=k * 30), people=("p1",),
                       description=_text(rng, 60))
            for k in range(2))
        reprisals = tuple(
            Reprisal(type=rng.choice(vocab.REPRISAL_TYPES), date=day + timedelta(days=40 + k * 20),
                     people=("p1", "p2") if k == 2 else ("p1",),
                     perpetrator=rng.choice(vocab.PERPETRATORS), description=_text(rng, 300))
            for k in range(3))
        cases.append(Case(title=f"Bench case {i}: {_text(rng, 30)}", country=rng.choice(COUNTRIES),
                          people=people, engagements=engagements, reprisals=reprisals,
                          notes=_text(rng, 40), fictional=True))
    return cases


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def run(store: Store, cases: list[Case], opens: int, searches: int,
        seed: int) -> dict[str, float]:
    """Import, open and search timings (seconds) on one store."""
    results: dict[str, float] = {}

    def do_import() -> None:
        for start in range(0, len(cases), BATCH):
            with store.transaction():
                store.cases.add_many(cases[start:start + BATCH])

    results["import"] = timed(do_import)
    ids = store.cases.ids()
    rng = random.Random(seed)
    picks = [rng.choice(ids) for _ in range(opens)]
    queries = [" ".join(rng.sample(WORDS, rng.choice((1, 2, 3)))) for _ in range(searches)]
    # Warm-up, then median of three rounds: one noisy round must not decide the ratio.
    store.cases.get(picks[0])
    store.cases.search(queries[0], limit=20)
    results["open"] = statistics.median(
        timed(lambda: [store.cases.get(i) for i in picks]) for _ in range(3))
    results["search"] = statistics.median(
        timed(lambda: [store.cases.search(q, limit=20) for q in queries]) for _ in range(3))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--opens", type=int, default=2_000)
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="leave the two databases in this folder")
    args = parser.parse_args()

    began = time.perf_counter()
    cases = generate(args.cases)
    print(f"generated {len(cases)} cases in {time.perf_counter() - began:.1f} s")

    with tempfile.TemporaryDirectory(prefix="amparo-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = {}
        for label, make in (
            ("plain", lambda: plain_sqlite_engine(folder / "plain.db")),
            ("encrypted", lambda: sqlcipher_engine(folder / "vault.db", os.urandom(32))),
        ):
            for suffix in ("", "-wal", "-shm"):
                (folder / f"{'plain' if label == 'plain' else 'vault'}.db{suffix}").unlink(
                    missing_ok=True)
            engine = make()
            upgrade(engine)
            results[label] = run(Store(engine, actor="bench"), cases, args.opens,
                                 args.searches, seed=11)
            engine.dispose()

    print(f"{'':10}{'plain s':>10}{'encrypted s':>13}{'ratio':>8}  (target <= 1.3)")
    for what, unit in (("import", f"{args.cases} cases"), ("open", f"{args.opens} cases by id"),
                       ("search", f"{args.searches} FTS queries")):
        plain, enc = results["plain"][what], results["encrypted"][what]
        print(f"{what:10}{plain:10.3f}{enc:13.3f}{enc / plain:8.2f}  {unit}")


if __name__ == "__main__":
    main()
