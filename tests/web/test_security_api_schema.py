"""The JSON API against its own OpenAPI schema (schemathesis): a bounded number of generated
requests per operation, with the bearer token, none answered with a server error, every
answer's status and body as the schema says (400/401/404/409/422 included)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from security_kit import WithoutLifespan, run_operations
from web_support import build_app, make_vault, unlock

#: Examples per operation in every run (bench/hostile.py runs many more).
EXAMPLES = 12
TOKEN = secrets.token_urlsafe(32)


@pytest.fixture(scope="module")
def served_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    vault = tmp_path_factory.mktemp("schema") / "vault"
    make_vault(vault)
    app = build_app(vault, api_token=TOKEN, hosts=("testserver", "localhost"))
    with TestClient(app) as client:
        assert unlock(client).status_code == 200  # the vault is unlocked in "a browser"
        yield app


@pytest.fixture(scope="module")
def api_schema(served_app):
    return schemathesis.openapi.from_asgi("/api/openapi.json", WithoutLifespan(served_app))


def test_the_api_answers_as_its_schema_says(api_schema):
    counts = run_operations(api_schema, EXAMPLES, token=TOKEN)
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
