"""Recommendations for many users written to a file (JSON lines or Parquet), in one process or several.

With several processes the users are cut into as many consecutive shards; each helper opens the workspace
itself (readers only: SQLite in WAL mode and Chroma serve several readers at once), writes its shard's part,
and the parts are joined in the users' order. The file appears whole or not at all: it is written beside its
final name and renamed once complete.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from recagent.errors import RecagentError
from recagent.frames import recommendations_table
from recagent.lifetime import end_with_parent, failures_reported, helper_failure, start_helper, stop_helpers
from recagent.progress import progress_bar

if TYPE_CHECKING:
    from recagent.sdk import Recommender
    from recagent.types import Recommendation

__all__ = ["write_recommendations", "recommendation_dicts", "is_parquet"]

_JOB, _USERS = "job.json", "users.json"
_COUNT_EVERY = 20  # users between two progress counts a helper writes down
_POLL_SECONDS = 0.2


def is_parquet(path: str | os.PathLike[str]) -> bool:
    """Whether a batch written to `path` is Parquet (by its suffix); anything else gets JSON lines."""
    return Path(path).suffix.lower() == ".parquet"


def recommendation_dicts(recommendations: Sequence[Recommendation]) -> list[dict[str, Any]]:
    """Recommendations as JSON objects: item_id, title, categories, score, reasons."""
    return [{"item_id": r.item.id, "title": r.item.title, "categories": list(r.item.categories),
             "score": round(r.score, 6), "reasons": list(r.reasons)} for r in recommendations]


def _json_line(user: str, recommendations: Sequence[Recommendation]) -> str:
    return json.dumps({"user": user, "items": recommendation_dicts(recommendations)}, ensure_ascii=False) + "\n"


def _write_part(results: Iterable[tuple[str, Sequence[Recommendation]]], target: Path, parquet: bool) -> None:
    if parquet:
        import pyarrow.parquet as pq

        pq.write_table(recommendations_table(results), target)
        return
    with target.open("w", encoding="utf-8") as out:
        for user, recommendations in results:
            out.write(_json_line(user, recommendations))


def write_recommendations(rec: Recommender, users: Sequence[str], output: str | os.PathLike[str] | TextIO, *,
                          k: int = 10, processes: int = 1, **options: Any) -> int:
    """Write each user's top `k` (options as for `recommend`) to `output`: a path (Parquet when it ends in
    .parquet, else JSON lines) or an open text stream (JSON lines). Returns how many users were written."""
    if processes < 1:
        raise RecagentError(f"processes must be at least 1, got {processes}")
    users = [str(user) for user in users]
    processes = max(1, min(processes, len(users)))
    with tempfile.TemporaryDirectory(prefix="recagent-batch-") as scratch:
        if isinstance(output, (str, os.PathLike)):
            parquet = is_parquet(output)
            _publish(_parts(rec, users, Path(scratch), parquet, processes, k, options), Path(output), parquet)
        else:
            for part in _parts(rec, users, Path(scratch), False, processes, k, options):
                with part.open(encoding="utf-8") as text:
                    shutil.copyfileobj(text, output)
    return len(users)


def _publish(parts: list[Path], target: Path, parquet: bool) -> None:
    """Join the parts into `target`, written beside it and renamed once whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        if parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.concat_tables([pq.read_table(part) for part in parts]), partial)
        else:
            with partial.open("wb") as out:
                for part in parts:
                    with part.open("rb") as source:
                        shutil.copyfileobj(source, out)
        with partial.open("rb") as written:
            os.fsync(written.fileno())
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def _parts(rec: Recommender, users: list[str], scratch: Path, parquet: bool, processes: int, k: int,
           options: dict[str, Any]) -> list[Path]:
    suffix = ".parquet" if parquet else ".jsonl"
    if processes == 1:
        part = scratch / f"part-0{suffix}"
        _write_part(rec.recommend_many(users, k=k, **options), part, parquet)
        return [part]
    size = -(-len(users) // processes)
    shards = [users[start:start + size] for start in range(0, len(users), size)]
    (scratch / _USERS).write_text(json.dumps(shards), encoding="utf-8")
    # The helpers read the workspace's own settings and this process's overrides, so they rank alike.
    overrides = {name: rec.settings[name] for name in rec.settings if rec.settings.source(name) == "override"}
    job = {"workspace": str(rec.workspace.path), "settings": {**overrides, "progress": False}, "k": k,
           "options": options, "suffix": suffix, "parent": os.getpid()}
    (scratch / _JOB).write_text(json.dumps(job, default=str), encoding="utf-8")  # a path setting as text
    helpers = {shard: start_helper(__name__, "shard_main", scratch, shard) for shard in range(len(shards))}
    try:
        _follow(helpers, scratch, len(users), rec.settings.progress)
    finally:
        stop_helpers(helpers)
    return [scratch / f"part-{shard}{suffix}" for shard in range(len(shards))]


def _follow(helpers: dict[int, subprocess.Popen[bytes]], scratch: Path, total: int, progress: bool) -> None:
    """Show the helpers' progress until all have finished; the first failure raises."""
    with progress_bar(total=total, desc="recommending", enabled=progress, unit="user") as bar:
        while True:
            failed = helper_failure(helpers, scratch)
            if failed is not None:
                shard, said, code = failed
                raise RecagentError(f"batch shard {shard} failed: {said or f'exit code {code}'}")
            bar.update(_counted(scratch, len(helpers)) - bar.n)
            if all(helper.poll() == 0 for helper in helpers.values()):
                return
            time.sleep(_POLL_SECONDS)


def _counted(scratch: Path, shards: int) -> int:
    total = 0
    for shard in range(shards):
        try:
            total += int((scratch / f"part-{shard}.count").read_text(encoding="utf-8"))
        except (OSError, ValueError):  # not written yet, or caught mid-write
            pass
    return total


def shard_main() -> None:
    """A helper (argv: scratch folder, shard): recommend for its shard of users and write its part."""
    scratch, shard = Path(sys.argv[1]), int(sys.argv[2])
    job = json.loads((scratch / _JOB).read_text(encoding="utf-8"))
    if not end_with_parent(job["parent"]):
        return
    with failures_reported(scratch, shard):
        from recagent.sdk import Recommender

        users = json.loads((scratch / _USERS).read_text(encoding="utf-8"))[shard]
        count = scratch / f"part-{shard}.count"

        def counted(results: Iterable[tuple[str, Sequence[Recommendation]]]) -> Iterable[tuple[str, Any]]:
            for done, result in enumerate(results, start=1):
                if done % _COUNT_EVERY == 0:
                    count.write_text(str(done), encoding="utf-8")
                yield result
            count.write_text(str(len(users)), encoding="utf-8")

        with Recommender.open(job["workspace"], settings=job["settings"]) as rec:
            results = ((user, rec.recommend(user=user, k=job["k"], **job["options"])) for user in users)
            _write_part(counted(results), scratch / f"part-{shard}{job['suffix']}", job["suffix"] == ".parquet")
