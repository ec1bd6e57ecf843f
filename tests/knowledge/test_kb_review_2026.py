"""Golden tests for the review of 2026-12-01 (REFERENCE.md section 10): each correction
and each new body, with its source in the docstring."""

from __future__ import annotations

from datetime import date

import pytest

from amparo.knowledge import check_files, load
from amparo.model.consent import Circle
from amparo.model.errors import InvalidInput


@pytest.fixture(scope="module")
def kb():
    return load()


def test_syria_has_no_special_rapporteur_the_commission_of_inquiry_instead(kb):
    """Res. S-18/1 (2011) made the post start when the CoI ends; the CoI was renewed by 55/22
    (4 April 2024) (archive.crin.org; web.dev.ohchr.un-icc.cloud iici-syria mandate page)."""
    sr = kb.avenue("sp:country-sy")
    assert not sr.active and sr.status == "not-started" and sr.not_started.by == "A/HRC/RES/S-18/1"
    assert kb.country_mandate("SY") is None
    new, note = kb.resolve("sp:country-sy")
    assert new.id == "ib:coi-syria" and "never started" in note
    assert new.renewed.by == "A/HRC/RES/55/22" and new.countries == ("SY",)


def test_sudan_independent_expert_ended_in_2020(kb):
    """Res. 45/25 of 6 October 2020 ended it (FIDH); the FFM followed (res. 54/2, October 2023)."""
    ie = kb.avenue("sp:country-sd")
    assert ie.ended.by == "A/HRC/RES/45/25" and ie.ended.date == "2020-10-06"
    assert kb.resolve("sp:country-sd")[0].id == "ib:ffm-sudan"
    assert kb.avenue("ib:ffm-sudan").established.by == "A/HRC/RES/54/2"


def test_mali_independent_expert_is_active(kb):
    """Extended by res. 55/25 (2024); Eduardo González since 1 May 2024 (OHCHR Mali page, HRC55)."""
    ml = kb.avenue("sp:country-ml")
    assert ml.active and ml.renewed.by == "A/HRC/RES/55/25" and "may have ended" not in ml.summary
    assert kb.country_mandate("ML").id == "sp:country-ml"


def test_slavery_and_trafficking_merged_at_hrc60_and_keep_their_history(kb):
    """HRC60 merged them into one mandate for three years (UN Geneva, HRC60 closing summary)."""
    merged = kb.avenue("sp:slavery-and-trafficking")
    assert merged.active and merged.verified
    for old in ("sp:slavery", "sp:trafficking"):
        assert not kb.avenue(old).active
        new, note = kb.resolve(old)
        assert new.id == "sp:slavery-and-trafficking" and note and "2025-10" in note
        assert old in kb.lineage("sp:slavery-and-trafficking")
    assert kb.lineage("sp:trafficking") >= {"sp:trafficking", "sp:slavery-and-trafficking"}
    assert "sp:trafficking" not in {a.id for a in kb.active_avenues()}


def test_urgent_action_address_is_kept_but_unconfirmed(kb):
    """Absent from the current OHCHR reprisals page, which lists the online form and each
    mandate's address (REFERENCE.md section 10)."""
    desk = kb.avenue("sp:urgent-action")
    assert not desk.verified
    email = next(c for c in desk.channels if c.address == "urgent-action@ohchr.org")
    assert not email.verified and email.cc == ("reprisals@ohchr.org",)
    assert any(c.kind == "online-form" and c.address is None and c.note for c in desk.channels)


def test_treaty_bodies_have_reprisals_focal_points_and_a_confidential_first_step(kb):
    """HRI/MC/2020/2/Rev.1 para. 1: "the rapporteur or focal point of each Committee"."""
    for tb in kb.family("tb"):
        first = tb.actions[0]
        assert first.id == "notify-confidentially" and first.first_notification
        assert first.disclosure is Circle.UN_CONFIDENTIAL
        assert not any("NOT CONFIRMED" in n and "rapporteur" in n for n in tb.notes)
    assert any(s.ref == "HRI/MC/2020/2/Rev.1" for s in kb.avenue("tb:CCPR").actions[0].sources)


def test_sg_reporting_period_since_2021(kb):
    """A/HRC/45/36 covered 1 June 2019 - 30 April 2020; A/HRC/48/28 was the first full
    1 May - 30 April period (ISHR 2020 call; bahrainrights.net)."""
    report = kb.avenue("sg:report")
    assert report.extra["reporting_period_since"] == 2021
    assert not any("since the 2020 report" in n for n in report.notes)


def test_iachr_has_the_petition_portal_and_the_precautionary_measures_form(kb):
    """IACHR press release 188/19 (1 August 2019)."""
    portal = kb.avenue("rg:iachr").channels[0]
    assert portal.kind == "online-form" and "precautionary" in portal.purpose
    assert any("188" in s.ref for s in portal.sources)


