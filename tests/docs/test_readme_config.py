"""The README documents every setting, exactly as the settings classes define it."""

from __future__ import annotations

from tools.config_doc import README, SECTIONS, readme_block, render, variable_names


def test_readme_configuration_table_matches_the_settings_classes() -> None:
    assert readme_block(README.read_text(encoding="utf-8")) == render(), (
        "README is stale: run `python tools/config_doc.py --write`"
    )


def test_every_setting_of_every_class_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    for _, cls in SECTIONS:
        for name, field in cls.model_fields.items():
            assert f"`{variable_names(name, field)[0]}`" in text, name
