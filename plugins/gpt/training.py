"""Training the GPT network on item sequences: next-item cross-entropy, early stopping on validation, resume.

Each sequence's last item is held out for validation (sequences of three or more items); the rest is cut
into windows of at most `max_length` inputs and every position learns to predict the item after it.
A checkpoint after every epoch lets an interrupted run continue where it stopped, on the same device or another.
Training runs on `gpt_device` (see device.py) and always returns the network on the CPU.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from recagent.errors import NotEnoughDataError, TrainingError
from recagent.evaluation.metrics import ndcg, target_ranks
from recagent.plugins.gpt.network import (
    build_network,
    hidden_states,
    item_table,
    pad_right,
    score_histories,
    torch_threads,
)
from recagent.plugins.gpt.cores import CoresLeft, free_cores
from recagent.plugins.gpt.device import CPU, mixed_precision, rank_device, resolve_device
from recagent.plugins.gpt.distributed import (
    SINGLE,
    Ranks,
    all_max,
    all_sum,
    data_parallel,
    train_in_processes,
    weights_agree,
)
from recagent.plugins.gpt.options import GPTOptions
from recagent.plugins.gpt.vocabulary import PAD
from recagent.progress import progress_bar

if TYPE_CHECKING:
    import torch
    from transformers import GPT2LMHeadModel

__all__ = ["TrainingSummary", "train_network", "train_as_rank", "CHECKPOINT_FILE"]

CHECKPOINT_FILE = "checkpoint.pt"
_SPLIT = "the first validation users in holdout order held out, the others whole"
VALIDATION_USERS = 10_000  # enough for a stable NDCG@10 while each check stays a few seconds
_BUCKET = 64  # batches whose sequences are sorted by length together, to pad less
# Steps between two looks at the clock under a time limit: an epoch is cut short when the budget runs out in it
# (a look is a collective among several processes, so not every step).
_BUDGET_CHECK_STEPS = 10
log = logging.getLogger(__name__)


@dataclass
class TrainingSummary:
    """How a training run went: epochs, the best validation NDCG@10 and why it stopped."""

    epochs: int
    best_epoch: int
    validation_ndcg10: float | None
    validation_users: int
    stopped: str
    seconds: float
    training_cpu_seconds: float
    resumed_from_epoch: int
    softmax: str
    processes: int = 1
    steps: int = 0  # optimizer steps, all epochs (a resumed run's included)
    device: str = CPU  # where this run trained (rank 0's device when there were several)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def split_for_validation(sequences: Sequence[np.ndarray], limit: int | None = None
                         ) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    """Training sequences, and the histories and held-out last items of validation users: the first `limit`
    sequences with three or more items, in the order given (`recagent.holdout.holdout_order`, which the ranker
    follows too). A sequence not held out trains whole: its last item is the user's most recent choice, the most
    telling of all, and short sequences (Amazon's) have few others."""
    eligible = [position for position, sequence in enumerate(sequences) if len(sequence) >= 3][:limit]
    held_out = set(eligible)
    train, histories, targets = [], [], []
    for position, sequence in enumerate(sequences):
        if position in held_out:
            histories.append(sequence[:-1])
            targets.append(int(sequence[-1]))
            train.append(sequence[:-1])
        else:
            train.append(sequence)
    return train, histories, np.asarray(targets, dtype=np.int64)


def training_windows(sequences: Sequence[np.ndarray], max_length: int) -> list[np.ndarray]:
    """Windows of up to `max_length` + 1 tokens, cut from the end so the most recent items come whole."""
    windows = []
    for sequence in sequences:
        end = len(sequence)
        while end >= 2:
            windows.append(np.asarray(sequence[max(0, end - max_length - 1):end], dtype=np.int64))
            end -= max_length
    return windows


def _fingerprint(sequences: Sequence[np.ndarray], n_items: int, options: GPTOptions,
                 initial: np.ndarray | None) -> str:
    # The split's name too: a checkpoint of a run that held out every user's last item is not resumed.
    digest = hashlib.sha256(json.dumps([n_items, options.training_identity(), _SPLIT], sort_keys=True).encode())
    for sequence in sequences:
        digest.update(np.asarray(sequence, dtype=np.int64).tobytes() + b"|")
    if initial is not None:
        digest.update(np.ascontiguousarray(initial).tobytes())
    return digest.hexdigest()


def _batches(windows: Sequence[np.ndarray], batch_size: int, generator: torch.Generator) -> list[np.ndarray]:
    import torch

    order = torch.randperm(len(windows), generator=generator).numpy()
    lengths = np.array([len(w) for w in windows])
    batches = []
    for start in range(0, len(order), batch_size * _BUCKET):
        bucket = order[start:start + batch_size * _BUCKET]
        bucket = bucket[np.argsort(lengths[bucket], kind="stable")]
        batches += [bucket[i:i + batch_size] for i in range(0, len(bucket), batch_size)]
    shuffled = torch.randperm(len(batches), generator=generator).tolist()
    return [batches[i] for i in shuffled]


def _loss(states: torch.Tensor, table: torch.Tensor, targets: torch.Tensor, negatives: int | None,
          generator: torch.Generator) -> torch.Tensor:
    """Cross-entropy of the next item: over every item, or over the batch's targets plus sampled items."""
    import torch
    import torch.nn.functional as F

    if negatives is None:
        return F.cross_entropy(states @ table.T, targets)
    positives, labels = torch.unique(targets, return_inverse=True)
    # Drawn on the CPU generator whatever the device: the same seed samples the same negatives anywhere.
    sampled = torch.randint(0, len(table), (negatives,), generator=generator).to(table.device)
    candidates = torch.cat([positives, sampled])
    logits = states @ table[candidates].T
    # A sampled item that is the row's own target would be counted as a negative too.
    accidental = sampled[None, :] == targets[:, None]
    logits[:, len(positives):] = logits[:, len(positives):].masked_fill(accidental, float("-inf"))
    return F.cross_entropy(logits, labels)


def _validate(network: GPT2LMHeadModel, histories: Sequence[np.ndarray], targets: np.ndarray,
              max_length: int, ranks: Ranks) -> float:
    """NDCG@10 of the held-out items, ranked against every item with the history's items excluded (each rank
    scores its share of the histories; the mean is over all of them)."""
    mine = slice(ranks.rank, None, ranks.size)
    histories, targets = histories[mine], targets[mine]
    total = 0.0
    if histories:
        scores = score_histories(network, histories, max_length)
        for row, history in enumerate(histories):
            scores[row, np.asarray(history) - 1] = -np.inf
        total = ndcg(target_ranks(scores, targets - 1), 10) * len(histories)
    total, count = all_sum([total, len(histories)], ranks)
    return total / count


def _stop_reason(progress: dict[str, Any], options: GPTOptions) -> str | None:
    if progress["bad_epochs"] >= options.patience:
        return "early stopping"
    if progress["epoch"] >= options.epochs:
        return "epoch limit"
    if options.max_minutes is not None and progress["elapsed"] >= 60 * options.max_minutes:
        return "time limit"
    return None


def _estimate(progress: dict[str, Any], options: GPTOptions) -> str:
    """How long training may still take, as a person reads it: at most the epochs or the budget left."""
    per_epoch = progress["elapsed"] / max(1, progress["epoch"])
    left = per_epoch * max(0, options.epochs - progress["epoch"])
    if options.max_minutes is not None:
        left = min(left, max(0.0, 60 * options.max_minutes - progress["elapsed"]))
    return (f"{progress['elapsed']:.0f} s so far, at most {left / 60:.0f} min more "
            f"(it stops early after {options.patience} epochs without a better validation score)")


def train_network(
    sequences: Sequence[np.ndarray],
    n_items: int,
    options: GPTOptions,
    folder: Path,
    *,
    initial_embeddings: np.ndarray | None = None,
    progress: bool = True,
) -> tuple[GPT2LMHeadModel, TrainingSummary]:
    """Train (or resume training) a network on token sequences (items are tokens 1..n_items), on `gpt_device`;
    the network comes back on the CPU.

    `gpt_threads` 0 trains on as many threads as cores are free when training starts (measured), shared out
    among `gpt_processes` processes when there are several (each gets at least one).
    """
    options = replace(options, device=resolve_device(options.device, options.processes))
    if options.device != CPU:
        log.info("gpt training on %s", options.device)
    threads = options.threads or free_cores()
    if not options.threads:
        log.info("gpt training on %d thread%s: the cores free now", threads, "" if threads == 1 else "s")
    if options.processes == 1:
        return train_as_rank(sequences, n_items, options, folder, initial_embeddings, threads=threads,
                             progress=progress)
    per_process = max(1, threads // options.processes)
    log.info("gpt training in %d processes of %d thread%s each", options.processes, per_process,
             "" if per_process == 1 else "s")
    return train_in_processes(sequences, n_items, options, folder, initial_embeddings, per_process,
                              functools.partial(train_as_rank, progress=progress))


def train_as_rank(
    sequences: Sequence[np.ndarray],
    n_items: int,
    options: GPTOptions,
    folder: Path,
    initial_embeddings: np.ndarray | None,
    *,
    threads: int,
    ranks: Ranks = SINGLE,
    progress: bool = False,
) -> tuple[GPT2LMHeadModel, TrainingSummary]:
    """One rank's training on `threads` threads: the whole of it in one process (SINGLE), or in step with the
    other ranks of a process group; every rank returns the same network, rank 0 alone writes checkpoints.
    `options.device` is resolved ("cpu", "cuda" or "cuda:N"); each rank takes its own GPU from it."""
    with torch_threads(threads):
        return _train_network(sequences, n_items, options, folder, initial_embeddings,
                              progress and ranks.leader, ranks, rank_device(options.device, ranks.rank))


def _train_network(
    sequences: Sequence[np.ndarray],
    n_items: int,
    options: GPTOptions,
    folder: Path,
    initial_embeddings: np.ndarray | None,
    progress: bool,
    ranks: Ranks,
    device: str,
) -> tuple[GPT2LMHeadModel, TrainingSummary]:
    import torch

    started = time.perf_counter()
    train, histories, targets = split_for_validation(sequences, VALIDATION_USERS)
    windows = training_windows(train, options.max_length)
    if not windows:
        raise NotEnoughDataError(
            "no user has two or more items, so there is no next item to learn; ingest more events"
        )

    torch.manual_seed(options.seed)
    network = build_network(n_items, options)
    if initial_embeddings is not None:
        with torch.no_grad():
            item_table(network).copy_(torch.from_numpy(initial_embeddings))
    network.to(device)
    optimizer = torch.optim.Adam(network.parameters(), lr=options.learning_rate)
    generator = torch.Generator().manual_seed(options.seed)
    negatives = options.negatives if n_items > options.full_softmax_items else None
    fingerprint = _fingerprint(sequences, n_items, options, initial_embeddings)
    state: dict[str, Any] = {"epoch": 0, "best_epoch": 0, "best": float("-inf"), "bad_epochs": 0, "elapsed": 0.0}
    best_weights = _on_cpu(network.state_dict())

    path = folder / CHECKPOINT_FILE
    saved = _load_checkpoint(path, fingerprint)
    if saved is not None:
        network.load_state_dict(saved["network"])
        optimizer.load_state_dict(saved["optimizer"])
        generator.set_state(saved["generator"])
        torch.set_rng_state(saved["rng"])
        state, best_weights = saved["state"], saved["best_weights"]
    resumed_from = state["epoch"]

    states_of = data_parallel(network, lambda inputs: hidden_states(network, inputs), ranks, device)
    budget = None if options.max_minutes is None else 60 * options.max_minutes
    # With gpt_threads 0, one process follows the cores left free as other jobs come and go (several processes
    # keep the share they were given: their threads are counted as each other's load).
    cores_left = CoresLeft() if not options.threads and not ranks.distributed else None
    while (reason := _stop_reason(state, options)) is None:
        epoch_started, epoch_cpu = time.perf_counter(), time.process_time()
        network.train()
        total, steps = 0.0, 0
        batches = _batches(windows, options.batch_size, generator)
        if ranks.distributed:
            batches = [ranks.rows(batch) for batch in batches]
        desc = f"gpt epoch {state['epoch'] + 1}"
        with progress_bar(total=len(batches), desc=desc, enabled=progress, unit="batches") as bar:
            for batch in batches:
                tokens = pad_right([windows[i] for i in batch], options.max_length + 1).to(device)
                inputs, next_items = tokens[:, :-1], tokens[:, 1:]
                real = next_items != PAD
                with mixed_precision(device):
                    states = states_of(inputs)[real]
                    loss = _loss(states, item_table(network), next_items[real] - 1, negatives, generator)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                total, steps = total + loss.detach().item(), steps + 1
                bar.update(1)
                if steps % 20 == 0:
                    bar.set_postfix(loss=f"{total / steps:.3f}")
                if budget is not None and steps % _BUDGET_CHECK_STEPS == 0:
                    # At any budget, however long an epoch: the epoch under way ends when the time is up, and
                    # is validated like a whole one (the best model so far is kept).
                    spent = state["elapsed"] + time.perf_counter() - epoch_started
                    if all_max([float(spent >= budget)], ranks)[0]:
                        break
        state["steps"] = state.get("steps", 0) + steps
        total, steps = all_sum([total, steps], ranks)
        mean_loss = total / steps
        # Without validation users, a falling training loss is the only signal there is.
        metric = _validate(network, histories, targets, options.max_length, ranks) if histories else -mean_loss
        state["epoch"] += 1
        # The ranks agree on the time spent (the slowest one's), so that a time limit stops them together.
        seconds, = all_max([time.perf_counter() - epoch_started], ranks)
        state["elapsed"] += seconds
        # CPU time as well as wall time: on a shared machine only the former measures the work itself.
        cpu, = all_sum([time.process_time() - epoch_cpu], ranks)
        state["cpu"] = state.get("cpu", 0.0) + cpu
        if ranks.leader:
            log.info("gpt epoch %d: loss %.4f, validation %s %.5f (best %.5f), %.1f s (%.1f s CPU); %s",
                     state["epoch"], mean_loss, "NDCG@10" if histories else "-loss", metric,
                     max(metric, state["best"]), seconds, cpu, _estimate(state, options))
        if cores_left is not None and (free := cores_left.since_last()) and free != torch.get_num_threads():
            log.info("gpt training on %d thread%s from now: the cores other work leaves free", free,
                     "" if free == 1 else "s")
            torch.set_num_threads(free)
        # An equal validation score with a lower training loss also counts: small data saturates NDCG@10.
        tie = metric == state["best"] and mean_loss < state.get("best_loss", float("inf"))
        if metric > state["best"] or tie:
            state.update(best=metric, best_loss=mean_loss, best_epoch=state["epoch"], bad_epochs=0)
            best_weights = _on_cpu(network.state_dict())
        else:
            state["bad_epochs"] += 1
        if ranks.leader:
            _save_checkpoint(path, {
                "fingerprint": fingerprint, "network": network.state_dict(), "optimizer": optimizer.state_dict(),
                "generator": generator.get_state(), "rng": torch.get_rng_state(), "state": state,
                "best_weights": best_weights,
            })

    if ranks.distributed and not weights_agree(network, ranks):
        raise TrainingError("the GPT training processes ended with different weights; train in one process "
                            "(gpt_processes = 1) and report this")
    network.load_state_dict(best_weights)
    network.to(CPU).eval()
    summary = TrainingSummary(
        epochs=state["epoch"],
        best_epoch=state["best_epoch"],
        validation_ndcg10=round(state["best"], 6) if histories else None,
        validation_users=len(histories),
        stopped=reason if resumed_from < state["epoch"] else f"{reason} (already trained)",
        seconds=round(time.perf_counter() - started, 2),
        training_cpu_seconds=round(state.get("cpu", 0.0), 1),
        resumed_from_epoch=resumed_from,
        softmax="full" if negatives is None else f"sampled ({negatives} negatives)",
        processes=ranks.size,
        steps=state.get("steps", 0),
        device=device,
    )
    return network, summary


def _on_cpu(weights: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """A copy of `weights` on the CPU (a copy, never a view: training goes on changing the network's own)."""
    return {name: tensor.detach().to(CPU, copy=True) for name, tensor in weights.items()}


def _load_checkpoint(path: Path, fingerprint: str) -> dict[str, Any] | None:
    """The saved run for exactly these sequences and options, or None to start afresh; its tensors are read onto
    the CPU whatever device wrote them (load_state_dict moves them to the network's and the optimizer's)."""
    import torch

    if not path.exists():
        return None
    try:
        saved = torch.load(path, weights_only=True, map_location=CPU)
    except Exception:  # noqa: BLE001 - a truncated or foreign file just means starting over
        return None
    return saved if saved.get("fingerprint") == fingerprint else None


def _save_checkpoint(path: Path, payload: dict[str, Any]) -> None:
    import torch

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    torch.save(payload, partial)
    partial.replace(path)  # a crash mid-write never leaves a broken checkpoint behind
