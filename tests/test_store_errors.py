"""The store under a full disk or from a damaged file: the real cause in one line, and what to do."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from recagent import Item, Recommender
from recagent.errors import StorageFullError, StoreDamagedError
from tests.conftest import SMALL_EVENTS, SMALL_ITEMS

BIG_ITEMS = [Item(f"big{i}", f"Big {i}", "words " * 400, ("Big",)) for i in range(40)]


@pytest.fixture
def seeded(make_recommender) -> Recommender:
    rec = make_recommender()
    rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
    return rec


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as db:  # a connection of its own: it sees what was committed
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def _fill_the_disk(rec: Recommender) -> None:
    """Make the store's file unable to grow: SQLite then fails writes with SQLITE_FULL, as on a full disk."""
    db = rec.workspace.store._db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_says_so_and_leaves_the_store_as_it_was(seeded: Recommender) -> None:
    store = seeded.workspace.store
    before = store.dump()
    _fill_the_disk(seeded)
    with pytest.raises(StorageFullError) as raised:
        seeded.ingest(items=BIG_ITEMS)
    message = str(raised.value)
    assert "\n" not in message and "cannot rollback" not in message
    assert str(seeded.path) in message and "full" in message and "unchanged" in message
    assert _integrity(store.path) == "ok"
    assert store.dump() == before
    seeded.workspace.store._db.execute("PRAGMA max_page_count = 1073741823")  # space freed: it works again
    assert seeded.ingest(items=BIG_ITEMS).items.added == len(BIG_ITEMS)
    assert _integrity(store.path) == "ok"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 400 KB tmpfs, or a skip with the reason (it takes root and a kernel that allows the mount)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_a_real_full_disk_says_so_and_leaves_the_store_as_it_was(small_disk: Path) -> None:
    with Recommender.open(small_disk / "ws", settings={"disable_plugins": "bert,vectorsearch"}) as rec:
        rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
        before = rec.workspace.store.dump()
        filler = small_disk / "filler"
        handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(handle, b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(handle)
        with pytest.raises(StorageFullError, match="is full .* the store is unchanged"):
            rec.ingest(items=BIG_ITEMS)
        with pytest.raises(StorageFullError):  # one event, as the server's feedback routes write it
            rec.feedback("u1", "3", "like")
        filler.unlink()
        assert _integrity(rec.workspace.store.path) == "ok"
        assert rec.workspace.store.dump() == before
        assert rec.ingest(items=BIG_ITEMS).items.added == len(BIG_ITEMS)


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if how == "truncated" else b"garbage, not a database " * 400)


@pytest.mark.parametrize("how", ["truncated", "overwritten"])
def test_a_damaged_store_file_is_named_with_what_to_do(make_recommender, how: str) -> None:
    rec = make_recommender()
    rec.ingest(items=BIG_ITEMS)
    path = rec.workspace.store.path
    rec.close()
    _damage(path, how)
    with pytest.raises(StoreDamagedError) as raised:
        make_recommender().stats()
    message = str(raised.value)
    assert "\n" not in message and str(path) in message and "damaged" in message
    assert "backup" in message and f"sqlite3 {path} .recover" in message
    assert raised.value.path == str(path)


def test_the_cli_says_a_damaged_store_in_one_line(make_recommender) -> None:
    from click.testing import CliRunner

    from recagent.cli import cli

    rec = make_recommender()
    rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
    path, workspace = rec.workspace.store.path, rec.path
    rec.close()
    _damage(path, "overwritten")
    result = CliRunner().invoke(cli, ["stats", "-w", str(workspace)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "damaged" in lines[0] and str(path) in lines[0]
    assert "Traceback" not in result.output and "unexpected" not in result.output


def test_rows_left_unread_when_an_error_stops_the_reader_close_quietly(tmp_path: Path, monkeypatch) -> None:
    # `index build` stopped by an item with nothing to embed printed SQLite's "Cannot operate on a closed
    # database" after its own one-line error: the abandoned rows were closed after the connection.
    import gc
    import sys

    from recagent.store import _Connection

    seen: list[BaseException | None] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda report: seen.append(report.exc_value))
    connection = _Connection(tmp_path / "rows.sqlite")
    connection.execute("CREATE TABLE t (n INTEGER)")
    connection.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(10)])
    rows = iter(connection.execute("SELECT n FROM t"))
    assert next(rows) == (0,)
    connection.close()
    del rows
    gc.collect()
    assert seen == []
