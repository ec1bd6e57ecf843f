"""Every word the reports print: the contribution, its figures, the charts, the labels.

The strings are English message ids, marked with ``_`` for ``pybabel extract`` and
translated where the contribution is assembled (``Language._`` of the ``amparo``
catalogs, beside the letters' sentences); nothing else in ``amparo.reporting`` holds a
visible word. Templates use ``str.format`` fields so that a translator can move them;
counts go through the functions below, where plural forms live.
"""

from __future__ import annotations

from typing import Any


def _(message: str) -> str:
    """Mark ``message`` for the catalogs; it is translated where it is used."""
    return message


#: The marker a suppressed cell carries in CSV and JSON (a code, not prose).
SUPPRESSED_CODE = "suppressed"

# --- audiences ---------------------------------------------------------------------

INTERNAL_LABEL = "INTERNAL: every case of the vault, for your team only. Not for publication."
PUBLIC_LABEL = ("PUBLIC: only cases whose people consent at least to a public anonymous mention; "
                "counts below {min_cell} are not shown.")
INTERNAL_CHART = "Internal: not for publication"
PUBLIC_CHART = "Public figures: counts below {min_cell} not shown"
NOT_SHOWN = _("not shown")

# --- the contribution --------------------------------------------------------------

TITLE = _("Contribution to the Secretary-General's report on reprisals, {start} – {end}")
SUBJECT = _("Contribution to the Secretary-General's report on reprisals")
INTRO = _(
    "Cases of intimidation and reprisal against people who cooperated, or sought to cooperate, "
    "with the United Nations in the field of human rights, for the reporting period above. Each "
    "case is described only with the consent of the people concerned: those who did not agree to "
    "be named are described without their names. Cases whose people did not agree to a public "
    "mention are neither described nor counted in the figures; only their number is given."
)
FICTIONAL_NOTICE = _("FICTIONAL DEMO CASES: this document contains invented cases. Do not submit it.")
HEAD_FIGURES = _("Figures for the period")
HEAD_CHARTS = _("Charts")
HEAD_COUNTRIES = _("Cases by country")
HEAD_FOLLOW_UPS = _("Follow-up on cases reported earlier")
NO_CASE = _("No case described in this period.")
NO_FOLLOW_UP = _("No follow-up to report on cases reported earlier.")
EARLIER = _("Earlier:")
CASE_HEADING = _("Case {number}: {people}")
CASE_HEADING_BARE = _("Case {number}")
FOLLOW_UP_HEADING = _("Follow-up {number}: {people}")
FOLLOW_UP_HEADING_BARE = _("Follow-up {number}")
PART_COOPERATION = _("Cooperation")
PART_ACTS = _("Acts of intimidation or reprisal")
PART_LINK = _("Link with the cooperation")
PART_STEPS = _("Steps taken")
PART_UN_DOCUMENTS = _("Already raised in a UN document")
MD_CHARTS = _("The PDF and DOCX versions draw these figures as charts.")
FIGURE_CAPTION = _("Figure {number}. {description}")

FIGURE_CASES = _("Cases with an act of intimidation or reprisal in the period: {cases} "
                "(new: {new}; already reported earlier: {follow_up}).")
FIGURE_ACTS = _("Acts of intimidation or reprisal: {acts}; people concerned: {people}; countries: {countries}.")
FIGURE_ACTIONS = _("Actions sent to UN and regional avenues: {sent}; answered: {answered}.")
FIGURE_DESCRIBED = _("Cases described below: {described}; follow-up entries: {follow_ups}.")
FIGURE_WITHHELD = _("Cases of the period left out for lack of consent (not described, not counted in any "
                   "figure): {withheld}.")
FIGURE_RULE = _("Counts below {min_cell} are not shown, nor the counts from which one could be worked out; "
               "they read “not shown”.")

# --- case summaries ----------------------------------------------------------------

