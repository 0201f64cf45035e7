"""The recagent namespace laid out as the built wheel holds it: one package folder, for tools that read folders.

recagent's subpackages live in the top-level folders agent/, plugins/ and vectorstore/ (see DESIGN.md);
import-linter and mypy read a package from one folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBPACKAGES = ("agent", "plugins", "vectorstore")


def laid_out(folder: Path) -> Path:
    """Copy the recagent package, with its subpackages in place, under `folder`; returns `folder`."""
    skip = shutil.ignore_patterns("__pycache__", "*.zip", "*.html", "*.egg-info")
    package = folder / "recagent"
    shutil.copytree(ROOT / "recagent", package, ignore=skip)
    for name in SUBPACKAGES:
        shutil.copytree(ROOT / name, package / name, ignore=skip)
    return folder
