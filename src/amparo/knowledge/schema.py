"""The schema of the knowledge-base files, checked by hand.

Written out rather than delegated to a JSON Schema engine so that every message names
the entry id and the field in the words a caseworker editing a YAML file will recognise
(``sp:torture.actions[urgent-appeal].disclosure: 'public' is not a circle``). The
checks run on one entry after its file's defaults (and any workspace override) have been
merged into it, so an entry is judged exactly as it will be used.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache

from amparo.model.consent import CIRCLE_VALUES, ConsentValueError, widest
from amparo.model.errors import Problem
from amparo.model.vocabularies import ENGAGEMENT_KINDS, REPRISAL_TYPES, is_body_slug

#: hrc: the Council and its subsidiary bodies; sp: Special Procedures; tb: treaty bodies;
#: sg: the Secretary-General's report and senior official; rg: regional systems;
#: ib: investigative bodies mandated by the Council (commissions of inquiry, fact-finding
#: missions, groups of experts, investigative mechanisms); un: other UN entities (OHCHR's
#: field presences, peace operations, the Permanent Forum, the Ethics Office);
#: org: an organisation's own entry.
FAMILIES: tuple[str, ...] = ("hrc", "sp", "tb", "sg", "rg", "ib", "un", "org")
CHANNEL_KINDS: tuple[str, ...] = (
    "email", "online-form", "post", "via-secretariat", "in-person", "secure-channel", "phone",
    "other",
)
#: The UN's regional groups, the grouping the Council itself uses.
REGIONS: tuple[str, ...] = (
    "african", "asia-pacific", "eastern-european", "latin-american-caribbean",
    "western-european-others",
)

AVENUE_REQUIRED = ("id", "family", "name", "short_name", "summary", "languages", "reviewed")
AVENUE_OPTIONAL = (
    "triggers", "actions", "channels", "sources", "verified", "countries", "first_for",
    "submitters", "follow_up_days", "notes", "extra", "unverified",
    "established", "renewed", "ended", "not_started", "succeeded_by", "term_years",
    "offers_physical_protection", "treaty",
)
LIFECYCLE_MILESTONES = ("established", "renewed", "ended", "not_started")
MILESTONE_KEYS = ("date", "by", "until", "note", "verified")
ACTION_REQUIRED = ("id", "name", "description", "disclosure")
ACTION_OPTIONAL = (
    "later", "later_after_days", "later_note", "urgent", "anonymous_form", "sources",
    "verified", "reviewed", "variant_of", "protects", "limits", "identifies",
    "first_notification",
)
IDENTIFIES = ("people", "nobody")
CHANNEL_KEYS = ("kind", "address", "note", "verified", "sources", "cc", "purpose", "copy", "actions",
                "preferred")
PRECEDENT_REQUIRED = (
    "id", "title", "country", "year", "region", "bodies", "reprisal_types", "responses",
    "summary", "sources", "reviewed",
)
PRECEDENT_OPTIONAL = ("known_as", "engagement_kinds", "verified", "notes")
RESPONSE_KEYS = ("avenue", "action", "date", "note", "verified", "sources")

_AVENUE_ID = re.compile(r"^(hrc|sp|tb|sg|rg|ib|un|org):[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
#: Engagement bodies the knowledge base adds to the model's slugs: people cooperate with
#: investigative bodies, the Expert Mechanism and the Permanent Forum too.
_KB_BODY = re.compile(r"^(ib|un|hrc):[a-z0-9]+(?:-[a-z0-9]+)*$")
_ACTION_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

Check = Callable[[object], str | None]


@cache
def _alpha2_codes() -> frozenset[str]:
    # pycountry loads its database on first use; only the knowledge base pays for it.
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


def is_country(code: object) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 code."""
    return isinstance(code, str) and code in _alpha2_codes()


def is_engagement_body(slug: object) -> bool:
    """A body slug of the model's vocabulary, or of a family only the knowledge base has
    (``ib:…``, ``un:…``, ``hrc:…``)."""
    return isinstance(slug, str) and (is_body_slug(slug) or bool(_KB_BODY.match(slug)))


# ---- one-value checks: each returns a message, or None when the value is fine -----------