KIND_PHRASES = {
    "session-participation": "took part in a session of",
    "travel-to-session": "travelled to a session of",
    "side-event": "spoke at a side event of",
    "written-submission": "sent a written submission to",
    "review-dialogue": "took part in a review before",
    "country-visit-meeting": "met, during a country visit,",
    "communication": "sent a communication to",
    "individual-complaint": "brought an individual complaint to",
    "consultation": "took part in a consultation of",
}
#: The cooperation sentence of each kind, whole, so that each language orders its words.
COOPERATION_SENTENCES = {
    "session-participation": _("On {day}, {who} took part in a session of {body}{session}."),
    "travel-to-session": _("On {day}, {who} travelled to a session of {body}{session}."),
    "side-event": _("On {day}, {who} spoke at a side event of {body}{session}."),
    "written-submission": _("On {day}, {who} sent a written submission to {body}{session}."),
    "review-dialogue": _("On {day}, {who} took part in a review before {body}{session}."),
    "country-visit-meeting": _("On {day}, {who} met, during a country visit, {body}{session}."),
    "communication": _("On {day}, {who} sent a communication to {body}{session}."),
    "individual-complaint": _("On {day}, {who} brought an individual complaint to {body}{session}."),
    "consultation": _("On {day}, {who} took part in a consultation of {body}{session}."),
}
COOPERATION_OTHER = _("On {day}, {who} engaged ({kind}) with {body}{session}.")
KIND_OTHER = "engaged ({kind}) with"
PEOPLE_CONCERNED = _("The people concerned")
AND = " and "
DATE_UNKNOWN = _("date unknown")
COOPERATION = "On {day}, {who} {phrase} {body}{session}."
ACT = _("{day}: {type}{against}{by}{where}.")
AGAINST = _(" against {who}")
BY = _(" by {perpetrator}")
IN_PLACE = _(" in {place}")
FIRST_ACT_AFTER = _("The first act came {days} days after the cooperation.")
LINK_UNKNOWN = _("Not established in the records.")
STEPS_NONE = _("None recorded.")
SENT_TO = _("{day}: the case was sent to {avenue}{what}.")
RESPONSE = _("{day}: {kind}{source}{reference}")
FROM = _(" from {avenue}")
UN_DOCUMENTS_NONE = _("No, not as far as the records show.")
UN_DOCUMENTS_YES = _("Yes: {refs}.")
CHANGE_EVENT = _("{day}: {kind}{who}.")
CHANGE_ACT = _("{day}: new act, {type}{against}.")
CHANGE_RESPONSE = _("{day}: {kind}{source}{reference}.")
CHANGE_CLOSED = _("{day}: case closed ({outcome}).")


def left_out_acts(n: int, lang: Any = None) -> str:
    """The sentence that counts a described case's acts left out (about people without consent)."""
    if lang is None:
        from amparo.language import Language

        lang = Language("en")
    return lang.ngettext("{n} further act concerning people who did not consent to a public mention is left out.",
                         "{n} further acts concerning people who did not consent to a public mention are left out.",
                         n).format(n=lang.number(n))


# --- charts ------------------------------------------------------------------------

CHART_TITLES = {
    "cases-per-month": "Cases per month (by first reprisal in the period)",
    "reprisal-forms": "Forms of reprisal",
    "countries": "Cases by country",
    "response-times": "Median days to first response, by avenue",
}
CHART_EMPTY = "Nothing recorded in this period"
AXIS_MONTH = "Month"
AXIS_CASES = "Cases"
AXIS_DAYS = "Median days from sending to the first answer"
MONTH_FORMAT = "%b %Y"
MONTH_LONG_FORMAT = "%B %Y"
PERIOD = "{start} – {end}"
OTHERS = "{n} others"
DAYS = "{days:g} d"
NO_ANSWER = "no answer"
ANSWERED = "({answered}/{sent} answered)"
BAR_NOT_SHOWN = "–"
CHART_DESCRIPTION = "{title}, {period}. {audience}. {figures}"
CHART_NOTHING = "Nothing recorded in this period."
MONTHS_NOT_SHOWN = "Months marked “–” have no bar: their count is not shown."
#: Chart name → what its rows are, for the "not shown" note.
CHART_ROWS = {"reprisal-forms": ("form of reprisal", "forms of reprisal"),
              "countries": ("country", "countries"),
              "response-times": ("avenue", "avenues")}


def rows_not_shown(chart: str, n: int) -> str:
    """The note under a chart whose suppressed rows were left out."""
    one, many = CHART_ROWS[chart]
    what = one if n == 1 else many
    return f"Not shown: {n} {what} whose count is small or would reveal a small one."


# --- follow-up words -----------------------------------------------------------------

#: What happened to a person after the report (``vocabularies.SITUATION_EVENTS``).
EVENT_LABELS = {
    "released": _("released"), "charged": _("charged"), "charges-dropped": _("charges dropped"),
    "sentenced": _("sentenced"), "acquitted": _("acquitted"), "left-country": _("left country"),
    "returned": _("returned"), "new-reprisal": _("new reprisal"), "relocated": _("relocated"), "other": _("other"),
}
#: Why a case was closed (``tracking.status.OUTCOMES``).
OUTCOME_LABELS = {
    "resolved": _("resolved"), "released": _("released"), "protection-obtained": _("protection obtained"),
    "no-further-action": _("no further action"), "person-declined": _("person declined"),
    "referred-elsewhere": _("referred elsewhere"), "lost-contact": _("lost contact"), "other": _("other"),
}


def event_label(code: str) -> str:
    """The message id of a situation event (its English words: ``charges-dropped`` → "charges dropped")."""
    return EVENT_LABELS.get(code, code.replace("-", " "))


def outcome_label(code: str) -> str:
    """The message id of a closing outcome."""
    return OUTCOME_LABELS.get(code, code.replace("-", " "))
