"""Training the GPT network in several processes at once: torch.distributed data parallel, over gloo on the CPU
and over NCCL between GPUs (one GPU per process).

With `gpt_processes` N above 1, this process trains as rank 0 and starts N-1 helpers. DistributedDataParallel
averages the gradients, so every rank holds the same weights after each step, and the ranks agree on
validation, early stopping and the time limit through collectives. Each batch is shared out among the
ranks, so they take the steps one process would take and reach the same quality. Only rank 0 writes the
checkpoint.

Helpers are fresh interpreters, not forked: a child forked after torch's OpenMP threads have run can hang in
its first parallel region. They read their inputs from a scratch folder beside the checkpoint, meet
there through a FileStore (no port to choose or collide on), and end when this process ends, however it ends.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from recagent.errors import TrainingError
from recagent.lifetime import end_with_parent, failures_reported, helper_failure, start_helper, stop_helpers
from recagent.plugins.gpt.device import CPU, backend, rank_device, resolve_device
from recagent.plugins.gpt.options import GPTOptions

if TYPE_CHECKING:
    import torch

__all__ = ["Ranks", "SINGLE", "all_sum", "all_max", "train_in_processes", "weights_agree"]

# How long rank 0 waits for a helper to import torch and transformers and say it is ready (a busy machine is slow).
_READY_SECONDS = 600.0
# How long rank 0, failing, waits for a helper to be seen ended: a helper killed mid-step resets rank 0's connection to
# it, and rank 0 may read that before the helper's end can be (it raised gloo's "Connection reset by peer").
_FAILURE_SECONDS = 5.0
# Bound on a collective: a rank that stopped answering fails the others' training instead of hanging it.
_COLLECTIVE_TIMEOUT = timedelta(minutes=30)


@dataclass(frozen=True)
class Ranks:
    """This process's rank among `size` training processes; rank 0 leads (writes, logs, returns the model)."""

    rank: int
    size: int

    @property
    def leader(self) -> bool:
        return self.rank == 0

    @property
    def distributed(self) -> bool:
        return self.size > 1

    def rows(self, batch: np.ndarray) -> np.ndarray:
        """This rank's rows of a batch: every rank takes a part of each batch, so the ranks together step as
        one process would through the same batches (a batch with fewer rows than ranks lends some rows twice)."""
        mine = batch[self.rank::self.size]
        return mine if len(mine) else batch[self.rank % len(batch):][:1]


SINGLE = Ranks(0, 1)


def _reduce(values: Sequence[float], ranks: Ranks, operation: str) -> list[float]:
    if not ranks.distributed:
        return list(values)
    import torch
    import torch.distributed as dist

    # NCCL reduces only tensors on the rank's GPU (the current device, set when the group was joined).
    device = "cuda" if dist.get_backend() == "nccl" else CPU
    tensor = torch.tensor(list(values), dtype=torch.float64, device=device)
    dist.all_reduce(tensor, op=getattr(dist.ReduceOp, operation))
    return tensor.tolist()


def all_sum(values: Sequence[float], ranks: Ranks) -> list[float]:
    """Each value summed over the ranks."""
    return _reduce(values, ranks, "SUM")


def all_max(values: Sequence[float], ranks: Ranks) -> list[float]:
    """Each value's largest over the ranks."""
    return _reduce(values, ranks, "MAX")


def weights_agree(network: torch.nn.Module, ranks: Ranks) -> bool:
    """Whether every rank holds the same weights (each tensor's sum compared): the check that data parallel
    training kept the ranks in step."""
    import torch

    sums = [float(tensor.double().sum()) for tensor in network.state_dict().values()]
    highest, lowest = all_max(sums, ranks), [-value for value in all_max([-value for value in sums], ranks)]
    return all(abs(high - low) <= 1e-6 * max(1.0, abs(high)) for high, low in zip(highest, lowest, strict=True))


