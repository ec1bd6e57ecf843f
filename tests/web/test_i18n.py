"""The UI languages: a switch on every page, French and Spanish catalogs, right-to-left for Arabic."""

from __future__ import annotations

import re

import amparo.web.i18n as i18n


def test_language_switch_on_every_page_and_remembered(client, ids):
    for url in ("/", "/cases", f"/cases/{ids['4-coordinator-stopped-at-airport']}", "/triage"):
        html = client.get(url).text
        assert all(f'hreflang="{code}"' in html for code in ("en", "fr", "es")), url
    fr = client.get("/cases?lang=fr").text
    assert '<html lang="fr" dir="ltr">' in fr and "Dossiers" in fr
    assert "Dossiers" in client.get("/cases").text  # remembered in a cookie
    assert "Casos" in client.get("/cases?lang=es").text


def test_forms_carry_the_session_token(client):
    html = client.get("/triage").text
    token = client.get("/session/csrf").json()["csrf"]
    assert re.findall(r'name="csrf_token" value="([^"]*)"', html) == [token] * 2  # wizard and lock
    assert f'<meta name="csrf-token" content="{token}">' in html


def test_arabic_catalog_renders_right_to_left(client, tmp_path, monkeypatch):
    for code in ("en", "ar"):
        folder = tmp_path / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "web.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                       'msgid "Cases"\nmsgstr "القضايا"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n._catalog.cache_clear()
    html = client.get("/cases?lang=ar").text
    i18n._catalog.cache_clear()
    assert '<html lang="ar" dir="rtl">' in html and "القضايا" in html