@pytest.mark.parametrize("slug", ["ib:coi-syria", "ib:chr-south-sudan", "ib:ffm-venezuela", "ib:ffm-sudan",
                                  "ib:iimm-myanmar", "ib:coi-opt-israel", "ib:gie-belarus", "ib:ghren-nicaragua",
                                  "ib:ffm-iran", "ib:iim-afghanistan"])
def test_investigative_bodies(kb, slug):
    """Sources per entry (OHCHR, UN Geneva session summaries, iimm.un.org)."""
    body = kb.avenue(slug)
    assert body.active and body.countries and (body.established or body.renewed)
    assert body.actions[0].first_notification and slug in body.first_for
    assert kb.country_bodies(body.countries[0])


def test_peace_operations_offer_physical_protection_and_the_others_do_not(kb):
    """police.un.org: human rights teams in peace operations; protection of civilians."""
    assert kb.avenue("un:peace-operations").offers_physical_protection
    assert [a.id for a in kb.avenues if a.offers_physical_protection] == ["un:peace-operations"]


def test_indigenous_bodies_and_the_ethics_office(kb):
    """UNPFII session 22 para. 64; A/HRC/32/26; ST/SGB/2017/2/Rev.1 and un.org/en/ethics."""
    assert kb.avenue("hrc:emrip").active and kb.avenue("un:unpfii").active
    ethics = kb.avenue("un:ethics-office")
    assert ethics.channels[0].address == "ethicsoffice@un.org"
    assert any(s.ref == "ST/SGB/2017/2/Rev.1" for s in ethics.sources)


def test_protective_variants_have_their_circles(kb):
    """idsn.org (what must stay confidential); LAW policy brief (CEDAW, 2024); OHCHR how-to
    page (trends and patterns welcome)."""
    sp = kb.avenue("sp:torture")
    v = sp.action("urgent-appeal-identity-withheld")
    assert v.variant_of == "urgent-appeal" and v.circles == (Circle.STATE, Circle.PUBLIC_ANONYMOUS)
    assert v.protects and v.limits
    cedaw = kb.avenue("tb:CEDAW").action("individual-complaint-identity-protected")
    assert Circle.STATE not in cedaw.circles and cedaw.verified
    assert not kb.avenue("tb:CAT").action("individual-complaint-identity-protected").verified
    assert kb.avenue("sg:report").action("anonymised-mention").variant_of == "named-case-annex"
    for avenue, action in (("sp:human-rights-defenders", "pattern-information"),
                           ("sg:report", "thematic-submission")):
        act = kb.avenue(avenue).action(action)
        assert act.identifies_nobody and act.disclosure is Circle.UN_CONFIDENTIAL


def test_ratifications(kb):
    """OHCHR UPR compilation tables for Burundi; HRIC on China; CCPR/C/HND/CO/3 (2024)."""
    assert kb.is_party("BI", "CAT") is True and kb.accepts_communications("BI", "CAT") is True
    assert kb.accepts_communications("BI", "ICCPR") is False
    assert kb.is_party("CN", "ICCPR") is False and kb.is_party("CN", "CAT") is True
    assert kb.accepts_communications("CN", "CAT") is None
    assert kb.is_party("BH", "CAT") is None  # not in the table: unconfirmed, never False


def test_every_avenue_starts_with_its_confidential_notification(kb):
    for avenue in kb.avenues:
        assert avenue.actions[0].id == "notify-confidentially", avenue.id


BAD = {
    "revive.yaml": "avenues:\n  - {id: sp:trafficking, ended: null}\n",
    "successor.yaml": ("avenues:\n  - id: sp:country-ml\n    ended: {date: '2026-04', by: X}\n"
                       "    succeeded_by: [sp:nowhere]\n"),
    "country.yaml": "ratifications:\n  countries:\n    ZZ: {treaties: {CAT: {party: true}}}\n",
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_overrides_are_named_and_refused_whole(tmp_path, today, name):
    (tmp_path / name).write_text(BAD[name])
    report = check_files(today, tmp_path)
    assert not report.ok
    assert all(p.path.startswith(str(tmp_path / name)) for p in report.errors)
    with pytest.raises(InvalidInput):
        load(tmp_path)


def test_a_revival_that_says_so_is_accepted(tmp_path, today):
    (tmp_path / "ok.yaml").write_text(
        "avenues:\n  - {id: sp:trafficking, ended: null, succeeded_by: [],\n"
        "     renewed: {date: '2026-10', by: A/HRC/RES/63/1}}\n")
    assert load(tmp_path).avenue("sp:trafficking").active


def test_kb_check_flags_bad_variants_and_first_actions(tmp_path):
    (tmp_path / "v.yaml").write_text(
        "avenues:\n  - id: sp:torture\n    actions:\n"
        "      - {id: x-variant, name: X, description: d, disclosure: state, variant_of: nothing}\n")
    report = check_files(date(2026, 12, 1), tmp_path)
    paths = {p.path for p in report.errors}
    assert {"sp:torture.actions[x-variant].variant_of", "sp:torture.actions[x-variant].sources"} <= paths
