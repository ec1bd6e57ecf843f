"""Screenshots of the main pages for docs/screenshots/ (``make screenshots``).

Serves a fresh demo vault (fast KDF, in a temporary folder) with uvicorn on a free
loopback port and photographs it with Debian's Chromium through Playwright.

    .venv/bin/python bench/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "web"))

from test_browser import ARGS, CHROMIUM, ServerThread
from web_support import AIRPORT, PASSPHRASE, build_app, make_vault


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        vault = Path(tmp) / "vault"
        ids = make_vault(vault)
        case_id = ids[AIRPORT]
        with ServerThread(build_app(vault)) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 900})

            def shot(name: str, full: bool = True) -> None:
                page.screenshot(path=str(args.out / f"{name}.png"), full_page=full)
                print(args.out / f"{name}.png")

            page.goto(url + "/unlock")
            shot("1-unlock", full=False)
            page.get_by_label("Passphrase").fill(PASSPHRASE)
            page.get_by_role("button", name="Unlock").click()
            page.wait_for_url(url + "/")
            shot("2-due")
            page.goto(url + "/cases")
            shot("3-cases")
            page.goto(url + f"/cases/{case_id}")
            shot("4-case")
            page.goto(url + "/triage")
            page.get_by_label("The UN body").select_option("hrc")
            page.get_by_label("What you did").select_option("travel-to-session")
            page.get_by_role("button", name="Next").click()
            page.get_by_label("When was it?").fill("2026-02-24")
            page.get_by_role("button", name="Next").click()
            shot("5-wizard")
            page.goto(url + f"/cases/{case_id}/plan")
            shot("6-plan")
            shot("0-plan-top", full=False)  # the README's picture: one screen, not the whole page
            page.goto(url + f"/cases/{case_id}?lang=fr")
            shot("7-case-fr", full=False)
            page.goto(url + "/?lang=en")
            browser.close()


if __name__ == "__main__":
    main()
