"""Model files in the workspace, written so that a crash never leaves a half-written or mismatched model.

One file is replaced whole or not at all: `atomic_write_bytes` and `atomic_write_text` write a temporary file
beside it, flush it to the disk and rename it over the old one. A model of several files is published as one
version: `publish_version(folder)` hands out an empty staging folder; when the block ends without an error the
staging folder becomes `folder/v-<n>` and the pointer file `folder/CURRENT` is switched to it in one rename.
Readers resolve the pointer once (`current_version`) and read every file from that version's folder, which
never changes after publication. The version just replaced is kept until the next publication, so a reader that
resolved the pointer a moment before the switch still finds its files; older ones are removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

__all__ = ["POINTER", "atomic_write_bytes", "atomic_write_text", "current_version", "publish_version"]

POINTER = "CURRENT"
_VERSION = re.compile(r"v-(\d+)")
_STAGING = re.compile(r"\.staging-(\d+)-[0-9a-f]+")


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at `path` with `data`: readers and a crash see the old file or the new, never a part."""
    path = Path(path)
    temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        # os.open with a mode, unlike mkstemp's 0600, gives the file the permissions the umask allows.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    _sync_folder(path.parent)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """`atomic_write_bytes` for text."""
    atomic_write_bytes(path, text.encode(encoding))


def current_version(folder: str | os.PathLike[str]) -> Path:
    """The folder holding the model in use: `folder/v-<n>` named by the pointer, else `folder` itself.

    A folder without a pointer holds its files directly, as recagent wrote models before versions.
    """
    folder = Path(folder)
    try:
        name = (folder / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return folder
    return folder / name if _VERSION.fullmatch(name) else folder


@contextlib.contextmanager
def publish_version(folder: str | os.PathLike[str], *, legacy: Iterable[str] = ()) -> Iterator[Path]:
    """Write a model's files into the yielded folder; they become the current version together, or not at all.

    `legacy` names files or folders directly in `folder` that held the model before versions; they are removed
    like any replaced version (kept until the publication after the one that replaced them).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staging = folder / f".staging-{os.getpid()}-{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        yield staging
        _sync_tree(staging)
        had_pointer = (folder / POINTER).exists()
        previous = current_version(folder).name if had_pointer else None
        version = _rename_to_next_version(staging, folder)
        atomic_write_text(folder / POINTER, version.name + "\n")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _remove_replaced(folder, keep={version.name, previous}, legacy=legacy if had_pointer else ())


def _rename_to_next_version(staging: Path, folder: Path) -> Path:
    numbers = [int(match[1]) for path in folder.iterdir() if (match := _VERSION.fullmatch(path.name))]
    number = max(numbers, default=0) + 1
    while True:
        target = folder / f"v-{number}"
        if not target.exists():
            try:
                staging.rename(target)
            except OSError:  # another publisher took the number first
                if not target.exists():
                    raise
            else:
                _sync_folder(folder)
                return target
        number += 1


def _remove_replaced(folder: Path, keep: set[str | None], legacy: Iterable[str]) -> None:
    """Remove versions older than the one just replaced, leftovers of crashed publications and legacy files."""
    doomed = [folder / name for name in legacy]
    for path in folder.iterdir():
        if _VERSION.fullmatch(path.name) and path.name not in keep:
            doomed.append(path)
        elif (match := _STAGING.fullmatch(path.name)) and not _running(int(match[1])):
            doomed.append(path)
    for path in doomed:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another thread of this process may be publishing
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # no such process; no process can have that number
        return False
    except PermissionError:  # it runs, as another user
        return True
    return True


def _sync_tree(root: Path) -> None:
    """Flush every file under `root`, then the folders, so that a rename publishes data already on the disk."""
    for folder, _, files in os.walk(root, topdown=False):
        for name in files:
            handle = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.fsync(handle)
            finally:
                os.close(handle)
        _sync_folder(Path(folder))


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable; where folders cannot be opened (Windows) the rename must do."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
