"""``amparo profile set`` and ``amparo profile show`` (declared in ``declarations/profile.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.cli.output import console, print_json, text

if TYPE_CHECKING:
    from amparo.cli.vault_access import VaultAccess

_LABELS = {"organisation": "Organisation", "contact": "Contact person", "email": "Email",
           "signature": "Signature", "language": "Language", "time_zone": "Time zone"}


def set_(organisation: str | None, contact: str | None, email: str | None, signature: str | None,
         language: str | None, time_zone: str | None, ask: bool, vault: VaultAccess, json_out: bool) -> None:
    """Set the writer's profile used in From:, the letterhead and the signature of letters."""
    from amparo.cli.vault_access import open_workspace

    given = {"organisation": organisation, "contact": contact, "email": email,
             "signature": signature.replace("\\n", "\n") if signature is not None else None,
             "language": language, "time_zone": time_zone}
    with open_workspace(vault) as ws:
        if ask:
            from amparo.cli.prompts import ask as prompt

            current = ws.profile.to_json()
            for name, value in given.items():
                if value is None:
                    answer = prompt(_LABELS[name], default=current.get(name) or "")
                    given[name] = answer.replace("\\n", "\n")
        ws.profile.set(**given)
        shown = ws.profile.to_json()
    _print(shown, json_out, "Profile saved.")


def show(vault: VaultAccess, json_out: bool) -> None:
    """Show the writer's profile."""
    from amparo.cli.vault_access import open_workspace

    with open_workspace(vault) as ws:
        shown = ws.profile.to_json()
    _print(shown, json_out, None)


def _print(profile: dict[str, str | None], json_out: bool, lead: str | None) -> None:
    if json_out:
        print_json(profile)
        return
    if lead:
        console.print(lead)
    if not any(profile.values()):
        console.print("No profile yet: letters have no letterhead, signature or From: address. "
                      "Set one with amparo profile set --organisation … --contact … --email ….")
        return
    for name, value in profile.items():
        console.print(f"{_LABELS[name]}: {text(value, multiline=True) if value else '—'}")
