"""Model files are written whole or not at all, and a model of several files is switched in as one version."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from recagent.artifacts import POINTER, atomic_write_text, current_version, publish_version

LEFTOVERS = (".tmp", ".staging-")


def _leftovers(folder: Path) -> list[str]:
    return [path.name for path in folder.rglob("*") if any(mark in path.name for mark in LEFTOVERS)]


def _crash_when_writing(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make writing the file `name` fail, as a crash or a full disk would, after the files before it were written."""
    original = Path.write_text

    def write_text(self: Path, *args: object, **kwargs: object) -> int:
        if self.name == name:
            raise OSError(f"crashed while writing {name}")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)


def test_atomic_write_replaces_the_whole_file_or_leaves_the_old_one(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "ranker.json"
    atomic_write_text(path, "old")
    atomic_write_text(path, "new")
    assert path.read_text() == "new" and _leftovers(tmp_path) == []
    monkeypatch.setattr(os, "replace", lambda *args: (_ for _ in ()).throw(OSError("crashed before the switch")))
    with pytest.raises(OSError, match="crashed"):
        atomic_write_text(path, "newer")
    assert path.read_text() == "new" and _leftovers(tmp_path) == []


def test_a_version_is_switched_in_whole_and_old_versions_are_cleaned_up(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    assert current_version(folder) == folder  # nothing published: the folder itself (the layout before versions)
    for number in range(1, 4):
        with publish_version(folder) as staging:
            (staging / "weights").write_text(f"weights {number}")
            (staging / "manifest").write_text(f"manifest {number}")
        assert current_version(folder) == folder / f"v-{number}"
        assert (current_version(folder) / "manifest").read_text() == f"manifest {number}"
    # The version just replaced stays for readers that resolved the pointer a moment before the switch.
    assert sorted(p.name for p in folder.iterdir()) == [POINTER, "v-2", "v-3"]
    with pytest.raises(RuntimeError, match="crash"), publish_version(folder) as staging:
        (staging / "weights").write_text("weights 4")
        raise RuntimeError("crash between the two files")
    assert current_version(folder) == folder / "v-3" and _leftovers(folder) == []


def test_a_crashed_process_leaves_nothing_that_the_next_publication_keeps(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    with publish_version(folder) as staging:
        (staging / "weights").write_text("1")
    dead = folder / ".staging-999999999-0000"  # a staging folder of a process that no longer runs
    dead.mkdir()
    (dead / "weights").write_text("half")
    (folder / "v-7").mkdir()  # published, but the pointer was never switched to it
    with publish_version(folder) as staging:
        (staging / "weights").write_text("2")
    assert (current_version(folder) / "weights").read_text() == "2"
    assert sorted(p.name for p in folder.iterdir()) == [POINTER, "v-1", "v-8"]


def test_files_of_the_layout_before_versions_go_once_a_version_has_replaced_them(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "weights").write_text("old layout")
    (folder / "checkpoint").write_text("not part of the model")
    with publish_version(folder, legacy=["weights"]) as staging:
        (staging / "weights").write_text("1")
    assert (folder / "weights").exists()  # the version just replaced: kept for readers that opened it
    with publish_version(folder, legacy=["weights"]) as staging:
        (staging / "weights").write_text("2")
    assert not (folder / "weights").exists() and (folder / "checkpoint").exists()


# -- the built-in plugins ----------------------------------------------------------------------------

@pytest.fixture
def gpt_recommender(make_recommender):
    from tests.test_gpt import TINY, chain_events, chain_items

    rec = make_recommender(settings={**TINY, "gpt_epochs": 2}, strict=True)
    rec.ingest(items=chain_items(), events=chain_events(users=20))
    return rec


def _weights(model) -> dict[str, np.ndarray]:
    return {name: value.detach().numpy().copy() for name, value in model.network.state_dict().items()}


def test_gpt_crash_between_its_files_keeps_the_previous_model(gpt_recommender, monkeypatch) -> None:
    from recagent.plugins.gpt.model import InterestModel
    from recagent.plugins.gpt.options import GPTOptions

    workspace = gpt_recommender.workspace
    options = GPTOptions.from_settings(workspace.settings)
    InterestModel.fit(workspace, options)
    before = _weights(InterestModel.load(workspace))
    (workspace.artifacts_dir("gpt") / "checkpoint.pt").unlink()  # train afresh: different weights
    with monkeypatch.context() as patched:
        _crash_when_writing(patched, "model.json")  # the weights are written first, then the manifest
        with pytest.raises(OSError, match="crashed"):
            InterestModel.fit(workspace, GPTOptions(**{**options.__dict__, "seed": 7}))
    after = _weights(InterestModel.load(workspace))
    assert after.keys() == before.keys() and all(np.array_equal(after[k], before[k]) for k in before)
    assert _leftovers(workspace.path / "models") == []
    retrained = InterestModel.fit(workspace, GPTOptions(**{**options.__dict__, "seed": 7}))
    loaded = _weights(InterestModel.load(workspace))
    assert all(np.array_equal(loaded[k], v) for k, v in _weights(retrained).items())
    assert not all(np.array_equal(loaded[k], before[k]) for k in before)
    assert _leftovers(workspace.path / "models") == []


def test_gpt_model_saved_before_versions_still_loads(gpt_recommender) -> None:
    from recagent.plugins.gpt.model import InterestModel

    workspace = gpt_recommender.workspace
    trained = InterestModel.fit(workspace)
    folder = workspace.artifacts_dir("gpt")
    for path in folder.iterdir():  # lay the folder out as recagent did before versions: files directly in it
        if path.name == POINTER or path.name.startswith("v-"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    trained.save(folder)
    loaded = InterestModel.load(workspace)
    assert all(np.array_equal(loaded_w, _weights(trained)[k]) for k, loaded_w in _weights(loaded).items())
    assert gpt_recommender.interests(history=["4"], k=1).items  # the plugin's hooks read it too


def test_ranker_crash_while_writing_keeps_the_previous_ranker(make_recommender, monkeypatch) -> None:
    from recagent.plugins import ranking
    from tests.test_ranking import ITEMS, Noise, Oracle, _recommender, _sequences

    rec = _recommender(make_recommender, ("oracle", Oracle()), ("noise", Noise()))
    rec.ingest(items=ITEMS, events=_sequences(120))
    ranking.fit(rec.workspace)
    path = rec.workspace.path / "models" / "ranking" / "ranker.json"
    before = path.read_text()
    rec.ingest(events=_sequences(150))
    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", lambda *args: (_ for _ in ()).throw(OSError("crashed before the switch")))
        with pytest.raises(OSError, match="crashed"):
            ranking.fit(rec.workspace)
    assert path.read_text() == before and json.loads(before)["sources"] == ["noise", "oracle"]  # a model was kept
    assert ranking.load_ranker(rec.workspace) is not None and _leftovers(path.parent) == []
