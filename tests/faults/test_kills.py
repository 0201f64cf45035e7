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
    run_side_by_side,
    store_state,
)

SEED = int(os.environ.get("RECAGENT_FAULT_SEED", "17"))
KILLS = int(os.environ.get("RECAGENT_FAULT_KILLS", "1"))  # per command; bench/faults.py runs many
MOVIES = 5_000  # of the demo catalog's 9,742: each index build and status check takes half as long


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Path:
    return demo_subset(tmp_path_factory.mktemp("catalog"), movies=MOVIES)


@pytest.fixture(scope="module")
def prepared(catalog, tmp_path_factory) -> tuple[Path, Path]:
    """Two workspaces, each to be copied by the tests: the whole catalog with its index, and the catalog's first
    half with its index (what an ingest of all adds to). Prepared side by side."""
    folder = tmp_path_factory.mktemp("prepared")
    whole, half = folder / "whole", folder / "half"
    movies = first_movies(catalog, folder / "movies.csv", count=MOVIES // 2)
    run_side_by_side(
        (cli("ingest", "-w", str(whole), str(catalog)), cli("index", "build", "-w", str(whole))),
        (cli("ingest", "-w", str(half), "--items", str(movies)), cli("index", "build", "-w", str(half))),
        cwd=folder,
    )
    return whole, half


@pytest.fixture(scope="module")
def ingested(prepared) -> Path:
    return prepared[0]


@pytest.fixture(scope="module")
def half_ingested(prepared) -> Path:
    return prepared[1]


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
