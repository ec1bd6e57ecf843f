"""Reading stored case facts: the reader derived from the models against the hand-written one it replaced.

Generates N cases (default 20,000) as bench/vault.py does, every third one with the
fields added later (groups, identifying terms, a reprisal's country and law), writes
each as the vault stores it (``json.dumps(case_to_facts(case))``), then reads all of
them back as ``store.cases.parse_stored`` does: ``json.loads`` and the trusted reader.
The baseline is a frozen copy of the reader (and writer) as they were written by hand
before the format was defined by pydantic models, run on the same documents in the same
process, interleaved slice by slice. Prints new/old time ratios (the median of the
rounds' ratios); target <= 1.2 for reading.
The validating reader (``parse_case_facts``) is timed on a sample, for information.

    .venv/bin/python bench/facts.py [--cases N] [--rounds N]
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from amparo.model import Case, parse_case_facts
from amparo.model.case import ConsentRecord, Engagement, Person, Reprisal, UNReference, Writer
from amparo.model.consent import Consent
from amparo.model.facts_document import case_to_facts
from amparo.store.cases import parse_stored
from vault import generate

TODAY = date(2030, 1, 1)


# --- the baseline: the hand-written trusted reader and writer, frozen as they were -----------


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def old_trusted_reader(data: dict[str, Any], *, case_id: str | None = None) -> Case:
    people = tuple(
        Person(ref=p["ref"], name=p["name"], role=p["role"], gender=p.get("gender", "undisclosed"),
               organisation=p.get("organisation"), location=p.get("location", "unknown"),
               consent=Consent.parse(p.get("consent", "none")), relation_to=p.get("relation_to"),
               description=p.get("description"),
               consent_record=ConsentRecord(
                   given_on=_day(p["consent_record"].get("given_on")), method=p["consent_record"].get("method"),
                   recorded_by=p["consent_record"].get("recorded_by"), note=p["consent_record"].get("note"),
               ) if p.get("consent_record") else None)
        for p in data["people"])
    writer = data.get("writer")
    return Case(
        title=data["title"], country=data["country"], people=people,
        engagements=tuple(Engagement(body=e["body"], kind=e["kind"], date=date.fromisoformat(e["date"]),
                                     people=tuple(e["people"]), session=e.get("session"),
                                     description=e.get("description"))
                          for e in data.get("engagements", ())),
        reprisals=tuple(Reprisal(type=x["type"], date=date.fromisoformat(x["date"]), people=tuple(x["people"]),
                                 perpetrator=x.get("perpetrator", "unknown"), description=x.get("description"),
                                 place=x.get("place"), link=x.get("link"))
                        for x in data.get("reprisals", ())),
        notes=data.get("notes"), already_public=data.get("already_public", False),
        un_references=tuple(UNReference(symbol=u["symbol"], date=_day(u.get("date")), note=u.get("note"))
                            for u in data.get("un_references", ())),
        steps_taken=tuple(data.get("steps_taken", ())),
        writer=Writer(name=writer.get("name"), capacity=writer.get("capacity"), contact=writer.get("contact"))
        if writer else None,
        fictional=data.get("fictional", False), id=case_id,
    )


def _prune(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v not in (None, [], ())}


def old_writer(case: Case) -> dict[str, Any]:
    people = []
    for p in case.people:
        entry = _prune({
            "ref": p.ref, "name": p.name, "role": p.role, "gender": p.gender,
            "organisation": p.organisation, "location": p.location,
            "consent": p.consent.to_facts(), "relation_to": p.relation_to,
            "description": p.description,
        })
        entry.setdefault("consent", "none")
        if p.consent_record:
            rec = p.consent_record
            entry["consent_record"] = _prune({
                "given_on": rec.given_on.isoformat() if rec.given_on else None, "method": rec.method,
                "recorded_by": rec.recorded_by, "note": rec.note,
            })
        people.append(entry)
    out: dict[str, Any] = {
        "title": case.title, "country": case.country, "people": people,
        "engagements": [_prune({
            "body": e.body, "kind": e.kind, "date": e.date.isoformat(), "people": list(e.people),
            "session": e.session, "description": e.description,
        }) for e in case.engagements],
        "reprisals": [_prune({
            "type": x.type, "date": x.date.isoformat(), "people": list(x.people),
            "perpetrator": x.perpetrator, "description": x.description, "place": x.place, "link": x.link,
        }) for x in case.reprisals],
    }
    if case.notes:
        out["notes"] = case.notes
    if case.already_public:
        out["already_public"] = True
    if case.un_references:
        out["un_references"] = [_prune({"symbol": u.symbol, "date": u.date.isoformat() if u.date else None,
                                        "note": u.note}) for u in case.un_references]
    if case.steps_taken:
        out["steps_taken"] = list(case.steps_taken)
    if case.writer:
        out["writer"] = _prune({"name": case.writer.name, "capacity": case.writer.capacity,
                                "contact": case.writer.contact})
    if case.fictional:
        out["fictional"] = True
    return out


# --- the run ---------------------------------------------------------------------------


def with_later_fields(cases: list[Case]) -> list[Case]:
    """Every third case with the fields added after the hand-written reader."""
    out = []
    for i, case in enumerate(cases):
        if i % 3 == 0:
            first = dataclasses.replace(case.people[0], groups=("indigenous",),
                                        identifying_terms=("the teacher from the river village",))
            reprisal = dataclasses.replace(case.reprisals[0], country="ES", law="foreign-agents")
            case = dataclasses.replace(case, people=(first, *case.people[1:]),
                                       reprisals=(reprisal, *case.reprisals[1:]))
        out.append(case)
    return out


CHUNK = 500  # documents per timed slice


def rounds(actions: dict[str, Callable[[Any], object]], items: list[Any], n: int) -> dict[str, float]:
    """Median seconds of each action over all ``items`` in ``n`` rounds, and the median ratio.

    Each round runs the two actions in turn on one slice of the items after another (the
    order alternating), so that a burst of load from other processes on the machine
    weighs on both alike; ``ratio`` is the median of the rounds' new/old ratios.
    """
    times: dict[str, list[float]] = {name: [] for name in actions}
    for r in range(n):
        total = dict.fromkeys(actions, 0.0)
        for k, start in enumerate(range(0, len(items), CHUNK)):
            part = items[start:start + CHUNK]
            for name in list(actions) if (r + k) % 2 == 0 else reversed(list(actions)):
                began = time.perf_counter()
                actions[name](part)
                total[name] += time.perf_counter() - began
        for name, seconds in total.items():
            times[name].append(seconds)
    out = {name: statistics.median(t) for name, t in times.items()}
    out["ratio"] = statistics.median(new / old for old, new in zip(times["old"], times["new"], strict=True))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    cases = with_later_fields(generate(args.cases))
    stored = [json.dumps(case_to_facts(c)) for c in cases]
    # Both readers give the generated cases back (the old one without the later fields).
    pairs = list(zip(stored, cases, strict=True))
    assert all(parse_stored(doc, "C-X") == dataclasses.replace(c, id="C-X") for doc, c in pairs)
    assert all(old_trusted_reader(json.loads(doc)) == c for doc, c in zip(stored[1::3], cases[1::3], strict=True))
    assert all(old_writer(c) == case_to_facts(c) for c in cases[1::3])

    # The bench's own fixtures are not part of reading: the collector leaves them alone.
    gc.collect()
    gc.freeze()
    read = rounds({
        "old": lambda docs: [old_trusted_reader(json.loads(doc), case_id="C-X") for doc in docs],
        "new": lambda docs: [parse_stored(doc, "C-X") for doc in docs],
    }, stored, args.rounds)
    write = rounds({
        "old": lambda part: [old_writer(c) for c in part],
        "new": lambda part: [case_to_facts(c) for c in part],
    }, cases, args.rounds)
    sample = [case_to_facts(c) for c in cases[:2000]]
    began = time.perf_counter()
    for facts in sample:
        parse_case_facts(facts, today=TODAY)
    validating = time.perf_counter() - began

    print(f"{len(stored)} stored documents, {statistics.mean(map(len, stored)):.0f} bytes each, "
          f"median of {args.rounds} rounds")
    print(f"{'':34}{'old s':>8}{'new s':>8}{'ratio':>8}")
    print(f"{'read (json.loads + trusted reader)':34}{read['old']:8.3f}{read['new']:8.3f}"
          f"{read['ratio']:8.2f}  (target <= 1.2)")
    print(f"{'write (case_to_facts)':34}{write['old']:8.3f}{write['new']:8.3f}{write['ratio']:8.2f}")
    print(f"validating reader: {len(sample)} documents in {validating:.3f} s "
          f"({validating / len(sample) * 1e6:.0f} µs each), for information")


if __name__ == "__main__":
    main()
