"""A small stand-in knowledge base with the real loader's methods, and the demo cases.

The stand-in keeps the guidance tests independent of the package's data files: they
test the rules, and the golden tests (test_golden.py) run against the real ``load()``.
"""

from __future__ import annotations

import difflib
import json
from datetime import date
from pathlib import Path

import pytest

from amparo.knowledge.types import Avenue, AvenueAction, Channel, Precedent, PrecedentResponse, Source
from amparo.model import NotFound, parse_case_facts
from amparo.model.consent import Circle

DEMO_DIR = Path(__file__).parents[2] / "src/amparo/service/demo"
TODAY = date(2026, 11, 28)
S = (Source("https://example.org/stand-in-source"),)


def act(id: str, disclosure: str, *, later: str | None = None, urgent: bool = False,
        anonymous: bool = False, days: int | None = None) -> AvenueAction:
    return AvenueAction(id=id, name=id.replace("-", " "), description=f"stand-in {id}",
                        disclosure=Circle(disclosure), later=Circle(later) if later else None,
                        later_after_days=days, urgent=urgent, anonymous_form=anonymous, sources=S)


SP_ACTIONS = (
    act("allegation-letter", "state", later="public-named", days=60),
    act("urgent-appeal", "state", later="public-named", days=60, urgent=True),
    act("press-release", "public-named"),
    act("report-to-council", "public-named", anonymous=True),
)


def avenue(id: str, family: str, actions: tuple[AvenueAction, ...], *, countries: tuple[str, ...] = (),
           first_for: tuple[str, ...] = (), submitters: str | None = None) -> Avenue:
    return Avenue(id=id, family=family, name=f"Stand-in {id}", short_name=id, summary="stand-in",
                  triggers=("stand-in",), actions=actions,
                  channels=(Channel("email", "stand-in@example.org", sources=S),),
                  languages=("en",), sources=(Source(f"https://example.org/{id}"),),
                  reviewed=date(2026, 11, 1), countries=countries, first_for=first_for,
                  submitters=submitters)


SP_THEMATIC = (
    "human-rights-defenders", "arbitrary-detention", "enforced-disappearances", "torture",
    "violence-against-women", "independence-judges-lawyers", "privacy", "freedom-of-expression",
    "assembly-and-association", "extrajudicial-executions", "extreme-poverty",
)


def stand_in_avenues() -> tuple[Avenue, ...]:
    avenues = [
        avenue("hrc:president", "hrc", (act("raise-with-delegation", "state"),
                                        act("public-statement", "public-named")), first_for=("hrc", "upr")),
        avenue("sp:coordination-committee", "sp", (act("raise-with-un-actors", "un-confidential"),
                                                    act("press-release", "public-named"))),
        avenue("sp:country-bi", "sp", SP_ACTIONS, countries=("BI",)),
        avenue("sp:urgent-action", "sp", SP_ACTIONS),
        avenue("tb:CAT", "tb", (act("confidential-letter", "state"),
                                act("concluding-observations", "public-named", anonymous=True),
                                act("public-statement", "public-named"))),
        avenue("tb:CCPR", "tb", (act("confidential-letter", "state"),)),
        avenue("tb:SPT", "tb", (act("confidential-record", "un-confidential"),)),
        avenue("sg:report", "sg", (act("submission", "un-confidential"),
                                   act("annex-mention", "state", later="public-named", anonymous=True))),
        avenue("sg:senior-official", "sg", (act("confidential-letter", "state", urgent=True),
                                            act("public-statement", "public-named"))),
        avenue("rg:achpr", "rg", (act("raise-with-state", "state"), act("urgent-measures", "state", urgent=True)),
               countries=("BI", "KE", "NG")),
        avenue("rg:iachr", "rg", (act("precautionary-measures", "state", urgent=True),
                                  act("press-release", "public-named")), countries=("HN", "MX", "GT")),
        avenue("rg:ecthr", "rg", (act("rule-39-interim-measures", "state", urgent=True),),
               countries=("FR", "TR", "AZ")),
    ]
    for slug in SP_THEMATIC:
        restricted = "the person, family or representative" if slug in (
            "arbitrary-detention", "enforced-disappearances") else None
        avenues.append(avenue(f"sp:{slug}", "sp", SP_ACTIONS, submitters=restricted))
    return tuple(avenues)


