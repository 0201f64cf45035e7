"""Recommendations for many users written to a file: JSON lines or Parquet, in one process or shared out."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from recagent import Recommender
from recagent.cli import cli
from recagent.errors import RecagentError


def test_a_batch_in_two_processes_equals_one_in_one(small_recommender: Recommender, tmp_path: Path) -> None:
    users, out = small_recommender.users(), tmp_path / "out"
    one, two = out / "one.parquet", out / "two.parquet"
    assert small_recommender.recommend_to_file(users, one, k=3) == len(users)
    assert small_recommender.recommend_to_file(users, two, k=3, processes=2) == len(users)
    table = pq.read_table(two)
    assert table.equals(pq.read_table(one))
    assert table.equals(small_recommender.recommend_frame(users, k=3, backend="arrow"))
    assert table.column("user").to_pylist()[::3] == users  # the users' order, shards joined in turn
    assert sorted(path.name for path in out.iterdir()) == ["one.parquet", "two.parquet"]  # nothing partial


def test_json_lines_to_a_file_or_a_stream(small_recommender: Recommender, tmp_path: Path) -> None:
    users = small_recommender.users()
    stream = io.StringIO()
    small_recommender.recommend_to_file(users, stream, k=2, processes=2)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["user"] for line in lines] == users and all(len(line["items"]) == 2 for line in lines)
    small_recommender.recommend_to_file(users, tmp_path / "recs.jsonl", k=2)
    assert (tmp_path / "recs.jsonl").read_text(encoding="utf-8") == stream.getvalue()


def test_a_failing_shard_fails_the_batch_and_writes_nothing(small_recommender: Recommender, tmp_path: Path) -> None:
    target = tmp_path / "out" / "recs.parquet"
    with pytest.raises(RecagentError, match="batch shard 1 failed: UnknownUserError"):
        small_recommender.recommend_to_file(["u1", "nobody"], target, processes=2)
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


def test_the_command_line_writes_parquet_from_two_processes(small_recommender: Recommender, tmp_path: Path) -> None:
    target = tmp_path / "recs.parquet"
    runner = CliRunner()
    done = runner.invoke(cli, ["recommend", "--users", "all", "-k", "2", "--output", str(target), "--nproc", "2",
                               "-w", str(small_recommender.workspace.path)], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert pq.read_table(target).num_rows == 2 * len(small_recommender.users())
    misplaced = runner.invoke(cli, ["recommend", "--user", "u1", "--nproc", "2",
                                    "-w", str(small_recommender.workspace.path)])
    assert misplaced.exit_code == 2 and "go with a batch" in misplaced.output
