"""GPT training in several processes (torch.distributed data parallel over gloo, real helper processes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from recagent import Recommender
from recagent.errors import TrainingError
from recagent.plugins.gpt.distributed import train_in_processes
from recagent.plugins.gpt.options import GPTOptions
from recagent.plugins.gpt.training import train_network
from recagent.types import Event, Item

ITEMS = 200


def habits(users: int = 600, length: int = 16, seed: int = 0) -> list[np.ndarray]:
    """Item sequences with something to learn: after each item, mostly one of three usual next items."""
    rng = np.random.default_rng(seed)
    usual = rng.integers(1, ITEMS + 1, size=(ITEMS + 1, 3))
    sequences = []
    for _ in range(users):
        sequence = [int(rng.integers(1, ITEMS + 1))]
        for _ in range(length - 1):
            habitual = rng.random() < 0.8
            sequence.append(int(usual[sequence[-1], rng.integers(3)] if habitual else rng.integers(1, ITEMS + 1)))
        sequences.append(np.asarray(sequence))
    return sequences


OPTIONS = GPTOptions(epochs=8, patience=8, embedding_size=32, max_length=16, text_init=False, threads=2)


def test_two_processes_train_a_model_as_good_as_one(tmp_path) -> None:
    sequences = habits()
    _, alone = train_network(sequences, ITEMS, OPTIONS, tmp_path / "one", progress=False)
    network, together = train_network(sequences, ITEMS, GPTOptions(**{**OPTIONS.__dict__, "processes": 2}),
                                      tmp_path / "two", progress=False)
    assert (alone.processes, together.processes) == (1, 2)
    assert together.epochs == alone.epochs == 8  # the same steps: each batch is shared out, not each epoch
    assert alone.validation_ndcg10 > 0.15  # there was something to learn, and it was learnt
    assert abs(together.validation_ndcg10 - alone.validation_ndcg10) <= 0.1 * alone.validation_ndcg10
    assert network.transformer.wte.weight.shape == (ITEMS + 1, 32)
    assert [path.name for path in (tmp_path / "two").iterdir()] == ["checkpoint.pt"]  # no scratch left behind


def test_a_failure_of_rank_zero_ends_the_helpers(tmp_path) -> None:
    def failing(*args, **kwargs):
        raise ValueError("rank 0 broke")

    options = GPTOptions(**{**OPTIONS.__dict__, "processes": 2})
    with pytest.raises(ValueError, match="rank 0 broke"):
        train_in_processes(habits(users=20), ITEMS, options, tmp_path, None, 1, failing)
    assert _helpers_of(os.getpid()) == []
    assert list(tmp_path.iterdir()) == []


def test_a_helper_killed_mid_training_fails_the_training_at_once(tmp_path) -> None:
    options = GPTOptions(**{**OPTIONS.__dict__, "processes": 2, "epochs": 500, "patience": 500})
    killed: list[int] = []

    def kill_the_helper_once_training() -> None:
        deadline = time.monotonic() + 120
        while not killed and time.monotonic() < deadline:
            if list(tmp_path.glob("checkpoint.pt")):  # an epoch has passed: both ranks are in step
                killed.extend(_helpers_of(os.getpid()))
                for pid in killed:
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.1)

    threading.Thread(target=kill_the_helper_once_training, daemon=True).start()
    started = time.monotonic()
    with pytest.raises(TrainingError, match="GPT training process 1 ended with exit code -9"):
        train_network(habits(), ITEMS, options, tmp_path, progress=False)
    assert killed and time.monotonic() - started < 300  # raised, not hung until the collectives time out


def test_recagent_train_nproc_trains_one_model_in_two_processes(workspace_dir) -> None:
    sequences = habits(users=300)
    with Recommender.open(workspace_dir) as rec:
        rec.ingest(items=[Item(str(i), f"Film {i}") for i in range(1, ITEMS + 1)],
                   events=[Event(f"u{user}", str(item), float(step))
                           for user, sequence in enumerate(sequences) for step, item in enumerate(sequence)])
    env = {**os.environ, "RECAGENT_GPT_EPOCHS": "2", "RECAGENT_GPT_TEXT_INIT": "false", "RECAGENT_PROGRESS": "false"}
    done = subprocess.run([sys.executable, "-c", "from recagent.cli import main; main()", "train", "--nproc", "2",
                           "--only", "gpt", "--json", "-w", str(workspace_dir)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)["gpt"]
    assert summary["processes"] == 2 and summary["epochs"] == 2
    with Recommender.open(workspace_dir) as rec:
        assert len(rec.recommend(history=["1", "2"], k=5)) == 5  # the model it saved serves


def _helpers_of(parent: int) -> list[int]:
    """Our training helpers still running (they are children of this process)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
            command = (status.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields.get("PPid", "0")) == parent and b"helper_main" in command and fields["State"][0] not in "ZX":
            found.append(int(status.parent.name))
    return found