def precedent(id: str, country: str, year: int, region: str, bodies: tuple[str, ...],
              types: tuple[str, ...]) -> Precedent:
    return Precedent(id=id, title=f"stand-in {id}", known_as=None, country=country, year=year, region=region,
                     bodies=bodies, engagement_kinds=("other",), reprisal_types=types,
                     responses=(PrecedentResponse(bodies[0], "public-statement", str(year), "stand-in"),),
                     summary="stand-in", sources=S, reviewed=date(2026, 11, 1))


STAND_IN_PRECEDENTS = (
    precedent("cn-lawyer", "CN", 2016, "asia-pacific", ("sp:extreme-poverty",),
              ("enforced-disappearance", "criminal-charges", "surveillance")),
    precedent("bi-lawyers", "BI", 2016, "african", ("tb:CAT",), ("professional-sanction", "confiscation")),
    precedent("bh-upr", "BH", 2012, "asia-pacific", ("upr",), ("smear-campaign", "threats", "physical-attack")),
    precedent("hn-airport", "HN", 2017, "latin-american-caribbean", ("hrc",),
              ("airport-interrogation", "hacking", "property-damage", "physical-attack")),
    precedent("ke-other", "KE", 2020, "african", ("tb:CCPR",), ("threats",)),
)


class StandInKB:
    """The methods of ``amparo.knowledge.KnowledgeBase`` over a fixed set of avenues."""

    def __init__(self, avenues: tuple[Avenue, ...], precedents: tuple[Precedent, ...] = ()):
        self._by_id = {a.id: a for a in avenues}
        self._precedents = precedents

    @property
    def avenues(self) -> tuple[Avenue, ...]:
        return tuple(self._by_id.values())

    @property
    def precedents(self) -> tuple[Precedent, ...]:
        return self._precedents

    def get(self, avenue_id: str) -> Avenue | None:
        return self._by_id.get(avenue_id)

    def nearest(self, avenue_id: str, n: int = 3) -> list[str]:
        return difflib.get_close_matches(avenue_id, list(self._by_id), n=n, cutoff=0.0)

    def avenue(self, avenue_id: str) -> Avenue:
        found = self.get(avenue_id)
        if found is None:
            raise NotFound(f"{avenue_id!r} is not in the knowledge base; nearest: {', '.join(self.nearest(avenue_id))}")
        return found

    def family(self, name: str) -> tuple[Avenue, ...]:
        return tuple(a for a in self.avenues if a.family == name)

    def country_mandate(self, country: str) -> Avenue | None:
        for a in self.avenues:
            if a.family == "sp" and a.countries == (country,):
                return a
        return None

    def regional_for(self, country: str) -> tuple[Avenue, ...]:
        return tuple(a for a in self.avenues if a.family == "rg" and country in a.countries)

    # The stand-in's avenues are all active, with no successors and no ratification table.
    def active_avenues(self) -> tuple[Avenue, ...]:
        return self.avenues

    def resolve(self, slug: str) -> tuple[Avenue, str | None]:
        return self.avenue(slug), None

    def is_party(self, country: str, treaty: str) -> bool | None:
        return None

    def accepts_communications(self, country: str, treaty: str) -> bool | None:
        return None

    def country_bodies(self, country: str) -> tuple[Avenue, ...]:
        return ()


@pytest.fixture(scope="session")
def kb() -> StandInKB:
    return StandInKB(stand_in_avenues(), STAND_IN_PRECEDENTS)


def demo_facts(country: str) -> dict:
    for path in sorted(DEMO_DIR.glob("[0-9]-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["country"] == country:
            return data
    raise LookupError(country)


@pytest.fixture(scope="session")
def demo_data():
    """``demo_data("CN")`` -> the demo case-facts document for that country."""
    return demo_facts


@pytest.fixture(scope="session")
def demo():
    """``demo("CN")`` -> the demo Case for that country."""
    def load(country: str):
        return parse_case_facts(demo_facts(country), today=TODAY)
    return load
