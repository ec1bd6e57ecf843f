"""Every service call × every role × the actor's relation to the case: 0 unexpected allows.

The expected table is written out here by hand, row by row, and not derived from
``policy.RULES``: a change to the rules that lets anyone do more fails this test until
the table is changed too. ``A``: the case is assigned to the actor, ``S``: shared with
them, ``O``: someone else's. A global call (no case) is ``*`` when allowed.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from server_support import DEMO

from amparo.service import Actor, Workspace
from amparo.service.people import enrol
from amparo.service.policy import AccessDenied
from amparo.store.schema import audit_log

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
ROLES = ("administrator", "coordinator", "caseworker", "reviewer")
PASSWORD = "a long enough password"
FACTS = (DEMO / "4-coordinator-stopped-at-airport.json").read_text()

#: call → {role: relations allowed}. Written by hand: see the module docstring.
EXPECTED: dict[str, dict[str, str]] = {
    # reading a case: what identifies people
    "cases.get":             {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "cases.stored":          {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "cases.document":        {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "cases.notes":           {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "followup.deadlines":    {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "followup.status":       {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "followup.timeline":     {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "evidence.list":         {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "evidence.verify":       {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "evidence.read":         {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "plans.for_case":        {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "drafts.list":           {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "consent_sheets.sheet":  {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    # changing a case
    "cases.edit":            {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "cases.replace":         {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "cases.set_consent":     {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "cases.add_note":        {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "followup.record_event": {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "followup.close":        {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "followup.reopen":       {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "evidence.add_stream":   {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "evidence.delete":       {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "drafts.draft":          {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "cases.delete":          {"administrator": "",   "coordinator": "ASO", "caseworker": "A",  "reviewer": ""},
    # taking a case out
    "cases.export":          {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    "cases.export-redacted": {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": "AS"},
    # who has access
    "people.assign":         {"administrator": "ASO", "coordinator": "ASO", "caseworker": "A", "reviewer": ""},
    "people.share":          {"administrator": "ASO", "coordinator": "ASO", "caseworker": "A", "reviewer": ""},
    "people.unshare":        {"administrator": "ASO", "coordinator": "ASO", "caseworker": "A", "reviewer": ""},
    "people.access":         {"administrator": "ASO", "coordinator": "ASO", "caseworker": "A", "reviewer": ""},
    # calls on no one case (results limited to the actor's cases)
    "cases.add":             {"administrator": "",  "coordinator": "*", "caseworker": "*", "reviewer": ""},
    "cases.list":            {"administrator": "*", "coordinator": "*", "caseworker": "*", "reviewer": "*"},
    "cases.search":          {"administrator": "*", "coordinator": "*", "caseworker": "*", "reviewer": ""},
    "cases.count":           {"administrator": "*", "coordinator": "*", "caseworker": "*", "reviewer": "*"},
    "followup.statuses":     {"administrator": "*", "coordinator": "*", "caseworker": "*", "reviewer": "*"},
    "followup.due":          {"administrator": "*", "coordinator": "*", "caseworker": "*", "reviewer": ""},
    "followup.due_ics":      {"administrator": "*", "coordinator": "*", "caseworker": "*", "reviewer": ""},
    "evidence.list-all":     {"administrator": "*", "coordinator": "*", "caseworker": "*", "reviewer": ""},
    "reports.internal":      {"administrator": "*", "coordinator": "*", "caseworker": "*", "reviewer": ""},
    "reports.public":        {"administrator": "*", "coordinator": "*", "caseworker": "*", "reviewer": "*"},
    "reports.import_precedents": {"administrator": "", "coordinator": "*", "caseworker": "*", "reviewer": ""},
    "people.add":            {"administrator": "*", "coordinator": "",  "caseworker": "",  "reviewer": ""},
    "people.list":           {"administrator": "*", "coordinator": "",  "caseworker": "",  "reviewer": ""},
    "people.disable":        {"administrator": "*", "coordinator": "",  "caseworker": "",  "reviewer": ""},
    "audit_verify":          {"administrator": "*", "coordinator": "*", "caseworker": "",  "reviewer": ""},
    "profile.set":           {"administrator": "*", "coordinator": "*", "caseworker": "",  "reviewer": ""},
    "shares.identity-name":  {"administrator": "*", "coordinator": "*", "caseworker": "",  "reviewer": ""},
    "shares.add_partner":    {"administrator": "*", "coordinator": "*", "caseworker": "",  "reviewer": ""},
}

Call = Callable[[Workspace, str, dict[str, Any]], Any]


def _partner_line(n: int) -> str:
    """The identity line of another organisation (new keys each time: a partner is added once)."""
    import pyrage
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from amparo.store.share_keys import identity_line

    verify = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return identity_line(f"Partner {n}", str(pyrage.x25519.Identity.generate().to_public()), verify)


def _evidence(ws: Workspace, case_id: str) -> str:
    return ws.evidence.add_stream(case_id, io.BytesIO(b"statement"), filename="s.txt").id


CASE_CALLS: dict[str, Call] = {
    "cases.get": lambda ws, c, x: ws.cases.get(c),
    "cases.stored": lambda ws, c, x: ws.cases.stored(c),
    "cases.document": lambda ws, c, x: ws.cases.document(c),
    "cases.notes": lambda ws, c, x: ws.cases.notes(c),
    "followup.deadlines": lambda ws, c, x: ws.followup.deadlines(c),
    "followup.status": lambda ws, c, x: ws.followup.status(c),
    "followup.timeline": lambda ws, c, x: ws.followup.timeline(c),
    "evidence.list": lambda ws, c, x: ws.evidence.list(c),
    "evidence.verify": lambda ws, c, x: ws.evidence.verify(c),
    "evidence.read": lambda ws, c, x: ws.evidence.read(x["evidence"]),
    "plans.for_case": lambda ws, c, x: ws.plans.for_case(c),
    "drafts.list": lambda ws, c, x: ws.drafts.list(c),
    "consent_sheets.sheet": lambda ws, c, x: ws.consent_sheets.sheet(c, fmt="md"),
    "cases.edit": lambda ws, c, x: ws.cases.edit(c, ["people[p1].location=abroad"]),
    "cases.replace": lambda ws, c, x: ws.cases.replace(c, __import__("json").loads(FACTS)),
    "cases.set_consent": lambda ws, c, x: ws.cases.set_consent(c, "p1", "state", method="in-person"),
    "cases.add_note": lambda ws, c, x: ws.cases.add_note(c, "Called back."),
    "followup.record_event": lambda ws, c, x: ws.followup.record_event(
        c, kind="released", happened_on=date(2026, 11, 20), people=("p1",)),
    "followup.close": lambda ws, c, x: ws.followup.close(c, "released"),
    "followup.reopen": lambda ws, c, x: ws.followup.reopen(c),
    "evidence.add_stream": lambda ws, c, x: _evidence(ws, c),
    "evidence.delete": lambda ws, c, x: ws.evidence.delete(x["evidence"]),
    "drafts.draft": lambda ws, c, x: ws.drafts.draft(c, avenue="sp:human-rights-defenders", fmt="txt"),
    "cases.delete": lambda ws, c, x: ws.cases.delete(c),
    "cases.export": lambda ws, c, x: ws.cases.export(c),
    "cases.export-redacted": lambda ws, c, x: ws.cases.export(c, audience="state"),
    "people.assign": lambda ws, c, x: ws.people.assign(c, "spare@example.org"),
    "people.share": lambda ws, c, x: ws.people.share(c, "spare@example.org"),
    "people.unshare": lambda ws, c, x: ws.people.unshare(c, "spare@example.org"),
    "people.access": lambda ws, c, x: ws.people.access(c),
}
GLOBAL_CALLS: dict[str, Call] = {
    "cases.add": lambda ws, c, x: ws.cases.add(__import__("json").loads(FACTS)),
    "cases.list": lambda ws, c, x: ws.cases.list(),
    "cases.search": lambda ws, c, x: ws.cases.list(text="airport"),
    "cases.count": lambda ws, c, x: ws.cases.count(),
    "followup.statuses": lambda ws, c, x: ws.followup.statuses(),
    "followup.due": lambda ws, c, x: ws.followup.due(),
    "followup.due_ics": lambda ws, c, x: ws.followup.due_ics(),
    "evidence.list-all": lambda ws, c, x: ws.evidence.list(),
    "reports.internal": lambda ws, c, x: ws.reports.compile(),
    "reports.public": lambda ws, c, x: ws.reports.compile(audience="public"),
    "reports.import_precedents": lambda ws, c, x: ws.reports.import_precedents(x["precedents"]),
    "people.add": lambda ws, c, x: ws.people.add(f"new-{x['n']}@example.org", "caseworker", PASSWORD),
    "people.list": lambda ws, c, x: ws.people.list(),
    "people.disable": lambda ws, c, x: ws.people.disable("spare2@example.org"),
    "audit_verify": lambda ws, c, x: ws.audit_verify(),
    "profile.set": lambda ws, c, x: ws.profile.set(organisation=f"Organisation {x['n']}"),
    "shares.identity-name": lambda ws, c, x: ws.shares.identity(organisation=f"Organisation {x['n']}"),
    "shares.add_partner": lambda ws, c, x: ws.shares.add_partner(f"Partner {x['n']}", _partner_line(x["n"])),
}
#: What a call needs done first (by a coordinator), on the case it is called on.
PREPARE: dict[str, Callable[[Workspace, str, dict[str, Any]], None]] = {
    "followup.reopen": lambda ws, c, x: ws.followup.close(c, "released"),
    "evidence.read": lambda ws, c, x: x.update(evidence=_evidence(ws, c)),
    "evidence.delete": lambda ws, c, x: x.update(evidence=_evidence(ws, c)),
    "people.unshare": lambda ws, c, x: ws.people.share(c, "spare@example.org"),
}


@pytest.fixture(scope="module")
def team(request, tmp_path_factory):
    """One server for the whole matrix: an account per role, a spare account, a coordinator."""
    from amparo.store.server import Server

    url = request.getfixturevalue("postgres_url")
    import uuid

    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin_engine = sa.create_engine(url)
    with admin_engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine = sa.create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    from server_support import FAST, ORG_PASS

    server = Server.create(engine, ORG_PASS, kdf=FAST, clock=lambda: NOW)
    store = server.store()
    accounts = {role: enrol(server, store, f"{role}@example.org", role, PASSWORD) for role in ROLES}
    for spare in ("spare", "spare2", "someone-else"):
        enrol(server, store, f"{spare}@example.org", "caseworker", PASSWORD)
    coordinator = Workspace.for_server(server, Actor(accounts["coordinator"].id, "coordinator"), clock=lambda: NOW)
    precedents = tmp_path_factory.mktemp("p") / "precedents.json"
    precedents.write_text(json.dumps({"precedents": [{
        "title": "Defender detained after a review", "country": "BI", "year": 2016, "region": "african",
        "bodies": ["upr"], "reprisal_types": ["threats"], "summary": "Lawyers were disbarred.",
        "sources": ["A/HRC/1/1"], "reviewed": "2026-11-01", "responses": []}]}))
    yield server, accounts, coordinator, precedents
    server.lock()
    engine.dispose()
    with admin_engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin_engine.dispose()


def _case_for(coordinator: Workspace, relation: str, actor_email: str) -> str:
    import json

    case_id = coordinator.cases.add(json.loads(FACTS))  # assigned to the coordinator
    coordinator.store.accounts.revoke(case_id, coordinator.ctx.actor.id)
    coordinator.people.assign(case_id, "someone-else@example.org")
    if relation == "A":
        coordinator.people.assign(case_id, actor_email)
    elif relation == "S":
        coordinator.people.share(case_id, actor_email)
    return case_id


def _outcome(call: Call, ws: Workspace, case_id: str, extra: dict[str, Any]) -> bool:
    """True when the call was allowed and worked; False when AccessDenied. Anything else fails."""
    try:
        call(ws, case_id, extra)
    except AccessDenied:
        return False
    return True


def test_every_call_role_and_relation_is_as_the_table_says(team) -> None:
    server, accounts, coordinator, precedents = team
    assert set(EXPECTED) == set(CASE_CALLS) | set(GLOBAL_CALLS)
    unexpected_allows, unexpected_denials = [], []
    n = 0
    for role in ROLES:
        actor = Actor(accounts[role].id, role)
        email = f"{role}@example.org"
        for name, call in CASE_CALLS.items():
            for relation in "ASO":
                case_id = _case_for(coordinator, relation, email)
                extra: dict[str, Any] = {}
                if name in PREPARE:
                    PREPARE[name](coordinator, case_id, extra)
                ws = Workspace.for_server(server, actor, clock=lambda: NOW)
                allowed = _outcome(call, ws, case_id, extra)
                expected = relation in EXPECTED[name][role]
                if allowed and not expected:
                    unexpected_allows.append((name, role, relation))
                if expected and not allowed:
                    unexpected_denials.append((name, role, relation))
        for name, call in GLOBAL_CALLS.items():
            n += 1
            ws = Workspace.for_server(server, actor, clock=lambda: NOW)
            allowed = _outcome(call, ws, "", {"n": n, "precedents": precedents})
            expected = EXPECTED[name][role] == "*"
            if allowed and not expected:
                unexpected_allows.append((name, role, "*"))
            if expected and not allowed:
                unexpected_denials.append((name, role, "*"))
            if name == "people.disable" and allowed:
                coordinator.store.accounts.set_disabled(
                    coordinator.store.accounts.by_email("spare2@example.org").id, False)
    assert unexpected_allows == []
    assert unexpected_denials == []


def test_every_denial_is_audited_by_ids_only(team) -> None:
    server, accounts, coordinator, _ = team
    case_id = _case_for(coordinator, "O", "caseworker@example.org")
    ws = Workspace.for_server(server, Actor(accounts["caseworker"].id, "caseworker"), clock=lambda: NOW)
    with pytest.raises(AccessDenied, match=f"may not read case {case_id}"):
        ws.cases.get(case_id)
    with server.engine.connect() as conn:
        last = conn.execute(sa.select(audit_log).order_by(audit_log.c.seq.desc()).limit(1)).one()
    assert (last.actor, last.verb, last.object_type, last.object_id) == (
        accounts["caseworker"].id, "denied.case.read", "case", case_id)


def test_lists_counts_searches_and_reports_hold_only_the_actors_cases(team) -> None:
    server, accounts, coordinator, _ = team
    mine = _case_for(coordinator, "A", "reviewer@example.org")
    shared = _case_for(coordinator, "S", "reviewer@example.org")
    other = _case_for(coordinator, "O", "reviewer@example.org")
    worker = Workspace.for_server(server, Actor(accounts["caseworker"].id, "caseworker"), clock=lambda: NOW)
    reviewer = Workspace.for_server(server, Actor(accounts["reviewer"].id, "reviewer"), clock=lambda: NOW)
    seen = {s.id for s in reviewer.cases.list()}
    assert {mine, shared} <= seen and other not in seen
    assert all(s.title == s.id for s in reviewer.cases.list())  # no titles for a reviewer
    assert reviewer.cases.count() == len(seen)
    everyone = coordinator.cases.count()
    assert worker.cases.count() < everyone
    worker_ids = {s.id for s in worker.cases.list()}
    assert {s.id for s in worker.cases.list(text="airport")} <= worker_ids
    assert set(worker.store.cases.search("airport")) <= worker_ids
    assert set(worker.followup.statuses()) <= worker_ids
    internal = worker.reports.compile("2026-05-01", "2027-04-30")
    assert internal.totals["cases"] <= len(worker_ids) < everyone
    assert coordinator.reports.compile("2026-05-01", "2027-04-30").totals["cases"] == everyone
