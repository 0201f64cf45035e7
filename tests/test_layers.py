"""One door: the import-linter contracts in pyproject.toml hold, and each one fails on a forbidden import.

import-linter reads a package from one folder, while recagent's subpackages live in the top-level folders
agent/, plugins/ and vectorstore/: the test lays the namespace out as the built wheel does, in a temporary
folder, and runs `lint-imports` there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.wheel_layout import ROOT, laid_out

CONTRACTS = ROOT / "pyproject.toml"


def _lint_imports() -> Path:
    found = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(found).exists():
        pytest.fail("lint-imports is missing: pip install -e '.[test]' installs import-linter")
    return Path(found)


def _check(tree: Path) -> subprocess.CompletedProcess[str]:
    # Run from the laid-out folder so that `recagent` resolves there, not to the editable install.
    return subprocess.run([str(_lint_imports()), str(CONTRACTS), "--no-cache"], cwd=tree, capture_output=True,
                          text=True, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}, timeout=300)


def test_the_layer_contracts_hold(tmp_path: Path) -> None:
    result = _check(laid_out(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize("module, forbidden, contract", [
    ("pipeline.py", "recagent.plugins.ranking", "The core does not import plugins"),
    ("plugins/popularity.py", "recagent.cli.common", "Plugins do not import the faces or the SDK"),
    ("plugins/popularity.py", "recagent.sdk", "Plugins do not import the faces or the SDK"),
    ("agent/tools.py", "recagent.plugins.vectorsearch", "The faces do not import plugins"),
    ("server/app.py", "recagent.store", "The faces do not import plugins"),
    ("cli/index.py", "recagent.vectorstore", "The faces do not import plugins"),
])
def test_each_contract_fails_on_a_forbidden_import(tmp_path: Path, module: str, forbidden: str,
                                                    contract: str) -> None:
    tree = laid_out(tmp_path)
    path = tree / "recagent" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\nimport {forbidden}  # noqa\n", encoding="utf-8")
    result = _check(tree)
    assert result.returncode != 0
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout
    assert forbidden in result.stdout
