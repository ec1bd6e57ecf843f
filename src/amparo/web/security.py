"""Security plumbing of the web app: response headers, the session cookie, CSRF.

- Headers: a strict Content-Security-Policy (``default-src 'self'``, no ``unsafe-inline``,
  no ``unsafe-eval``; the pages carry no inline script or style attribute), framing refused
  twice (``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``), no referrer, and
  ``Cache-Control: no-store`` on everything but the vendored static files, so that case
  pages are never written to the browser's disk cache.
- Session: a random id in a cookie (HttpOnly, SameSite=Strict, Secure over TLS); the state
  it names lives only in server memory (``KeyKeeper``).
- CSRF: the synchronizer-token pattern. Each session has a random token; every
  state-changing request must carry it, in the ``csrf_token`` form field or the
  ``X-CSRF-Token`` header (htmx sends the header, from the page's meta tag, through
  ``static/amparo.js``), compared in constant time. SameSite=Strict is a second wall, not
  the only one. Script clients may use a bearer token instead (no cookie, so no CSRF).
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.datastructures import MutableHeaders

SESSION_COOKIE = "amparo_session"
LANG_COOKIE = "amparo_lang"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'; object-src 'none'")

HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CSP),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("x-content-type-options", "nosniff"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware: the headers above on every response, and the keeper's lock checks
    (a lock request from the CLI, the idle timeout) before every request."""

    def __init__(self, app: ASGIApp, *, before: Callable[[], None] | None = None):
        self.app = app
        self.before = before

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.before is not None:
            self.before()
        static = scope.get("path", "").startswith("/static/")

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS:
                    headers[name] = value
                headers["cache-control"] = "public, max-age=3600" if static else "no-store"
                if not static:
                    headers["pragma"] = "no-cache"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_matches(expected: str, given: str | None) -> bool:
    """Whether the token sent matches the session's (constant-time)."""
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())


def cookie_options(secure: bool) -> dict[str, Any]:
    """The session cookie's flags: never readable by script, never sent cross-site."""
    return {"httponly": True, "samesite": "strict", "secure": secure, "path": "/"}
