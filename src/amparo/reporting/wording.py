"""Every word the reports print: the contribution, its figures, the charts, the labels.

The contribution is written in English today; a translation (another issue) replaces
this module's strings and functions, and nothing else in ``amparo.reporting`` holds a
visible word. Templates use ``str.format`` fields so that a translator can move them;
counts go through the functions below, where plural forms live.
"""

from __future__ import annotations

#: The marker a suppressed cell carries in CSV and JSON (a code, not prose).
SUPPRESSED_CODE = "suppressed"

# --- audiences ---------------------------------------------------------------------

INTERNAL_LABEL = "INTERNAL: every case of the vault, for your team only. Not for publication."
PUBLIC_LABEL = ("PUBLIC: only cases whose people consent at least to a public anonymous mention; "
                "counts below {min_cell} are not shown.")
INTERNAL_CHART = "Internal: not for publication"
PUBLIC_CHART = "Public figures: counts below {min_cell} not shown"
NOT_SHOWN = "not shown"

# --- the contribution --------------------------------------------------------------

TITLE = "Contribution to the Secretary-General's report on reprisals, {start} – {end}"
SUBJECT = "Contribution to the Secretary-General's report on reprisals"
INTRO = (
    "Cases of intimidation and reprisal against people who cooperated, or sought to cooperate, "
    "with the United Nations in the field of human rights, for the reporting period above. Each "
    "case is described only with the consent of the people concerned: those who did not agree to "
    "be named are described without their names. Cases whose people did not agree to a public "
    "mention are neither described nor counted in the figures; only their number is given."
)
FICTIONAL_NOTICE = "FICTIONAL DEMO CASES: this document contains invented cases. Do not submit it."
HEAD_FIGURES = "Figures for the period"
HEAD_CHARTS = "Charts"
HEAD_COUNTRIES = "Cases by country"
HEAD_FOLLOW_UPS = "Follow-up on cases reported earlier"
NO_CASE = "No case described in this period."
NO_FOLLOW_UP = "No follow-up to report on cases reported earlier."
EARLIER = "Earlier:"
CASE_HEADING = "Case {number}: {people}"
CASE_HEADING_BARE = "Case {number}"
FOLLOW_UP_HEADING = "Follow-up {number}: {people}"
FOLLOW_UP_HEADING_BARE = "Follow-up {number}"
PART_COOPERATION = "Cooperation"
PART_ACTS = "Acts of intimidation or reprisal"
PART_LINK = "Link with the cooperation"
PART_STEPS = "Steps taken"
PART_UN_DOCUMENTS = "Already raised in a UN document"
MD_CHARTS = "The PDF and DOCX versions draw these figures as charts."
FIGURE_CAPTION = "Figure {number}. {description}"

FIGURE_CASES = ("Cases with an act of intimidation or reprisal in the period: {cases} "
                "(new: {new}; already reported earlier: {follow_up}).")
FIGURE_ACTS = "Acts of intimidation or reprisal: {acts}; people concerned: {people}; countries: {countries}."
FIGURE_ACTIONS = "Actions sent to UN and regional avenues: {sent}; answered: {answered}."
FIGURE_DESCRIBED = "Cases described below: {described}; follow-up entries: {follow_ups}."
FIGURE_WITHHELD = ("Cases of the period left out for lack of consent (not described, not counted in any "
                   "figure): {withheld}.")
FIGURE_RULE = ("Counts below {min_cell} are not shown, nor the counts from which one could be worked out; "
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
KIND_OTHER = "engaged ({kind}) with"
PEOPLE_CONCERNED = "The people concerned"
AND = " and "
DATE_UNKNOWN = "date unknown"
COOPERATION = "On {day}, {who} {phrase} {body}{session}."
ACT = "{day}: {type}{against}{by}{where}."
AGAINST = " against {who}"
BY = " by {perpetrator}"
IN_PLACE = " in {place}"
FIRST_ACT_AFTER = "The first act came {days} days after the cooperation."
LINK_UNKNOWN = "Not established in the records."
STEPS_NONE = "None recorded."
SENT_TO = "{day}: the case was sent to {avenue}{what}."
RESPONSE = "{day}: {kind}{source}{reference}"
FROM = " from {avenue}"
UN_DOCUMENTS_NONE = "No, not as far as the records show."
UN_DOCUMENTS_YES = "Yes: {refs}."
CHANGE_EVENT = "{day}: {kind}{who}."
CHANGE_ACT = "{day}: new act, {type}{against}."
CHANGE_RESPONSE = "{day}: {kind}{source}{reference}."
CHANGE_CLOSED = "{day}: case closed ({outcome})."


def left_out_acts(n: int) -> str:
    """The sentence that counts a described case's acts left out (about people without consent)."""
    if n == 1:
        return "1 further act concerning people who did not consent to a public mention is left out."
    return f"{n} further acts concerning people who did not consent to a public mention are left out."


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
