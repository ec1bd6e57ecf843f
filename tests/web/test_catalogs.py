"""The UI catalogs are whole: every message in the code is in web.pot, translated in every
supported language (the six UN languages) with the same placeholders, and a French page
reads in French."""

from __future__ import annotations

import html
import re

import pytest
from jinja2 import Environment
from web_support import AIRPORT

import amparo.web.catalog_check as check
from amparo.model import vocabularies as vocab
from amparo.model.consent import CONSENT_LEVELS
from amparo.model.languages import LANGUAGES, SOURCE_LANGUAGE
from amparo.tracking import timeline
from amparo.tracking.status import OUTCOMES, STATUSES
from amparo.web.i18n import UiLanguage
from amparo.web.views import humanised, words

TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


@pytest.fixture(scope="module")
def extracted():
    return check.extract_messages()


def test_pot_is_up_to_date_with_the_sources(extracted):
    found = check.message_ids(extracted)
    # Messages from each kind of source: a template, Python code calling visit._(), and
    # messages passed to _() as data (a wizard question, a consent choice).
    assert {"Cases", "Type the vault passphrase.", "When?", "Only the UN body, in confidence"} <= found
    in_pot = check.message_ids(check.read_catalog(check.POT))
    assert found == in_pot, ("run `make web-messages`: "
                             f"new {sorted(found - in_pot)}, gone {sorted(in_pot - found)}")


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(extracted, language):
    assert check.catalog_problems(language, extracted) == []


def test_english_catalog_lists_every_message_and_falls_back_to_it(extracted):
    assert check.catalog_problems("en", extracted, need_translation=False) == []
    english = check.read_catalog(check.catalog_path("en"))
    # Only vocabulary words, made from ids ("Ngo staff"), may be reworded in English.
    vocabulary = {message for _, message, _ in check.dynamic_messages()}
    assert all(m.string in ("", m.id) or m.id in vocabulary for m in english if m.id)


def test_a_missing_or_broken_translation_is_reported(extracted, tmp_path, monkeypatch):
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "web.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Too many wrong passphrases. Wait {n} seconds, then try again."\n'
        'msgstr "Trop de tentatives. Attendez {secondes} secondes."\n\n'
        'msgid "Cases"\nmsgstr ""\n', encoding="utf-8")
    monkeypatch.setattr(check, "LOCALE_DIR", tmp_path)
    problems = check.catalog_problems("fr", extracted)
    assert any("placeholders differ" in p and "{n}" in p for p in problems)
    assert "fr: untranslated 'Cases'" in problems
    assert "fr: missing 'Type the vault passphrase.'" in problems


def test_placeholders_of_both_styles():
    assert check.placeholders("Wait {n} s; %(who)s; person %d") == ["%(who)s", "%d", "{n}"]
    assert check.placeholders("100 % sûr") == []


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_case_list_reads_in_french(client):
    page = client.get("/cases?lang=fr")
    assert page.status_code == 200
    text = _text(page.text)
    # The reprisal filter's options and each case's reprisal types and status are vocabulary
    # ids shown through `|words`: they read in French too.
    for french in ("Dossiers", "Aller au contenu", "Verrouiller", "Représailles", "Rechercher",
                   "Tout ce qui se trouve ici reste dans votre coffre chiffré",
                   "Interrogatoire à l’aéroport", "Disparition forcée", "Ouvert"):
        assert french in text, french
    for english in ("Skip to the content", "Search words", "Everything here stays",
                    "Airport interrogation", "Enforced disappearance"):
        assert english not in text, english


def test_wizard_reads_in_spanish_including_its_questions(client):
    text = _text(client.get("/triage?lang=es").text)
    assert "¿Qué hizo usted con la ONU?" in text  # a step question, passed to _() as data
    assert "El órgano de la ONU" in text and "Siguiente" in text
    assert "What did you do with the UN?" not in text


# Every vocabulary a page shows through `|words`, listed here from where each is defined (not
# from catalog_check), so that a vocabulary left out of DYNAMIC_SOURCES fails this test.
_VOCABULARIES = {
    "roles": vocab.ROLES, "locations": vocab.LOCATIONS, "genders": vocab.GENDERS,
    "engagement kinds": vocab.ENGAGEMENT_KINDS, "reprisal types": vocab.REPRISAL_TYPES,
    "perpetrators": vocab.PERPETRATORS, "consent methods": vocab.CONSENT_METHODS,
    "channels": vocab.ACTION_CHANNELS, "response kinds": vocab.RESPONSE_KINDS,
    "situation events": vocab.SITUATION_EVENTS, "consent levels and circles": CONSENT_LEVELS,
    "case statuses": STATUSES, "outcomes": OUTCOMES, "timeline kinds": timeline.KINDS,
    "deadline kinds": ("follow-up", "publication", "sg-report-cutoff", "session", "review"),
}


@pytest.mark.parametrize("name", sorted(_VOCABULARIES))
def test_every_vocabulary_word_is_in_the_catalogs_and_translated(extracted, name):
    shown = {humanised(value) for value in _VOCABULARIES[name]}
    assert shown <= check.message_ids(extracted), sorted(shown - check.message_ids(extracted))
    for language in TRANSLATED:
        catalog = check.read_catalog(check.catalog_path(language))
        untranslated = sorted(m for m in shown if catalog.get(m) is None or not catalog.get(m).string)
        assert untranslated == [], f"{language}: {untranslated}"


def _show(template: str, language: str, **values: object) -> str:
    env = Environment(autoescape=True)
    env.filters["words"] = words
    return env.from_string(template).render(_=UiLanguage(language).gettext, **values)


def test_words_translates_and_keeps_an_unknown_id_readable():
    assert _show("{{ v|words }}", "fr", v="public-named") == "Public, avec les noms"
    assert _show("{{ v|words }}", "es", v="in-exile") == "En el exilio"
    assert _show("{{ v|words }}", "en", v="state-security") == "State security"
    # An id no catalog knows (a vocabulary value added later) still reads as words.
    assert _show("{{ v|words }}", "fr", v="brand-new_kind") == "Brand new kind"
    assert _show("{{ vs|map('words')|join(', ') }}", "es", vs=["threats", "hacking"]) == "Amenazas, Pirateo informático"
    # Without the page's `_` (a template rendered outside `render`), the English words.
    env = Environment()
    env.filters["words"] = words
    assert env.from_string("{{ 'airport-interrogation'|words }}").render() == "Airport interrogation"


def test_case_page_shows_vocabulary_words_in_french(client, ids):
    page = client.get(f"/cases/{ids[AIRPORT]}?lang=fr")
    assert page.status_code == 200
    text = _text(page.text)
    # Reprisal type and perpetrator, role and location, consent method, engagement kind,
    # a consent circle, the status, a timeline tag.
    for french in ("Interrogatoire à l’aéroport", "Forces de sécurité de l’État", "Responsable communautaire",
                   "Dans le pays", "En personne", "Déplacement pour une session",
                   "l’organe de l’ONU et le gouvernement concerné", "Ouvert", "Coopération avec l’ONU"):
        assert french in text, french
    for english in ("Airport interrogation", "State security", "Community leader", "In country",
                    "Travel to session", "Public named"):
        assert english not in text, english


def test_the_case_timeline_reads_in_french(client, ids):
    page = client.get(f"/cases/{ids['1-lawyer-detained-after-visit']}?lang=fr").text
    timeline = page[page.index('id="timeline"'):]
    assert "Disparition forcée" in timeline and "Envoyé à" in timeline and "UA CHN 9/2026" in timeline
    assert "Reprisal:" not in timeline and "Sent to" not in timeline
