"""Looking avenues up: by id (with suggestions), by family, by country."""

from __future__ import annotations

import pytest

from amparo.knowledge import load
from amparo.model.errors import NotFound


@pytest.fixture(scope="module")
def kb():
    return load()


def test_unknown_id_names_it_and_the_nearest_known_ids(kb):
    with pytest.raises(NotFound) as err:
        kb.avenue("sp:human-rights-defender")
    assert "'sp:human-rights-defender'" in str(err.value)
    assert "sp:human-rights-defenders" in str(err.value)
    assert kb.nearest("sp:human-rights-defender")[0] == "sp:human-rights-defenders"
    assert kb.get("sp:human-rights-defender") is None


def test_nearest_ignores_case_and_returns_real_ids(kb):
    assert kb.nearest("tb:cat")[0] == "tb:CAT"
    assert kb.nearest("hrc:presidnet", n=1) == ["hrc:president"]
    assert len(kb.nearest("sp:arbitrary", n=2)) <= 2


def test_regional_coverage(kb):
    assert "rg:iachr" in [a.id for a in kb.regional_for("HN")]
    assert "rg:achpr" in [a.id for a in kb.regional_for("BI")]
    assert "rg:ecthr" in [a.id for a in kb.regional_for("DE")]
    assert kb.regional_for("CN") == ()
    assert kb.regional_for("MA") == ()  # Morocco has not ratified the African Charter
    assert len(kb.avenue("rg:ecthr").countries) == 46
    assert "RU" not in kb.avenue("rg:ecthr").countries


def test_country_mandates(kb):
    assert kb.country_mandate("BI").id == "sp:country-bi"
    assert kb.country_mandate("MM").id == "sp:country-mm"
    assert kb.country_mandate("CN") is None
    # A thematic mandate covers every country.
    assert kb.avenue("sp:torture").covers("CN")
    assert not kb.avenue("sp:country-bi").covers("CN")


def test_families(kb):
    assert [a.id for a in kb.family("hrc")] == ["hrc:president", "hrc:emrip"]
    assert {a.id for a in kb.family("sg")} == {"sg:report", "sg:senior-official"}
    assert {a.id for a in kb.family("rg")} == {"rg:achpr", "rg:iachr", "rg:ecthr"}
    # 46 thematic and 16 country slugs of special-procedures.md, the merged mandate of
    # HRC60, the Coordination Committee and the urgent-action desk (ended ones included).
    assert len(kb.family("sp")) == 46 + 16 + 1 + 2
    assert len([a for a in kb.family("sp") if a.active]) == 46 + 16 + 1 + 2 - 4
    assert kb.family("nothing") == ()
