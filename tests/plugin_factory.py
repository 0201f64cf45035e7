"""Build throwaway installed distributions with `recagent` entry points, for discovery tests."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path


def install_fake_distribution(root: Path, dist: str, module: str, source: str, entry_name: str | None = None) -> None:
    """Write `module.py` and a `dist-info` declaring it as a recagent plugin, and put `root` on sys.path."""
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = root / f"{dist.replace('-', '_')}-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.2.3\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[recagent]\n{entry_name or module} = {module}\n", encoding="utf-8")
    (info / "RECORD").write_text("", encoding="utf-8")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
