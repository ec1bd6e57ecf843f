"""The package's data files: they load, every entry is sourced, nothing is missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from amparo.knowledge import load
from amparo.knowledge.loader import PACKAGE_FILES, _Entries, _package_file, _package_texts
from amparo.model.consent import Circle

# shared/ sits beside the checkout (../shared), or higher up for a worktree.
DOMAIN = next((d / "shared" / "domain" / "special-procedures.md" for d in Path(__file__).resolve().parents
               if (d / "shared" / "domain" / "special-procedures.md").is_file()),
              Path(__file__).resolve().parents[3] / "shared" / "domain" / "special-procedures.md")


@pytest.fixture(scope="module")
def kb():
    return load()


def test_every_package_file_loads_on_its_own():
    texts = dict(_package_texts())
    assert set(texts) == set(PACKAGE_FILES)
    for label, text in texts.items():
        into = _Entries()
        assert _package_file(text, label, into) == [], label
        assert into.avenues or into.precedents or into.ratifications, f"{label} holds no entry"


def test_every_avenue_and_action_has_a_source_and_a_reviewed_date(kb):
    for avenue in kb.avenues:
        assert avenue.sources, avenue.id
        assert avenue.reviewed is not None, avenue.id
        assert avenue.actions, avenue.id
        for action in avenue.actions:
            assert action.sources, f"{avenue.id} {action.id}"
            assert action.reviewed is not None, f"{avenue.id} {action.id}"


def test_every_mandate_slug_of_the_domain_list_is_present(kb):
    slugs = set(re.findall(r"`?(sp:[a-z0-9-]+)`?", DOMAIN.read_text(encoding="utf-8")))
    assert len(slugs) >= 60  # 46 thematic + 16 country + the Coordination Committee
    missing = sorted(s for s in slugs if kb.get(s) is None)
    assert missing == []


def test_a_mandate_is_verified_only_with_a_dated_step_in_its_life(kb):
    """special-procedures.md asks for verified: false until a mandate is checked; the review
    of 2026-12-01 verified those whose creation, renewal or end a source dates."""
    mandates = [a for a in kb.family("sp") if a.id not in ("sp:urgent-action",)]
    assert any(not a.verified for a in mandates)
    for a in mandates:
        if a.verified:
            assert a.renewed or a.established or a.ended or a.not_started, a.id


def test_the_ten_treaty_bodies_and_the_spt(kb):
    assert {a.id for a in kb.family("tb")} == {
        "tb:CAT", "tb:SPT", "tb:CCPR", "tb:CESCR", "tb:CERD", "tb:CEDAW", "tb:CRC", "tb:CMW",
        "tb:CRPD", "tb:CED",
    }
    spt = kb.avenue("tb:SPT").action("notify-confidentially")
    assert spt.disclosure is Circle.UN_CONFIDENTIAL and spt.first_notification
    petitions = [c for c in kb.avenue("tb:CCPR").channels if c.address == "petitions@ohchr.org"]
    # Only on OHCHR's older page (REFERENCE.md section 10): kept, marked unconfirmed.
    assert petitions and not petitions[0].verified and petitions[0].purpose == "individual complaints"


def test_special_procedures_communications_reach_the_public_later(kb):
    appeal = kb.avenue("sp:torture").action("urgent-appeal")
    assert appeal.disclosure is Circle.STATE
    assert appeal.later is Circle.PUBLIC_NAMED and appeal.widest is Circle.PUBLIC_NAMED
    assert appeal.later_after_days == 60
    assert "NOT CONFIRMED" in appeal.later_note and appeal.urgent
    # The shared urgent-action address reaches every mandate.
    desk = [c for c in kb.avenue("sp:torture").channels if c.address == "urgent-action@ohchr.org"]
    # Absent from OHCHR's current reprisals page (REFERENCE.md section 10): unconfirmed.
    assert desk and not desk[0].verified and "reprisals@ohchr.org" in desk[0].cc


def test_working_groups_that_take_cases_only_from_those_concerned(kb):
    assert kb.avenue("sp:arbitrary-detention").submitters
    assert kb.avenue("sp:enforced-disappearances").submitters
    assert kb.avenue("sp:torture").submitters is None


def test_secretary_general_report_facts(kb):
    report = kb.avenue("sg:report")
    assert [c.address for c in report.channels] == ["reprisals@ohchr.org"]
    assert report.extra["reporting_period_start"] == "05-01"
    assert report.extra["reporting_period_end"] == "04-30"
    assert report.extra["asks_prior_un_document"] is True
    anonymous = report.action("anonymised-mention")
    assert anonymous.disclosure is Circle.PUBLIC_ANONYMOUS and anonymous.anonymous_form
    assert report.action("named-case-annex").disclosure is Circle.PUBLIC_NAMED
    assert report.action("confidential-record").disclosure is Circle.UN_CONFIDENTIAL
    # The ASG's working methods are not confirmed beyond OHCHR's general wording.
    assert kb.avenue("sg:senior-official").action("confidential-letter").verified is False


def test_first_to_notify(kb):
    assert [a.id for a in kb.first_for("hrc")] == ["hrc:president"]
    assert [a.id for a in kb.first_for("upr")] == ["hrc:president"]
    assert [a.id for a in kb.first_for("sp:extreme-poverty")] == ["sp:extreme-poverty"]
    assert [a.id for a in kb.first_for("tb:CAT")] == ["tb:CAT"]


def test_no_address_is_invented(kb):
    """Where the sources give no address, the channel says so instead of guessing one."""
    known = {"reprisals@ohchr.org", "urgent-action@ohchr.org", "petitions@ohchr.org",
             "ethicsoffice@un.org", "contact@myanmar-mechanism.org", "Signal: +41 76 691 12 08",
             # The mandate's own site (srdefenders.org) gives both, unconfirmed by OHCHR pages.
             "hrc-sr-defenders@un.org", "https://spsubmission.ohchr.org/"}
    for avenue in kb.avenues:
        for channel in avenue.channels:
            if channel.address is None:
                assert channel.note, avenue.id
            else:
                assert channel.address in known, (avenue.id, channel.address)


def test_unconfirmed_facts_are_carried_through(kb):
    president = kb.avenue("hrc:president")
    assert president.action("letter-to-mission").verified is False
    assert all(c.verified is False for c in president.channels if c.address is None)
    assert "languages" in president.unverified
    ecthr = kb.avenue("rg:ecthr")
    assert "countries" in ecthr.unverified and ecthr.countries_sources
    assert "languages" not in kb.avenue("sp:torture").unverified  # sourced: en/fr/es
