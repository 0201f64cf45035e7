"""One chat model per machine, and `recagent models list`."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from recagent.agent import models as chat_models
from recagent.cli import cli
from recagent.settings import load_settings


def test_the_chat_model_lives_in_the_machines_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECAGENT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    one, other = (load_settings(tmp_path / name) for name in ("one", "other"))
    assert chat_models.local_model_dir(one) == chat_models.local_model_dir(other) \
        == tmp_path / "xdg" / "recagent" / "chat" / "smollm2-135m-instruct"
    moved = load_settings(tmp_path / "one", overrides={"cache_dir": str(tmp_path / "big-disk")})
    assert chat_models.local_model_dir(moved) == tmp_path / "big-disk" / "chat" / "smollm2-135m-instruct"
    pinned = load_settings(tmp_path / "one", overrides={"chat_model_dir": str(tmp_path / "mine")})
    assert chat_models.local_model_dir(pinned) == tmp_path / "mine"


def test_a_copy_an_older_version_converted_into_the_workspace_is_still_used(tmp_path: Path) -> None:
    old = tmp_path / "ws" / "models" / "chat" / "smollm2-135m-instruct"
    old.mkdir(parents=True)
    (old / chat_models.READY_MARKER).write_text("converted\n")
    assert chat_models.local_model_dir(load_settings(tmp_path / "ws")) == old


def test_processes_starting_together_convert_the_model_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conversions = []

    def convert(folder: Path, progress: bool) -> Path:
        conversions.append(folder)
        time.sleep(0.3)  # long enough for the others to arrive while it works
        folder.mkdir(parents=True)
        (folder / chat_models.READY_MARKER).write_text("converted\n")
        return folder

    monkeypatch.setattr(chat_models, "_convert", convert)
    folder = tmp_path / "cache" / "chat" / "smollm2-135m-instruct"
    results: list[Path] = []
    starters = [threading.Thread(target=lambda: results.append(chat_models.pull_local_model(folder)))
                for _ in range(4)]  # each opens the lock file itself, as separate processes do
    for starter in starters:
        starter.start()
    for starter in starters:
        starter.join()
    assert conversions == [folder] and results == [folder] * 4


def test_models_list_shows_each_model_where_it_is_and_its_state(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    (workspace / "models" / "gpt").mkdir(parents=True)
    (workspace / "models" / "gpt" / "network.pt").write_bytes(b"x" * 250_000)
    result = CliRunner().invoke(cli, ["models", "list", "--workspace", str(workspace)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    chat = next(line for line in lines if line.startswith("smollm2-135m-instruct"))
    assert "not fetched: recagent models pull" in chat and str(tmp_path / "machine-cache") in chat
    assert any(line.startswith("all-MiniLM-L6-v2") and "ready" in line for line in lines)
    gpt = next(line for line in lines if line.startswith("gpt "))
    assert "0.2 MB" in gpt and "trained by the gpt plugin" in gpt and str(workspace / "models" / "gpt") in gpt
