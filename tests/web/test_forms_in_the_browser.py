"""Refused forms in Debian's Chromium: the browser's Back never lands on a posted page
("Confirm form resubmission", ERR_CACHE_MISS), the error summary takes focus and leads
into its field, and what was typed is there again."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browser_support import ARGS, CHROMIUM, ServerThread, need_chromium
from playwright.sync_api import expect
from web_support import AIRPORT, PASSPHRASE, build_app, make_vault

pytestmark = pytest.mark.browser
need_chromium()

NOTE = "Called her lawyer; she is safe for now"


@pytest.fixture
def served(tmp_path) -> Iterator[tuple[str, dict[str, str]]]:
    vault = tmp_path / "vault"
    ids = make_vault(vault)
    with ServerThread(build_app(vault)) as url:
        yield url, ids


@pytest.fixture
def page(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 390, "height": 900})
        pg = context.new_page()
        yield pg
        context.close()
        browser.close()


def _settled(page) -> None:
    page.wait_for_load_state("networkidle")


def _no_browser_error(page) -> None:
    # Chromium's own error page (ERR_CACHE_MISS) has no Amparo furniture.
    assert page.locator("main#main").count() == 1, page.url
    assert "ERR_CACHE_MISS" not in page.content()


def test_a_wrong_passphrase_then_the_right_one_leaves_nothing_to_resend_on_back(served, page):
    url, _ = served
    page.goto(url + "/unlock")
    page.get_by_label("Passphrase").fill("not the passphrase")
    page.get_by_role("button", name="Unlock").click()
    _settled(page)
    expect(page.locator(".error-summary")).to_be_focused()
    assert page.get_by_label("Passphrase").input_value() == ""  # never sent back
    page.get_by_label("Passphrase").fill(PASSPHRASE)
    page.get_by_role("button", name="Unlock").click()
    page.wait_for_url(url + "/")
    page.go_back()
    _settled(page)
    _no_browser_error(page)


def test_a_refused_note_keeps_its_text_focuses_the_summary_and_back_is_safe(served, page):
    url, ids = served
    page.goto(url + "/unlock")
    page.get_by_label("Passphrase").fill(PASSPHRASE)
    page.get_by_role("button", name="Unlock").click()
    page.wait_for_url(url + "/")
    case_url = f"{url}/cases/{ids[AIRPORT]}"
    page.goto(case_url)
    long_note = NOTE + " " + "x" * 100_001
    page.locator("#f-note-text").fill(long_note)
    page.locator("form[action$='/notes'] button").click()
    _settled(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert page.locator("#f-note-text").input_value() == long_note
    summary.get_by_role("link").first.click()
    expect(page.locator("#f-note-text")).to_be_focused()  # the summary leads into the field
    page.locator("#f-note-text").fill(NOTE)
    page.locator("form[action$='/notes'] button").click()
    _settled(page)
    assert NOTE in page.locator("#notes").inner_text()
    expect(page.locator("#notes")).to_be_focused()  # where the work was done, not the top
    page.go_back()
    _settled(page)
    _no_browser_error(page)
    assert re.search(r"/cases/[^/]+$", page.url.split("#")[0])


def test_a_refused_consent_change_opens_its_form_with_the_choices_kept(served, page):
    url, ids = served
    page.goto(url + "/unlock")
    page.get_by_label("Passphrase").fill(PASSPHRASE)
    page.get_by_role("button", name="Unlock").click()
    page.wait_for_url(url + "/")
    page.goto(f"{url}/cases/{ids[AIRPORT]}")
    person = page.locator("#person-p2")
    person.locator("summary").click()
    person.locator("input[name='consent'][value='un-confidential']").check()
    person.locator("#f-p2-note").fill(NOTE)
    person.get_by_role("button").last.click()  # without ticking the confirmation
    _settled(page)
    expect(page.locator(".error-summary")).to_be_focused()
    person = page.locator("#person-p2")
    assert person.locator("details").get_attribute("open") is not None
    assert person.locator("input[name='consent'][value='un-confidential']").is_checked()
    assert person.locator("#f-p2-note").input_value() == NOTE
    page.locator(".error-summary a").first.click()
    expect(page.locator("#f-p2-confirm")).to_be_focused()
