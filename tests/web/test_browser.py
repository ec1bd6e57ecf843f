"""The whole workflow in headless Chromium (Debian's, through Playwright's executable_path).

Against a real uvicorn server on 127.0.0.1 with a random free port and a demo vault made
with fast key-derivation parameters.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_support import ARGS, CHROMIUM, ServerThread, need_chromium
from playwright.sync_api import expect
from web_support import AIRPORT, PASSPHRASE, build_app, make_vault

pytestmark = pytest.mark.browser
need_chromium()


@pytest.fixture
def served(tmp_path) -> Iterator[tuple[str, dict[str, str], object]]:
    vault = tmp_path / "vault"
    ids = make_vault(vault)
    app = build_app(vault)
    with ServerThread(app) as url:
        yield url, ids, app


@pytest.fixture
def page(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(accept_downloads=True)
        pg = context.new_page()
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs  # type: ignore[attr-defined]
        yield pg
        context.close()
        browser.close()


def unlock(page, url: str) -> None:
    page.goto(url + "/")
    page.get_by_label("Passphrase").fill(PASSPHRASE)
    page.get_by_role("button", name="Unlock").click()
    page.wait_for_url(url + "/")


def test_unlock_wizard_plan_draft_sent_dashboard_lock(served, page, tmp_path):
    url, _, app = served
    unlock(page, url)
    assert page.get_by_role("heading", name="What is due").is_visible()

    # The wizard, for a case like the airport one.
    page.goto(url + "/triage")
    page.get_by_label("The UN body").select_option("hrc")
    page.get_by_label("What you did").select_option("travel-to-session")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("When was it?").fill("2026-02-24")
    page.get_by_role("button", name="Next").click()
    page.locator("#f-p1_name").fill("Ana Browsertest")
    page.locator("#f-p1_role").select_option("community-leader")
    page.locator("#f-r1_type").select_option("airport-interrogation")
    page.locator("#f-r1_date").fill("2026-02-24")
    page.locator("#f-r1_perpetrator").select_option("state-security")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("The country where it happened").select_option("HN")
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("The UN body and the government concerned").check()
    page.get_by_role("button", name="See the plan").click()
    assert page.get_by_role("heading", name="Where to turn").is_visible()
    blocked = page.locator(".step-card.blocked")
    assert blocked.count() > 0 and "the public, with names" in blocked.first.text_content()

    # Save it, draft a PDF to the senior official, download it, record it sent.
    page.get_by_role("button", name="Save as a case").click()
    page.wait_for_url("**/plan")
    case_id = page.url.rsplit("/", 2)[-2]
    box = page.locator("details.avenue").filter(has_text="senior official on reprisals").first
    box.locator("summary").first.click()
    box.locator("details.options > summary").click()
    box.get_by_label("Format").select_option("pdf")
    box.locator("button.primary").click()
    page.wait_for_url("**/drafts/*")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the draft").click()
    saved = tmp_path / "draft.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    page.get_by_label("Sent on").fill("2026-11-20")
    page.get_by_role("button", name="Record as sent").click()
    page.wait_for_url(f"**/cases/{case_id}*")

    # The follow-up deadline is on the dashboard.
    page.get_by_role("link", name="What is due").click()
    assert page.locator(f"a[href='/cases/{case_id}']").count() > 0

    # Lock with the keyboard shortcut; the next request is refused.
    page.keyboard.press("Alt+Shift+L")
    page.wait_for_url("**/locked")
    assert app.state.keeper.workspace is None
    page.goto(url + f"/cases/{case_id}")
    assert "/unlock" in page.url
    assert page.request.get(url + "/api/due").status == 401
    assert page.dialogs == []


PAYLOADS = ("<script>alert('x1')</script>", '"><img src=x onerror=alert("x2")>', "<svg onload=alert('x3')>")


def test_xss_payloads_typed_in_the_browser_never_run(served, page):
    url, ids, _ = served
    unlock(page, url)
    case_id = ids[AIRPORT]
    page.goto(url + f"/cases/{case_id}")
    for payload in PAYLOADS:
        page.get_by_label("New note").fill(payload)
        page.get_by_role("button", name="Add the note").click()
        # Wait for the note itself, not for a fixed time: on a loaded machine the next
        # fill could otherwise replace the text before the first request went out.
        expect(page.locator("#notes")).to_contain_text(payload, timeout=30_000)
    page.goto(url + f"/cases/{case_id}")
    notes = page.locator("#notes").inner_text()
    for payload in PAYLOADS:
        assert payload in notes  # shown as typed
    page.goto(url + "/triage")
    page.get_by_label("The UN body").select_option("hrc")
    page.get_by_label("What you did").select_option("travel-to-session")
    page.get_by_label("Which session or review (optional)").fill(PAYLOADS[1])
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Back").click()
    assert page.get_by_label("Which session or review (optional)").input_value() == PAYLOADS[1]
    page.get_by_label("Search words", exact=False).count()
    assert page.dialogs == []


def test_escape_is_left_to_screen_readers_and_one_chord_locks(served, page):
    url, _, app = served
    unlock(page, url)
    for _ in range(5):
        page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert "/locked" not in page.url and app.state.keeper.workspace is not None
    assert "Alt+Shift+L" in page.locator("#lock-keys").inner_text()  # the chord, told on the page
    page.keyboard.press("Alt+Shift+L")
    page.wait_for_url("**/locked")
    assert app.state.keeper.workspace is None
