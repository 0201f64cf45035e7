"""Which installed plugins one workspace loads: `recagent plugins enable | disable` edit its recagent.toml.

An installed plugin applies to every workspace unless a workspace says otherwise, through the
`disable_plugins` and `load_plugins` settings in its own recagent.toml; these helpers write them, keeping the
file's comments and layout (tomlkit), and replace the file at once so a crash never leaves half of it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from recagent.errors import ConfigError
from recagent.host import installed_plugins, plugin_key
from recagent.settings import CORE_BY_NAME, SETTINGS_FILE, load_settings

__all__ = ["choose_plugin"]


def _names(setting: str, value: Any, path: Path) -> list[str]:
    """A list setting as the file holds it (a TOML array or a comma-separated string), read as settings read it."""
    return list(CORE_BY_NAME[setting].parse(value, str(path)) or ())


def _installed(name: str) -> tuple[str, bool]:
    """The installed plugin's own name (from it or its package's) and whether it is built in; an unknown name
    says what is installed."""
    installed = installed_plugins()
    match = next((known for known, package in installed.items()
                  if plugin_key(name) in (plugin_key(known), plugin_key(package or known))), None)
    if match is None:
        from rapidfuzz import process

        close = [found for found, _, _ in process.extract(name, list(installed), limit=3, score_cutoff=60)]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ConfigError(f"no installed plugin is named {name!r}{hint} Installed: {', '.join(sorted(installed))}")
    return match, installed[match] is None


def choose_plugin(workspace: str | Path, name: str, *, enabled: bool) -> str:
    """Load (or stop loading) one installed plugin in this workspace; returns what was done, in words."""
    import tomlkit

    plugin, built_in = _installed(name)
    path = Path(workspace).expanduser() / SETTINGS_FILE
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    except Exception as exc:  # noqa: BLE001 - tomlkit's parse errors have no common base class
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix or remove the file") from None
    disabled = [entry for entry in _names("disable_plugins", document.get("disable_plugins"), path)
                if plugin_key(entry) != plugin_key(plugin)]
    if not enabled:
        disabled.append(plugin)
    if disabled:
        document["disable_plugins"] = disabled
    elif "disable_plugins" in document:
        del document["disable_plugins"]
    allowed = _names("load_plugins", document.get("load_plugins"), path) if "load_plugins" in document else None
    if enabled and not built_in and allowed is not None and plugin_key(plugin) not in map(plugin_key, allowed):
        document["load_plugins"] = [*allowed, plugin]  # the workspace loads only the plugins it lists
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(tomlkit.dumps(document), encoding="utf-8")
    os.replace(partial, path)
    said = f"{plugin} {'enabled' if enabled else 'disabled'} in {path}"
    variable = os.environ.get("RECAGENT_DISABLE_PLUGINS") or os.environ.get("RECAGENT_LOAD_PLUGINS")
    if variable is not None and (plugin in load_settings(workspace).disable_plugins) == enabled:
        said += " (but RECAGENT_DISABLE_PLUGINS or RECAGENT_LOAD_PLUGINS in the environment overrides the file)"
    return said
