"""A workspace's own entries and corrections, without editing package files."""

from __future__ import annotations

import pytest

from amparo.knowledge import load
from amparo.model.errors import InvalidInput

PARTNER = """
avenues:
  - id: sp:human-rights-defenders
    add_channels:
      - kind: secure-channel
        address: partner-drop.example.org
        note: Our partner's secure drop, agreed in 2026.
    follow_up_days: 10
    actions:
      - id: urgent-appeal
        later_after_days: 45
  - id: org:partner-hotline
    name: Partner NGO emergency line
    short_name: Partner hotline
    summary: A partner organisation that relays urgent cases to Geneva.
    triggers: [Someone is detained and needs help within hours.]
    languages: [en, es]
    reviewed: 2026-10-01
    sources: ["Agreement with the partner, 2026"]
    actions:
      - id: relay
        name: Relay to Geneva
        description: The partner passes the case to its Geneva office.
        disclosure: un-confidential
        sources: ["Agreement with the partner, 2026"]
    channels:
      - kind: phone
        address: null
        note: Number kept in the office safe, not in software.
  - id: sp:country-ml
    retired: true
"""


def test_overrides_add_entries_and_override_fields(tmp_path):
    (tmp_path / "partner.yaml").write_text(PARTNER)
    kb = load(tmp_path)
    hrd = kb.avenue("sp:human-rights-defenders")
    assert hrd.follow_up_days == 10
    assert hrd.channels[-1].address == "partner-drop.example.org"
    assert any(c.address == "urgent-action@ohchr.org" for c in hrd.channels)  # kept
    appeal = hrd.action("urgent-appeal")
    assert appeal.later_after_days == 45 and appeal.disclosure.value == "state"  # merged
    assert hrd.origin.endswith("partner.yaml")
    added = kb.avenue("org:partner-hotline")
    assert added.family == "org" and added.origin.endswith("partner.yaml")
    assert kb.get("sp:country-ml") is None
    # The package base is not changed by a workspace's overrides.
    package = load()
    assert package.avenue("sp:human-rights-defenders").follow_up_days == 30
    assert package.avenue("sp:human-rights-defenders").origin == "package"
    assert package.get("org:partner-hotline") is None
    assert package.get("sp:country-ml") is not None


def test_channels_given_replace_the_package_list(tmp_path):
    (tmp_path / "a.yaml").write_text(
        "avenues:\n  - id: rg:achpr\n    channels:\n"
        "      - {kind: email, address: focal@example.org, note: Our contact}\n"
    )
    kb = load(tmp_path)
    assert [c.address for c in kb.avenue("rg:achpr").channels] == ["focal@example.org"]


def test_later_files_win(tmp_path):
    (tmp_path / "1-first.yaml").write_text("avenues:\n  - {id: sg:report, follow_up_days: 5}\n")
    (tmp_path / "2-second.yaml").write_text("avenues:\n  - {id: sg:report, follow_up_days: 9}\n")
    assert load(tmp_path).avenue("sg:report").follow_up_days == 9


def test_a_malformed_override_names_file_and_field_and_changes_nothing(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text(
        "avenues:\n"
        "  - id: sp:torture\n"
        "    follow_up_days: 14\n"
        "    actions:\n"
        "      - id: urgent-appeal\n"
        "        disclosure: public\n"
    )
    with pytest.raises(InvalidInput) as err:
        load(tmp_path)
    message = str(err.value)
    assert "broken.yaml" in message
    assert "sp:torture.actions[urgent-appeal].disclosure" in message
    assert [p.path for p in err.value.problems] == ["sp:torture.actions[urgent-appeal].disclosure"]
    # Nothing of the refused file was applied, not even its valid field.
    assert load().avenue("sp:torture").follow_up_days == 30
    bad.unlink()
    assert load(tmp_path).avenue("sp:torture").follow_up_days == 30


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("avenues:\n  - id: sg:report\n    folow_up_days: 3\n", "sg:report.folow_up_days"),
        ("avenues:\n  - id: org:new\n    name: x\n", "org:new.short_name"),
        ("avenues:\n  - id: rg:iachr\n    countries: [XX]\n", "rg:iachr.countries[0]"),
        ("avenues:\n  - id: sg:report\n    channels: [{kind: email, address: null}]\n",
         "sg:report.channels[0].note"),
        ("avenues:\n  - id: sp:nothing-like-this\n    retired: true\n", "sp:nothing-like-this"),
        ("avenues: [\n", "line"),
    ],
)
def test_override_problems_are_named(tmp_path, text, path):
    (tmp_path / "x.yaml").write_text(text)
    with pytest.raises(InvalidInput) as err:
        load(tmp_path)
    assert err.value.source.endswith("x.yaml")
    assert any(p.path.startswith(path) for p in err.value.problems), err.value.problems


def test_an_empty_or_missing_directory_changes_nothing(tmp_path):
    assert len(load(tmp_path)) == len(load())
    assert len(load(tmp_path / "absent")) == len(load())


def test_the_documented_override_example_loads(tmp_path, today):
    from pathlib import Path

    from amparo.knowledge import check_files

    doc = (Path(__file__).resolve().parents[2] / "docs" / "knowledge-base.md").read_text()
    example = doc.split("## Overriding entries in a workspace")[1].split("```yaml\n")[1]
    (tmp_path / "org.yaml").write_text(example.split("```")[0])
    kb = load(tmp_path)
    assert kb.avenue("sp:human-rights-defenders").action("urgent-appeal").later_after_days == 45
    assert kb.get("org:partner-hotline") is not None
    assert check_files(today, tmp_path).ok
