"""Whom a letter greets: the role a body designated on reprisals, or the office written to.

Treaty bodies designate a rapporteur or focal point on reprisals (San José Guidelines,
HRI/MC/2015/6; HRI/MC/2020/2/Rev.1 para. 1). A letter to one of them is addressed to that
role, by role and never by a person's name (the holder changes and the sources do not
name them), and only where the knowledge base records a source for it
(``knowledge.addressing.reprisals_role``); any other body is written to as a whole.
"""

from __future__ import annotations

from amparo.knowledge.addressing import ReprisalsRole
from amparo.language.i18n import Language


def role_heading(lang: Language, role: ReprisalsRole | None, body: str) -> str | None:
    """The addressee block's first line for ``role`` of ``body`` (already translated)."""
    if role is None:
        return None
    _ = lang._
    if role.kind == "rapporteur":
        return _("The Rapporteur on reprisals, {body}").format(body=body)
    return _("The Rapporteur or focal point on reprisals, {body}").format(body=body)


def role_salutation(lang: Language, role: ReprisalsRole | None) -> str | None:
    """The greeting for ``role``, in the letter's language; None greets the body as a whole."""
    if role is None:
        return None
    _ = lang._
    if role.kind == "rapporteur":
        return _("Dear Rapporteur on reprisals,")
    return _("Dear Rapporteur or focal point on reprisals,")


def president_salutation(lang: Language) -> str:
    """The greeting to the President of the Human Rights Council.

    "Excellency," is the form the UN uses for a Council President (an ambassador) and
    needs neither the holder's name nor their gender, which change every year; "Dear
    President," read as a familiar note.
    """
    return lang._("Excellency,")
