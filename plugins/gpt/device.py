"""Where GPT training runs: the `gpt_device` setting checked, resolved once, and shared out among the ranks.

"auto" trains on CUDA when torch finds a usable device and on the CPU otherwise. Several processes on CUDA
take one GPU each (rank r on the r-th device after the requested one) and meet over NCCL; on the CPU over gloo.
Serving always runs on the CPU, and the files training writes load there whatever device wrote them.
torch is imported inside the functions so that loading the plugin stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from recagent.errors import ConfigError

__all__ = ["CPU", "check_device", "resolve_device", "rank_device", "backend", "mixed_precision"]

CPU = "cpu"
_DEVICE = re.compile(r"auto|cpu|cuda(:\d+)?")


def check_device(name: str) -> None:
    """Raise ConfigError unless `name` is a device the setting accepts (whether it exists is checked later)."""
    if not isinstance(name, str) or not _DEVICE.fullmatch(name):
        raise ConfigError(f"setting 'gpt_device' must be \"auto\", \"cpu\", \"cuda\" or \"cuda:N\" (N a GPU index), "
                          f"got {name!r}")


def resolve_device(name: str, processes: int = 1) -> str:
    """The device `name` means on this machine: "cpu", "cuda" or "cuda:N"; ConfigError when CUDA is asked for
    but cannot serve it (no usable device, no such index, fewer GPUs than processes)."""
    import torch

    check_device(name)
    available = torch.cuda.is_available()
    if name == "auto":
        name = "cuda" if available else CPU
    if name == CPU:
        return CPU
    if not available:
        raise ConfigError(f"setting 'gpt_device' asks for {name!r}, but torch finds no usable CUDA device on this "
                          "machine; set it to \"cpu\" or \"auto\" (which trains on the CPU here)")
    count = torch.cuda.device_count()
    index = int(name.partition(":")[2] or 0)
    if index >= count:
        raise ConfigError(f"setting 'gpt_device' asks for {name!r}, but this machine has {count} CUDA device"
                          f"{'' if count == 1 else 's'} (cuda:0 to cuda:{count - 1}); pick one of them or \"cuda\"")
    if processes > count:
        # NCCL refuses two ranks on one GPU.
        raise ConfigError(f"setting 'gpt_processes' ({processes}) asks for more CUDA training processes than this "
                          f"machine has GPUs ({count}); set it to at most {count}, or gpt_device to \"cpu\"")
    return name


def rank_device(device: str, rank: int) -> str:
    """The device of one rank of a training on resolved `device`: the CPU, or the rank-th GPU after the one asked
    for (wrapping around), so that several processes on "cuda" take cuda:0, cuda:1 and so on."""
    if device == CPU:
        return CPU
    import torch

    start = int(device.partition(":")[2] or 0)
    return f"cuda:{(start + rank) % torch.cuda.device_count()}"


def backend(device: str) -> str:
    """The torch.distributed backend of ranks on `device`: NCCL between GPUs, gloo between CPU processes."""
    return "gloo" if device == CPU else "nccl"


@contextmanager
def mixed_precision(device: str) -> Iterator[None]:
    """Autocast to bfloat16 inside the block on a GPU that supports it; full precision elsewhere (the CPU)."""
    if device == CPU:
        yield
        return
    import torch

    if not torch.cuda.is_bf16_supported():
        yield
        return
    with torch.autocast("cuda", dtype=torch.bfloat16):
        yield
