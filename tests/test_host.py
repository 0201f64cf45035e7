"""The plugin host: built-ins, entry-point discovery, load filters and isolation of broken plugins."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from recagent import IndexDamagedError, PluginError, PluginWarning, hookimpl
from recagent.host import DEFAULT_PLUGINS, create_host
from recagent.settings import load_settings
from tests.conftest import without_hook
from tests.plugin_factory import install_fake_distribution

GOOD_PLUGIN = """
    from recagent import hookimpl, ScoredItem

    @hookimpl
    def candidates(request):
        return [ScoredItem("3", 0.5, "from the good plugin")]
"""


@pytest.fixture
def plugin_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder for fake distributions, removed from sys.path and sys.modules after the test."""
    root = tmp_path / "site"
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "modules", dict(sys.modules))
    return root


def _settings(tmp_path: Path, **overrides):
    return load_settings(tmp_path / "ws", overrides=overrides)


def test_builtins_are_registered_like_plugins(tmp_path: Path) -> None:
    host = create_host(_settings(tmp_path))
    names = [info.name for info in host.plugins()]
    assert names[: len(DEFAULT_PLUGINS)] == [m.rsplit(".", 1)[-1] for m in DEFAULT_PLUGINS]
    assert all(info.source == "built-in" and info.error is None for info in host.plugins())
    assert "candidates" in next(i for i in host.plugins() if i.name == "popularity").hooks


def test_entry_point_plugin_is_discovered(tmp_path: Path, plugin_path: Path) -> None:
    install_fake_distribution(plugin_path, "recagent-good", "recagent_good", GOOD_PLUGIN, entry_name="good")
    host = create_host(_settings(tmp_path))
    info = next(i for i in host.plugins() if i.name == "good")
    assert (info.source, info.version, info.hooks, info.error) == ("recagent-good", "1.2.3", ["candidates"], None)
    assert host.implementers("candidates")[0] == "good"  # later registrations are called first


def test_plugin_that_fails_on_import_is_named_and_skipped(tmp_path: Path, plugin_path: Path) -> None:
    install_fake_distribution(plugin_path, "recagent-broken", "recagent_broken", "raise ImportError('no numpy here')")
    with pytest.warns(PluginWarning, match=r"plugin 'recagent_broken' failed to load: ImportError: no numpy here"):
        host = create_host(_settings(tmp_path))
    assert "popularity" in host.implementers("candidates")
    broken = next(i for i in host.plugins() if i.name == "recagent_broken")
    assert broken.error and not broken.hooks


def test_strict_mode_raises_on_a_plugin_that_fails_to_load(tmp_path: Path, plugin_path: Path) -> None:
    install_fake_distribution(plugin_path, "recagent-broken", "recagent_broken", "1 / 0")
    with pytest.raises(PluginError, match="recagent_broken.*ZeroDivisionError"):
        create_host(_settings(tmp_path, strict_plugins=True))


def test_load_plugins_limits_entry_points(tmp_path: Path, plugin_path: Path) -> None:
    install_fake_distribution(plugin_path, "recagent-good", "recagent_good", GOOD_PLUGIN, entry_name="good")
    names = lambda host: {info.name for info in host.plugins()}  # noqa: E731
    assert "good" not in names(create_host(_settings(tmp_path, load_plugins="")))
    assert "good" in names(create_host(_settings(tmp_path, load_plugins="recagent-good")))
    assert "good" in names(create_host(_settings(tmp_path, load_plugins="good")))
    assert "good" not in names(create_host(_settings(tmp_path, load_plugins="other")))
    assert "popularity" in names(create_host(_settings(tmp_path, load_plugins="")))


def test_load_plugins_from_the_environment(tmp_path: Path, plugin_path: Path, monkeypatch) -> None:
    install_fake_distribution(plugin_path, "recagent-good", "recagent_good", GOOD_PLUGIN, entry_name="good")
    monkeypatch.setenv("RECAGENT_LOAD_PLUGINS", "")
    assert "good" not in {i.name for i in create_host(load_settings(tmp_path / "ws")).plugins()}


def test_disable_plugins_switches_off_builtins(tmp_path: Path) -> None:
    host = create_host(_settings(tmp_path, disable_plugins="popularity"))
    assert "popularity" not in host.implementers("candidates")
    assert "popularity" not in {info.name for info in host.plugins()}


class Misspelt:
    @hookimpl
    def candidate(self, request):  # not a hook: "candidates"
        return []


def test_misspelt_hook_is_reported_and_the_plugin_left_out(tmp_path: Path) -> None:
    with pytest.warns(PluginWarning, match=r"plugin 'misspelt' failed to load: .*unknown hook 'candidate'"):
        host = create_host(_settings(tmp_path), extra_plugins=[("misspelt", Misspelt())])
    assert "misspelt" not in host.manager.list_name_plugin()[0]
    assert host.manager.get_plugin("misspelt") is None


class WrongArguments:
    @hookimpl
    def candidates(self, request, colour):
        return []


def test_hook_with_unknown_arguments_is_rejected(tmp_path: Path) -> None:
    with pytest.warns(PluginWarning, match="wrong_args"):
        host = create_host(_settings(tmp_path), extra_plugins=[("wrong_args", WrongArguments())])
    assert host.manager.get_plugin("wrong_args") is None


