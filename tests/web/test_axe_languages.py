"""axe-core and a phone-width viewport on every page state, in Arabic, Chinese and Russian.

The same page states as test_first_hour's English walk (the welcome page with and without
errors, the demo's dashboard, cases, a case, its plan, a draft, the wizard's steps and its
plan, a missing page, the locked page), reached with the words a user of each language
clicks (read from the web catalog, so a translation change cannot break the walk). Arabic
pages must also be right to left (``dir="rtl"`` on ``<html>``) and none may be wider than a
390 px phone screen.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_support import ARGS, CHROMIUM, ServerThread, axe_problems, need_chromium, overflow
from web_support import build_app

from amparo.web.i18n import UiLanguage

need_chromium()
pytestmark = pytest.mark.browser

LANGUAGES = ("ar", "zh", "ru")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _wizard_to_step_4(page, url: str, say) -> None:
    page.goto(url + "/triage")
    page.locator("#f-body").select_option("hrc")
    page.locator("#f-kind").select_option("travel-to-session")
    page.get_by_role("button", name=say("Next")).click()
    page.locator("#f-eng_date").fill("2026-02-24")
    page.get_by_role("button", name=say("Next")).click()
    page.locator("#f-p1_name").fill("Ana Keepsake")
    page.locator("#f-r1_type").select_option("travel-ban")
    page.locator("#f-r1_date").fill("2026-03-10")
    page.get_by_role("button", name=say("Next")).click()


def _states(page, url: str, lang: str) -> Iterator[str]:
    """Every page state of test_first_hour's walk, in ``lang``, yielding a name for each."""
    say = UiLanguage(lang).gettext
    page.goto(f"{url}/?lang={lang}")
    yield "welcome"
    page.locator("#f-passphrase").fill("short")
    page.locator("#f-passphrase2").fill("other")
    page.get_by_role("button", name=say("Create my vault")).click()
    yield "welcome with errors"
    page.goto(url + "/protection")
    yield "protection"
    page.goto(f"{url}/?lang={lang}")
    page.get_by_role("button", name=say("Try the demo")).click()
    page.wait_for_url(url + "/")
    yield "dashboard"
    page.goto(url + "/cases")
    yield "cases"
    page.locator("#cases-link, td a").first.click()
    case_url = page.url
    yield "case"
    page.goto(case_url + "/plan")
    yield "plan"
    page.locator("details.avenue").first.locator("button.primary").click()
    yield "draft"
    page.goto(url + "/triage")
    page.get_by_role("button", name=say("Next")).click()
    yield "wizard step with errors"
    _wizard_to_step_4(page, url, say)
    yield "wizard step 4"
    page.locator("#f-country").select_option("HN")
    page.get_by_role("button", name=say("Next")).click()
    yield "wizard step 5"
    page.get_by_role("button", name=say("Next")).click()
    yield "wizard step 6"
    page.locator('input[name="p1_consent"][value="none"]').check()
    page.get_by_role("button", name=say("See the plan")).click()
    yield "wizard plan"
    page.goto(url + "/cases/C-NOSUCH12")
    yield "not found"
    page.get_by_role("button", name=say("Lock")).click()
    yield "locked"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_nothing_serious_in_arabic_chinese_and_russian(tmp_path, browser, lang, width):
    app = build_app(tmp_path / "home" / "vault")
    problems, wide, direction, seen = {}, {}, {}, []
    with ServerThread(app) as url:
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        page = context.new_page()
        for state in _states(page, url, lang):
            page.wait_for_load_state()
            seen.append(state)
            html = page.locator("html")
            expected = ("rtl" if lang == "ar" else "ltr", lang)
            if (html.get_attribute("dir"), html.get_attribute("lang")) != expected:
                direction[state] = (html.get_attribute("dir"), html.get_attribute("lang"))
            found = axe_problems(page)
            if found:
                problems[state] = found
            if width == 390 and overflow(page) > 0:
                wide[state] = overflow(page)
        context.close()
    assert len(seen) == 15
    assert direction == {}
    assert problems == {}
    assert wide == {}
