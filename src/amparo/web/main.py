"""The app factory: ``create_app(settings)`` builds one FastAPI application over one vault.

The app is a thin face over ``amparo.service``: routes parse forms, call one Workspace
method, and render. Settings are passed in (never read at import time), so tests build
as many apps as they need.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, RedirectResponse, Response

from amparo.model.errors import AmparoError, ConsentRefused, InvalidInput, NotFound
from amparo.service import say
from amparo.web.config import WebSettings
from amparo.web.deps import NeedsUnlock, Visit
from amparo.web.i18n import pick_language
from amparo.web.keeper import KeyKeeper
from amparo.web.security import (
    CLEAR_SITE_DATA,
    LANG_COOKIE,
    SESSION_COOKIE,
    HostCheck,
    SecurityHeaders,
    allowed_hosts,
    cookie_options,
)

STATIC = Path(__file__).resolve().parent / "static"
CHECK_EVERY_SECONDS = 5


class SessionCookie:
    """ASGI middleware: find (or start) the browser's session and its language; set the
    cookies when they change (a new visitor, an unlock or lock, a language switch)."""

    def __init__(self, app: Any, keeper: KeyKeeper):
        self.app = app
        self.keeper = keeper

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("path", "").startswith("/static/"):
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        sent_sid = conn.cookies.get(SESSION_COOKIE)
        session = self.keeper.session(sent_sid)
        started = session is None
        # A cookie naming a session that ended (lock, idle timeout, restart): the browser
        # should drop what it kept of the site.
        ended = started and bool(sent_sid)
        if session is None:
            session = self.keeper.new_session()
        asked = conn.query_params.get("lang")
        lang = pick_language(asked, conn.cookies.get(LANG_COOKIE), conn.headers.get("accept-language"))
        state = scope.setdefault("state", {})
        state["amparo_session"] = session
        state["amparo_lang"] = lang
        state["amparo_set_sid"] = session.sid if started else None
        secure = scope.get("scheme") == "https"

        async def send_with_cookies(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                sid = state.get("amparo_set_sid")
                if ended and "clear-site-data" not in headers:
                    headers["clear-site-data"] = CLEAR_SITE_DATA
                if sid:
                    resp = Response()
                    resp.set_cookie(SESSION_COOKIE, sid, **cookie_options(secure))
                    headers.append("set-cookie", resp.headers["set-cookie"])
                if asked and asked == lang:
                    resp = Response()
                    resp.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, **cookie_options(secure))
                    headers.append("set-cookie", resp.headers["set-cookie"])
            await send(message)

        await self.app(scope, receive, send_with_cookies)


def create_app(settings: WebSettings, *, keeper: KeyKeeper | None = None,
               check_every: float = CHECK_EVERY_SECONDS) -> FastAPI:
    """A FastAPI app serving ``settings.vault`` (locked until unlocked in a browser)."""
    from amparo.web.routes import ROUTERS

    keeper = keeper or KeyKeeper(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async def watch() -> None:
            # The key must go at the idle timeout even if no request comes to notice it.
            while True:
                await asyncio.sleep(check_every)
                keeper.check()

        # Sync routes run in anyio's worker threads (40 by default). The work is mostly
        # Python holding one interpreter lock: forty threads contending for it serve fewer
        # requests than a handful do (measured in bench/web.py).
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        task = asyncio.create_task(watch())
        try:
            yield
        finally:
            task.cancel()
            keeper.lock()  # server stop: the key goes with it

    app = FastAPI(
        title="Amparo API", version="0.1.0", lifespan=lifespan,
        # /docs and /redoc load Swagger UI and ReDoc from a CDN: never offered.
        docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None,
        openapi_url="/api/openapi.json",
        description="The same operations as the web pages, over JSON. Authenticate with the browser "
                    "session (writes need the X-CSRF-Token header) or with `Authorization: Bearer <token>` "
                    "from `amparo serve --api-token-file FILE`. The vault must be unlocked in a browser.",
    )
    app.state.keeper = keeper
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)
    _handlers(app)
    app.add_middleware(SessionCookie, keeper=keeper)
    app.add_middleware(HostCheck, hosts=allowed_hosts(extra=settings.hosts))
    app.add_middleware(SecurityHeaders, before=keeper.check)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _handlers(app: FastAPI) -> None:
    from amparo.web.routes.pages import error_page

    def handle(exc_type: type[Exception], status: int, to_json: Callable[[Any], Any]) -> None:
        async def handler(request: Request, exc: Any) -> Response:
            if _is_api(request):
                return JSONResponse(to_json(exc), status_code=status)
            detail = say(exc, getattr(request.state, "amparo_lang", "en")) if status != 500 else ""
            return error_page(request, status, detail)
        app.add_exception_handler(exc_type, handler)

    @app.exception_handler(NeedsUnlock)
    async def needs_unlock(request: Request, exc: NeedsUnlock) -> Response:
        if _is_api(request):
            return JSONResponse({"error": "locked", "detail": "unlock the vault in a browser, or send the "
                                 "bearer token (with the X-CSRF-Token header for session writes)"},
                                status_code=401)
        target = f"/unlock?next={exc.back}" + ("&expired=1" if exc.expired else "")
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Trigger": "amparo-locked"})
        return RedirectResponse(target, status_code=303)

    handle(NotFound, 404, lambda e: {"error": "not-found", "detail": str(e)})
    handle(ConsentRefused, 409, lambda e: {"error": "consent-refused", "detail": str(e)})
    handle(InvalidInput, 422, lambda e: {"error": "invalid-input",
                                         "problems": [{"path": p.path, "message": p.message} for p in e.problems]})
    handle(AmparoError, 400, lambda e: {"error": "refused", "detail": str(e)})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        # FastAPI's default echoes the input back; here only where and what, never the value.
        problems = [{"path": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
                    for e in exc.errors()]
        if _is_api(request):
            return JSONResponse({"error": "invalid-input", "problems": problems}, status_code=422)
        return error_page(request, 422, "; ".join(f"{p['path']}: {p['message']}" for p in problems))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        # Never a trace or a value from the case on the page or in the log.
        if _is_api(request):
            return JSONResponse({"error": "internal", "detail": type(exc).__name__}, status_code=500)
        return error_page(request, 500, "")


__all__ = ["Visit", "create_app"]
