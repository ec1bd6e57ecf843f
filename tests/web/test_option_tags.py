"""The options of a select are built once per list (issue 16: escaping 600 options item by
item was a third of a case page's rendering); they must still be escaped, translated and
marked selected exactly as the template loop did."""

from __future__ import annotations

from amparo.web.i18n import UiLanguage
from amparo.web.views import ChoiceList, _env, _escaped_once


def _render(choices, selected=None, *, lang: str = "en", as_words: bool = True) -> str:
    template = _env.from_string("{{ option_tags(choices, selected, as_words=as_words) }}")
    return template.render(choices=choices, selected=selected, as_words=as_words, _=UiLanguage(lang).gettext)


def test_values_and_texts_are_escaped() -> None:
    html = _render([('x"><script>alert(1)</script>', "<b>Body</b> & co")])
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;Body&lt;/b&gt; &amp; co" in html and "&#34;&gt;&lt;script&gt;" in html


def test_only_the_chosen_value_is_selected() -> None:
    html = _render([("hrc", "Council"), ("ohchr", "Office")], "ohchr")
    assert html == '<option value="hrc">Council</option><option value="ohchr" selected>Office</option>'
    assert "selected" not in _render([("hrc", "Council")], None)
    assert "selected" not in _render([("", "Nothing"), ("hrc", "Council")], None)


def test_vocabulary_ids_read_as_words_in_the_pages_language() -> None:
    english = _render(["airport-interrogation"], "airport-interrogation")
    assert english == '<option value="airport-interrogation" selected>Airport interrogation</option>'
    french = _render(["airport-interrogation"], lang="fr")
    assert 'value="airport-interrogation"' in french and "Airport interrogation" not in french
    assert _render(["airport-interrogation"], as_words=False) == \
        '<option value="airport-interrogation">airport-interrogation</option>'


def test_only_lists_built_once_per_process_are_kept_escaped() -> None:
    # A case's own choices (its actions, dates) must not stay in memory after the page.
    _escaped_once.cache_clear()
    _render([("A-123", "2026-10-01 · Special Rapporteur")], "A-123")
    assert _escaped_once.cache_info().currsize == 0
    avenues = ChoiceList([("hrc", "Council"), ("ohchr", "Office")])
    assert _render(avenues, "hrc") == ('<option value="hrc" selected>Council</option>'
                                       '<option value="ohchr">Office</option>')
    assert _escaped_once.cache_info().currsize == 1
