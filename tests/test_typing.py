"""The chat agent is typed against the SDK: mypy passes on it, and no boundary to the SDK is typed `Any`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.wheel_layout import ROOT, laid_out

# Names that hold the SDK or what it owns; none may be annotated Any in the agent.
SDK_NAMES = ("recommender", "rec", "toolbox", "store", "catalog", "agent")


def test_mypy_passes_on_the_agent_package(tmp_path: Path) -> None:
    tree = laid_out(tmp_path / "tree")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "-p", "recagent.agent", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(tmp_path / "mypy-cache")],
        cwd=tree, capture_output=True, text=True, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_boundary_to_the_sdk_is_typed_any() -> None:
    pattern = re.compile(rf"\b(?:self\.)?({'|'.join(SDK_NAMES)})\s*:\s*Any\b")
    offenders = [f"{path.name}:{number}: {line.strip()}"
                 for path in sorted((ROOT / "agent").glob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if pattern.search(line)]
    assert not offenders, offenders
