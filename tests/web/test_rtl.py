"""Arabic in the browser: every page is right to left and fits a 390 px phone screen.

Debian's Chromium through Playwright (the fixtures of test_browser). A page that is wider
than the screen in Arabic is one where a physical ``left``/``right`` survived in the CSS or
where a long word cannot wrap; both make a frightened reader scroll sideways on a phone.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from test_browser import CHROMIUM, served  # noqa: F401  (served is a fixture used below)
from web_support import AIRPORT, PASSPHRASE

pytestmark = pytest.mark.browser

WIDTH = 390


@pytest.fixture
def phone(served):  # noqa: F811
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        context = browser.new_context(viewport={"width": WIDTH, "height": 800}, locale="ar")
        yield context.new_page()
        context.close()
        browser.close()


def _layout(page) -> dict:
    return page.evaluate("""() => {
        const html = document.documentElement;
        const wide = [...document.body.querySelectorAll('*')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && (r.right > html.clientWidth + 1 || r.left < -1)
                && getComputedStyle(e).position !== 'absolute';
        }).slice(0, 5).map(e => e.tagName + '.' + e.className);
        return {dir: html.getAttribute('dir'), lang: html.getAttribute('lang'),
                overflow: html.scrollWidth - html.clientWidth, wide: wide};
    }""")


def _check(page, where: str) -> None:
    layout = _layout(page)
    assert (layout["dir"], layout["lang"]) == ("rtl", "ar"), where
    assert layout["overflow"] <= 0, f"{where}: {layout['overflow']} px wider than the screen; {layout['wide']}"


def test_every_page_in_arabic_is_right_to_left_without_sideways_scrolling(served, phone):  # noqa: F811
    url, ids, _ = served
    phone.goto(url + "/?lang=ar")
    _check(phone, "unlock page")
    phone.locator("input[type=password]").fill(PASSPHRASE)
    phone.get_by_role("button", name="افتح القفل").click()
    phone.wait_for_url(url + "/")
    case = ids[AIRPORT]
    for path in ("/", "/cases", f"/cases/{case}", f"/cases/{case}/plan", "/triage", "/locked"):
        phone.goto(url + path)
        _check(phone, path)
    # The wizard's steps (form posts without a URL of their own), through its "Next" button.
    phone.goto(url + "/triage")
    for step in range(6):
        button = phone.get_by_role("button", name="التالي")
        if not button.count():
            break
        button.first.click()
        phone.wait_for_load_state()
        _check(phone, f"wizard step {step + 2}")
    # The plan is laid out from the right: the first cell of a table row is the rightmost.
    phone.goto(url + f"/cases/{case}/plan")
    cells = phone.locator("table tr").nth(1).locator("td, th")
    if cells.count() > 1:
        first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
        assert first["x"] > second["x"]


def _unlocked(page, url: str, lang: str) -> None:
    from amparo.web.i18n import UiLanguage

    page.goto(f"{url}/?lang={lang}")
    page.locator("input[type=password]").fill(PASSPHRASE)
    page.get_by_role("button", name=UiLanguage(lang).gettext("Unlock")).click()
    page.wait_for_url(url + "/")


def test_a_closed_body_of_the_plan_points_the_way_arabic_reads(served, phone):  # noqa: F811
    url, ids, _ = served
    _unlocked(phone, url, "ar")
    phone.goto(url + f"/cases/{ids[AIRPORT]}/plan")
    arrow = phone.evaluate("""() => {
        const closed = document.querySelector('details.avenue:not([open]) > summary');
        const open = document.querySelector('details.avenue[open] > summary');
        return [getComputedStyle(closed, '::after').content, getComputedStyle(open, '::after').content];
    }""")
    assert arrow == ['"◂"', '"▾"']


@pytest.mark.parametrize(("lang", "colon"), [("zh", "："), ("ru", ": "), ("ar", ": ")])
def test_labels_carry_one_colon_in_the_language_s_own_form(served, phone, lang, colon):  # noqa: F811
    url, ids, _ = served
    _unlocked(phone, url, lang)
    for path in (f"/cases/{ids[AIRPORT]}", f"/cases/{ids[AIRPORT]}/plan"):
        phone.goto(url + path)
        text = phone.inner_text("main")
        assert colon in text, path
        # A label translated with its own colon, followed by the page's colon, read "身份：："
        assert not any(twice in text for twice in ("：：", "::", ":：", "：:")), path
        if lang == "zh":
            assert not re.search(r"[\u4e00-\u9fff]: ", text), (path, re.findall(r".{6}[\u4e00-\u9fff]: .{6}", text)[:3])


def _charset(pattern: str) -> tuple[str, set[int]]:
    """The file fontconfig picks for ``pattern`` and the code points it has."""
    out = subprocess.run(["fc-match", "-f", "%{file}\t%{charset}", pattern], capture_output=True, text=True,
                         check=True).stdout
    file, _, ranges = out.partition("\t")
    points: set[int] = set()
    for part in ranges.split():
        first, _, last = part.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return file, points


@pytest.mark.skipif(not shutil.which("fc-match"), reason="fontconfig's fc-match is not installed")
@pytest.mark.parametrize("style", ["", ":bold"])
@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar", "zh", "ru"])
def test_the_browser_has_a_system_font_for_every_letter_of_each_language(lang, style):
    # The pages load no web font (nothing from the network): the browser takes the system
    # font fontconfig picks for the page's lang. That font, regular and bold (headings,
    # labels), must have every letter of the UI catalog, or a word shows as boxes.
    from babel.messages.pofile import read_po

    from amparo.web.i18n import LOCALE_DIR

    css = (Path(__file__).resolve().parents[2] / "src/amparo/web/static/amparo.css").read_text(encoding="utf-8")
    assert "@font-face" not in css
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "web.po").open("rb") as f:
        # A plural message's id and string are tuples (one text per CLDR form).
        texts = [t for m in read_po(f) if m.id
                 for t in (m.string if isinstance(m.string, tuple | list) else (m.string,))
                 + (m.id if isinstance(m.id, tuple | list) else (m.id,)) if t]
    letters = {c for t in texts for c in t if not unicodedata.category(c).startswith(("Z", "C"))}
    file, points = _charset(f"sans-serif:lang={'zh-cn' if lang == 'zh' else lang}{style}")
    missing = sorted(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in letters if ord(c) not in points)
    assert missing == [], file