@contextmanager
def process_group(ranks: Ranks, rendezvous: Path, device: str) -> Iterator[None]:
    """Join the training's process group for the block, over the backend of the rank's `device` (resolved, see
    `rank_device`); nothing to join for one process."""
    if not ranks.distributed:
        yield
        return
    import torch
    import torch.distributed as dist

    if device != CPU:
        torch.cuda.set_device(device)
    dist.init_process_group(backend(device), init_method=f"file://{rendezvous}", rank=ranks.rank,
                            world_size=ranks.size, timeout=_COLLECTIVE_TIMEOUT)
    try:
        yield
        # Every rank done before any tears its group down: a rank that destroys its group while another's
        # last collective is still in flight could abort that one ("terminate called without an active
        # exception"), seen as a helper ending with exit code -6 after a finished training.
        dist.barrier()
    finally:
        dist.destroy_process_group()


def data_parallel(network: torch.nn.Module, forward: Callable[[torch.Tensor], torch.Tensor],
                  ranks: Ranks, device: str = CPU) -> Callable[[torch.Tensor], torch.Tensor]:
    """`forward` as DistributedDataParallel runs it, so that backward averages the gradients over the ranks
    (built after the weights are loaded and moved to the rank's `device`: it starts every rank from rank 0's)."""
    if not ranks.distributed:
        return forward
    import torch
    from torch.nn.parallel import DistributedDataParallel

    class _Forward(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.network = network

        def forward(self, inputs: torch.Tensor) -> torch.Tensor:
            return forward(inputs)

    # No buffer to share: GPT-2 keeps no running statistics, only its fixed causal mask.
    device_ids = None if device == CPU else [torch.device(device).index]
    return DistributedDataParallel(_Forward(), device_ids=device_ids, forward_sync_buffers=False)


# -- starting the helpers -----------------------------------------------------------------------------------

_TOKENS, _OFFSETS, _INITIAL, _RENDEZVOUS, _JOB = "tokens.npy", "offsets.npy", "initial.npy", "rendezvous", "job.json"
_SCRATCH_PREFIX = "processes-"


def train_in_processes(sequences: Sequence[np.ndarray], n_items: int, options: GPTOptions, folder: Path,
                       initial_embeddings: np.ndarray | None, threads: int,
                       train: Callable[..., Any]) -> Any:
    """Run `train(sequences, n_items, options, folder, initial_embeddings, threads=, ranks=)` as rank 0 of
    `options.processes` ranks, the others in helper processes, on `options.device` (one GPU each on CUDA);
    returns rank 0's result."""
    size = options.processes
    options = replace(options, device=resolve_device(options.device, size))  # the helpers take it as it is
    _remove_abandoned(folder)
    scratch = folder / f"{_SCRATCH_PREFIX}{uuid.uuid4().hex[:12]}"
    scratch.mkdir(parents=True)
    helpers: dict[int, subprocess.Popen[bytes]] = {}
    try:
        np.save(scratch / _TOKENS, np.concatenate([np.asarray(s, dtype=np.int64) for s in sequences]))
        np.save(scratch / _OFFSETS, np.cumsum([0] + [len(s) for s in sequences]))
        if initial_embeddings is not None:
            np.save(scratch / _INITIAL, initial_embeddings)
        job = {"folder": str(folder), "n_items": n_items, "options": asdict(options), "threads": threads,
               "size": size, "parent": os.getpid()}
        (scratch / _JOB).write_text(json.dumps(job), encoding="utf-8")
        for rank in range(1, size):
            helpers[rank] = start_helper(__name__, "helper_main", scratch, rank)
        _wait_until_ready(helpers, scratch)
        with process_group(Ranks(0, size), scratch / _RENDEZVOUS, rank_device(options.device, 0)):
            result = train(sequences, n_items, options, folder, initial_embeddings, threads=threads,
                           ranks=Ranks(0, size))
        for helper in helpers.values():
            helper.wait(timeout=60)
        _raise_for_failed(helpers, scratch)
        return result
    except Exception as exc:
        # A lost connection (torch's errors are RuntimeErrors) may be a helper's end not yet seen; rank 0's own
        # error ("rank 0 broke") is its own, and the helpers it leaves waiting are ended below.
        failure = (None if isinstance(exc, TrainingError) else
                   _failure_seen(helpers, scratch) if isinstance(exc, RuntimeError) else _failure(helpers, scratch))
        if failure:
            raise TrainingError(failure) from exc
        raise
    finally:
        stop_helpers(helpers, wait=10)
        shutil.rmtree(scratch, ignore_errors=True)


def _remove_abandoned(folder: Path) -> None:
    """Scratch folders of trainings whose rank 0 is gone (killed: it could not remove its own)."""
    for scratch in folder.glob(f"{_SCRATCH_PREFIX}*"):
        try:
            parent = json.loads((scratch / _JOB).read_text(encoding="utf-8"))["parent"]
            os.kill(parent, 0)
        except PermissionError:
            continue  # a process of another user's: alive
        except (OSError, ValueError, KeyError):  # killed before its job was written, or its process has ended
            shutil.rmtree(scratch, ignore_errors=True)


def _wait_until_ready(helpers: dict[int, subprocess.Popen[bytes]], scratch: Path) -> None:
    """Wait for every helper to load its libraries; a helper that dies meanwhile fails the training now."""
    deadline = time.monotonic() + _READY_SECONDS
    while not all((scratch / f"rank{rank}.ready").exists() for rank in helpers):
        _raise_for_failed(helpers, scratch)
        if time.monotonic() > deadline:
            raise TrainingError(f"the GPT training helpers were not ready after {_READY_SECONDS:.0f} s")
        time.sleep(0.05)


def _failure_seen(helpers: dict[int, subprocess.Popen[bytes]], scratch: Path) -> str | None:
    """The first helper's failure, waiting `_FAILURE_SECONDS` at most while helpers still run; None if none failed."""
    deadline = time.monotonic() + _FAILURE_SECONDS
    failure = _failure(helpers, scratch)
    while failure is None and time.monotonic() < deadline and any(helper.poll() is None for helper in helpers.values()):
        time.sleep(0.05)
        failure = _failure(helpers, scratch)
    return failure


def _failure(helpers: dict[int, subprocess.Popen[bytes]], scratch: Path) -> str | None:
    """What went wrong in the first helper that failed, or None."""
    failed = helper_failure(helpers, scratch)
    if failed is None:
        return None
    rank, said, code = failed
    return f"GPT training process {rank} " + (f"failed: {said}" if said else f"ended with exit code {code}")


def _raise_for_failed(helpers: dict[int, subprocess.Popen[bytes]], scratch: Path) -> None:
    failure = _failure(helpers, scratch)
    if failure:
        raise TrainingError(failure)


def helper_main() -> None:
    """A helper rank (argv: scratch folder, rank): load the job, join the group, train in step with rank 0;
    a failure is written down for rank 0 to report."""
    scratch, rank = Path(sys.argv[1]), int(sys.argv[2])
    job = json.loads((scratch / _JOB).read_text(encoding="utf-8"))
    if not end_with_parent(job["parent"]):
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: rank 0 decides
    ranks = Ranks(rank, job["size"])
    with failures_reported(scratch, rank):
        options = GPTOptions(**job["options"])
        from recagent.plugins.gpt.training import train_as_rank

        tokens, offsets = np.load(scratch / _TOKENS), np.load(scratch / _OFFSETS)
        sequences = [tokens[start:stop] for start, stop in zip(offsets[:-1], offsets[1:], strict=True)]
        initial = np.load(scratch / _INITIAL) if (scratch / _INITIAL).exists() else None
        (scratch / f"rank{rank}.ready").touch()
        with process_group(ranks, scratch / _RENDEZVOUS, rank_device(options.device, rank)):
            train_as_rank(sequences, job["n_items"], options, Path(job["folder"]), initial,
                          threads=job["threads"], ranks=ranks)
    # Ended here rather than by the interpreter's teardown, where the process group's last references (the
    # DistributedDataParallel wrapper's) may be collected after gloo's threads: that aborts a helper whose
    # training finished ("terminate called without an active exception", exit code -6).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
