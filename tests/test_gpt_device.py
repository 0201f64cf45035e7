"""Where GPT training runs (`gpt_device`): the setting, its resolution, the CPU path and files written on a GPU.

The machine the tests run on may have no GPU: the CUDA answers are checked with torch's CUDA queries replaced,
and a checkpoint "written on CUDA" is one whose tensors are tagged with a CUDA location when saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
import torch

from recagent.errors import ConfigError
from recagent.plugins.gpt.device import backend, rank_device, resolve_device
from recagent.plugins.gpt.options import GPTOptions
from recagent.plugins.gpt.training import CHECKPOINT_FILE, train_network
from tests.test_gpt import TINY, chain_events, chain_items
from tests.test_gpt_processes import ITEMS, habits

SHORT = GPTOptions(epochs=2, patience=2, embedding_size=16, max_length=8, batch_size=32, text_init=False, threads=1)


@pytest.fixture
def gpus(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """torch answers as on a machine with two CUDA devices."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    yield


@contextmanager
def saved_as_if_on_cuda() -> Iterator[None]:
    """torch.save tags every tensor it writes in the block as stored on cuda:0, as a GPU training's would be."""
    real = torch.serialization.location_tag
    torch.serialization.location_tag = lambda storage: "cuda:0"
    try:
        yield
    finally:
        torch.serialization.location_tag = real


def resave_as_if_on_cuda(path: Path) -> None:
    content = torch.load(path, weights_only=True)
    with saved_as_if_on_cuda():
        torch.save(content, path)
    if not torch.cuda.is_available():  # the file really says CUDA: read as it is, it cannot load here
        with pytest.raises(RuntimeError, match="CUDA"):
            torch.load(path, weights_only=True)


def test_the_device_setting_is_read_and_checked(make_recommender, monkeypatch) -> None:
    assert GPTOptions().device == "auto"
    rec = make_recommender(settings={**TINY, "gpt_device": "cuda:1"}, strict=True)
    assert GPTOptions.from_settings(rec.settings).device == "cuda:1"
    monkeypatch.setenv("RECAGENT_GPT_DEVICE", "cpu")
    assert GPTOptions.from_settings(make_recommender(settings=TINY, strict=True).settings).device == "cpu"
    for value in ("auto", "cpu", "cuda", "cuda:0", "cuda:12"):
        GPTOptions(device=value)
    for value in ("gpu", "CUDA", "cuda:", "cuda:-1", "cuda:x", "mps", ""):
        with pytest.raises(ConfigError, match=r"""'gpt_device' must be "auto", "cpu", "cuda" or "cuda:N" """):
            GPTOptions(device=value)
    # A run interrupted on one device may go on on another: the device is not part of what must match.
    assert GPTOptions(device="cuda").training_identity() == GPTOptions(device="cpu").training_identity()


def test_auto_is_the_cpu_without_cuda_and_cuda_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_device("auto") == resolve_device("cpu") == "cpu"
    assert resolve_device("auto", processes=4) == "cpu"  # gloo has no limit of one process per device
    for asked in ("cuda", "cuda:0"):
        with pytest.raises(ConfigError, match=rf"""asks for '{asked}', but torch finds no usable CUDA device on """
                                              r"""this machine; set it to "cpu" or "auto" """):
            resolve_device(asked)
    assert (rank_device("cpu", 3), backend("cpu")) == ("cpu", "gloo")


def test_auto_is_cuda_with_cuda_and_each_rank_takes_its_own_gpu(gpus) -> None:
    assert resolve_device("auto") == "cuda" and resolve_device("cuda:1") == "cuda:1"
    assert resolve_device("cuda", processes=2) == "cuda" and backend("cuda") == "nccl"
    assert [rank_device("cuda", rank) for rank in range(3)] == ["cuda:0", "cuda:1", "cuda:0"]
    assert [rank_device("cuda:1", rank) for rank in range(2)] == ["cuda:1", "cuda:0"]
    with pytest.raises(ConfigError, match=r"asks for 'cuda:2', but this machine has 2 CUDA devices \(cuda:0 to"):
        resolve_device("cuda:2")
    with pytest.raises(ConfigError, match=r"'gpt_processes' \(3\) asks for more CUDA training processes than this "
                                          r"machine has GPUs \(2\); set it to at most 2"):
        resolve_device("auto", processes=3)
    assert resolve_device("cpu", processes=3) == "cpu"


def test_training_here_is_on_the_cpu_and_asking_for_it_gives_the_same_model(tmp_path) -> None:
    if torch.cuda.is_available():
        pytest.skip("this machine has a CUDA device: auto trains there")
    sequences = habits(users=80)
    default, trained = train_network(sequences, ITEMS, SHORT, tmp_path / "auto", progress=False)
    on_cpu, summary = train_network(sequences, ITEMS, GPTOptions(**{**SHORT.__dict__, "device": "cpu"}),
                                    tmp_path / "cpu", progress=False)
    assert trained.device == summary.device == "cpu" and summary.epochs == 2
    for name, value in default.state_dict().items():
        assert value.device.type == "cpu" and torch.equal(value, on_cpu.state_dict()[name]), name
    with pytest.raises(ConfigError, match="no usable CUDA device"):
        train_network(sequences, ITEMS, GPTOptions(**{**SHORT.__dict__, "device": "cuda"}), tmp_path / "gpu",
                      progress=False)
    assert not (tmp_path / "gpu").exists()  # refused before anything was written


def test_a_checkpoint_written_on_cuda_resumes_on_the_cpu(tmp_path) -> None:
    sequences = habits(users=80)
    straight, _ = train_network(sequences, ITEMS, SHORT, tmp_path / "straight", progress=False)
    one_epoch = GPTOptions(**{**SHORT.__dict__, "epochs": 1})
    train_network(sequences, ITEMS, one_epoch, tmp_path / "moved", progress=False)
    resave_as_if_on_cuda(tmp_path / "moved" / CHECKPOINT_FILE)
    resumed, summary = train_network(sequences, ITEMS, SHORT, tmp_path / "moved", progress=False)
    assert summary.resumed_from_epoch == 1 and summary.epochs == 2  # resumed, not started over
    for name, value in straight.state_dict().items():
        assert np.allclose(value, resumed.state_dict()[name], atol=1e-6), name


def test_a_model_saved_on_cuda_serves_on_the_cpu(make_recommender) -> None:
    from recagent.plugins.gpt.model import InterestModel, model_folder

    rec = make_recommender(settings={**TINY, "gpt_epochs": 3}, strict=True)
    rec.ingest(items=chain_items(), events=chain_events())
    trained = InterestModel.fit(rec.workspace)
    resave_as_if_on_cuda(model_folder(rec.workspace) / "network.pt")
    loaded = InterestModel.load(rec.workspace)
    for name, value in trained.network.state_dict().items():
        assert loaded.network.state_dict()[name].device.type == "cpu" and torch.equal(
            value, loaded.network.state_dict()[name]), name
    assert loaded.predict(["4", "11"], k=3).items
