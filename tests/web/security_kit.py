"""The API against its own schema, for the tests and the long run (bench/hostile.py):
an app without lifespan (schemathesis opens a client per call, and the app's shutdown
locks the vault), and a run over every operation that counts what came back."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance)


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


def run_operations(schema: Any, examples: int, *, token: str, strict: bool = True) -> dict[str, int]:
    """Call every operation of ``schema`` with ``examples`` generated requests each, with the
    bearer ``token``; return {"cases", "server_errors", "answered" (2xx), "check_failures"}.
    With ``strict`` a failed check raises (schemathesis's ``FailureGroup``, naming the
    operation and the request); else it is counted. (Not ``schemathesis.pytest``: its
    plugin does not run under pytest 9.)"""
    from hypothesis import given

    counts = {"cases": 0, "server_errors": 0, "answered": 0, "check_failures": 0}
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def call(case) -> None:
            counts["cases"] += 1
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            if response.status_code >= 500:
                counts["server_errors"] += 1
            elif response.status_code < 300:
                counts["answered"] += 1
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception:
                counts["check_failures"] += 1
                if strict:
                    raise

        call()
    return counts


