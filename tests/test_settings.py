"""Settings: one table, read from defaults, recagent.toml, RECAGENT_* and overrides, all documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from recagent import ConfigError
from recagent.settings import SETTINGS, load_settings

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
    with pytest.raises(ConfigError, match=r"unknown setting 'kcor' in .*recagent.toml; did you mean 'kcore'\?"):
        load_settings(tmp_path)
    (tmp_path / "recagent.toml").write_text("kcore = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(tmp_path)
    (tmp_path / "recagent.toml").write_text('workspace = "/elsewhere"\n')
    with pytest.raises(ConfigError, match="'workspace' cannot be set inside the workspace"):
        load_settings(tmp_path)


def test_every_setting_is_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}` ({setting.env_var}," in docs, f"document {setting.name} in docs/settings.md"
