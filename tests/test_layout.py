"""The one `recagent` namespace: subpackages map to the top-level folders, and the wheel holds every module."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import recagent

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"recagent": "recagent", "recagent.agent": "agent", "recagent.plugins": "plugins",
           "recagent.vectorstore": "vectorstore"}


@pytest.mark.parametrize("package, folder", FOLDERS.items())
def test_subpackage_resolves_to_its_top_level_folder(package: str, folder: str) -> None:
    module = __import__(package, fromlist=["_"])
    assert Path(module.__file__).resolve().parent == ROOT / folder


def test_public_api_is_declared_and_typed() -> None:
    assert "Recommender" in recagent.__all__ and "hookimpl" in recagent.__all__
    for name in recagent.__all__:
        assert hasattr(recagent, name), name
    assert (ROOT / "recagent" / "py.typed").exists()


def _tree_modules() -> set[str]:
    modules = set()
    for package, folder in FOLDERS.items():
        for path in (ROOT / folder).rglob("*.py"):
            relative = path.relative_to(ROOT / folder).with_suffix("")
            if "__pycache__" in relative.parts:
                continue
            modules.add("/".join([*package.split("."), *relative.parts]) + ".py")
    return modules


def test_built_wheel_holds_every_module_and_the_demo_data(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(tmp_path.glob("recagent-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(_tree_modules() - names)
    assert not missing, f"modules missing from the wheel (list their packages in pyproject.toml): {missing}"
    assert "recagent/py.typed" in names
    assert "recagent/data/ml-latest-small.zip" in names
    assert "recagent/data/README.md" in names


def test_code_imports_the_namespace_never_the_bare_folders() -> None:
    offenders = []
    for folder in FOLDERS.values():
        for path in (ROOT / folder).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                stripped = line.strip()
                for bare in ("plugins", "agent", "vectorstore"):
                    if stripped.startswith((f"import {bare}", f"from {bare}.", f"from {bare} import")):
                        offenders.append(f"{path.relative_to(ROOT)}:{number}: {stripped}")
    assert not offenders