def text(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty text"
    return None


def optional_text(value: object) -> str | None:
    return None if value is None else text(value)


def boolean(value: object) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def a_date(value: object) -> str | None:
    if isinstance(value, date):
        return None
    if isinstance(value, str):
        try:
            date.fromisoformat(value)
            return None
        except ValueError:
            pass
    return "must be a date written YYYY-MM-DD"


def positive_days(value: object) -> str | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
        return None
    return "must be a whole number of days above 0"


def a_circle(value: object) -> str | None:
    if value in CIRCLE_VALUES:
        return None
    return f"{value!r} is not a circle; circles are {', '.join(CIRCLE_VALUES)}"


def partial_date(value: object) -> str | None:
    if value is None or isinstance(value, date) or (
            isinstance(value, str) and _PARTIAL_DATE.match(value)):
        return None
    return "must be YYYY, YYYY-MM or YYYY-MM-DD"


def milestone_problems(value: object, where: str) -> list[Problem]:
    """A lifecycle step: ``{date, by, until, note, verified}`` (``null`` for none)."""
    if value is None:
        return []
    out: list[Problem] = []
    if not _keys(value, (), MILESTONE_KEYS, where, out):  # type: ignore[arg-type]
        return out
    assert isinstance(value, Mapping)
    _field(value, "date", partial_date, where, out)
    _field(value, "until", partial_date, where, out)
    _field(value, "by", optional_text, where, out)
    _field(value, "note", optional_text, where, out)
    _field(value, "verified", boolean, where, out)
    if value.get("date") is None and not value.get("note"):
        out.append(Problem(f"{where}.note", "is required when there is no date"))
    return out


def text_list(value: object) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return "must be a list of non-empty texts"
    return None


def _field(
    raw: Mapping[str, object], key: str, check: Check, where: str, out: list[Problem]
) -> None:
    if key in raw:
        message = check(raw[key])
        if message:
            out.append(Problem(f"{where}.{key}", message))


def _keys(
    raw: Mapping[str, object], required: tuple[str, ...], optional: tuple[str, ...],
    where: str, out: list[Problem],
) -> bool:
    """Report missing and unknown keys; False when ``raw`` is not a mapping at all."""
    if not isinstance(raw, Mapping):
        out.append(Problem(where, "must be a mapping of fields"))
        return False
    for key in required:
        if key not in raw or raw[key] is None:
            out.append(Problem(f"{where}.{key}", "is required"))
    for key in raw:
        if key not in required and key not in optional:
            # A misspelt field would otherwise be dropped silently (e.g. "disclousure").
            known = ", ".join(dict.fromkeys((*required, *optional)))
            out.append(Problem(f"{where}.{key}", f"is not a known field (known: {known})"))
    return True


def sources_problems(value: object, where: str) -> list[Problem]:
    """A list of sources: each a URL or UN symbol, or a mapping ``{ref, note}``."""
    if not isinstance(value, list):
        return [Problem(where, "must be a list of sources (a URL or a UN symbol each)")]
    out: list[Problem] = []
    for i, item in enumerate(value):
        here = f"{where}[{i}]"
        if isinstance(item, str):
            if not item.strip():
                out.append(Problem(here, "must not be empty"))
        elif isinstance(item, Mapping):
            if _keys(item, ("ref",), ("note",), here, out):
                _field(item, "ref", text, here, out)
                _field(item, "note", optional_text, here, out)
        else:
            out.append(Problem(here, "must be a URL, a UN symbol, or {ref, note}"))
    return out


def _coded_list(
    value: object, where: str, valid: Callable[[object], bool], what: str,
) -> list[Problem]:
    """``[codes]`` or ``{codes: [...], verified, note, sources}`` (languages, countries)."""
    out: list[Problem] = []
    codes = value
    if isinstance(value, Mapping):
        if not _keys(value, ("codes",), ("verified", "note", "sources"), where, out):
            return out
        _field(value, "verified", boolean, where, out)
        _field(value, "note", optional_text, where, out)
        if "sources" in value:
            out += sources_problems(value["sources"], f"{where}.sources")
        codes = value.get("codes")
    if not isinstance(codes, list):
        return [*out, Problem(where, f"must be a list of {what}, or a mapping with 'codes'")]
    for i, code in enumerate(codes):
        if isinstance(code, bool):
            # YAML 1.1 reads a bare NO (Norway) as false: the fix is quoting, say so.
            out.append(Problem(f"{where}[{i}]", f"{code!r} is not {what}; put codes "
                                                "such as \"NO\" in quotes"))
        elif not valid(code):
            out.append(Problem(f"{where}[{i}]", f"{code!r} is not {what}"))
    return out


def action_problems(raw: object, where: str) -> list[Problem]:
    """Problems of one action mapping at ``where`` (e.g. ``sp:torture.actions[2]``)."""
    out: list[Problem] = []
    if not _keys(raw, ACTION_REQUIRED, ACTION_OPTIONAL, where, out):  # type: ignore[arg-type]
        return out
    assert isinstance(raw, Mapping)
    if isinstance(raw.get("id"), str) and _ACTION_ID.match(raw["id"]):
        where = f"{where.rsplit('[', 1)[0]}[{raw['id']}]"
    else:
        _field(raw, "id", lambda v: "must be a kebab-case id like 'urgent-appeal'", where, out)
    for key in ("name", "description"):
        _field(raw, key, text, where, out)
    _field(raw, "disclosure", a_circle, where, out)
    _field(raw, "later", lambda v: None if v is None else a_circle(v), where, out)
    _field(raw, "later_after_days", positive_days, where, out)
    _field(raw, "later_note", optional_text, where, out)
    for key in ("urgent", "anonymous_form", "verified", "first_notification"):
        _field(raw, key, boolean, where, out)
    for key in ("protects", "limits"):
        _field(raw, key, optional_text, where, out)
    _field(raw, "variant_of", lambda v: None if v is None or (isinstance(v, str) and _ACTION_ID.match(v))
           else "must be the id of another action of this avenue", where, out)
    _field(raw, "identifies", lambda v: None if v in IDENTIFIES
           else f"{v!r} is not one of {', '.join(IDENTIFIES)}", where, out)
    if raw.get("variant_of") is not None and raw.get("variant_of") == raw.get("id"):
        out.append(Problem(f"{where}.variant_of", "cannot name the action itself"))
    if raw.get("first_notification") is True and raw.get("disclosure") != "un-confidential":
        out.append(Problem(f"{where}.disclosure",
                           "a first notification tells only the body: it must be 'un-confidential'"))
    _field(raw, "reviewed", a_date, where, out)
    if "sources" in raw:
        out += sources_problems(raw["sources"], f"{where}.sources")
    later, now = raw.get("later"), raw.get("disclosure")
    if later in CIRCLE_VALUES and now in CIRCLE_VALUES and later != now:
        try:
            if widest([now, later]).value != later:
                out.append(Problem(f"{where}.later", "must be a wider circle than 'disclosure'"))
        except ConsentValueError:  # pragma: no cover - both were checked above
            pass
    if raw.get("later_after_days") is not None and raw.get("later") is None:
        out.append(Problem(f"{where}.later_after_days", "needs 'later' (the circle reached)"))
    return out


def channel_problems(raw: object, where: str) -> list[Problem]:
    """Problems of one channel mapping."""
    out: list[Problem] = []
    if not _keys(raw, ("kind",), CHANNEL_KEYS, where, out):
        return out
    assert isinstance(raw, Mapping)
    _field(raw, "kind", lambda v: None if v in CHANNEL_KINDS
           else f"{v!r} is not one of {', '.join(CHANNEL_KINDS)}", where, out)
    _field(raw, "address", optional_text, where, out)
    _field(raw, "note", optional_text, where, out)
    _field(raw, "verified", boolean, where, out)
    _field(raw, "purpose", optional_text, where, out)
    _field(raw, "copy", boolean, where, out)
    _field(raw, "preferred", boolean, where, out)
    _field(raw, "actions", lambda v: None if isinstance(v, list) and all(isinstance(a, str) for a in v)
           else "must be a list of action ids", where, out)
    if raw.get("copy") and raw.get("kind") != "email":
        out.append(Problem(f"{where}.copy", "only an email address can be copied"))
    _field(raw, "cc", lambda v: None if isinstance(v, list) and all(
        isinstance(a, str) and "@" in a for a in v) else "must be a list of email addresses", where, out)
    if "sources" in raw:
        out += sources_problems(raw["sources"], f"{where}.sources")
    address = raw.get("address")
    if address is None and not raw.get("note"):
        # Drafting must never invent an address: a channel without one says why.
        out.append(Problem(f"{where}.note", "is required when there is no address"))
    if raw.get("kind") == "email" and isinstance(address, str) and "@" not in address:
        out.append(Problem(f"{where}.address", f"{address!r} is not an email address"))
    return out


def avenue_problems(raw: object, where: str) -> list[Problem]:
    """Problems of one avenue entry (defaults already merged); ``where`` is its id."""
    out: list[Problem] = []
    if not _keys(raw, AVENUE_REQUIRED, AVENUE_OPTIONAL, where, out):
        return out
    assert isinstance(raw, Mapping)
    _field(raw, "id", lambda v: None if isinstance(v, str) and _AVENUE_ID.match(v)
           else "must look like 'family:name' (family one of hrc, sp, tb, sg, rg, org)",
           where, out)
    _field(raw, "family", lambda v: None if v in FAMILIES
           else f"{v!r} is not one of {', '.join(FAMILIES)}", where, out)
    if isinstance(raw.get("id"), str) and raw.get("family") in FAMILIES \
            and raw["family"] != "org" and not raw["id"].startswith(f"{raw['family']}:"):
        out.append(Problem(f"{where}.family", f"does not match the id's prefix ({raw['id']})"))
    for key in ("name", "short_name", "summary"):
        _field(raw, key, text, where, out)
    for key in ("triggers", "notes", "unverified"):
        _field(raw, key, text_list, where, out)
    _field(raw, "reviewed", a_date, where, out)
    _field(raw, "verified", boolean, where, out)
    _field(raw, "submitters", optional_text, where, out)
    _field(raw, "follow_up_days", positive_days, where, out)
    _field(raw, "extra", lambda v: None if isinstance(v, Mapping) else "must be a mapping",
           where, out)
    _field(raw, "first_for", lambda v: text_list(v) or next(
        (f"{s!r} is not an engagement body slug" for s in v if not is_engagement_body(s)), None),
        where, out)
    for key in LIFECYCLE_MILESTONES:
        if key in raw:
            out += milestone_problems(raw[key], f"{where}.{key}")
    _field(raw, "succeeded_by", lambda v: text_list(v) or next(
        (f"{s!r} is not an avenue id" for s in v if not _AVENUE_ID.match(s)), None), where, out)
    _field(raw, "term_years", lambda v: None if v is None or (
        isinstance(v, int) and not isinstance(v, bool) and 0 < v <= 10) else "must be a number of years from 1 to 10",
        where, out)
    _field(raw, "offers_physical_protection", boolean, where, out)
    _field(raw, "treaty", optional_text, where, out)
    if raw.get("succeeded_by") and raw.get("ended") is None and raw.get("not_started") is None:
        out.append(Problem(f"{where}.succeeded_by", "only an ended (or never started) avenue has successors"))
    if "sources" in raw:
        out += sources_problems(raw["sources"], f"{where}.sources")
    if "languages" in raw:
        out += _coded_list(raw["languages"], f"{where}.languages",
                           lambda c: isinstance(c, str) and bool(_LANGUAGE.match(c)),
                           "a two-letter ISO 639-1 language code")
    if "countries" in raw:
        out += _coded_list(raw["countries"], f"{where}.countries", is_country,
                           "an ISO 3166-1 alpha-2 country code")
    for key, check in (("actions", action_problems), ("channels", channel_problems)):
        items = raw.get(key, [])
        if not isinstance(items, list):
            out.append(Problem(f"{where}.{key}", "must be a list"))
            continue
        for i, item in enumerate(items):
            out += check(item, f"{where}.{key}[{i}]")
    ids = [a.get("id") for a in raw.get("actions") or [] if isinstance(a, Mapping)]
    for dup in sorted({i for i in ids if isinstance(i, str) and ids.count(i) > 1}):
        out.append(Problem(f"{where}.actions[{dup}]", "appears more than once"))
    return out


def response_problems(raw: object, where: str) -> list[Problem]:
    """Problems of one precedent response (which avenue did what, when)."""
    out: list[Problem] = []
    if not _keys(raw, ("avenue", "action", "note"), RESPONSE_KEYS, where, out):
        return out
    assert isinstance(raw, Mapping)
    for key in ("avenue", "action", "note"):
        _field(raw, key, text, where, out)
    _field(raw, "verified", boolean, where, out)
    _field(raw, "date", partial_date, where, out)
    if "sources" in raw:
        out += sources_problems(raw["sources"], f"{where}.sources")
    return out


def precedent_problems(raw: object, where: str) -> list[Problem]:
    """Problems of one precedent entry."""
    out: list[Problem] = []
    if not _keys(raw, PRECEDENT_REQUIRED, PRECEDENT_OPTIONAL, where, out):
        return out
    assert isinstance(raw, Mapping)
    for key in ("id", "title", "summary"):
        _field(raw, key, text, where, out)
    _field(raw, "known_as", optional_text, where, out)
    _field(raw, "country", lambda v: None if is_country(v)
           else f"{v!r} is not an ISO 3166-1 alpha-2 country code", where, out)
    _field(raw, "year", lambda v: None if isinstance(v, int) and 1945 <= v <= 2100
           else "must be a year", where, out)
    _field(raw, "region", lambda v: None if v in REGIONS
           else f"{v!r} is not one of {', '.join(REGIONS)}", where, out)
    _field(raw, "bodies", lambda v: text_list(v) or next(
        (f"{s!r} is not an engagement body slug" for s in v if not is_engagement_body(s)), None),
        where, out)
    _field(raw, "engagement_kinds", lambda v: text_list(v) or next(
        (f"{s!r} is not an engagement kind" for s in v if s not in ENGAGEMENT_KINDS), None),
        where, out)
    _field(raw, "reprisal_types", lambda v: text_list(v) or next(
        (f"{s!r} is not a reprisal type" for s in v if s not in REPRISAL_TYPES), None),
        where, out)
    _field(raw, "notes", text_list, where, out)
    _field(raw, "reviewed", a_date, where, out)
    _field(raw, "verified", boolean, where, out)
    if "sources" in raw:
        out += sources_problems(raw["sources"], f"{where}.sources")
    responses = raw.get("responses")
    if isinstance(responses, list):
        for i, item in enumerate(responses):
            out += response_problems(item, f"{where}.responses[{i}]")
    elif responses is not None:
        out.append(Problem(f"{where}.responses", "must be a list"))
    return out
