"""The command line, in-process with click's CliRunner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from recagent.cli import cli

ITEMS = "id,title,genres,year\n1,Alien,Horror|Sci-Fi,1979\n2,Heat,Crime,1995\n3,Toy Story,Comedy,1995\n"
EVENTS = "user,item,rating,timestamp\na,1,5,1\na,2,4,2\nb,1,3,1\nc,1,5,5\nc,3,4,6\n"


@pytest.fixture
def run(workspace_dir: Path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, [*args, "--workspace", str(workspace_dir)], catch_exceptions=False)

    return invoke


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    items, events = tmp_path / "items.csv", tmp_path / "events.csv"
    items.write_text(ITEMS)
    events.write_text(EVENTS)
    return items, events


def test_ingest_stats_recommend(run, files) -> None:
    items, events = files
    result = run("ingest", "--items", str(items), "--events", str(events))
    assert result.exit_code == 0, result.output
    assert "3 added" in result.output and "5 read" in result.output
    stats = json.loads(run("stats", "--json").output)
    assert (stats["items"], stats["users"], stats["events"]) == (3, 3, 5)
    table = run("recommend", "--user", "b", "--k", "2")
    assert table.exit_code == 0 and "Heat" in table.output and "Alien" not in table.output
    recs = json.loads(run("recommend", "--history", "1,2", "--json").output)
    assert [r["item_id"] for r in recs] == ["3"] and recs[0]["reasons"]
    filtered = json.loads(run("recommend", "--filter", "year>=1990", "--filter", "category=Comedy", "--json").output)
    assert [r["item_id"] for r in filtered] == ["3"]


def test_recommend_options_and_batch(run, files) -> None:
    items, events = files
    run("ingest", "--items", str(items), "--events", str(events))
    denied = json.loads(run("recommend", "--deny", "1,2", "--json").output)
    assert [r["item_id"] for r in denied] == ["3"]
    allowed = json.loads(run("recommend", "--allow", "2", "--include-seen", "--json").output)
    assert [r["item_id"] for r in allowed] == ["2"]
    assert run("recommend", "--diversity", "0.5").exit_code == 0
    assert run("recommend", "--diversity", "3").exit_code == 2
    lines = [json.loads(line) for line in run("recommend", "--users", "all", "--k", "1").output.splitlines()]
    assert [line["user"] for line in lines] == ["a", "c", "b"] and all(len(line["items"]) == 1 for line in lines)
    assert run("recommend", "--users", "a", "--user", "a").exit_code == 2


def test_ingest_json_report_and_column_map(run, tmp_path: Path) -> None:
    events = tmp_path / "clicks.csv"
    events.write_text("who,what\nx,1\n")
    items = tmp_path / "items.csv"
    items.write_text(ITEMS)
    run("ingest", "--items", str(items))
    report = json.loads(run("ingest", "--events", str(events), "--map", "user=who", "--map", "item=what",
                            "--json").output)
    assert report["events"]["added"] == 1 and report["dropped"] == {}


def test_errors_are_one_line_without_traceback(run, tmp_path: Path) -> None:
    bad = tmp_path / "events.csv"
    bad.write_text("user,item,rating\na,1,five\n")
    result = run("ingest", "--events", str(bad))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {bad}, line 2, column 'rating': 'five' is not a number"
    assert "Traceback" not in result.output
    assert run("recommend", "--user", "nobody").output.startswith("Error: unknown user 'nobody'")
    assert run("serve", "--host", "0.0.0.0").output.startswith("Error: refusing to serve on 0.0.0.0 without API keys")
    assert run("ingest").exit_code == 2  # usage error: nothing to ingest


def test_train_without_trainable_plugins_says_what_is_missing(run, monkeypatch) -> None:
    from recagent.host import create_host

    trainable = create_host().implementers("fit")
    monkeypatch.setenv("RECAGENT_DISABLE_PLUGINS", ",".join(trainable))
    assert run("train").output.startswith("Error: train is not available until a plugin provides the 'fit' hook")


def test_debug_shows_the_traceback(workspace_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["recommend", "--user", "x", "--debug", "--workspace", str(workspace_dir)])
    assert result.exit_code == 1 and type(result.exception).__name__ == "UnknownUserError"


def test_bad_setting_is_one_line(run, workspace_dir: Path) -> None:
    workspace_dir.mkdir(parents=True)
    (workspace_dir / "recagent.toml").write_text("kcor = 1\n")
    result = run("stats")
    assert result.exit_code == 1 and "did you mean 'kcore'" in result.output and "Traceback" not in result.output


def test_plugins_lists_builtins_with_hooks(run) -> None:
    plugins = {p["name"]: p for p in json.loads(run("plugins", "--json").output)}
    assert plugins["preprocess"]["hooks"] == ["preprocess_events", "preprocess_items"]
    assert plugins["popularity"]["source"] == "built-in" and plugins["popularity"]["version"]
    only = json.loads(run("plugins", "--hook", "candidates", "--json").output)
    assert "preprocess" not in {p["name"] for p in only}
    assert "popularity" in run("plugins").output


def test_settings_shows_values_and_sources(run, monkeypatch) -> None:
    monkeypatch.setenv("RECAGENT_KCORE", "5")
    data = json.loads(run("settings", "--json").output)
    assert data["kcore"] == {"value": 5, "source": "RECAGENT_KCORE", "env": "RECAGENT_KCORE", "plugin": "core",
                             "help": data["kcore"]["help"]}
    assert (data["gpt_epochs"]["value"], data["gpt_epochs"]["plugin"]) == (200, "gpt")  # declared by its plugin
    text = run("settings").output
    # Core settings first, then each plugin's under its name.
    assert text.startswith("core settings\n")
    assert text.index("rating_threshold") < text.index("settings of plugin 'gpt'") < text.index("gpt_epochs")


def test_demo_builds_the_workspace_and_recommends(run, monkeypatch) -> None:
    monkeypatch.setenv("RECAGENT_EMBEDDING_MODEL", "hashing")  # the index's fast stand-in model
    result = run("demo", "--user", "1", "--k", "3", "--no-chat")
    assert result.exit_code == 0, result.output
    assert "9,742 movies and 100,836 ratings" in result.output
    assert "Index ready: 9,742 items embedded." in result.output
    assert "Recommended for user 1:" in result.output
    assert "asking for 'space adventure with aliens'" in result.output
    again = run("demo", "--user", "1", "--k", "3", "--no-chat")  # idempotent
    assert "(0 items and 0 events new)" in again.output


def test_console_script_is_installed() -> None:
    result = subprocess.run([Path(sys.executable).with_name("recagent"), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "version" in result.stdout


def test_console_script_survives_a_broken_plugin_with_a_one_line_warning(tmp_path: Path) -> None:
    from tests.plugin_factory import install_fake_distribution

    site = tmp_path / "site"
    install_fake_distribution(site, "recagent-broken", "recagent_broken", "raise ImportError('needs foo')")
    sys.path.remove(str(site))  # only the subprocess sees it
    env = {"PYTHONPATH": str(site), "PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path)}
    result = subprocess.run(
        [Path(sys.executable).with_name("recagent"), "stats", "--workspace", str(tmp_path / "ws")],
        capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0 and "Items:" in result.stdout
    assert result.stderr.splitlines() == [
        "Warning: plugin 'recagent_broken' failed to load: ImportError: needs foo; skipped"
    ]


def test_trace_reports_each_hook_call_without_data(files, workspace_dir) -> None:
    items, events = files
    runner = CliRunner()
    base = ["--workspace", str(workspace_dir)]
    runner.invoke(cli, ["ingest", "--items", str(items), "--events", str(events), *base], catch_exceptions=False)
    result = runner.invoke(cli, ["recommend", "--user", "b", "--trace", *base], catch_exceptions=False)
    traced = [line for line in result.stderr.splitlines() if line.startswith("trace: ")]
    assert any(line.startswith("trace: candidates <- popularity: ") and "returned list[" in line for line in traced)
    assert any(line.startswith("trace: rank <- ") for line in traced)
    assert "Heat" not in "\n".join(traced)  # sizes, never the data


def test_train_in_a_log_says_each_epoch_with_its_validation_score(run, files, workspace_dir: Path,
                                                                   tmp_path: Path) -> None:
    """Output to a file, not a terminal: each GPT epoch is one line with the score and what is left."""
    items, events = files
    run("ingest", "--items", str(items), "--events", str(events))
    workspace = workspace_dir
    script = Path(sys.executable).with_name("recagent")
    env = {"PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path), "RECAGENT_GPT_EPOCHS": "2",
           "RECAGENT_GPT_TEXT_INIT": "false", "RECAGENT_GPT_THREADS": "1", "RECAGENT_DISABLE_PLUGINS": "bert"}
    result = subprocess.run([script, "train", "--workspace", str(workspace)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    epochs = [line for line in result.stderr.splitlines() if line.startswith("gpt epoch ")]
    assert len(epochs) == 2 and "validation" in epochs[0] and "so far, at most" in epochs[0], result.stderr


def test_items_by_title_outside_the_chat(run, files) -> None:
    items, events = files
    run("ingest", "--items", str(items), "--events", str(events))
    found = run("items", "search", "toy stroy", "--json")  # a typo
    assert found.exit_code == 0 and json.loads(found.output)[0]["id"] == "3"
    shown = run("items", "show", "Heat", "--json")
    assert json.loads(shown.output) == {"id": "2", "title": "Heat", "categories": ["Crime"], "text": "",
                                        "metadata": {"year": 1995}}
    listed = run("items", "list", "--category", "comedy", "--json")
    assert [item["id"] for item in json.loads(listed.output)] == ["3"]
    by_title = run("recommend", "--history", "Alien", "--json")
    assert by_title.exit_code == 0 and "1" not in [r["item_id"] for r in json.loads(by_title.output)]
    unknown = run("recommend", "--history", "Allien")
    assert unknown.exit_code != 0 and "the closest titles: Alien" in unknown.output


def test_a_title_several_items_share_is_an_error_listing_them(make_recommender) -> None:
    from recagent import Item
    from recagent.errors import AmbiguousTitleError

    rec = make_recommender()
    rec.ingest(items=[Item("a", "Dune (1984)", metadata={"year": 1984}),
                      Item("b", "Dune (2021)", metadata={"year": 2021})])
    with pytest.raises(AmbiguousTitleError, match=r"2 items are titled 'Dune': Dune \(1984\) \[id a\]"):
        rec.item_for("Dune")
    assert rec.item_for("Dune (2021)").id == "b" and rec.item_for("b").id == "b"


def test_model_libraries_load_quietly_unless_debug(monkeypatch, tmp_path: Path) -> None:
    """recagent keeps transformers' weight-loading bar quiet; the same load draws it once the bar is allowed."""
    script = (
        "import sys, recagent\n"
        "from sentence_transformers import SentenceTransformer\n"
        "from recagent.vectorstore.embedders import default_model_path\n"
        "SentenceTransformer(str(default_model_path()), device='cpu')\n"
        "print('-- allowed --', file=sys.stderr)\n"
        "from transformers.utils import logging\n"
        "logging.enable_progress_bar()\n"
        "SentenceTransformer(str(default_model_path()), device='cpu')\n"
    )
    env = {"PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path)}
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert loaded.returncode == 0, loaded.stderr
    quiet, _, allowed = loaded.stderr.partition("-- allowed --")
    assert "Loading weights" not in quiet and "Loading weights" in allowed, loaded.stderr
    # --debug allows them again, before any model library is imported.
    monkeypatch.setenv("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    monkeypatch.setenv("TRANSFORMERS_VERBOSITY", "error")
    CliRunner().invoke(cli, ["stats", "--debug", "--workspace", str(tmp_path / "ws")], catch_exceptions=False)
    assert os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] == "0" and os.environ["TRANSFORMERS_VERBOSITY"] == "info"
