"""The example third-party plugin in examples/: installed from its folder, listed, used, and tested."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "recagent-time-decay"
BIN = Path(sys.executable).parent


def test_example_plugin_end_to_end(tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--target", str(site), str(EXAMPLE)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(site), "RECAGENT_PROGRESS": "false", "RECAGENT_WORKSPACE": str(tmp_path / "ws")}

    def recagent(*args: str) -> str:
        return subprocess.run([BIN / "recagent", *args], capture_output=True, text=True, env=env, check=True).stdout

    plugins = {p["name"]: p for p in json.loads(recagent("plugins", "--json"))}
    assert plugins["time_decay"]["hooks"] == ["candidates", "register_settings", "register_tools"]
    assert plugins["time_decay"]["source"] == "recagent-time-decay"
    env["RECAGENT_TIME_DECAY_HALF_LIFE_DAYS"] = "45"
    half_life = json.loads(recagent("settings", "--json"))["time_decay_half_life_days"]
    assert (half_life["value"], half_life["plugin"]) == (45.0, "time_decay")
    assert half_life["source"] == "RECAGENT_TIME_DECAY_HALF_LIFE_DAYS"
    assert "settings of plugin 'time_decay'" in recagent("settings")
    del env["RECAGENT_TIME_DECAY_HALF_LIFE_DAYS"]
    items, events = tmp_path / "items.csv", tmp_path / "events.csv"
    items.write_text("id,title\nold,Old hit\nnew,New hit\n")
    events.write_text("user,item,timestamp\n" + "".join(f"u{n},old,0\n" for n in range(10))
                      + "".join(f"v{n},new,8640000\n" for n in range(3)))
    recagent("ingest", "--items", str(items), "--events", str(events))
    recommended = json.loads(recagent("recommend", "--k", "2", "--json"))
    assert recommended[0]["item_id"] == "new" and "trending lately" in recommended[0]["reasons"]
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert tests.returncode == 0 and "5 passed" in tests.stdout, tests.stdout + tests.stderr
