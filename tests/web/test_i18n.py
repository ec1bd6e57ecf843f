"""The UI languages: a switch on every page, French and Spanish catalogs, right-to-left for Arabic."""

from __future__ import annotations

import re

import amparo.web.i18n as i18n


def test_language_switch_on_every_page_and_remembered(client, ids):
    for url in ("/", "/cases", f"/cases/{ids['4-coordinator-stopped-at-airport']}", "/triage"):
        html = client.get(url).text
        assert all(f'hreflang="{code}"' in html for code in ("ar", "zh", "en", "fr", "ru", "es")), url
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
    caches = (i18n._catalog, i18n.ui_languages, i18n.language_menu)  # read once per process
    for cache in caches:
        cache.cache_clear()
    try:
        html = client.get("/cases?lang=ar").text
    finally:
        for cache in caches:
            cache.cache_clear()
    assert '<html lang="ar" dir="rtl">' in html and "القضايا" in html


def test_every_un_language_has_its_page_with_direction_and_own_name(client):
    expected = {"ar": ("rtl", "القضايا", "العربية"), "zh": ("ltr", "案件", "中文"),
                "ru": ("ltr", "Дела", "Русский"), "fr": ("ltr", "Dossiers", "Français")}
    for code, (direction, cases, own_name) in expected.items():
        html = client.get(f"/cases?lang={code}").text
        assert f'<html lang="{code}" dir="{direction}">' in html, code
        assert cases in html and own_name in html, code


def test_browser_language_with_a_region_picks_the_un_language():
    assert i18n.pick_language(None, None, "zh-CN,zh;q=0.9,en;q=0.5") == "zh"
    assert i18n.pick_language(None, None, "ar-EG") == "ar"
    assert i18n.pick_language(None, None, "ru-RU, en") == "ru"
    assert i18n.pick_language(None, None, "pt-BR") == "en"  # not a UN language: the source
    assert i18n.pick_language("xx", None, None) == "en"
