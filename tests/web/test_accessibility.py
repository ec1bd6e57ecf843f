"""Every form control a person can use has a label, and every page declares its language."""

from __future__ import annotations

from html.parser import HTMLParser

from web_support import token, walk_wizard

UNLABELLED_OK = {"hidden", "submit", "button", "reset", "image"}


class Controls(HTMLParser):
    """Collects form controls and how each is labelled."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.open_labels = 0
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "label":
            self.open_labels += 1
            if a.get("for"):
                self.label_for.add(a["for"] or "")
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and (a.get("type") or "text") in UNLABELLED_OK:
                return
            self.controls.append({**a, "_tag": tag, "_wrapped": "yes" if self.open_labels else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self.open_labels:
            self.open_labels -= 1

    def unlabelled(self) -> list[str]:
        return [f"{c['_tag']} name={c.get('name')}" for c in self.controls
                if not (c["_wrapped"] or c.get("aria-label") or c.get("aria-labelledby")
                        or (c.get("id") and c["id"] in self.label_for))]


def check(html: str) -> Controls:
    parser = Controls()
    parser.feed(html)
    return parser


def test_every_control_on_every_page_has_a_label(client, ids):
    case_id = ids["4-coordinator-stopped-at-airport"]
    pages = {url: client.get(url).text for url in ("/", "/cases", f"/cases/{case_id}", f"/cases/{case_id}/plan")}
    for step in range(1, 7):
        r = client.post("/triage", data={"csrf_token": token(client), "step": "1", "go": str(step)})
        pages[f"wizard step {step}"] = r.text
    pages["plan (wizard)"] = walk_wizard(client).text
    for name, html in pages.items():
        found = check(html)
        assert found.controls or name == "/", name
        assert found.unlabelled() == [], name
        assert found.html_lang in ("en", "fr", "es"), name


def test_unlock_page_is_labelled(demo):
    from fastapi.testclient import TestClient
    from web_support import build_app

    with TestClient(build_app(demo[0])) as fresh:
        found = check(fresh.get("/unlock").text)
    assert found.controls and found.unlabelled() == []


def test_the_check_finds_an_unlabelled_control():
    found = check('<html lang="en"><input name="x"><label for="y">Y</label><input id="y" name="y">'
                  '<label>Z <select name="z"></select></label></html>')
    assert found.unlabelled() == ["input name=x"]
