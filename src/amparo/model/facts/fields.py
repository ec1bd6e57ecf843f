"""The field types of the case-facts format: each says once what it accepts.

Every type here is a pydantic ``Annotated`` type carrying its own check and, through
pydantic, its own JSON Schema; the models in ``models.py`` are made of them. Checks that
pydantic cannot express (a country code, a date not in the future, a ref that names a
person of the case) raise ``fault``: an error whose message is ours, written here, never
pydantic's and never quoting a value that ``text.shown`` would not quote.

Checks that need the whole document (the case's refs) or the date of reading read them
from the ``Reading`` passed as validation context: pydantic collects every problem of
every field in one pass only if no check has to wait for the others to succeed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

import pycountry
from pydantic import AfterValidator, BeforeValidator, Field, PlainValidator, Strict, StringConstraints, ValidationInfo
from pydantic import WithJsonSchema as JsonSchema
from pydantic_core import PydanticCustomError

from amparo.model import vocabularies as vocab
from amparo.model.consent import _SCOPE_KEY, CIRCLE_VALUES, CONSENT_LEVELS, Consent, ConsentValueError
from amparo.model.errors import Message
from amparo.model.facts.text import NARRATIVE_MAX, ONE_LINE_MAX, normalised, shown, text_problem

FAULT = "case_facts"  # the pydantic error type of every check written here


@dataclass(frozen=True, slots=True)
class Says:
    """How a field's problems read where the generic wording would not help.

    ``missing``: the field is absent. ``wrong``: the value has the wrong type or form
    (``{shown}`` becomes the value if it may be quoted). ``short``: an empty list where
    one item at least is needed.
    """

    missing: str | None = None
    wrong: str | None = None
    short: str | None = None


@dataclass(slots=True)
class Reading:
    """What the checks of one document share: today's date and the people's refs."""

    today: date
    #: Review dates already on record for this case (an edit of a stored case): a consent
    #: whose review date has passed stays recorded as it is, expired, so that the rest of
    #: the case can still be corrected; only a newly entered date must lie ahead.
    kept_reviews: frozenset[date] = frozenset()
    #: Every well-formed person ref of the document, collected before any field is read.
    refs: frozenset[str] = frozenset()
    #: The refs met so far while reading the people, to find one used twice.
    seen: set[str] = field(default_factory=set)


def reading(info: ValidationInfo) -> Reading:
    """The ``Reading`` of the document being validated."""
    context = info.context
    if not isinstance(context, Reading):
        # A programming error, not bad input: the models are read through parse_case_facts.
        raise TypeError("case facts are validated through parse_case_facts(data, today=...)")
    return context


def fault(message: str | Message, subpath: str = "") -> PydanticCustomError:
    """A problem found by a check of this module (``subpath``: where inside the value)."""
    return PydanticCustomError(FAULT, "{message}", {"message": message, "subpath": subpath})


# --- text --------------------------------------------------------------------------


def _text(max_length: int, *, multiline: bool, required: bool) -> Any:
    def check(value: str) -> str | None:
        problem = text_problem(value, multiline=multiline)
        if problem:
            raise fault(problem)
        value = normalised(value, multiline=multiline)
        if not value and required:
            raise fault(Message("must not be empty"))
        return value or None

    # Empty text fails min_length; blank text ("  ") fails check, once stripped.
    length = StringConstraints(min_length=1 if required else None, max_length=max_length)
    return Annotated[str, Strict(), length, AfterValidator(check)]


#: One line: names, titles, places, organisations, references. Blank reads as absent.
Line = _text(ONE_LINE_MAX, multiline=False, required=False)
RequiredLine = _text(ONE_LINE_MAX, multiline=False, required=True)
#: Several paragraphs: what happened, why it is linked, notes. Blank reads as absent.
Narrative = _text(NARRATIVE_MAX, multiline=True, required=False)


def _without_blanks(values: tuple[str | None, ...]) -> tuple[str, ...]:
    return tuple(v for v in values if v)  # a blank item reads as absent


LIST_OF_TEXT = Says(wrong=Message("expected a list of text").text)
#: Lists of text items (steps taken; words that identify a person).
Narratives = Annotated[tuple[Narrative, ...], AfterValidator(_without_blanks), LIST_OF_TEXT]
Lines = Annotated[tuple[Line, ...], AfterValidator(_without_blanks), LIST_OF_TEXT]


# --- dates and countries -----------------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_SCHEMA = f"^{_DATE.pattern}$"


def _calendar_day(value: Any) -> date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise fault(Message("{value} is not a date as YYYY-MM-DD", value=shown(value)))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fault(Message("{value} is not a real calendar date", value=shown(value))) from None


def _past_day(value: Any, info: ValidationInfo) -> date:
    day = _calendar_day(value)
    if day > reading(info).today:
        raise fault(Message("{value} is in the future", value=day.isoformat()))
    return day


#: The date of an event: ``YYYY-MM-DD``, a real calendar date, not after today.
Day = Annotated[
    date, BeforeValidator(_past_day), JsonSchema({"type": "string", "format": "date", "pattern": _DATE_SCHEMA}),
    Says(missing="is required (a date as YYYY-MM-DD)"),
]


def country_code(value: object) -> str | None:
    """The ISO 3166-1 alpha-2 code for ``value`` (case-insensitive), or None if unknown."""
    if not isinstance(value, str) or len(value) != 2:
        return None
    code = value.upper()
    return code if pycountry.countries.get(alpha_2=code) else None


_NOT_A_COUNTRY = Message("{shown} is not an ISO 3166-1 alpha-2 country code").text


def _country(value: str) -> str:
    code = country_code(value)
    if code is None:
        raise fault(Message(_NOT_A_COUNTRY, shown=shown(value)))
    return code


#: An ISO 3166-1 alpha-2 code, any case on input, upper case once read.
Country = Annotated[
    str, Strict(), StringConstraints(pattern=r"^[A-Za-z]{2}$"), AfterValidator(_country),
    Says(missing="is required (ISO 3166-1 alpha-2 code, e.g. HN)", wrong=_NOT_A_COUNTRY),
]


# --- refs and bodies ---------------------------------------------------------------

REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$"
_REF_RULE = Message("is required: letters, digits, - or _, at most 32").text


def _unique_ref(value: str, info: ValidationInfo) -> str:
    seen = reading(info).seen
    if value in seen:
        raise fault(Message("{value} is used by another person", value=shown(value)))
    seen.add(value)
    return value


#: A person's own ref, used everywhere else in the document (``p1``).
OwnRef = Annotated[
    str, Strict(), StringConstraints(pattern=REF_PATTERN), AfterValidator(_unique_ref),
    Says(missing=_REF_RULE, wrong=_REF_RULE),
]


_REF_SCHEMA = JsonSchema({"type": "string", "pattern": REF_PATTERN})


def _known_ref(value: str, info: ValidationInfo) -> str:
    if value not in reading(info).refs:
        raise fault(Message("{value} is not the ref of a person in this case",
                            value=shown(value)))
    return value


def _distinct(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


#: The people an engagement or a reprisal concerns, by ref: at least one.
Refs = Annotated[
    tuple[Annotated[str, Strict(), AfterValidator(_known_ref), _REF_SCHEMA], ...], Field(min_length=1),
    AfterValidator(_distinct),
    Says(missing=Message("is required: the refs of the people concerned").text,
         wrong=Message("expected a list of person refs").text,
         short=Message("must name at least one person ref").text),
]

#: The ref of another person of the case (checked by the person model, which knows its own).
RelationRef = Annotated[str, Strict(), _REF_SCHEMA,
                        Says(wrong=Message("{shown} is not the ref of another person").text)]

_NOT_A_BODY = (f"{{shown}} is not a body slug (hrc, upr, ohchr, sp:<mandate>, "
               f"tb:<{'|'.join(vocab.TREATY_BODIES)}>, rg:<body>, un-country-team, un-peace-mission)")
#: An engagement body's slug (DESIGN.md, Identifiers); whether it exists is the knowledge base's question.
Body = Annotated[
    str, Strict(), StringConstraints(pattern=vocab.BODY_SLUG_PATTERN),
    Says(missing=_NOT_A_BODY.replace("{shown} is not", "is required:"), wrong=_NOT_A_BODY),
]


# --- consent -----------------------------------------------------------------------

_CAPITALISED = re.compile(r"[A-Z][a-z]")
_NOT_A_CONSENT = (f"expected a level ({', '.join(CONSENT_LEVELS)}), a list of circles, "
                  "or an object with circles, per_avenue and review_on")


def _quotable(value: Any) -> bool:
    # Consent.parse quotes identifier-shaped text, and a capitalised word may be a name.
    return isinstance(value, str) and not _CAPITALISED.search(value)


def _circles_quotable(value: Any) -> bool:
    if isinstance(value, list | tuple | set | frozenset):
        return all(_quotable(v) for v in value)
    return not isinstance(value, dict) and (_quotable(value) or not isinstance(value, str))


def _unsafe_part(value: Any) -> tuple[str, str] | None:
    """(sub-path, message) for a part of a consent value that ``Consent.parse`` might quote.

    Its messages quote identifier-shaped text and the ``repr`` of values that are not
    text; a capitalised word may be a name, and a nested list could be a narrative (or
    too deep to ``repr``). Such values are refused here, described, never quoted.
    """
    if not isinstance(value, dict):
        return None if _circles_quotable(value) else ("", _NOT_A_CONSENT)
    for key, part in value.items():
        if not _quotable(key):
            return "", _NOT_A_CONSENT
        if key == "review_on" and not (part is None or _quotable(part)):
            return "review_on", f"{shown(part)} is not a date as YYYY-MM-DD"
        if key == "per_avenue" and isinstance(part, dict):
            for avenue, scope in part.items():
                if not _quotable(avenue):
                    return "per_avenue", "a key is not an avenue id (sg:report) or a family (sp:*)"
                if not _circles_quotable(scope):
                    return f"per_avenue.{avenue!r}", _NOT_A_CONSENT
        elif key == "circles" and not _circles_quotable(part):
            return "circles", _NOT_A_CONSENT
    return None


def _consent(value: Any, info: ValidationInfo) -> Consent:
    unsafe = _unsafe_part(value)
    if unsafe:
        raise fault(unsafe[1], unsafe[0])
    try:
        consent = Consent.parse(value)
    except ConsentValueError as exc:
        raise fault(exc.text, exc.path) from None
    read = reading(info)
    if consent.review_on is not None and consent.review_on < read.today and consent.review_on not in read.kept_reviews:
        raise fault(Message("is in the past: a consent to be reviewed must have a review "
                            "date ahead"), "review_on")
    return consent


_CIRCLES_SCHEMA: dict[str, Any] = {"oneOf": [
    {"type": "string", "enum": list(CONSENT_LEVELS)},
    {"type": "array", "items": {"type": "string", "enum": list(CIRCLE_VALUES)}, "uniqueItems": True},
]}
CONSENT_SCHEMA: dict[str, Any] = {
    "description": "A level (that circle and every narrower one; 'none' = no circle), an explicit "
                   "list of circles, or an object: circles that hold unless an avenue (sg:report) or "
                   "a family of avenues (sp:*) says otherwise, and the date it must be reviewed by.",
    "default": "none",
    "oneOf": [
        *_CIRCLES_SCHEMA["oneOf"],
        {"type": "object", "additionalProperties": False, "required": ["circles"], "properties": {
            "circles": _CIRCLES_SCHEMA,
            "per_avenue": {"type": "object", "propertyNames": {"pattern": _SCOPE_KEY.pattern},
                           "additionalProperties": _CIRCLES_SCHEMA},
            "review_on": {"type": "string", "format": "date"},
        }},
    ],
}

#: A person's consent in any of its three forms (``amparo.model.consent``).
ConsentValue = Annotated[Consent, PlainValidator(_consent), JsonSchema(CONSENT_SCHEMA)]