def test_replacing_a_builtin_needs_it_disabled(tmp_path: Path) -> None:
    class Popularity:
        @hookimpl
        def candidates(self, request):
            return []

    with pytest.warns(PluginWarning, match="already registered.*disable_plugins"):
        create_host(_settings(tmp_path), extra_plugins=[("popularity", Popularity())])
    host = create_host(_settings(tmp_path, **without_hook("candidates")),
                       extra_plugins=[("my_popularity", Popularity())])
    assert host.implementers("candidates") == ["my_popularity"]


class Wrapper:
    @hookimpl(wrapper=True)
    def candidates(self, request):
        return (yield)


def test_hook_wrappers_are_refused(tmp_path: Path) -> None:
    with pytest.warns(PluginWarning, match="hook wrappers are not supported"):
        host = create_host(_settings(tmp_path), extra_plugins=[("wrapper", Wrapper())])
    assert host.manager.get_plugin("wrapper") is None


class Raises:
    @hookimpl
    def candidates(self, request):
        raise RuntimeError("boom")


class Proposes:
    @hookimpl
    def candidates(self, request):
        return ["kept"]


def test_exception_in_a_hook_is_isolated(tmp_path: Path) -> None:
    host = create_host(_settings(tmp_path, **without_hook("candidates")),
                       extra_plugins=[("proposes", Proposes()), ("raises", Raises())])
    with pytest.warns(PluginWarning, match=r"plugin 'raises' failed in hook 'candidates': RuntimeError: boom"):
        assert host.call_each("candidates", request=None) == [("proposes", ["kept"])]


def test_exception_in_a_hook_raises_in_strict_mode(tmp_path: Path) -> None:
    host = create_host(_settings(tmp_path), extra_plugins=[("raises", Raises())], strict=True)
    with pytest.raises(PluginError, match="'raises' failed in hook 'candidates'"):
        host.call_each("candidates", request=None, workspace=None)


class MeetsDamagedData:
    @hookimpl
    def candidates(self, request):
        raise IndexDamagedError("file is not a database", location="ws/chroma", file=Path("ws/chroma/chroma.sqlite3"))


def test_damaged_data_met_in_a_hook_is_the_callers_error_not_the_plugins(tmp_path: Path) -> None:
    host = create_host(_settings(tmp_path, **without_hook("candidates")),
                       extra_plugins=[("proposes", Proposes()), ("meets", MeetsDamagedData())])
    with pytest.raises(IndexDamagedError, match="chroma.sqlite3 is damaged"):  # a partial answer would pass for whole
        host.call_each("candidates", request=None)


class First:
    @hookimpl
    def rank(self, candidates):
        return None

    @hookimpl
    def preprocess_items(self, items):
        return items + ["first"]


class Second:
    @hookimpl
    def rank(self, candidates):
        return ["second"]

    @hookimpl
    def preprocess_items(self, items):
        return None  # keeps the batch


def test_call_first_skips_none_and_call_chain_threads_the_value(tmp_path: Path) -> None:
    disable = ",".join({*without_hook("rank")["disable_plugins"].split(","),
                        *without_hook("preprocess_items")["disable_plugins"].split(",")} - {""})
    host = create_host(_settings(tmp_path, disable_plugins=disable),
                       extra_plugins=[("second", Second()), ("first", First())])
    assert host.call_first("rank", candidates=[]) == ("second", ["second"])
    assert host.call_chain("preprocess_items", "items", ["start"]) == ["start", "first"]


def test_plugin_manager_is_not_built_at_import_time() -> None:
    import recagent.host as host_module

    assert not any(isinstance(value, __import__("pluggy").PluginManager) for value in vars(host_module).values())


def test_a_plugin_is_enabled_or_disabled_per_workspace(tmp_path: Path, plugin_path: Path) -> None:
    from click.testing import CliRunner

    from recagent.cli import cli

    install_fake_distribution(plugin_path, "recagent-good", "recagent_good", GOOD_PLUGIN, entry_name="good")
    shop, demo = tmp_path / "shop", tmp_path / "demo"
    demo.mkdir()
    (demo / "recagent.toml").write_text("# the demo workspace\nkcore = 0\n", encoding="utf-8")
    run = lambda *args: CliRunner().invoke(cli, [*args], catch_exceptions=False)  # noqa: E731
    assert "good disabled" in run("plugins", "disable", "good", "--workspace", str(demo)).output
    loaded = lambda folder: {info.name for info in create_host(load_settings(folder)).plugins()}  # noqa: E731
    assert "good" not in loaded(demo) and "good" in loaded(shop)  # the other workspace keeps it
    assert (demo / "recagent.toml").read_text(encoding="utf-8").startswith("# the demo workspace\nkcore = 0\n")
    listed = run("plugins", "--workspace", str(demo)).output
    assert "good" in listed and "not loaded in this workspace" in listed
    run("plugins", "enable", "good", "--workspace", str(demo))
    assert "good" in loaded(demo)
    (shop / "recagent.toml").parent.mkdir()
    (shop / "recagent.toml").write_text('load_plugins = []\n', encoding="utf-8")  # this one loads only those listed
    assert "good" not in loaded(shop)
    run("plugins", "enable", "recagent_good", "--workspace", str(shop))
    assert "good" in loaded(shop)
    unknown = CliRunner().invoke(cli, ["plugins", "enable", "god", "--workspace", str(shop)])
    assert unknown.exit_code == 1 and "did you mean good" in unknown.output


def test_starting_the_host_loads_no_heavy_library() -> None:
    """Every command starts the host; only the commands that chat or train should pay for LangChain or torch."""
    code = ("import sys; from recagent.host import create_host; create_host(); "
            "print(sorted(m for m in ('langchain', 'langchain_core', 'langgraph', 'torch', 'transformers') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"
