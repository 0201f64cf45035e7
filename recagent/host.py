"""The plugin host: builds the pluggy manager and calls hooks with each plugin isolated.

The manager is built by `create_host`, never at import time. Built-in plugins (`DEFAULT_PLUGINS`) are
registered first, then the `recagent` entry-point group. A plugin that fails to import, fails validation
or raises inside a hook is reported by name with a `PluginWarning` and skipped, unless strict mode
turns that into a `PluginError`. What plugins register through a `register` callback (settings, tools,
evaluation models) is validated here, so a bad or duplicate name is refused with both owners named.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pluggy

from recagent import hookspecs
from recagent.errors import DataDamagedError, PluginError, PluginWarning
from recagent.settings import CORE, SETTINGS, Setting, Settings, check_declaration, load_settings

if TYPE_CHECKING:
    from langchain_core.tools import BaseTool

    from recagent.evaluation.baselines import SequenceModel
    from recagent.sdk import Recommender
    from recagent.workspace import Workspace

__all__ = [
    "DEFAULT_PLUGINS",
    "ENTRY_POINT_GROUP",
    "HOOK_NAMES",
    "PluginHost",
    "PluginInfo",
    "installed_plugins",
    "plugin_key",
    "create_host",
    "hookimpl",
]

PROJECT_NAME = "recagent"
ENTRY_POINT_GROUP = "recagent"
DEFAULT_PLUGINS: tuple[str, ...] = (
    "recagent.plugins.preprocess",
    "recagent.plugins.popularity",
    "recagent.plugins.categories",
    "recagent.plugins.bert",
    "recagent.plugins.ranking",
    "recagent.plugins.gpt",
    "recagent.plugins.vectorsearch",
    "recagent.agent.chat_tools",
)
HOOK_NAMES: tuple[str, ...] = tuple(
    name for name, obj in vars(hookspecs).items() if hasattr(obj, f"{PROJECT_NAME}_spec")
)

hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@dataclass
class PluginInfo:
    """What `recagent plugins` shows about one plugin, loaded or not."""

    name: str
    source: str
    version: str | None
    hooks: list[str] = field(default_factory=list)
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "source": self.source,
            "version": self.version,
            "hooks": self.hooks,
            "error": self.error,
        }


class PluginHost:
    """A plugin manager plus the policy for calling it: isolation, strict mode and load reports."""

    def __init__(self, manager: pluggy.PluginManager, *, strict: bool, settings: Settings,
                 trace: Callable[[str], None] | None = None) -> None:
        self.manager = manager
        self.strict = strict
        # The core settings until create_host has every plugin declare its own (collect_settings).
        self.settings = settings
        self.tool_owners: dict[str, str] = {}  # tool name -> the plugin that registered it (collect_tools)
        # Evaluation model name -> the plugin that registered it (collect_evaluation_models).
        self.evaluation_model_owners: dict[str, str] = {}
        # Hook tracing: every call is reported with its plugin, duration and the size of its result.
        self.trace = trace
        self._infos: dict[str, PluginInfo] = {}
        self.left_out: list[PluginInfo] = []  # installed, but not loaded by this workspace's settings

    # -- registration -------------------------------------------------------------------------------
    def register(self, plugin: object, name: str, source: str, version: str | None) -> bool:
        """Register one plugin object; on a validation failure report it and leave it out."""
        if self.manager.is_registered(plugin):  # e.g. a test registering a plugin its entry point loaded
            return True
        try:
            if name in self._infos and self._infos[name].error is None:
                raise ValueError(
                    f"a plugin named {name!r} is already registered (from {self._infos[name].source}); "
                    f"to replace it, give yours another name and add {name!r} to the disable_plugins setting"
                )
            self.manager.register(plugin, name=name)
            if self.manager.is_registered(plugin):
                self._reject_wrappers(name)
                self.manager.check_pending()
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not take the host down
            if self.manager.is_registered(plugin):
                self.manager.unregister(plugin)
            self.report_load_error(name, source, version, exc)
            return False
        self._infos[name] = PluginInfo(name, source, version, self._hooks_of(name))
        return True

    def _reject_wrappers(self, name: str) -> None:
        for hook_name, hook in vars(self.manager.hook).items():
            for impl in getattr(hook, "get_hookimpls", list)():
                if impl.plugin_name == name and (impl.hookwrapper or impl.wrapper):
                    raise pluggy.PluginValidationError(
                        impl.plugin,
                        f"hook wrappers are not supported ({hook_name}); implement the hook directly",
                    )

    def report_load_error(self, name: str, source: str, version: str | None, exc: BaseException) -> None:
        error = PluginError(name, None, exc)
        self._infos[name] = PluginInfo(name, source, version, [], str(error))
        if self.strict:
            raise error from exc
        warnings.warn(f"{error}; skipped", PluginWarning, stacklevel=3)

    def _hooks_of(self, name: str) -> list[str]:
        plugin = self.manager.get_plugin(name)
        return sorted(
            hook_name
            for hook_name in HOOK_NAMES
            if any(impl.plugin is plugin for impl in getattr(self.manager.hook, hook_name).get_hookimpls())
        )

    # -- introspection ------------------------------------------------------------------------------
    def plugins(self) -> list[PluginInfo]:
        """Every plugin the host tried to load, in load order, with its hooks or its load error."""
        return list(self._infos.values())

    def implementers(self, hook: str) -> list[str]:
        """Names of the plugins implementing `hook`, in the order they are called."""
        return [impl.plugin_name for impl in self._impls(hook)]

    def _impls(self, hook: str) -> list[pluggy.HookImpl]:
        # pluggy keeps implementations in registration order and calls them last to first.
        return list(reversed(getattr(self.manager.hook, hook).get_hookimpls()))

    # -- calling ------------------------------------------------------------------------------------
    def _call_impl(self, hook: str, impl: pluggy.HookImpl, kwargs: dict[str, Any]) -> tuple[bool, Any]:
        return self._isolated(hook, impl.plugin_name, impl.function, *[kwargs[arg] for arg in impl.argnames])

    def _isolated(self, hook: str, plugin: str, function: Callable[..., Any], *args: Any) -> tuple[bool, Any]:
        """Call a plugin's hook, or something it registered through one, reporting an exception by plugin and hook."""
        started = time.perf_counter()
        try:
            result = function(*args)
        except DataDamagedError:
            # The workspace's data is damaged, not the plugin: skipping it would pass off a partial answer.
            self._trace(hook, plugin, started, "raised DataDamagedError")
            raise
        except Exception as exc:  # noqa: BLE001 - isolation is the point
            self._trace(hook, plugin, started, f"raised {type(exc).__name__}")
            error = PluginError(plugin, hook, exc)
            if self.strict:
                raise error from exc
            warnings.warn(f"{error}; skipped", PluginWarning, stacklevel=5)
            return False, None
        self._trace(hook, plugin, started, _describe(result))
        return True, result

    def _trace(self, hook: str, plugin: str, started: float, outcome: str) -> None:
        if self.trace is not None:
            self.trace(f"trace: {hook} <- {plugin}: {1000 * (time.perf_counter() - started):.1f} ms, {outcome}")

    def call_each(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call every implementation; return (plugin name, result) for each non-None result."""
        results = []
        for impl in self._impls(hook):
            ok, result = self._call_impl(hook, impl, kwargs)
            if ok and result is not None:
                results.append((impl.plugin_name, result))
        return results

    def call_first(self, hook: str, **kwargs: Any) -> tuple[str, Any] | None:
        """Call implementations in order until one returns a non-None result."""
        for impl in self._impls(hook):
            ok, result = self._call_impl(hook, impl, kwargs)
            if ok and result is not None:
                return impl.plugin_name, result
        return None

    def call_one(self, hook: str, plugin: str, **kwargs: Any) -> Any:
        """Call one named plugin's implementation of `hook`, isolated like any other call."""
        for impl in self._impls(hook):
            if impl.plugin_name == plugin:
                return self._call_impl(hook, impl, kwargs)[1]
        raise KeyError(f"plugin {plugin!r} does not implement {hook!r}")

    def collect_tools(self, recommender: Recommender) -> dict[str, BaseTool]:
        """Every plugin's agent tools by name; a duplicate or nameless tool is rejected like a failing hook.

        Plugins register in load order (built-ins first), so a later plugin never replaces a tool: its
        duplicate is the one refused, with a warning naming both plugins.
        """
        tools: dict[str, BaseTool] = {}
        owners: dict[str, str] = {}
        for plugin in reversed(self.implementers("register_tools")):
            def register(tool: BaseTool, plugin: str = plugin) -> None:
                name = getattr(tool, "name", None)
                if not isinstance(name, str) or not name:
                    raise TypeError(f"tool {tool!r} has no name; register a LangChain tool (@tool or BaseTool)")
                if name in tools:
                    raise ValueError(f"a tool named {name!r} is already registered by plugin {owners[name]!r}")
                tools[name], owners[name] = tool, plugin

            self.call_one("register_tools", plugin, register=register, workspace=recommender.workspace,
                          recommender=recommender)
        self.tool_owners = dict(owners)
        return tools

    def collect_settings(self) -> dict[str, tuple[Setting, ...]]:
        """Every plugin's declared settings, by plugin in load order.

        A malformed setting, or a name the core or an earlier plugin already declared, is rejected like a
        failing hook: a warning names the plugin (and the other owner), and the plugin's remaining
        declarations are skipped.
        """
        owners = {setting.name: CORE for setting in SETTINGS}
        declared: dict[str, list[Setting]] = {}
        # Load order, so that a built-in keeps its names when a later plugin declares one of them again.
        for plugin in reversed(self.implementers("register_settings")):
            def register(setting: Setting, plugin: str = plugin) -> None:
                name = check_declaration(setting).name
                if name in owners:
                    taken = "a core setting" if owners[name] == CORE else f"declared by plugin {owners[name]!r}"
                    raise ValueError(
                        f"a setting named {name!r} is already {taken}; prefix yours with your plugin's name"
                    )
                owners[name] = plugin
                declared.setdefault(plugin, []).append(setting)

            self.call_one("register_settings", plugin, register=register)
        return {plugin: tuple(group) for plugin, group in declared.items()}

    def collect_evaluation_models(self, workspace: Workspace) -> dict[str, SequenceModel]:
        """Every plugin's evaluation models by name, in load order, each built for `workspace`.

        A nameless or already taken name is rejected like a failing hook, naming both plugins; a factory
        that raises or returns no model is skipped the same way (a warning naming the plugin and the
        `register_evaluation_models` hook, an error in strict mode).
        """
        from recagent.evaluation.baselines import SequenceModel

        hook = "register_evaluation_models"
        factories: dict[str, tuple[str, Callable[[Workspace], SequenceModel]]] = {}
        for plugin in reversed(self.implementers(hook)):
            def register(name: str, factory: Callable[[Workspace], SequenceModel], plugin: str = plugin) -> None:
                if not isinstance(name, str) or not name:
                    raise TypeError(f"an evaluation model needs a name, got {name!r}")
                if not callable(factory):
                    raise TypeError(f"evaluation model {name!r}: register a factory, factory(workspace) -> model")
                if name in factories:
                    raise ValueError(
                        f"an evaluation model named {name!r} is already registered by plugin {factories[name][0]!r}"
                    )
                factories[name] = (plugin, factory)

            self.call_one(hook, plugin, register=register)

        def build(name: str, factory: Callable[[Workspace], SequenceModel]) -> SequenceModel:
            model = factory(workspace)
            if not isinstance(model, SequenceModel):
                raise TypeError(f"the factory of evaluation model {name!r} returned {type(model).__name__}, not a "
                                "model with a name, fit(sequences, item_ids) and score(histories)")
            return model

        models: dict[str, SequenceModel] = {}
        for name, (plugin, factory) in factories.items():
            ok, model = self._isolated(hook, plugin, build, name, factory)
            if ok:
                models[name] = model
        self.evaluation_model_owners = {name: factories[name][0] for name in models}
        return models

    def call_chain(self, hook: str, value_arg: str, value: Any, **kwargs: Any) -> Any:
        """Pass `value` through every implementation in turn; None from a plugin keeps the value."""
        for impl in self._impls(hook):
            ok, result = self._call_impl(hook, impl, {**kwargs, value_arg: value})
            if ok and result is not None:
                value = result
        return value


def _entry_point_allowed(entry_point: importlib.metadata.EntryPoint, allowed: Sequence[str] | None) -> bool:
    if allowed is None:
        return True
    dist_name = entry_point.dist.name if entry_point.dist else ""
    wanted = {plugin_key(name) for name in allowed}
    return plugin_key(entry_point.name) in wanted or plugin_key(dist_name) in wanted


def _distribution(entry_point: importlib.metadata.EntryPoint) -> tuple[str, str | None]:
    """The source and version `recagent plugins` shows for an entry-point plugin."""
    dist = entry_point.dist
    return (dist.name, dist.version) if dist else ("entry point", None)


def installed_plugins() -> dict[str, str | None]:
    """Every plugin a workspace could load, by name, with its distribution's name (None for a built-in)."""
    names: dict[str, str | None] = {module_name.rsplit(".", 1)[-1]: None for module_name in DEFAULT_PLUGINS}
    for entry_point in _entry_points():
        names.setdefault(entry_point.name, entry_point.dist.name if entry_point.dist else entry_point.name)
    return names


def plugin_key(name: str) -> str:
    """A plugin or package name as the settings compare it: case, `_` and `-` do not matter."""
    return name.strip().lower().replace("_", "-")


def _entry_points() -> Iterable[importlib.metadata.EntryPoint]:
    seen = set()
    for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if (entry_point.name, entry_point.value) not in seen:  # one dist can be on sys.path twice
            seen.add((entry_point.name, entry_point.value))
            yield entry_point


def create_host(
    settings: Settings | None = None,
    *,
    extra_plugins: Iterable[object | tuple[str, object]] = (),
    strict: bool | None = None,
) -> PluginHost:
    """Build a plugin host: built-ins, then entry points, then `extra_plugins`, each isolated.

    Once every plugin is registered, their declared settings join the core ones in `host.settings`,
    read from the same recagent.toml, variables and overrides (a name nobody declared is a ConfigError).
    """
    settings = settings if settings is not None else load_settings()
    manager = pluggy.PluginManager(PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    trace = _stderr_line if settings.trace_hooks else None
    host = PluginHost(manager, strict=settings.strict_plugins if strict is None else strict, settings=settings,
                      trace=trace)
    disabled = {plugin_key(name) for name in settings.disable_plugins}
    left_out: list[str] = []  # for the error about a setting that only a plugin not loaded could declare
    version = _own_version()

    for module_name in DEFAULT_PLUGINS:
        name = module_name.rsplit(".", 1)[-1]
        if plugin_key(name) in disabled:
            left_out.append(name)
            host.left_out.append(PluginInfo(name, "built-in", version))
            continue
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:  # noqa: BLE001 - e.g. a missing optional dependency
            host.report_load_error(name, "built-in", version, exc)
            continue
        host.register(module, name, "built-in", version)

    for entry_point in _entry_points():
        if plugin_key(entry_point.name) in disabled or not _entry_point_allowed(
            entry_point, settings.load_plugins
        ):
            left_out.append(entry_point.name)
            host.left_out.append(PluginInfo(entry_point.name, *_distribution(entry_point)))
            continue
        source, dist_version = _distribution(entry_point)
        try:
            plugin = entry_point.load()
        except Exception as exc:  # noqa: BLE001 - an import error in a plugin must not stop the host
            host.report_load_error(entry_point.name, source, dist_version, exc)
            continue
        host.register(plugin, entry_point.name, source, dist_version)

    for extra in extra_plugins:
        name, plugin = extra if isinstance(extra, tuple) else (_unique_name(host, _plugin_name(extra)), extra)
        if plugin_key(name) not in disabled:
            host.register(plugin, name, "registered in code", None)

    failed = [info.name for info in host.plugins() if info.error]
    host.settings = settings.with_plugin_settings(host.collect_settings(), not_loaded=[*left_out, *failed])
    return host


def _stderr_line(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _describe(result: Any) -> str:
    """What a hook returned, by type and size, never its data."""
    if result is None:
        return "returned None"
    size = f"[{len(result)}]" if hasattr(result, "__len__") and not isinstance(result, str) else ""
    return f"returned {type(result).__name__}{size}"


def _own_version() -> str | None:
    try:
        return importlib.metadata.version(PROJECT_NAME)
    except importlib.metadata.PackageNotFoundError:  # a source tree that is not installed
        return None


def _unique_name(host: PluginHost, name: str) -> str:
    """Unnamed plugin objects of one class get numbered names instead of clashing."""
    taken = {info.name for info in host.plugins()}
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name}-{number}"
    return candidate


def _plugin_name(plugin: object) -> str:
    return getattr(plugin, "name", None) or getattr(plugin, "__name__", None) or type(plugin).__name__

