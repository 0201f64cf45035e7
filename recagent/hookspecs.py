"""The plugin contract: every hook a recagent plugin can implement.

Plugins implement these with ``@recagent.hookimpl`` and may accept any subset of a hook's arguments.
The host calls each implementation on its own, so a plugin that raises is skipped with a warning naming
the plugin and the hook (or, in strict mode, stops the operation). Each docstring says what the hook
receives, what it returns and how the results of several plugins combine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click

    from recagent.evaluation.baselines import SequenceModel
    from recagent.ingest import IngestReport
    from recagent.sdk import Recommender
    from recagent.settings import Setting
    from recagent.types import Candidate, Event, Interests, Item, RecommendRequest, ScoredItem
    from recagent.workspace import Workspace

hookspec = pluggy.HookspecMarker("recagent")


@hookspec
def preprocess_items(items: list[Item], workspace: Workspace, report: IngestReport) -> list[Item] | None:
    """Clean a batch of items before it is stored.

    Receives the batch being ingested. Returns the new batch, or None to leave it unchanged.
    Combination: chained; each plugin receives the batch the previous one returned.
    Record what was changed or dropped with ``report.count(what, n)``.
    """


@hookspec
def preprocess_events(
    events: list[Event], item_ids: Set[str], workspace: Workspace, report: IngestReport
) -> list[Event] | None:
    """Clean a batch of events before it is stored.

    ``item_ids`` holds every item id known after this ingest (the store's and the batch's).
    Returns the new batch, or None to leave it unchanged.
    Combination: chained; each plugin receives the batch the previous one returned.
    """


@hookspec
def categorize_items(
    items: list[Item], categories: Sequence[str], workspace: Workspace
) -> Mapping[str, Sequence[str]] | None:
    """Propose categories for items that have none.

    Receives only items without categories, and the catalog's own category names (those of the store
    and of the batch being ingested). Returns ``{item_id: [category, ...]}`` for the items the plugin
    is confident about (leave the others out), or None.
    Combination: all results; for each item the first plugin that returns categories for it decides.
    """


@hookspec
def catalog_updated(item_ids: Sequence[str], workspace: Workspace) -> None:
    """React to items added, changed or deleted (by an ingest or a deletion), after the write committed.

    ``item_ids`` are the ids whose stored content changed (unchanged items are left out); a deleted one is no
    longer in the catalog (``workspace.catalog.has_item`` says so). Plugins that derive data from the catalog
    (a cache of item features, say) bring it up to date here; the item index is the catalog's own and already has.
    Combination: every plugin is called; results are ignored.
    """


@hookspec(firstresult=True)
def predict_interests(history: Sequence[str], k: int, workspace: Workspace) -> Interests | None:
    """Predict what a user with this history of item ids wants next.

    ``history`` is oldest first and may belong to a user the model has never seen. Returns the top
    ``k`` scored items and a category-level interest profile, or None when the plugin cannot tell.
    Combination: first non-None result.
    """


@hookspec
def candidates(request: RecommendRequest, workspace: Workspace) -> list[ScoredItem] | None:
    """Propose candidate items for a recommendation request.

    Returns up to ``request.candidate_limit`` scored items (higher is better, on a 0..1 scale where
    possible, with a reason a person can read), or None. When ``request.exclude_seen`` is set, leave
    out the items of ``request.history``: the pipeline drops them anyway, and the list would run short.
    A source that answers ``request.query`` (not only the user's taste) says so on each item it proposes
    for it, ``ScoredItem(..., matches_query=True)``, with its relevance as the score: rankers put the
    good matches first.
    Combination: all results, merged by item id; each candidate keeps every source's score under the
    source plugin's name, and ``query_relevance``, the best score of the sources that matched the query.
    """


@hookspec(firstresult=True)
def item_vectors(item_ids: Sequence[str], workspace: Workspace) -> Mapping[str, Sequence[float]] | None:
    """Unit-length vectors for items, so that the pipeline can measure how alike two items are.

    Returns a vector for each id it knows (leave out the others), or None. Used for diversity; without
    any answer, items are compared by their categories.
    Combination: first non-None result.
    """


@hookspec(firstresult=True)
def rank(request: RecommendRequest, candidates: list[Candidate], workspace: Workspace) -> list[ScoredItem] | None:
    """Order the merged candidates for a request.

    Returns the candidates it keeps, best first, with final scores; or None to let the next ranker
    decide. Without any ranker, candidates are ordered by the sum of their sources' scores.
    Combination: first non-None result.
    """


@hookspec
def fit(workspace: Workspace) -> Mapping[str, Any] | None:
    """Train the plugin on the workspace's store and save its artifacts under the workspace.

    Use ``workspace.artifacts_dir(name)`` for files, written with ``recagent.artifacts`` so that a
    crash never leaves a half-written model: ``atomic_write_text`` for one file, ``publish_version``
    for a model of several (read back from ``current_version``). Returns a small summary (such as
    metrics and durations) for `recagent train` to print, or None.
    Combination: all results; every trainable plugin is trained in turn.
    """


@hookspec
def register_tools(register: Callable[..., None], workspace: Workspace, recommender: Recommender) -> None:
    """Add LangChain tools to the chat agent by calling ``register(tool)`` for each.

    ``recommender`` is the SDK the tools may call (``recommend``, ``search``, ``similar``, ``item`` ...).
    A tool that shows catalog items returns content and an artifact
    (``@tool(response_format="content_and_artifact")``) whose artifact is
    ``{"items": [{"id": ..., "score": ..., "reasons": [...]}], "present": True}``: the chat
    presents those items and its grounding check accepts them. The built-in tools are registered the
    same way, by the built-in plugin ``chat_tools``. To be chosen by the guided mode (the offline
    default, whose model cannot pick tools), a tool lists requests it answers in its metadata:
    ``tool.metadata = {"recagent_examples": ["what is trending this week", ...]}`` (see docs/plugins.md).
    The host rejects a tool whose name is already taken, naming both plugins.
    Combination: every plugin registers its own tools.
    """


@hookspec
def register_commands(cli: click.Group, recommender_command: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    """Add commands to the ``recagent`` command line with ``@cli.command()``.

    Decorate a command with ``@recommender_command`` (below ``@cli.command()``) to give it the common
    options (``--workspace``, ``--strict``, ``--trace``, ``--debug``), errors as one readable line, and
    the workspace's ``Recommender`` as its first argument: plugins need no import of the CLI.
    Combination: every plugin adds its own commands; a name already taken is rejected with a warning.
    """


@hookspec
def register_settings(register: Callable[[Setting], None]) -> None:
    """Declare the plugin's settings by calling ``register(Setting(name, type, default, help))`` for each.

    Called once the plugins are loaded, before any other hook. Each setting is then read like the core's:
    from the workspace's recagent.toml, ``RECAGENT_<NAME>`` and SDK overrides, parsed to its type (str,
    int, float, bool or list), shown by ``recagent settings`` under the plugin's name, and available as
    ``workspace.settings.<name>``. Prefix names with the plugin's name. The host rejects a name that
    is not a lowercase identifier or is already declared by the core or an earlier plugin, naming both.
    Combination: every plugin declares its own settings.
    """


@hookspec
def register_evaluation_models(register: Callable[[str, Callable[[Workspace], SequenceModel]], None]) -> None:
    """Offer models to ``recagent evaluate`` by calling ``register(name, factory)`` for each.

    ``factory(workspace)`` returns a model with a ``name``, ``fit(sequences, item_ids)`` (train on each
    user's sequence of catalog indices) and ``score(histories)`` (an array of scores over every item);
    the harness trains and scores each offered model on the same leave-one-out split as its baselines.
    The host rejects a name already registered, naming both plugins; a factory that raises is skipped
    with a warning naming the plugin and this hook.
    Combination: every plugin registers its own models.
    """

