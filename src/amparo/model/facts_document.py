"""A ``Case`` written back as a case-facts document (what ``case export`` writes).

The inverse of ``facts.parse_case_facts``: for every valid document ``d``,
``case_to_facts(parse_case_facts(d))`` parses to the same ``Case``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from amparo.model.case import Case, ConsentRecord, Engagement, Person, Reprisal, UNReference, Writer
from amparo.model.consent import Consent


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _prune(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v not in (None, [], ())}


def case_to_facts(case: Case) -> dict[str, Any]:
    """The case in the case-facts format (what ``case export`` writes)."""
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
                "given_on": _iso(rec.given_on), "method": rec.method,
                "recorded_by": rec.recorded_by, "note": rec.note,
            })
        people.append(entry)
    out: dict[str, Any] = {
        "title": case.title,
        "country": case.country,
        "people": people,
        "engagements": [_prune({
            "body": e.body, "kind": e.kind, "date": e.date.isoformat(), "people": list(e.people),
            "session": e.session, "description": e.description,
        }) for e in case.engagements],
        "reprisals": [_prune({
            "type": x.type, "date": x.date.isoformat(), "people": list(x.people),
            "perpetrator": x.perpetrator, "description": x.description, "place": x.place,
            "link": x.link,
        }) for x in case.reprisals],
    }
    if case.notes:
        out["notes"] = case.notes
    if case.already_public:
        out["already_public"] = True
    if case.un_references:
        out["un_references"] = [_prune({"symbol": u.symbol, "date": _iso(u.date), "note": u.note})
                                for u in case.un_references]
    if case.steps_taken:
        out["steps_taken"] = list(case.steps_taken)
    if case.writer:
        out["writer"] = _prune({"name": case.writer.name, "capacity": case.writer.capacity,
                                "contact": case.writer.contact})
    if case.fictional:
        out["fictional"] = True
    return out


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def case_from_trusted_facts(data: dict[str, Any], *, case_id: str | None = None) -> Case:
    """The ``Case`` of a document that was validated when it was stored (the vault's own).

    No checks: about ten times faster than ``parse_case_facts``, which matters when a
    dashboard reads thousands of cases. Never use it on input from outside the vault.
    """
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
