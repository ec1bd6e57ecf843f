"""A ``Case`` written back as a case-facts document, and read back from the vault.

The inverse of ``facts.parse_case_facts``: for every valid document ``d``,
``case_to_facts(parse_case_facts(d))`` parses to the same ``Case``. Both directions are
derived from the format's models (``amparo.model.facts.codec``).
"""

from __future__ import annotations

from typing import Any

from amparo.model.case import Case
from amparo.model.facts.codec import read_trusted, write_facts


def case_to_facts(case: Case) -> dict[str, Any]:
    """The case in the case-facts format (what ``case export`` writes and the vault stores).

    Absent values, empty lists and false flags are left out, except the engagements and
    reprisals lists; the ``id`` is not part of the format.
    """
    return write_facts(case)


def case_from_trusted_facts(data: dict[str, Any], *, case_id: str | None = None) -> Case:
    """The ``Case`` of a document that was validated when it was stored (the vault's own).

    No checks, so that a dashboard can read thousands of cases (``bench/facts.py``).
    Never use it on input from outside the vault: that is ``parse_case_facts``'s job.
    """
    return read_trusted(data, case_id=case_id)
