"""Errors of server backups, share keys and server mode are said in the user's language
(issue 14): they were plain English strings, shown as they were on a French or Arabic screen."""

from __future__ import annotations

import pytest

from amparo.model.errors import AmparoError
from amparo.service import say
from amparo.store import backup_server, share_keys


def _said(call, lang: str) -> str:
    with pytest.raises(AmparoError) as caught:
        call()
    return say(caught.value, lang)


def test_a_damaged_identity_line_is_explained_in_french_and_russian():
    fr = _said(lambda: share_keys.parse_line("hello"), "fr")
    assert "n’est pas une ligne d’identité" in fr and "is not an identity line" not in fr
    ru = _said(lambda: share_keys.parse_line("hello"), "ru")
    assert "это не строка идентичности" in ru


def test_a_too_long_organisation_name_is_refused_in_chinese():
    zh = _said(lambda: share_keys.check_name("x" * 500), "zh")
    assert "组织名称" in zh and "organisation" not in zh


def test_a_damaged_server_backup_preamble_is_reported_in_arabic_and_spanish():
    def read() -> None:
        backup_server.server_record({"server": "not a record"})

    ar, es = _said(read, "ar"), _said(read, "es")
    assert "تالفة" in ar and "dañado" in es
    assert "damaged" not in ar + es


@pytest.mark.parametrize("lang", ["fr", "es", "ar", "zh", "ru"])
def test_server_mode_refusals_are_translated(lang):
    from amparo.web.team_keeper import TeamKeeper

    keeper = TeamKeeper.__new__(TeamKeeper)  # the refusals need no server behind them
    text = _said(lambda: keeper.create(None, ""), lang)  # type: ignore[arg-type]
    assert "this is a server" not in text and "amparo server init" in text


def test_english_stays_the_source():
    assert "is not an identity line" in _said(lambda: share_keys.parse_line("hello"), "en")
