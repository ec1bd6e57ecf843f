"""A share with a partner organisation needs consent that names shares: the gate decides."""

from __future__ import annotations

from amparo.model.consent import SHARE_CIRCLE, Consent, gate, share_avenue


def test_general_consent_never_covers_a_share() -> None:
    widest = Consent.parse("public-named")
    decision = gate(SHARE_CIRCLE, {"p1": widest}, avenue=share_avenue("geneva-partners"))
    assert not decision.allowed and decision.cleared == ()
    # The same consent still covers the UN avenues it covered before.
    assert gate(SHARE_CIRCLE, {"p1": widest}, avenue="sg:report").allowed


def test_a_scope_for_shares_or_for_one_partner_clears_it() -> None:
    every_partner = Consent.parse({"circles": "state", "per_avenue": {"share:*": "un-confidential"}})
    one_partner = Consent.parse({"circles": "none", "per_avenue": {"share:geneva-partners": "un-confidential"}})
    to_geneva, to_other = share_avenue("geneva-partners"), share_avenue("other-org")
    assert gate(SHARE_CIRCLE, {"p": every_partner}, avenue=to_other).allowed
    assert gate(SHARE_CIRCLE, {"p": one_partner}, avenue=to_geneva).allowed
    assert not gate(SHARE_CIRCLE, {"p": one_partner}, avenue=to_other).allowed


def test_an_expired_consent_blocks_a_share_too() -> None:
    from datetime import date

    lapsed = Consent.parse({"circles": "state", "per_avenue": {"share:*": "un-confidential"},
                            "review_on": "2026-01-01"})
    assert not gate(SHARE_CIRCLE, {"p": lapsed}, avenue=share_avenue("x"), today=date(2026, 6, 1)).allowed
