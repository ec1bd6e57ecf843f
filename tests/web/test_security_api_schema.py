"""The JSON API against its own OpenAPI schema (schemathesis): a bounded number of generated
requests per operation, with the bearer token, none answered with a server error, every
answer's status and body as the schema says (400/401/404/409/422 included)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from web_support import build_app, make_vault, unlock

#: Examples per operation in every run (bench/hostile.py runs many more).
EXAMPLES = 12
TOKEN = secrets.token_urlsafe(32)
CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance)


@pytest.fixture(scope="module")
def served_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    vault = tmp_path_factory.mktemp("schema") / "vault"
    make_vault(vault)
    app = build_app(vault, api_token=TOKEN, hosts=("testserver", "localhost"))
    with TestClient(app) as client:
        assert unlock(client).status_code == 200  # the vault is unlocked in "a browser"
        yield app


class WithoutLifespan:
    """The app, with lifespan events answered here: schemathesis opens a client per call,
    and the app's shutdown locks the vault (as a server stop must)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                kind = message["type"].rsplit(".", 1)[-1]
                await send({"type": f"lifespan.{kind}.complete"})
                if kind == "shutdown":
                    return
        await self.app(scope, receive, send)


@pytest.fixture(scope="module")
def api_schema(served_app):
    return schemathesis.openapi.from_asgi("/api/openapi.json", WithoutLifespan(served_app))


def run_operations(schema, examples: int) -> dict[str, int]:
    """Call every operation of ``schema`` with ``examples`` generated requests each; return
    {"cases": n, "server_errors": n}. A check that fails raises (schemathesis's
    ``FailureGroup``, naming the operation and the request). Used by bench/hostile.py too.
    (Not ``schemathesis.pytest``: its plugin does not run under pytest 9.)"""
    from hypothesis import given

    counts = {"cases": 0, "server_errors": 0, "answered": 0}
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def call(case) -> None:
            counts["cases"] += 1
            response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
            if response.status_code >= 500:
                counts["server_errors"] += 1
            elif response.status_code < 300:
                counts["answered"] += 1
            case.validate_response(response, checks=CHECKS)

        call()
    return counts


def test_the_api_answers_as_its_schema_says(api_schema):
    counts = run_operations(api_schema, EXAMPLES)
    assert counts["cases"] >= EXAMPLES * 10 and counts["server_errors"] == 0
    assert counts["answered"] >= 12  # the vault stayed unlocked: operations really ran


def test_every_operation_documents_its_error_answers(api_schema):
    raw = api_schema.raw_schema
    for path, ops in raw["paths"].items():
        for method, op in ops.items():
            assert {"400", "401", "404", "409", "422"} <= set(op["responses"]), (method, path)


def test_errors_are_answered_in_the_documented_shape(served_app):
    c = TestClient(served_app)  # no lifespan: leaving it would lock the module's vault
    auth = {"Authorization": f"Bearer {TOKEN}"}
    missing = c.get("/api/cases/C-NOSUCH00", headers=auth)
    assert missing.status_code == 404 and set(missing.json()) == {"error", "detail"}
    bad = c.post("/api/cases", json={"title": 5}, headers=auth)
    assert bad.status_code == 422 and {"path", "message"} <= set(bad.json()["problems"][0])
    locked = c.get("/api/due")  # neither a session nor the token
    assert locked.status_code == 401 and set(locked.json()) == {"error", "detail"}
