"""Writing records to the index in batches: embed only changed texts, encode in helpers while writing,
and keep the vectors of a batch whose write failed so that no embedding is computed twice.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from recagent.errors import IndexBuildError
from recagent.progress import chunks, progress_bar
from recagent.vectorstore.encoding import chunk_encoder
from recagent.vectorstore.pending import PendingEmbeddings
from recagent.vectorstore.records import IndexRecord
from recagent.vectorstore.results import WriteReport

if TYPE_CHECKING:
    from recagent.vectorstore.index import ItemIndex

__all__ = ["write_records"]


def _write_batch(index: ItemIndex, batch: Sequence[IndexRecord], vectors: np.ndarray | None,
                 pending: PendingEmbeddings, done: int) -> None:
    try:
        index.write([r.id for r in batch], [r.document for r in batch], [r.metadata for r in batch], vectors)
    except BaseException as exc:  # an interrupt mid-write must keep the vectors too
        kept = pending.save([r.text_hash for r in batch], vectors) if vectors is not None else None
        if not isinstance(exc, Exception):
            raise
        where = f"its {len(batch):,} embeddings were kept in {kept.parent}; " if kept else ""
        if index.rebuilding:
            outcome = (f"the rebuild stopped and the index in use is unchanged; {where}fix the cause and run "
                       "`recagent index build --rebuild` again")
        else:
            outcome = (f"the {done:,} items written before it are indexed; {where}fix the cause and run "
                       "`recagent index build` to resume")
        raise IndexBuildError(
            f"writing a batch of {len(batch):,} items to the index at {index.location} failed "
            f"({type(exc).__name__}: {exc}); {outcome}"
        ) from exc


def write_records(index: ItemIndex, records: Sequence[IndexRecord],
                  existing: Mapping[str, tuple[str, str]]) -> WriteReport:
    """Bring the index's copy of these records up to date; `existing` has the stored hashes by id."""
    started = time.perf_counter()
    report = WriteReport()
    to_embed: list[IndexRecord] = []
    metadata_only: list[IndexRecord] = []
    for record in records:
        stored = existing.get(record.id)
        if stored is not None and stored[1] == record.record_hash:
            report.unchanged += 1
        elif stored is not None and stored[0] == record.text_hash:
            metadata_only.append(record)
        else:
            to_embed.append(record)

    pending = PendingEmbeddings(index.local_folder, index.embedder.name)
    done = 0
    for batch in chunks(metadata_only, index.batch_size):
        _write_batch(index, batch, None, pending, done)
        done += len(batch)
    report.metadata_only = len(metadata_only)

    kept = pending.load() if to_embed else {}
    reusable = [record for record in to_embed if record.text_hash in kept]
    fresh = [record for record in to_embed if record.text_hash not in kept]
    for batch in chunks(reusable, index.batch_size):
        _write_batch(index, batch, np.stack([kept[r.text_hash] for r in batch]), pending, done)
        done += len(batch)
    report.reused = len(reusable)

    # Neighbours in length pad alike, so every batch of the model is nearly free of padding.
    fresh.sort(key=lambda record: len(record.document))
    encoder = chunk_encoder(index.embedder, len(fresh), index.batch_size, index.parallel_build)
    with progress_bar(total=len(fresh), desc="embedding items", unit="items", enabled=index.progress) as bar, \
            encoder:
        try:
            for positions, vectors in encoder.encode([record.document for record in fresh]):
                batch = [fresh[position] for position in positions]
                _write_batch(index, batch, vectors, pending, done)
                done += len(batch)
                report.embedded += len(batch)
                bar.update(len(batch))
        except BaseException:
            # Vectors a helper finished while this batch failed are kept too: none is computed twice.
            for positions, vectors in encoder.finished():
                pending.save([fresh[position].text_hash for position in positions], vectors)
            raise
    if kept:
        used = {record.text_hash for record in reusable}
        unused = {text_hash: vector for text_hash, vector in kept.items() if text_hash not in used}
        pending.clear()
        if unused:  # vectors for texts of other items: still worth keeping
            pending.save(list(unused), np.stack(list(unused.values())))
    report.seconds = time.perf_counter() - started
    return report
