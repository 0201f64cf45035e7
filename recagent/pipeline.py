"""The recommendation pipeline: candidates from every source, merged, ranked, filtered and cut to k."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

from recagent.errors import PluginUnavailableError, RecagentError, UnknownItemError, UnknownUserError
from recagent.diversity import mmr_order, similarity_matrix
from recagent.filters import compile_filters
from recagent.host import PluginHost
from recagent.types import Candidate, Item, Recommendation, RecommendRequest, ScoredItem
from recagent.workspace import Workspace

__all__ = ["recommend", "merge_candidates", "resolve_request", "gather_candidates", "rank_candidates"]


def resolve_request(workspace: Workspace, request: RecommendRequest) -> RecommendRequest:
    """Check the request and add a known user's stored history before the ad-hoc one."""
    if not isinstance(request.k, int) or isinstance(request.k, bool) or request.k < 1:
        raise RecagentError(f"k must be a whole number of at least 1, got {request.k!r}")
    store = workspace.store
    history: list[str] = []
    if request.user is not None:
        if store.has_user(request.user):
            history = store.user_history(request.user)
        elif not request.history:
            raise UnknownUserError(request.user)
    mentioned = [*request.history, *(request.allow or ()), *request.deny]
    unknown = list(dict.fromkeys(item for item in mentioned if not store.has_item(item)))
    if unknown:
        raise UnknownItemError(unknown)
    history = list(dict.fromkeys([*history, *request.history]))
    return replace(request, history=tuple(history))


def merge_candidates(results: Iterable[tuple[str, list[ScoredItem]]]) -> list[Candidate]:
    """One candidate per item, keeping every source's score and reason under the source's name."""
    scores: dict[str, dict[str, float]] = {}
    reasons: dict[str, dict[str, str]] = {}
    relevance: dict[str, float] = {}
    for source, scored in results:
        for entry in scored:
            if entry.matches_query:
                relevance[entry.item_id] = max(entry.score, relevance.get(entry.item_id, entry.score))
            per_item = scores.get(entry.item_id)
            if per_item is None:
                per_item = scores[entry.item_id] = {}
            previous = per_item.get(source)
            if previous is None or entry.score > previous:
                per_item[source] = entry.score
                if entry.reason:
                    reasons.setdefault(entry.item_id, {})[source] = entry.reason
    return [Candidate(item_id, source_scores, reasons.get(item_id, {}), relevance.get(item_id))
            for item_id, source_scores in scores.items()]


def gather_candidates(
    workspace: Workspace, host: PluginHost, request: RecommendRequest, *, skip: Collection[str] = ()
) -> list[Candidate]:
    """Every candidate source's proposals, merged; sources named in `skip` are not asked."""
    results = [
        (name, proposed)
        for name, proposed in host.call_each("candidates", request=request, workspace=workspace)
        if name not in skip
    ]
    candidates = merge_candidates(results)
    if request.allow is not None:  # allowed items nobody proposed still get ranked
        proposed_ids = {c.item_id for c in candidates}
        candidates += [Candidate(item_id, {}) for item_id in request.allow if item_id not in proposed_ids]
    return candidates


def rank_candidates(
    workspace: Workspace, host: PluginHost, request: RecommendRequest, candidates: list[Candidate]
) -> list[ScoredItem]:
    """The first ranker's order, or the candidates by their summed source scores when no ranker answers."""
    ranked = host.call_first("rank", request=request, candidates=candidates, workspace=workspace)
    if ranked is not None:
        return list(ranked[1])
    return [ScoredItem(c.item_id, c.score) for c in sorted(candidates, key=lambda c: (-c.score, c.item_id))]


def recommend(workspace: Workspace, host: PluginHost, request: RecommendRequest) -> list[Recommendation]:
    """Run the pipeline for one request: candidates, ranking, exclusions and filters, diversity, k."""
    if not host.implementers("candidates"):
        raise PluginUnavailableError("recommend", "candidates")
    if not 0.0 <= request.diversity <= 1.0:
        raise RecagentError(f"diversity must be between 0 and 1, got {request.diversity!r}")
    request = resolve_request(workspace, request)
    keep = compile_filters(request.filters)
    candidates = gather_candidates(workspace, host, request)
    by_id = {c.item_id: c for c in candidates}
    ranked = rank_candidates(workspace, host, request, candidates)

    blocked = set(request.deny) | (set(request.history) if request.exclude_seen else set())
    allowed = set(request.allow) if request.allow is not None else None
    wanted = [e for e in ranked if e.item_id not in blocked and (allowed is None or e.item_id in allowed)]
    # Diversity re-orders a wider pool than k: the best few times k that pass every filter.
    pool_size = request.k if request.diversity == 0 else max(5 * request.k, 50)
    pool: list[tuple[ScoredItem, Item]] = []
    for start in range(0, len(wanted), 2 * pool_size):  # read items a slice at a time: most are never needed
        chunk = wanted[start:start + 2 * pool_size]
        catalog = workspace.store.get_items([entry.item_id for entry in chunk])
        for entry in chunk:
            item = catalog.get(entry.item_id)
            if item is not None and keep(item) and len(pool) < pool_size:  # only real catalog items
                pool.append((entry, item))
        if len(pool) == pool_size:
            break
    if request.diversity > 0 and len(pool) > 1:
        items = [item for _, item in pool]
        ids = [item.id for item in items]
        answer = host.call_first("item_vectors", item_ids=ids, workspace=workspace)
        # Without a plugin's vectors, the catalog's own index vectors (then categories) measure likeness.
        vectors = answer[1] if answer else workspace.catalog.vectors(ids) or None
        similarity = similarity_matrix(items, vectors)
        order = mmr_order([entry.score for entry, _ in pool], similarity, request.diversity, request.k)
        pool = [pool[i] for i in order]

    recommendations = []
    for entry, item in pool[: request.k]:
        candidate = by_id.get(entry.item_id)
        reasons = list(candidate.reasons.values()) if candidate else []
        if entry.reason:
            reasons.insert(0, entry.reason)
        recommendations.append(Recommendation(item, entry.score, tuple(dict.fromkeys(reasons))))
    return recommendations
