"""Settings: one table, read from defaults, recagent.toml, RECAGENT_* and overrides, all documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recagent import ConfigError, PluginError, PluginWarning, Recommender, Setting, hookimpl
from recagent.host import create_host
from recagent.settings import CORE, load_settings

DOCS = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def test_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings.kcore == 0 and settings.strict_plugins is False and settings.load_plugins is None
    assert settings.source("kcore") == "default" and settings.workspace_path == tmp_path


def test_precedence_toml_then_environment_then_overrides(tmp_path: Path) -> None:
    (tmp_path / "recagent.toml").write_text('kcore = 3\nrating_threshold = 3.5\ndisable_plugins = ["x"]\n')
    settings = load_settings(tmp_path, environ={"RECAGENT_KCORE": "4"})
    assert (settings.kcore, settings.source("kcore")) == (4, "RECAGENT_KCORE")
    assert (settings.rating_threshold, settings.disable_plugins) == (3.5, ("x",))
    assert settings.source("rating_threshold") == str(tmp_path / "recagent.toml")
    assert load_settings(tmp_path, overrides={"kcore": 7}, environ={"RECAGENT_KCORE": "4"}).kcore == 7


def test_workspace_from_environment(tmp_path: Path) -> None:
    settings = load_settings(environ={"RECAGENT_WORKSPACE": str(tmp_path / "elsewhere")})
    assert settings.workspace_path == tmp_path / "elsewhere"


@pytest.mark.parametrize("environ, message", [
    ({"RECAGENT_KCORE": "lots"}, r"setting 'kcore' from RECAGENT_KCORE: 'lots' is not a valid int"),
    ({"RECAGENT_STRICT_PLUGINS": "maybe"}, r"'maybe' is not a valid bool"),
    ({"RECAGENT_KCORE": "-1"}, r"'kcore' from RECAGENT_KCORE must be 0 or more"),
])
def test_bad_environment_values(tmp_path: Path, environ: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(tmp_path, environ=environ)


def test_bad_settings_file(tmp_path: Path) -> None:
    (tmp_path / "recagent.toml").write_text("kcor = 3\n")
    # Plugins declare settings too, so a name is unknown only once the plugins are loaded.
    settings = load_settings(tmp_path)
    with pytest.raises(ConfigError, match=r"unknown setting 'kcor' in .*recagent.toml: neither recagent nor a loaded plugin declares it; "
                                          r"did you mean 'kcore'\?"):
        create_host(settings)
    (tmp_path / "recagent.toml").write_text("kcore = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(tmp_path)
    (tmp_path / "recagent.toml").write_text('workspace = "/elsewhere"\n')
    with pytest.raises(ConfigError, match="'workspace' cannot be set inside the workspace"):
        load_settings(tmp_path)


class TimeDecay:
    """A third-party plugin with settings of its own."""

    @hookimpl
    def register_settings(self, register):
        register(Setting("decay_half_life_days", float, 30.0, "Days in which an interaction loses half its weight."))
        register(Setting("decay_sources", list, ("rating",), "Event kinds that count (comma-separated)."))


def test_plugin_settings_read_like_core_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = ("decay", TimeDecay())
    with Recommender.open(tmp_path, plugins=[plugin]) as rec:
        assert (rec.settings.decay_half_life_days, rec.settings.source("decay_half_life_days")) == (30.0, "default")
        assert rec.workspace.settings.decay_sources == ("rating",) and rec.settings.owner("decay_sources") == "decay"
    (tmp_path / "recagent.toml").write_text('decay_half_life_days = 7\ndecay_sources = ["rating", "like"]\n')
    monkeypatch.setenv("RECAGENT_DECAY_SOURCES", "like")
    with Recommender.open(tmp_path, plugins=[plugin]) as rec:
        assert (rec.settings.decay_half_life_days, rec.settings.source("decay_half_life_days")) == (
            7.0, str(tmp_path / "recagent.toml"))
        assert rec.settings.decay_sources == ("like",) and rec.settings.source("decay_sources") == "RECAGENT_DECAY_SOURCES"
    with Recommender.open(tmp_path, plugins=[plugin], settings={"decay_half_life_days": "2.5"}) as rec:
        assert (rec.settings.decay_half_life_days, rec.settings.source("decay_half_life_days")) == (2.5, "override")
    monkeypatch.setenv("RECAGENT_DECAY_HALF_LIFE_DAYS", "soon")
    with pytest.raises(ConfigError, match=r"setting 'decay_half_life_days' from RECAGENT_DECAY_HALF_LIFE_DAYS: "
                                          r"'soon' is not a valid float .*Days in which"):
        Recommender.open(tmp_path, plugins=[plugin])


def test_names_no_loaded_plugin_declares_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown setting 'decay_half_life' in overrides: .*"
                                          r"did you mean 'decay_half_life_days'\?"):
        Recommender.open(tmp_path, plugins=[("decay", TimeDecay())], settings={"decay_half_life": 3})
    (tmp_path / "recagent.toml").write_text("gpt_epochs = 3\n")
    with Recommender.open(tmp_path) as rec:
        assert (rec.settings.gpt_epochs, rec.settings.owner("gpt_epochs")) == (3, "gpt")
    # A disabled plugin's settings stay in recagent.toml without an error, and are not read.
    with Recommender.open(tmp_path, settings={"disable_plugins": "gpt"}) as rec:
        assert "gpt_epochs" not in rec.settings
    with pytest.raises(ConfigError, match=r"unknown setting 'gpt_epochz' .*did you mean 'gpt_epochs'\?"):
        Recommender.open(tmp_path, settings={"gpt_epochz": 3})


class Declares:
    def __init__(self, *settings: object) -> None:
        self.settings = settings

    @hookimpl
    def register_settings(self, register):
        for setting in self.settings:
            register(setting)


@pytest.mark.parametrize("setting, message", [
    (Setting("kcore", int, 1, "Mine."), r"'kcore' is already a core setting"),
    (Setting("gpt_epochs", int, 1, "Mine."), r"'gpt_epochs' is already declared by plugin 'gpt'"),
    (Setting("Half-Life", float, 1.0, "Mine."), r"must be a lowercase identifier"),
    (Setting("mine_when", dict, {}, "Mine."), r"use one of str, int, float, bool, list"),
    (("mine", int, 1, "Mine."), r"declare settings as recagent.Setting"),
])
def test_host_rejects_bad_or_taken_setting_names(tmp_path: Path, setting: object, message: str) -> None:
    plugin = ("mine", Declares(setting, Setting("mine_fine", int, 1, "Declared after the bad one.")))
    with pytest.warns(PluginWarning, match=rf"plugin 'mine' failed in hook 'register_settings': .*{message}"):
        host = create_host(load_settings(tmp_path), extra_plugins=[plugin])
    assert "mine_fine" not in host.settings and host.settings.owner("gpt_epochs") == "gpt"
    with pytest.raises(PluginError, match=message):
        create_host(load_settings(tmp_path), extra_plugins=[plugin], strict=True)


def _sections(docs: str) -> dict[str, str]:
    """docs/settings.md's sections by heading."""
    parts = re.split(r"^## (.+)$", docs, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def test_every_setting_is_documented_under_its_owner(tmp_path: Path) -> None:
    sections = _sections(DOCS.read_text(encoding="utf-8"))
    groups = create_host(load_settings(tmp_path)).settings.declared()
    assert list(groups)[0] == CORE and len(groups) > 1  # the built-in plugins declare settings too
    headings = ["Core settings" if owner == CORE else f"Plugin `{owner}`" for owner in groups]
    assert [heading for heading in sections if heading in headings] == headings, "order: core, then by load order"
    for owner, heading in zip(groups, headings):
        for setting in groups[owner]:
            assert f"- `{setting.name}` ({setting.env_var}," in sections[heading], (
                f"document {setting.name} under '## {heading}' in docs/settings.md")
