"""Rendering pages: one Jinja2 environment (autoescape on), the values every page needs."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape
from starlette.responses import HTMLResponse

from amparo.web.deps import Visit
from amparo.web.i18n import language_menu

TEMPLATES = Path(__file__).resolve().parent / "templates"
HTMX = "htmx-2.0.11.min.js"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    # Everything user-written is escaped; nothing in a template marks case data safe.
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def humanised(value: Any) -> str:
    """A vocabulary id as English words: ``airport-interrogation`` → ``Airport interrogation``.

    This English text is the msgid the UI catalogs translate (``amparo.web.catalog_check``
    lists every vocabulary through this same function, so the two cannot drift apart).
    """
    text = str(value or "").replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@pass_context
def words(context: Context, value: Any) -> str:
    """A vocabulary id shown as words in the page's language.

    ``airport-interrogation`` → ``Interrogatoire à l’aéroport`` on a French page. An id
    the catalog does not know (a new vocabulary value, a country code) still reads as
    its English words rather than as a raw id.
    """
    text = humanised(value)
    translate = context.get("_")
    # Pages rendered without the UI furniture (no `_` in context) keep the English words.
    return str(translate(text)) if text and callable(translate) else text


def day(value: date | datetime | None) -> str:
    """A date as YYYY-MM-DD (unambiguous in every language)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def citation(value: Any) -> str:
    """A source shown as text without its scheme: pages never point the browser at
    another host (no link, nothing to prefetch); the reader can still look it up."""
    text = str(value or "")
    for scheme in ("https://", "http://"):
        text = text.replace(scheme, "")
    return text


_CONSENT_FIELDS = {"given_on": "given", "review_on": "review", "method": "method", "note": "note",
                   "confirm": "confirm", "consent": "consent", "scopes": "scope-0-avenue"}
_FIELD_IDS = {"action.sent_on": "f-action-sent"}


def field_id(key: str) -> str:
    """The id of the field an error key belongs to, for the error summary's links
    (``note.text`` → ``f-note-text``; a person's consent fields carry the person's ref)."""
    parts = key.split(".")
    if parts[0] == "consent" and len(parts) >= 3:
        ref, rest = parts[1], parts[2:]
        if rest[0] == "scope" and len(rest) == 2:
            return f"f-{ref}-scope-{rest[1]}-avenue"
        return f"f-{ref}-{_CONSENT_FIELDS.get(rest[0], rest[0])}"
    return _FIELD_IDS.get(key) or "f-" + key.replace(".", "-")


class ChoiceList(tuple[tuple[str, str], ...]):
    """(value, text) pairs built once per process and language (every avenue, every
    country): ``option_tags`` escapes them once. Never a list that holds anything of a case."""

    __slots__ = ()


def _escaped(choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, str], ...]:
    return tuple((v, str(escape(v)), str(escape(t))) for v, t in choices)


# A case page offers every avenue in several selects (about 600 options): escaping them
# item by item in the template was a third of its rendering time (bench/server.py). Only
# ChoiceLists are kept here, so nothing of a case stays in memory after the page.
_escaped_once = lru_cache(maxsize=64)(_escaped)


@pass_context
def option_tags(context: Context, choices: Any, selected: object = None, *, as_words: bool = True) -> Markup:
    """The ``<option>`` tags of a select, ``selected`` marked: ``choices`` are (value, text)
    pairs, or vocabulary ids shown as words in the page's language (``as_words``)."""
    if isinstance(choices, ChoiceList):
        tags = _escaped_once(choices)
    else:
        tags = _escaped(tuple((c, words(context, c) if as_words else c) if isinstance(c, str)
                              else (str(c[0]), str(c[1])) for c in choices))
    chosen = None if selected is None else str(selected)
    # Safe: every value and text was escaped by ``_escaped``.
    return Markup("".join(  # noqa: S704
        f'<option value="{v}" selected>{t}</option>' if value == chosen else f'<option value="{v}">{t}</option>'
        for value, v, t in tags))


def qr_code(text: str, label: str) -> Markup:
    """``text`` (a second factor's ``otpauth:`` link) as a QR code an authenticator app
    scans from the screen: inline SVG drawn here (segno), never an image fetched from
    anywhere, named ``label`` for screen readers."""
    import segno

    svg = segno.make(text, error="m").svg_inline(scale=5, border=4, dark="#000", light="#fff")
    # Safe: segno draws paths only (the text is encoded in them, never written out), and
    # the label is escaped.
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))  # noqa: S704


_env.filters["words"] = words
_env.globals["qr_code"] = qr_code
_env.globals["option_tags"] = option_tags
_env.filters["field_id"] = field_id
_env.filters["citation"] = citation
_env.filters["day"] = day


def page_path(request: Any) -> str:
    """A path the browser can GET for this page (for the language links).

    A page shown in answer to a form post (a wizard step, a form with errors) has no GET
    route of its own: the links then go to the nearest enclosing page that has one.
    """
    path = request.url.path
    if request.method == "GET":
        return path
    gets = [route.path_regex for route in _routes(request.app.routes)
            if "GET" in (getattr(route, "methods", None) or ())]
    candidate = path
    while candidate:
        if any(regex.match(candidate) for regex in gets):
            return candidate
        candidate = candidate.rsplit("/", 1)[0]
    return "/"


def _routes(routes: Any) -> Any:
    """Every route, inside included routers too (FastAPI ≥ 0.165 keeps them as routers)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _routes(inner.routes)
        else:
            yield route


def _may_share(visit: Visit, case_id: str) -> bool:
    """Server mode: whether the signed-in user may change who has access to the case (no audit)."""
    ws = visit.keeper.workspace_for(visit.session)
    return bool(visit.keeper.team and ws is not None and ws.people.may_change_access(case_id))


def render(visit: Visit, template: str, *, http_status: int = 200, **values: Any) -> HTMLResponse:
    """Render ``template`` with the page furniture: language, direction, CSRF token, paths."""
    lang = visit.lang
    request = visit.request
    context = {
        "_": lang.gettext,
        "ngettext": lang.ngettext,
        "lang": lang.code,
        "dir": lang.direction,
        "languages": language_menu(),
        "csrf": visit.session.csrf,
        "unlocked": visit.session.unlocked and visit.keeper.workspace_for(visit.session) is not None,
        "demo": visit.keeper.demo,
        "team": visit.keeper.team,
        "actor": getattr(visit.session, "actor", None),
        "may_share": lambda case_id: _may_share(visit, case_id),
        "colon": lang.colon,
        "semi": lang.semicolon,
        "stop": lang.stop,
        "comma": lang.comma,
        "listed": lang.join,
        "here": page_path(request),
        # A page sent in answer to a post: amparo.js swaps its history entry for the GET
        # page ``here``, so that Back never asks to send the form again.
        "posted": request.method == "POST",
        "htmx": HTMX,
        "errors": {},
        **values,
    }
    html = _env.get_template(template).render(context)
    return HTMLResponse(html, status_code=http_status)
