"""Kill -9 at random moments of ingest, index build and train (real processes, real SQLite, real Chroma).

One kill per command with a fixed seed (RECAGENT_FAULT_SEED and RECAGENT_FAULT_KILLS change them);
`bench/faults.py --kills N` runs the long version. After each kill: every SQLite file passes its integrity check, the store is as before the
command or as after it, the same command then completes, the index holds each item once, and no process the
command started is left running.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.faults.kills import (
    NOTHING_STORED,
    Command,
    cli,
    copy_workspace,
    demo_subset,
    first_movies,
    index_problems,
    kill_at_random,
    run,
    store_state,
)

SEED = int(os.environ.get("RECAGENT_FAULT_SEED", "17"))
KILLS = int(os.environ.get("RECAGENT_FAULT_KILLS", "1"))  # per command; bench/faults.py runs many


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Path:
    return demo_subset(tmp_path_factory.mktemp("catalog"))


@pytest.fixture(scope="module")
def ingested(catalog, tmp_path_factory) -> Path:
    """A workspace holding the catalog and its index, ready to be copied by each test."""
    workspace = tmp_path_factory.mktemp("ingested") / "ws"
    run(cli("ingest", "-w", str(workspace), str(catalog)), workspace.parent)
    run(cli("index", "build", "-w", str(workspace)), workspace.parent)
    return workspace


@pytest.fixture(scope="module")
def half_ingested(catalog, tmp_path_factory) -> Path:
    """A workspace holding the catalog's first 4,000 movies and their index: what an ingest of all adds to."""
    folder = tmp_path_factory.mktemp("half")
    movies = first_movies(catalog, folder / "movies.csv")
    workspace = folder / "ws"
    run(cli("ingest", "-w", str(workspace), "--items", str(movies)), folder)
    run(cli("index", "build", "-w", str(workspace)), folder)
    return workspace


def test_ingest_killed_at_random_moments(catalog, ingested, half_ingested, tmp_path) -> None:
    workspace = tmp_path / "ws"
    ingest = Command("ingest", cli("ingest", "-w", str(workspace), str(catalog)), seconds=6)
    report = kill_at_random(ingest, workspace, kills=KILLS, seed=SEED, check_index=True,
                            reset=lambda: copy_workspace(half_ingested, workspace),
                            states={store_state(half_ingested), store_state(ingested)})
    assert report.kills == KILLS and not report.problems(), report


def test_ingest_into_a_new_workspace_killed_at_random_moments(catalog, ingested, tmp_path) -> None:
    workspace = tmp_path / "ws"
    ingest = Command("ingest", cli("ingest", "-w", str(workspace), str(catalog)), seconds=5)
    report = kill_at_random(ingest, workspace, kills=1, seed=SEED,
                            reset=lambda: shutil.rmtree(workspace, ignore_errors=True),
                            states={NOTHING_STORED, store_state(ingested)})
    assert report.kills == 1 and not report.problems(), report


def test_index_rebuild_killed_at_random_moments(ingested, tmp_path) -> None:
    workspace = tmp_path / "ws"
    rebuild = Command("index rebuild", cli("index", "build", "--rebuild", "-w", str(workspace)), seconds=5)
    report = kill_at_random(rebuild, workspace, kills=KILLS, seed=SEED, check_index=True,
                            reset=lambda: copy_workspace(ingested, workspace), states={store_state(ingested)},
                            index_after_kill=True)
    assert report.kills == KILLS and not report.problems(), report


def test_train_killed_at_random_moments(ingested, tmp_path) -> None:
    workspace = tmp_path / "ws"
    copy_workspace(ingested, workspace)
    run(cli("train", "-w", str(workspace)), tmp_path)  # a model to keep: a killed train must not spoil it
    train = Command("train", cli("train", "-w", str(workspace)), seconds=12)
    report = kill_at_random(train, workspace, kills=1, seed=SEED, reset=lambda: None,
                            states={store_state(ingested)},
                            after_kill=cli("recommend", "--user", "1", "-k", "3", "-w", str(workspace)))
    assert report.kills == 1 and not report.problems(), report


def test_the_harness_sees_what_it_must(ingested, tmp_path) -> None:
    """The checks can fail: a damaged file, a changed store and a stray index entry are all reported."""
    from tests.faults.kills import integrity_problems

    workspace = tmp_path / "ws"
    copy_workspace(ingested, workspace)
    assert integrity_problems(workspace) == [] and index_problems(workspace) == []
    store = workspace / "recagent.sqlite"
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(store)) as connection:
        connection.execute("DELETE FROM events WHERE user = (SELECT user FROM events LIMIT 1)")
        connection.commit()
    assert store_state(workspace) != store_state(ingested)
    with closing(sqlite3.connect(store)) as connection:
        connection.execute("DELETE FROM items WHERE id = '1'")
        connection.commit()
    assert index_problems(workspace)  # the index holds an item the store no longer has
    data = bytearray(store.read_bytes())
    data[4096 * 2:4096 * 3] = b"\xff" * 4096  # a page of garbage
    store.write_bytes(bytes(data))
    assert integrity_problems(workspace)
