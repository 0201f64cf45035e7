"""Plugin authoring: the scaffold installs, passes its own tests and shows up; the contract checks bite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from recagent import Item, RecagentError, ScoredItem, Setting, hookimpl
from recagent.cli import cli
from recagent.scaffold import create_plugin_package, package_names
from recagent.testing import ContractError, check_hook, check_plugin

BIN = Path(sys.executable).parent


def test_scaffold_installs_passes_its_tests_and_is_listed(tmp_path: Path, local_model_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["plugins", "new", "Newest Items", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    package = tmp_path / "recagent-newest-items"
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--target", str(site), str(package)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(site), "RECAGENT_PROGRESS": "false",
           "RECAGENT_WORKSPACE": str(tmp_path / "ws")}

    def recagent(*args: str) -> str:
        return subprocess.run([BIN / "recagent", *args], capture_output=True, text=True, env=env, check=True).stdout

    plugin = next(p for p in json.loads(recagent("plugins", "--json")) if p["name"] == "newest_items")
    assert (plugin["source"], plugin["version"], plugin["hooks"]) == (
        "recagent-newest-items", "0.1.0",
        ["candidates", "register_evaluation_models", "register_settings", "register_tools"])
    # The declared setting is listed with the core's, and read from the workspace's recagent.toml.
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "recagent.toml").write_text('newest_items_date_field = "released"\n')
    setting = json.loads(recagent("settings", "--json"))["newest_items_date_field"]
    assert (setting["value"], setting["plugin"]) == ("released", "newest_items")
    items, events = tmp_path / "items.csv", tmp_path / "events.csv"
    items.write_text("id,title,released\n" + "".join(f"{n},Film {n},{1990 + n}\n" for n in range(6)))
    events.write_text("user,item,timestamp\n" + "".join(f"u{u},{n},{n}\n" for u in range(3) for n in range(u, u + 4)))
    recagent("ingest", "--items", str(items), "--events", str(events))
    evaluated = json.loads(recagent("evaluate", "--json", "--sampled", "0", "--model", "newest_items"))
    assert list(evaluated) == ["newest_items"] and evaluated["newest_items"]["hr@10"] == 1.0
    # Its chat tool is chosen by the offline guided mode, with the real local model writing the reply.
    env.update(RECAGENT_CHAT_MODEL_DIR=str(local_model_dir), RECAGENT_EMBEDDING_MODEL="hashing")
    recagent("index", "build")
    reply = json.loads(recagent("chat", "--mode", "guided", "--json", "-m", "what is new?"))
    assert reply["items"][0]["title"] == "Film 5" and reply["items"][0]["reasons"] == ["new: from 1995"]
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package / "tests")],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert tests.returncode == 0 and "6 passed" in tests.stdout, tests.stdout + tests.stderr


def test_scaffold_names_and_refusals(tmp_path: Path) -> None:
    assert package_names("Newest Items") == ("recagent-newest-items", "recagent_newest_items", "newest_items")
    assert package_names("recagent-decay") == ("recagent-decay", "recagent_decay", "decay")
    with pytest.raises(RecagentError, match="not a usable plugin name"):
        package_names("42")
    create_plugin_package("decay", tmp_path)
    with pytest.raises(RecagentError, match="already exists"):
        create_plugin_package("decay", tmp_path)


class UnknownIds:
    @hookimpl
    def candidates(self, request):
        return [ScoredItem("not-an-item", 0.5)]


class Mutates:
    @hookimpl
    def preprocess_items(self, items):
        items.append(Item("x", "X"))
        return items


class WrongType:
    @hookimpl
    def categorize_items(self, items):
        return {items[0].id: "Comedy"}  # a string, not a list of categories


class ListDefault:
    @hookimpl
    def register_settings(self, register):
        register(Setting("broken_kinds", list, ["rating"], "Kinds that count."))  # read back as a tuple


class Transposed:
    """An evaluation model whose scores come one row per item instead of one per history."""

    name = "transposed"

    def fit(self, sequences, item_ids):
        self.size = len(item_ids)

    def score(self, histories):
        return np.zeros((self.size, len(histories)))


class OffersTransposed:
    @hookimpl
    def register_evaluation_models(self, register):
        register("transposed", lambda workspace: Transposed())


class Fine:
    @hookimpl
    def candidates(self, request):
        return [ScoredItem("3", 0.5, "fine")]


@pytest.mark.parametrize("plugin, hook, message", [
    (UnknownIds(), "candidates", "item 'not-an-item' is not in the catalog"),
    (Mutates(), "preprocess_items", "must not change the list it receives"),
    (WrongType(), "categorize_items", "categories a list of str"),
    (ListDefault(), "register_settings", r"the default of 'broken_kinds' must be given as it is read, \('rating',\)"),
    (OffersTransposed(), "register_evaluation_models", r"one row per history and one column per item, \(3, 6\)"),
])
def test_contract_checks_catch_broken_plugins(recagent_recommender, plugin, hook, message) -> None:
    rec = recagent_recommender(("broken", plugin))
    with pytest.raises(ContractError, match=f"plugin 'broken', hook '{hook}': .*{message}"):
        check_hook(rec, "broken", hook)


def test_check_plugin_runs_every_hook_of_a_good_plugin(recagent_recommender) -> None:
    rec = recagent_recommender(("fine", Fine()))
    assert check_plugin(rec, "fine") == {"candidates": [ScoredItem("3", 0.5, "fine")]}
    with pytest.raises(ContractError, match="not registered"):
        check_plugin(rec, "missing")


def test_scripted_chat_model_answers_in_order(recagent_scripted_chat_model) -> None:
    model = recagent_scripted_chat_model(["first", "second"])
    assert [model.invoke("hi").content, model.invoke("again").content] == ["first", "second"]
