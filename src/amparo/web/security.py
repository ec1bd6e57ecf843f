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
- Host: only the names the server was started for (loopback, and the ``--host`` given)
  are served (``HostCheck``). A page on another site whose name an attacker points at
  127.0.0.1 (DNS rebinding) would otherwise be same-origin with the app; its requests
  carry its own name in ``Host:`` and are refused before any session is made.
- Lock: the response to a lock, and the first response to a browser whose session ended
  (a lock from the CLI, the idle timeout, a restart), carry ``Clear-Site-Data`` so the
  browser drops its cache and storage for the site.
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
#: Not "cookies": the language cookie should survive a lock (the session cookie is
#: replaced anyway, and worth nothing once the session ended).
CLEAR_SITE_DATA = '"cache", "storage"'
LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})  # noqa: S104 (names to leave out, not a bind)

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


def host_name(header: str) -> str:
    """The host name of a ``Host:`` header, lower case, without port or trailing dot
    (``[::1]:8000`` -> ``::1``, ``LocalHost.:80`` -> ``localhost``)."""
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else ""
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_hosts(extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The names a server answers to: loopback and each of ``extra`` (the ``--host`` it
    was started with) but a wildcard: 0.0.0.0 names no host a browser would type."""
    names = {host_name(h) for h in extra} - WILDCARD_HOSTS
    return frozenset({*LOOPBACK_HOSTS, *names})


class HostCheck:
    """ASGI middleware: refuse a request whose ``Host:`` is not one of ``hosts`` (400),
    before a session is made or anything is read (against DNS rebinding)."""

    def __init__(self, app: ASGIApp, *, hosts: frozenset[str]):
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"host"), "")
        if host_name(host) in self.hosts:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = b"This server answers only to the address it was started on.\n"
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
