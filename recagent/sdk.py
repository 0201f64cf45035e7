"""The Python SDK: `Recommender` opens a workspace and runs ingest, build_index, train, recommend, chat, evaluate."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from recagent.catalog import Catalog
from recagent.errors import (
    AmbiguousTitleError,
    IndexNotBuiltError,
    PluginUnavailableError,
    RecagentError,
    UnknownItemError,
    UnknownUserError,
)
from recagent.filter_check import CatalogFields, check_filters
from recagent.frames import as_backend, check_backend, recommendations_table
from recagent.filters import compile_filters
from recagent.host import PluginHost, create_host
from recagent.ids import check_id, check_ids
from recagent.ingest import IngestReport, Source, ingest
from recagent.likeness import (by_kind, chosen_together, fused, held, holding_first, kin_first, title_echoes_last,
                               toward)
from recagent.model_inventory import ModelEntry, model_inventory, model_versions
from recagent.pipeline import recommend, resolve_request
from recagent.progress import progress_bar
from recagent.settings import Settings, load_settings
from recagent.titles import listed
from recagent.store import Removed, StoreStats
from recagent.catalog_facts import catalog_facts
from recagent.types import FEEDBACK_KINDS, Event, Interests, Item, Rating, Recommendation, RecommendRequest
from recagent.workspace import Workspace

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from recagent.agent import ChatAgent, ChatSession, SessionInfo
    from recagent.evaluation import EvaluationReport
    from recagent.vectorstore import IndexStatus, WriteReport

__all__ = ["Recommender"]

DIRECTION_POOL = 100  # items close to the one compared with, among which a direction ("lighter") chooses
ABOUT_SHARE = 1 / 3  # the share of those closest to a theme asked beside the comparison ("a heist movie like")
SIMILAR_POOL = 200  # items asked of each of the two lists `similar` combines
# The people read for what was chosen with an item: every one of a film of the demo catalog, a sample of a film many
# thousands chose.
CO_CHOSEN_PEOPLE = 5000
SIMILAR_NAMED = 3  # titles a reason names when an item is like several


class Recommender:
    """A workspace, its settings and its plugins, behind a few methods.

    >>> rec = Recommender.open("./recagent-data")
    >>> rec.ingest(items="movies.csv", events="ratings.csv")
    >>> rec.recommend(user="42", k=5)
    """

    def __init__(self, workspace: Workspace, host: PluginHost) -> None:
        self.workspace = workspace
        self.host = host
        workspace.host = host
        self._agents: dict[tuple[Any, str | None], ChatAgent] = {}

    @classmethod
    def open(
        cls,
        workspace: str | os.PathLike[str] | None = None,
        *,
        settings: Mapping[str, Any] | None = None,
        plugins: Iterable[object | tuple[str, object]] = (),
        strict: bool | None = None,
    ) -> Recommender:
        """Open (creating if needed) a workspace; `settings` override recagent.toml and the environment."""
        resolved: Settings = load_settings(workspace, overrides=settings)
        host = create_host(resolved, extra_plugins=plugins, strict=strict)
        return cls(Workspace(host.settings), host)  # the core settings plus those the plugins declared

    @property
    def settings(self) -> Settings:
        return self.workspace.settings

    @property
    def path(self) -> Path:
        """The workspace folder."""
        return self.workspace.path

    def close(self) -> None:
        for agent in self._agents.values():
            agent.close()
        self._agents.clear()
        self.workspace.close()

    def __enter__(self) -> Recommender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(
        self,
        items: Source | None = None,
        events: Source | None = None,
        format: str = "auto",
        *,
        columns: Mapping[str, str] | None = None,
        encoding: str | None = None,
    ) -> IngestReport:
        """Add items and events from files (CSV, JSONL, Parquet, MovieLens, S3-Rec) or from records.

        `items` may also be a MovieLens folder. `columns` maps fields to columns, e.g. {"user": "uid"}.
        The whole ingest is one transaction: on any error the store is left unchanged.
        """
        return ingest(self.workspace, self.host, items, events, fmt=format, columns=columns, encoding=encoding)

    def stats(self) -> StoreStats:
        """Counts of items, users and events in the store."""
        return self.workspace.store.stats()

    # -- the catalog ---------------------------------------------------------------------------------
    @property
    def catalog(self) -> Catalog:
        """The workspace's catalog service: items, titles, the item index and its derived views."""
        return self.workspace.catalog

    def item(self, item_id: str | int) -> Item:
        """One catalog item by id; an unknown id is an UnknownItemError."""
        return self.catalog.item(check_id(str(item_id), "item id"))

    def items(self, item_ids: Sequence[str | int]) -> list[Item]:
        """The catalog items with these ids, in the order given; unknown ids are an UnknownItemError."""
        ids = [str(item_id) for item_id in item_ids]
        check_ids(ids, "item id")
        found = self.catalog.items(ids)
        unknown = [item_id for item_id in ids if item_id not in found]
        if unknown:
            raise UnknownItemError(unknown)
        return [found[item_id] for item_id in ids]

    def ratings(self, item_ids: Sequence[str | int]) -> dict[str, Rating]:
        """How the catalog's people rated these items (events of kind "rating" with a value), by id: how many,
        their mean, and the mean adjusted for few ratings (`Rating.adjusted`, what "the best" orders by). Items
        nobody rated are left out; unknown ids are an UnknownItemError."""
        ids = [item.id for item in self.items(item_ids)]
        facts = catalog_facts(self.workspace)
        rows = {item_id: facts.position[item_id] for item_id in ids if item_id in facts.position}
        return {item_id: Rating(int(facts.rating_count[row]), float(facts.rating_mean[row]),
                                float(facts.rating_adjusted[row]))
                for item_id, row in rows.items() if facts.rating_count[row] > 0}

    def metadata_fields(self) -> dict[str, set[str]]:
        """The metadata keys the catalog's items have, with the kinds of their values ("integer", "real", "text"):
        what filters can name besides `category`, e.g. {"year": {"integer"}}."""
        return {key: set(kinds) for key, kinds in CatalogFields.of(self.catalog).fields.items()}

    def has_item(self, item_id: str | int) -> bool:
        return self.catalog.has_item(str(item_id))

    def categories(self) -> list[str]:
        """Every category name the catalog uses."""
        return self.catalog.categories()

    def find_item(self, title: str) -> Item | None:
        """The item a person means by a title ("the matrix", "Heat (1995)"), or None."""
        item_id = self.catalog.titles.lookup(title)
        return None if item_id is None else self.catalog.item(item_id)

    def find_items(self, title: str, k: int = 10) -> list[Item]:
        """Items whose title is closest to `title` as typed, typos included ("inceptoin"), best first."""
        text = str(title or "").strip()
        if not text:
            raise RecagentError("give a title, or part of one")
        return [self.catalog.item(item_id) for item_id in self.catalog.titles.closest(text, k)]

    def item_for(self, text: str | int) -> Item:
        """The one item an id or a title names; a title several items share is an AmbiguousTitleError listing them,
        and one nothing has is an UnknownItemError with the closest titles."""
        text = str(text).strip()
        if self.catalog.has_item(text):
            return self.catalog.item(text)
        titles = self.catalog.titles
        shared = titles.sharing(text)
        if len(shared) > 1:
            raise AmbiguousTitleError(text, [titles.display(item_id) + f" [id {item_id}]" for item_id in shared])
        found = titles.lookup(text)
        if found is None:
            close = [titles.display(item_id) for item_id in titles.closest(text, 3)] if text else []
            raise UnknownItemError([text], suggestions=close)
        return self.catalog.item(found)

    def search(self, query: str, k: int = 10, filters: Mapping[str, Any] | None = None) -> list[Recommendation]:
        """Items matching a text: an exact title first, then the closest in meaning (needs the item index).

        Without a built index only an exact title is found; with neither, the answer is an IndexNotBuiltError.
        """
        text = str(query or "").strip()
        if not text:
            raise RecagentError("the search query is empty; pass a title or some words")
        filters = check_filters(filters, self.catalog)
        keep = compile_filters(filters)
        found: list[Recommendation] = []
        exact = self.find_item(text)
        if exact is not None and keep(exact):
            found.append(Recommendation(exact, 1.0, ("title match",)))
        try:
            hits = self.catalog.search(text, k=k + 1, filters=filters)
        except IndexNotBuiltError:
            if found:
                return found
            raise
        items = self.catalog.items([hit.item_id for hit in hits])
        found += [Recommendation(items[hit.item_id], hit.score, ("close in meaning to your search",))
                  for hit in hits if hit.item_id in items and (exact is None or hit.item_id != exact.id)]
        return found[:k]

    def similar(self, item: str | int | Sequence[str | int], k: int = 10, filters: Mapping[str, Any] | None = None,
                *, deny: Sequence[str | int] = (), direction: str | None = None,
                about: str | None = None) -> list[Recommendation]:
        """Items most like one item (by id or title), or like several at once: close to it in meaning and chosen
        by the same people (see `recagent.likeness`); by the pipeline alone while the item index is not built.

        Several items ("like Braveheart and Saving Private Ryan") are matched as a whole: close in meaning to
        all of them together, and what the same people chose with them, not the last one alone.
        `direction` says in words what should differ ("lighter", "less confusing"): among the items like this
        one, those that also match the direction by meaning come first (a reason names the direction only where the
        item's own words hold it, `recagent.likeness.held`); `about` is a theme they should be of as well
        ("heist" for "a heist movie like Ocean's Eleven but more serious"), weighed as a direction of its own (see
        `recagent.likeness.toward`). Items that share no category with the items
        named come after those that do (`recagent.likeness.kin_first`): watched together is not alike. Items whose
        index text is only a title and categories are matched by what the same people chose and by their categories;
        an item of only a title and categories that is near for a word of its title ("The Big Hit" for "The Big
        Lebowski") comes last by meaning (`recagent.likeness.title_echoes_last`).
        """
        named = [item] if isinstance(item, (str, int)) else list(item)
        if not named:
            raise ValueError("similar needs an item, or a list of at least one")
        item_ids = list(dict.fromkeys(self.resolve_item(entry) for entry in named))
        filters = check_filters(filters, self.catalog)
        blocked = {str(entry) for entry in deny} | set(item_ids)
        names = [self.catalog.titles.display(item_id) for item_id in item_ids]
        # "like Harry Potter": eight films, two of them named in the reason.
        title = listed(names) if len(names) <= SIMILAR_NAMED else (
            f"{', '.join(names[:SIMILAR_NAMED - 1])} and {len(names) - SIMILAR_NAMED + 1} more")
        pool = max(SIMILAR_POOL, k + len(blocked))
        try:
            close = (self.catalog.similar(item_ids[0], k=pool, filters=filters) if len(item_ids) == 1
                     else self.catalog.like_history(item_ids, k=pool, filters=filters))
            meaning = [hit.item_id for hit in close if hit.item_id not in blocked]
        except IndexNotBuiltError:  # the pipeline's sequence models still know what goes with it
            asked = ", ".join(text for text in (about, direction) if text) or None
            return self.recommend(history=item_ids, query=asked, k=k, filters=filters, deny=sorted(blocked))
        together = self._chosen_with(item_ids, pool, filters, blocked)
        seeds = self.catalog.items(item_ids)
        known = {**seeds, **self.catalog.items(list(dict.fromkeys([*meaning, *together])))}
        kinds = {entry: found.categories for entry, found in known.items()}
        if together and not any(self.catalog.describes(seed) for seed in seeds.values()):
            # Nothing but a title and categories to go on: their nearest vectors are films of the same year and
            # titles sharing a word. Their kind is what the text says: what the same people chose, of the kind,
            # then those nearest vectors (of the kind, they come before what was chosen of another).
            meaning = [*by_kind(together, kinds, item_ids), *(entry for entry in meaning if entry not in together)]
        else:
            series = {other for item_id in item_ids for other in self.catalog.titles.series(item_id)}
            meaning = title_echoes_last(meaning, known, item_ids, series, self.catalog.describes,
                                        self.catalog.titles.little_known)
        ranked = fused(meaning, together)
        scores = dict(ranked)
        ranked = [(entry, scores[entry]) for entry in kin_first(list(scores), kinds, item_ids)]
        ways = [text for text in (about, direction) if text]
        said = [phrase.strip() for way in ways for phrase in way.split(",") if phrase.strip()]
        if ways and ranked:
            order = [entry for entry, _ in ranked[:DIRECTION_POOL]]
            vectors = self.catalog.vectors(order)
            closeness = [{entry: float(vectors[entry] @ wanted) for entry in order if entry in vectors}
                         for wanted in self.catalog.embed(ways)]
            if about:
                # A theme is what they are about, not a way to lean: only the items like it closest to the theme.
                # Ranked beside the rest, Spider-Man, first like Ocean's Eleven, stayed among its heist films.
                near = sorted(order, key=lambda entry: -closeness[0].get(entry, -1.0))
                kept = set(near[:max(k, round(len(near) * ABOUT_SHARE))])
                order = [entry for entry in order if entry in kept]
            # Like the item and toward the direction: "like Inception but lighter" is both; those whose own words
            # say the direction first.
            ranked = [(entry, scores[entry]) for entry in holding_first(toward(order, *closeness), known, said)]
        # The direction is named in an item's reason only where its own words hold it: ranked toward "suspenseful,
        # atmospheric, psychological", The Mask was said to be all three.
        return [Recommendation(known[entry], score, (", ".join([f"like {title}", *held(known[entry], said)]),))
                for entry, score in ranked[:k] if entry in known]

    def _chosen_with(self, item_ids: Sequence[str], k: int, filters: Mapping[str, Any] | None,
                     blocked: Collection[str]) -> list[str]:
        """The items the people who chose `item_ids` chose too, most telling first
        (`recagent.likeness.chosen_together`), that pass `filters`, none `blocked`; the first `k`."""
        counts = self.workspace.store.co_chosen(list(item_ids), CO_CHOSEN_PEOPLE)
        facts = catalog_facts(self.workspace)
        popularity = {item: float(facts.counts[facts.position[item]]) for item, _ in counts if item in facts.position}
        order = [item for item in chosen_together(counts, popularity) if item not in blocked]
        if not filters:  # nothing to test the items against: `similar` reads the ones it keeps
            return order[:k]
        keep = compile_filters(filters)
        found: list[str] = []
        for start in range(0, len(order), 4 * k):  # read in chunks until enough pass the filters
            chunk = order[start:start + 4 * k]
            items = self.catalog.items(chunk)
            found += [item for item in chunk if item in items and keep(items[item])]
            if len(found) >= k:
                break
        return found[:k]

    def resolve_item(self, item: str | int) -> str:
        """An item id from an id or a title as a person typed it; neither is an UnknownItemError."""
        text = str(item).strip()
        if text:
            check_id(text, "item id or title")
        if self.catalog.has_item(text):
            return text
        if text.lower().startswith("id ") and self.catalog.has_item(text[3:].strip()):
            return text[3:].strip()
        titles = self.catalog.titles
        found = titles.lookup(text) if text else None
        if found is None and text:
            mentions = titles.find(text)
            found = mentions[0].item_id if mentions else None
        if found is None:
            raise UnknownItemError([text])
        return found

    # -- users ---------------------------------------------------------------------------------------
    def has_user(self, user: str | int) -> bool:
        return self.workspace.store.has_user(str(user))

    def users(self, limit: int | None = None) -> list[str]:
        """Known user ids (those with events)."""
        return self.workspace.store.users(limit=limit)

    def history(self, user: str | int) -> list[str]:
        """A known user's item ids, oldest first; an unknown user is an UnknownUserError."""
        user = check_id(str(user), "user id")
        if not self.workspace.store.has_user(user):
            raise UnknownUserError(user)
        return self.workspace.store.user_history(user)

    # -- catalog operations --------------------------------------------------------------------------
    def delete_items(self, items: Sequence[str | int]) -> Removed:
        """Delete items (by id or title) with every event about them and their vectors in the item index.

        One transaction: an unknown item anywhere deletes nothing (UnknownItemError). A trained model may still
        know a deleted item, but recommendations only ever come from the catalog; `train` forgets it.
        """
        item_ids = list(dict.fromkeys(self.item_for(item).id for item in items))
        store = self.workspace.store
        with store.transaction():
            removed = store.delete_items(item_ids)
        self.catalog.items_changed()  # the vectors go now (the store listed the ids for a process killed here)
        self.host.call_each("catalog_updated", item_ids=item_ids, workspace=self.workspace)
        return removed

    def erase_user(self, user: str | int) -> Removed:
        """Erase a user: every event and feedback in the store and every chat session of theirs.

        Deleted rows are overwritten on disk, not only unlinked. Sessions started without a user name none
        and cannot be found by user. The scratch copies an evaluation made of every user's sequences
        (`models/*/evaluation`, under other names) are removed too; the next evaluation makes them again. Trained
        models learned from everyone's events together and keep no user's data by name; the next `train` learns
        without theirs. An unknown user is an UnknownUserError.
        """
        from recagent.agent.erasure import erase_user_sessions

        user = check_id(str(user), "user id")
        store = self.workspace.store
        sessions = erase_user_sessions(self.path, user, self.settings.get("store_url"))
        if not sessions and not store.has_user(user):
            raise UnknownUserError(user)
        with store.transaction():
            removed = store.erase_user(user)
        store.wipe_free_space()
        for scratch in self.workspace.models_path.glob("*/evaluation"):
            shutil.rmtree(scratch, ignore_errors=True)
        return Removed(events=removed.events, sessions=sessions)

    # -- the item index ------------------------------------------------------------------------------
    def build_index(self, *, rebuild: bool = False) -> WriteReport:
        """Embed the catalog into the item index (Chroma), as `recagent index build` does.

        Only new items and items whose text changed are embedded; an interrupted build resumes. After the
        first build, every ingest keeps the index in step (`index_on_ingest`).
        """
        return self.catalog.build_index(rebuild=rebuild)

    def index_status(self) -> IndexStatus:
        """Where the index lives, its model, and how far it is behind the catalog."""
        return self.catalog.index_status()

    def index_built(self) -> bool:
        """Whether the item index has been built, so that the catalog can be searched by meaning."""
        return self.catalog.built_index() is not None

    def models(self) -> list[ModelEntry]:
        """The models this workspace uses: the chat model, the index's embedding model, each plugin's trained one."""
        return model_inventory(self.settings)

    def model_versions(self) -> dict[str, str]:
        """The trained model each plugin serves now: its published version (`v-<n>`) or when it was saved."""
        return model_versions(self.settings)

    def train(self, *, only: Sequence[str] | None = None, skip: Sequence[str] = ()) -> dict[str, Any]:
        """Train every plugin that implements `fit` (the ranker last); returns each plugin's summary by name.

        `only` trains just the plugins named, `skip` leaves some out (`train(skip=["bert"])`). Plugins decide
        what is worth training themselves: BERT fine-tunes only when enough items lack categories
        (`bert_fit_min_share`) unless `bert_always_fit` asks for it.
        """
        trainable = self.host.implementers("fit")
        if not trainable:
            raise PluginUnavailableError("train", "fit")
        unknown = [name for name in [*(only or ()), *skip] if name not in trainable]
        if unknown:
            raise RecagentError(f"no trainable plugin is named {', '.join(map(repr, unknown))}; "
                                f"these train: {', '.join(trainable)}")
        chosen = [name for name in trainable if (only is None or name in only) and name not in skip]
        summaries = {name: self.host.call_one("fit", name, workspace=self.workspace) for name in chosen}
        return {name: summary for name, summary in summaries.items() if summary is not None}

    def interests(
        self, user: str | int | None = None, history: Sequence[str | int] | None = None, k: int = 10
    ) -> Interests:
        """What a known user, or an ad-hoc history, is predicted to want next, with a category profile."""
        if not self.host.implementers("predict_interests"):
            raise PluginUnavailableError("interests", "predict_interests")
        request = resolve_request(self.workspace, _checked(RecommendRequest(
            user=None if user is None else str(user), history=tuple(str(i) for i in history or ()), k=k)))
        result = self.host.call_first("predict_interests", history=list(request.history), k=k,
                                      workspace=self.workspace)
        return result[1] if result else Interests(items=())

    def recommend(
        self,
        user: str | int | None = None,
        history: Sequence[str | int] | None = None,
        query: str | None = None,
        k: int = 10,
        filters: Mapping[str, Any] | None = None,
        *,
        exclude_seen: bool = True,
        allow: Sequence[str | int] | None = None,
        deny: Sequence[str | int] = (),
        diversity: float = 0.0,
    ) -> list[Recommendation]:
        """Recommend k catalog items for a known user, an ad-hoc history, a query, or none (cold start).

        `filters` match metadata ({"category": "Comedy", "year": {">=": 1990}}); `allow` and `deny` are
        item ids to choose from or never show; `diversity` (0..1) trades relevance for variety. A query of
        blanks only is no query, as an empty one is.
        """
        request = RecommendRequest(
            user=None if user is None else str(user),
            history=tuple(str(item) for item in history or ()),
            query=query if query and query.strip() else None,
            k=k,
            filters=check_filters(filters, self.catalog),
            exclude_seen=exclude_seen,
            allow=None if allow is None else tuple(str(item) for item in allow),
            deny=tuple(str(item) for item in deny),
            diversity=diversity,
        )
        return recommend(self.workspace, self.host, _checked(request))

    def feedback(self, user: str | int, item: str | int, kind: str = "like", *, timestamp: float | None = None) -> None:
        """Record that a user liked, disliked or has seen an item (an event now; dislikes never count as interest)."""
        if kind not in FEEDBACK_KINDS:
            raise RecagentError(f"feedback kind must be one of {', '.join(FEEDBACK_KINDS)}, got {kind!r}")
        user, item = check_id(str(user), "user id"), check_id(str(item), "item id")
        if not user.strip():
            raise RecagentError("feedback needs a user id")
        if not self.catalog.has_item(item):
            raise UnknownItemError([item])
        event = Event(user, item, time.time() if timestamp is None else float(timestamp), kind)
        with self.workspace.store.transaction():
            self.workspace.store.add_events([event])

    def recommend_many(
        self, users: Iterable[str | int], k: int = 10, **options: Any
    ) -> Iterator[tuple[str, list[Recommendation]]]:
        """Recommendations for many known users, lazily, with a progress bar; options as for recommend()."""
        users = [str(user) for user in users]
        for user in progress_bar(users, desc="recommending", enabled=self.settings.progress, unit="user"):
            yield user, self.recommend(user=user, k=k, **options)

    def recommend_to_file(self, users: Iterable[str | int], output: str | os.PathLike[str] | TextIO, k: int = 10, *,
                          processes: int = 1, **options: Any) -> int:
        """Write recommendations for many known users to `output`: a path (Parquet when it ends in .parquet, else
        one JSON line per user; written whole or not at all) or a text stream. `processes` shares the users out
        among that many processes. Options as for recommend(); returns how many users were written."""
        from recagent.batch import write_recommendations

        return write_recommendations(self, list(users), output, k=k, processes=processes, **options)

    def recommend_frame(self, users: Iterable[str | int], k: int = 10, *, backend: str = "pandas",
                        **options: Any) -> Any:
        """Recommendations for many known users as one table: user, rank, item, title, score, reasons.

        `backend` is "pandas" or "polars" (a DataFrame) or "arrow" (a pyarrow Table); options as for recommend().
        """
        check_backend(backend)  # before the work, not after it
        return as_backend(recommendations_table(self.recommend_many(users, k=k, **options)), backend)

    def chat(self, session_id: str | None = None, user: str | int | None = None, *,
             model: BaseChatModel | str | None = None, mode: str | None = None) -> ChatSession:
        """A chat session with the recommending agent: a new one, or `session_id` resumed.

        `session.send("I loved Alien, anything like it?")` returns a reply with `.text` and `.items`;
        `session.stream(...)` yields the text as it is written. `model` is a LangChain chat model or a spec
        such as "openai:gpt-4o-mini" (default: the `chat_model` setting, the offline SmolLM2).
        """
        if session_id is not None:
            check_id(session_id, "session id")
        user = None if user is None else check_id(str(user), "user id")
        return self.chat_agent(model, mode).session(session_id, user)

    def chat_agent(self, model: BaseChatModel | str | None = None, mode: str | None = None) -> ChatAgent:
        """The chat agent for a model (built once per model and mode), which also lists and deletes sessions."""
        from recagent.agent import ChatAgent

        key = (model if isinstance(model, str) or model is None else id(model), mode)
        if key not in self._agents:
            self._agents[key] = ChatAgent(self, model, mode=mode)
        return self._agents[key]

    def chat_sessions(self, user: str | int | None = None) -> list[SessionInfo]:
        """This workspace's chat sessions, most recent first (one user's with `user`), without loading a model."""
        from recagent.agent.session_storage import session_registry

        user = None if user is None else check_id(str(user), "user id")
        registry = session_registry(self.path, self.settings.get("store_url"))
        try:
            return registry.sessions(user)
        finally:
            registry.close()

    def evaluate(
        self,
        k: int | Sequence[int] = 10,
        models: Sequence[str] | None = None,
        *,
        sampled: int = 100,
        max_users: int | None = None,
        seed: int = 0,
        split: str = "leave-one-out",
        bootstrap: int = 1000,
    ) -> EvaluationReport:
        """Offline evaluation of the models and baselines; `report.as_dict()` maps model to metrics.

        Leave-one-out: each user's last item is the test item and the one before validates the training;
        `split="temporal"` predicts, from the past only, each user's first new item after the moment that leaves
        the last tenth of the events. Every model ranks the whole catalog without the user's seen items (plus the
        sampled 100-candidate protocol). `report.intervals` holds 95% bootstrap intervals, `report.per_user()`
        each user's result as a DataFrame, and `report.write(folder)` an HTML report with plots.
        """
        from recagent.evaluation import evaluate

        ks = (k,) if isinstance(k, int) else tuple(k)
        return evaluate(self.workspace, self.host, ks=ks, models=models, sampled=sampled, max_users=max_users,
                        seed=seed, split=split, bootstrap=bootstrap)

    def __repr__(self) -> str:
        return f"Recommender({str(self.workspace.path)!r})"


def _checked(request: RecommendRequest) -> RecommendRequest:
    """The request, once every id in it is usable text (InvalidIdError otherwise)."""
    if request.user is not None:
        check_id(request.user, "user id")
    for ids in (request.history, request.allow or (), request.deny):
        check_ids(ids, "item id")
    return request
