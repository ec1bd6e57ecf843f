"""The first run: no vault yet, so the front page offers to create one or to try the demo."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from web_support import build_app, csrf_of, post, unlock

from amparo.service import vault_exists

GOOD = "lantern orchard velvet harbour"


def fresh_client(tmp_path: Path) -> tuple[TestClient, Path]:
    vault = tmp_path / "home" / "vault"
    return TestClient(build_app(vault), follow_redirects=True), vault


def test_without_a_vault_the_front_page_offers_to_create_one_or_try_the_demo(tmp_path):
    c, vault = fresh_client(tmp_path)
    with c:
        page = c.get("/")
        assert page.url.path == "/unlock"
        assert "Create my vault" in page.text and "Try the demo" in page.text
        assert "A lost passphrase cannot be recovered." in page.text and 'href="/protection#recovery"' in page.text
        assert str(vault) in page.text  # where it will be made
    assert not vault_exists(vault)


def test_a_weak_or_mistyped_passphrase_creates_nothing_and_says_why(tmp_path):
    c, vault = fresh_client(tmp_path)
    with c:
        csrf = csrf_of(c.get("/").text)
        weak = c.post("/vault/create", data={"csrf_token": csrf, "passphrase": "password1", "passphrase2": "password1"})
        assert weak.status_code == 422 and "Too easy to guess" in weak.text
        differ = c.post("/vault/create", data={"csrf_token": csrf, "passphrase": GOOD, "passphrase2": GOOD + "x"})
        assert differ.status_code == 422 and "The two passphrases differ" in differ.text
        assert 'id="passphrase2-error"' in differ.text  # next to its field
    assert not vault_exists(vault)


def test_the_strength_is_shown_in_the_pages_language(tmp_path):
    c, _ = fresh_client(tmp_path)
    with c:
        csrf = csrf_of(c.get("/?lang=fr").text)
        weak = c.post("/vault/strength", data={"passphrase": "azerty"}, headers={"x-csrf-token": csrf})
        strong = c.post("/vault/strength", data={"passphrase": GOOD}, headers={"x-csrf-token": csrf})
    assert "Très faible" in weak.text and "Trop facile à deviner" in weak.text
    assert "olide." in strong.text and "Bien." in strong.text


def test_creating_the_vault_opens_it_and_reminds_to_back_it_up(tmp_path):
    c, vault = fresh_client(tmp_path)
    with c:
        csrf = csrf_of(c.get("/").text)
        r = c.post("/vault/create", data={"csrf_token": csrf, "passphrase": GOOD, "passphrase2": GOOD})
        assert r.url.path == "/" and "Your vault is ready" in r.text
        assert "This vault has no backup yet." in r.text and "amparo backup -o FILE" in r.text
        assert "Demo" not in r.text
        assert vault_exists(vault)
        post(c, "/lock")
        assert c.get("/").url.path == "/unlock" and "Unlock your vault" in c.get("/unlock").text
        assert unlock(c, GOOD).url.path == "/"


def test_the_demo_is_a_separate_vault_marked_on_every_page_and_gone_on_lock(tmp_path):
    c, vault = fresh_client(tmp_path)
    with c:
        csrf = csrf_of(c.get("/").text)
        r = c.post("/demo", data={"csrf_token": csrf})
        assert r.url.path == "/"
        keeper = c.app.state.keeper
        demo_folder = keeper._demo_dir
        assert demo_folder is not None and demo_folder.exists()
        for url in ("/", "/cases", "/triage", "/protection"):
            assert "fictional cases in a throwaway vault" in c.get(url).text, url
        assert "4 cases in the vault" in c.get("/").text.replace("</p>", "")
        post(c, "/lock")
        assert not demo_folder.exists()
        assert "Create my vault" in c.get("/").text  # the real location still has no vault
    assert not vault_exists(vault)


def test_the_protection_page_says_what_the_vault_cannot_do_in_three_languages(tmp_path):
    c, _ = fresh_client(tmp_path)
    with c:
        en = c.get("/protection?lang=en").text
        fr = c.get("/protection?lang=fr").text
        es = c.get("/protection?lang=es").text
    assert "seized while the vault is unlocked" in en and "keylogger" in en and "forces you" in en
    assert "saisi pendant que le coffre est déverrouillé" in fr and "enregistreur de frappe" in fr
    assert "incautado" in es and "registrador de teclas" in es
    assert "amparo vault recovery-key" in en and "amparo backup -o FILE" in en


def test_the_unlock_page_offers_the_demo_but_it_never_replaces_an_open_vault(client, demo):
    vault, _ = demo
    keeper = client.app.state.keeper
    real = keeper.workspace
    r = post(client, "/demo")
    assert keeper.workspace is real and not keeper.demo  # unlocked in this tab: nothing changes
    post(client, "/lock")
    page = client.get("/unlock").text
    assert "Unlock your vault" in page and 'action="/demo"' in page
    r = client.post("/demo", data={"csrf_token": csrf_of(page)})
    assert r.url.path == "/" and keeper.demo and "fictional cases in a throwaway vault" in r.text
    post(client, "/lock")
    assert unlock(client).url.path == "/" and not keeper.demo  # the real vault again
    assert vault_exists(vault)


def test_a_second_visitor_cannot_replace_a_demo_in_use_and_is_told_what_to_do(tmp_path):
    c, vault = fresh_client(tmp_path)
    with c:
        other = TestClient(c.app, follow_redirects=True)  # another browser (the app's lifespan is c's)
        c.post("/demo", data={"csrf_token": csrf_of(c.get("/").text)})
        keeper = c.app.state.keeper
        first_demo = keeper.workspace
        r = other.post("/demo", data={"csrf_token": csrf_of(other.get("/").text)})
        assert r.status_code == 409 and "Someone else is trying the demo" in r.text
        assert 'id="demo-error"' in r.text and "Create my vault" in r.text  # the other way on stays
        assert keeper.workspace is first_demo and keeper.demo
        assert "fictional cases in a throwaway vault" in c.get("/").text  # the first visitor's demo goes on
        # The first visitor may start their own demo afresh.
        c.post("/demo", data={"csrf_token": csrf_of(c.get("/").text)})
        assert keeper.demo and keeper.workspace is not first_demo
    assert not vault_exists(vault)


def test_the_demo_never_locks_a_real_vault_open_in_another_browser(client, demo):
    keeper = client.app.state.keeper
    real = keeper.workspace
    other = TestClient(client.app, follow_redirects=True)  # another browser
    page = other.get("/unlock").text
    r = other.post("/demo", data={"csrf_token": csrf_of(page)})
    assert r.status_code == 409 and "would lock it" in r.text and 'action="/unlock"' in r.text
    assert keeper.workspace is real and not keeper.demo
    assert client.get("/").status_code == 200  # the owner's session goes on


def test_a_wrong_passphrase_from_another_browser_never_ends_a_demo(client, demo):
    keeper = client.app.state.keeper
    post(client, "/lock")
    client.post("/demo", data={"csrf_token": csrf_of(client.get("/unlock").text)})
    the_demo = keeper.workspace
    other = TestClient(client.app, follow_redirects=True)  # another browser
    assert unlock(other, "not the passphrase").status_code == 401
    assert keeper.workspace is the_demo and "fictional cases in a throwaway vault" in client.get("/").text
    assert unlock(other).url.path == "/" and not keeper.demo  # the real vault's owner comes first
