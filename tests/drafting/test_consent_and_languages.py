"""The consent gate on drafts, and the language catalogs."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.messages.pofile import read_po
from drafting_fixtures import AVENUES, PUBLIC, three_people_case

from amparo.drafting import available_languages, build_document, render
from amparo.knowledge import load
from amparo.language.i18n import LOCALE_DIR
from amparo.model import load_case_facts
from amparo.model.errors import ConsentRefused, InvalidInput

DEMO = LOCALE_DIR.parent / "service" / "demo"
KB = load()


def _hn():
    return load_case_facts(DEMO / "4-coordinator-stopped-at-airport.json", today=date(2026, 11, 28))


def test_refusal_says_who_would_need_to_consent_to_what_without_names(today):
    with pytest.raises(ConsentRefused) as exc:
        build_document(_hn(), KB.avenue("sg:report"), action="named-case-annex", today=today)
    msg = str(exc.value)
    assert "a community leader (p1) would need to agree to a public text that names them" in msg
    # The way forward: what this avenue can do now with the consent given.
    assert "What you can do now with this avenue:" in msg and "--action notify-confidentially" in msg
    assert "Mejía" not in msg and "Rosa" not in msg


def test_anonymised_form_names_only_public_consent(today):
    bi = load_case_facts(DEMO / "2-lawyers-disbarred-after-review.json", today=today)
    doc = build_document(bi, KB.avenue("sg:report"), anonymise=True, today=today)
    assert doc.purpose.anonymised and doc.purpose.action_id == "anonymised-mention"
    text = render(doc, "txt").decode()
    assert "Jean-Bosco Ndayizeye" in text  # consented to public naming
    for name in ("Kaneza", "Nimbona", "Irakoze"):
        assert name not in text
    assert "anonymised form" in text


def test_anonymised_form_still_needs_someone_to_accept_an_anonymous_mention(today):
    with pytest.raises(ConsentRefused) as exc:
        build_document(_hn(), KB.avenue("sg:report"), anonymise=True, today=today)
    assert "a community leader (p1) would need to agree to a public text that does not name them" in str(exc.value)


def test_an_avenue_without_anonymised_form_refuses_anonymise(today):
    with pytest.raises(InvalidInput, match="no anonymised form"):
        build_document(_hn(), KB.avenue("hrc:president"), anonymise=True, today=today)


def test_the_request_lists_only_actions_the_gate_allows(today):
    # primary action of hrc:president reaches 'state': p1 (state) is named, public steps are not asked
    doc = build_document(_hn(), KB.avenue("hrc:president"), today=today)
    request = next(s for s in doc.sections if s.heading == "Our request")
    assert "Public statement naming the case" not in request.items
    assert request.items[0] == KB.avenue("hrc:president").actions[0].name


def test_avenue_not_covering_the_country_is_refused(today):
    with pytest.raises(InvalidInput, match="does not cover the country"):
        build_document(three_people_case("CN"), AVENUES["rg:iachr"], today=today)


def test_unknown_language_names_the_available_ones(today):
    with pytest.raises(InvalidInput) as exc:
        build_document(three_people_case(), AVENUES["tb:CAT"], language="xx", today=today)
    assert "'xx'" in str(exc.value) and "ar, zh, en, fr, ru, es" in str(exc.value)
    assert {"en", "fr", "es"} <= set(available_languages())


def test_family_content(today):
    case = three_people_case()
    sg = render(build_document(case, AVENUES["sg:report"], action="confidential-follow-up",
                               today=today), "txt").decode()
    assert "has not yet been raised in any United" in sg and "OHCHR asks that the link" in sg
    tb = " ".join(render(build_document(case, AVENUES["tb:CAT"], today=today), "txt").decode().split())
    assert "CAT 80th session" in tb and "Committee against Torture" in tb
    hrc = " ".join(render(build_document(case, AVENUES["hrc:president"], today=today), "txt").decode().split())
    assert "Human Rights Council, 62nd session" in hrc and "Excellency," in hrc
    sp = " ".join(render(build_document(case, AVENUES["sp:human-rights-defenders"], action="press-release",
                                        anonymise=True, mandates=[KB.avenue("sp:torture")], today=today),
                         "txt").decode().split())
    assert "Special Rapporteur on the situation of human rights defenders" in sp
    assert KB.avenue("sp:torture").name in sp and PUBLIC in sp
    assert "FICTIONAL CASE" in sg.splitlines()[0]
    # timing is computed: threats on 20 May came 18 days after the 2 May submission
    assert "18 days after a written submission" in " ".join(sg.split())


def test_dates_are_written_per_language(today):
    texts = {lang: render(build_document(three_people_case(), AVENUES["tb:CAT"], language=lang,
                                         today=today), "txt").decode() for lang in ("en", "fr", "es")}
    assert "28 November 2026" in texts["en"]
    assert "28 novembre 2026" in texts["fr"]
    assert "28 de noviembre de 2026" in texts["es"]


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_catalogs_translate_every_message_with_the_same_placeholders(lang):
    with (LOCALE_DIR / "messages.pot").open("rb") as f:
        pot = read_po(f)
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "amparo.po").open("rb") as f:
        po = read_po(f)
    fields = re.compile(r"\{(\w+)\}")
    for m in pot:
        if not m.id:
            continue
        t = po.get(m.id, context=m.context)
        assert t is not None and t.string and all(t.string if isinstance(t.string, tuple) else [t.string]), m.id
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = t.string if isinstance(t.string, tuple) else (t.string,)
        for s in strings:
            assert set(fields.findall(s)) == set(fields.findall(ids[0])), (lang, m.id)
