"""Service errors and refusals carry a message id (the English sentence) and parameters,
and every message id has a translation in each UN language (issue 18: error messages in
all six languages; the way forward of a refusal too)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from amparo.model.errors import ConsentRefused, InvalidInput, Message, Problem, Term
from amparo.service import say

SRC = Path(__file__).resolve().parents[2] / "src" / "amparo"
LOCALE = SRC / "locale"
LANGUAGES = ("fr", "es", "ar", "zh", "ru")


def _message_ids() -> dict[str, str]:
    """Every ``Message("…")`` written in the code: message id -> where."""
    found: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Message"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def _catalog(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "amparo.po").open("rb") as f:
        return read_po(f)


def _fields(text: str) -> list[str]:
    return sorted(re.findall(r"\{[^{}]*\}", text))


def test_the_code_raises_its_errors_as_message_ids():
    ids = _message_ids()
    assert len(ids) > 150  # the service, model validation, drafting refusals, deadlines
    for sentence in ("What you can do now with this avenue: {steps}.", "wrong e-mail address or password",
                     "{value} is not the ref of a person in this case", "Case: {case}"):
        assert sentence in ids


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_id_is_translated_with_the_same_fields(lang):
    catalog = _catalog(lang)
    missing, broken = [], []
    for msgid, where in _message_ids().items():
        entry = catalog.get(msgid)
        if entry is None or not entry.string:
            missing.append(f"{where}: {msgid!r}")
        elif _fields(entry.string) != _fields(msgid):
            broken.append(f"{where}: {entry.string!r}")
    assert not missing, missing
    assert not broken, broken


def _refusal_needing_consent_talk() -> ConsentRefused:
    return ConsentRefused(Message(
        "{step} ({avenue}, --action {action}) would tell {circles} who the people are, and nobody the "
        "reprisals concern has agreed to that. {forward} To take this step: {needs}.",
        step=Term("avenue-action", "Public statement naming the case"), avenue="hrc:president",
        action="public-statement", circles=(Term("circle", "the State concerned"),),
        forward=Message("No step of this avenue is open yet: start with the consent conversation "
                        "(amparo consent sheet)."),
        needs=(Message("{person} ({ref}) would need to agree to {circles}", person=Term("person", "a lawyer"),
                       ref="p1", circles=(Term("circle", "the State concerned"),)),)))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_refusal_keeps_its_way_forward_in_each_language(lang):
    exc = _refusal_needing_consent_talk()
    english, said = say(exc, "en"), say(exc, lang)
    assert "would tell" in english and "would tell" not in said
    for kept in ("hrc:president", "--action public-statement", "amparo consent sheet", "p1"):
        assert kept in said, (kept, said)
    # The labels inside it come from the letters' vocabulary, in the same language.
    assert "the State concerned" not in said and "a lawyer" not in said


@pytest.mark.parametrize("lang", LANGUAGES)
def test_validation_problems_are_said_field_by_field(lang):
    exc = InvalidInput([Problem("people[0].ref", Message("{value} is used by another person", value='"p1"')),
                        Problem("country", Message("is required"))])
    said = say(exc, lang)
    assert said.startswith("people[0].ref") and "country" in said and '"p1"' in said
    assert "used by another" not in said and "is required" not in said


def test_english_stays_in_logs_and_a_broken_translation_never_hides_the_message():
    message = Message("{value} is in the future", value="2030-01-01")
    assert str(InvalidInput(Problem("date", message))) == "date: 2030-01-01 is in the future"
    # A translation that lost a field falls back to the English sentence, not to an exception.
    assert message.render(lambda s: "{valeur} est dans le futur") == "2030-01-01 is in the future"


def test_french_typography_in_errors():
    said = say(InvalidInput(Problem("country", Message("is required"))), "fr")
    assert said == "country\u00a0: est requis"


def test_the_cli_says_an_error_in_the_language_of_lang(capsys, tmp_path):
    from amparo.cli.app import main

    facts = tmp_path / "case.json"
    facts.write_text(json.dumps({"title": "t", "country": "XX"}))
    for lang, words in (("fr", "n’est pas un code pays"), ("ru", "не код страны"), ("zh", "国家代码"),
                        ("en", "is not an ISO 3166-1 alpha-2 country code")):
        capsys.readouterr()
        code = main(["draft", "--facts", str(facts), "--to", "hrc:president", "--lang", lang])
        err = capsys.readouterr().err
        assert code == 2 and words in err, err


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_errors_a_face_catches_by_type_are_said_in_each_language(lang):
    from amparo.service import VaultBusy, VaultNotFound, WrongPassphrase

    for error in (WrongPassphrase(), VaultBusy(), VaultNotFound(Message("no vault at {path}", path="/v"))):
        said = say(error, lang)
        assert said != str(error) and said, (type(error).__name__, said)
    assert "/v" in say(VaultNotFound(Message("no vault at {path}", path="/v")), lang)
