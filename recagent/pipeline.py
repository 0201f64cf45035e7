"""The recommendation pipeline: candidates from every source, merged, ranked, filtered and cut to k."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from recagent.errors import PluginUnavailableError, RecagentError, UnknownItemError, UnknownUserError
from recagent.filters import compile_filters
from recagent.host import PluginHost
from recagent.types import Candidate, Recommendation, RecommendRequest, ScoredItem
from recagent.workspace import Workspace

__all__ = ["recommend", "merge_candidates", "resolve_request"]


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
    unknown = [item for item in request.history if not store.has_item(item)]
    if unknown:
        raise UnknownItemError(unknown)
    history = list(dict.fromkeys([*history, *request.history]))
    return replace(request, history=tuple(history))


def merge_candidates(results: Iterable[tuple[str, list[ScoredItem]]]) -> list[Candidate]:
    """One candidate per item, keeping every source's score and reason under the source's name."""
    scores: dict[str, dict[str, float]] = {}
    reasons: dict[str, dict[str, str]] = {}
    for source, scored in results:
        for entry in scored:
            scores.setdefault(entry.item_id, {})[source] = max(
                entry.score, scores.get(entry.item_id, {}).get(source, float("-inf"))
            )
            if entry.reason:
                reasons.setdefault(entry.item_id, {})[source] = entry.reason
    return [Candidate(item_id, source_scores, reasons.get(item_id, {})) for item_id, source_scores in scores.items()]


def recommend(workspace: Workspace, host: PluginHost, request: RecommendRequest) -> list[Recommendation]:
    """Run the pipeline for one request."""
    if not host.implementers("candidates"):
        raise PluginUnavailableError("recommend", "candidates")
    request = resolve_request(workspace, request)
    keep = compile_filters(request.filters)
    candidates = merge_candidates(host.call_each("candidates", request=request, workspace=workspace))
    ranked = host.call_first("rank", request=request, candidates=candidates, workspace=workspace)
    by_id = {c.item_id: c for c in candidates}
    if ranked is None:
        order = sorted(candidates, key=lambda c: (-c.score, c.item_id))
        ranked_items = [ScoredItem(c.item_id, c.score) for c in order]
    else:
        ranked_items = list(ranked[1])

    seen = set(request.history) if request.exclude_seen else set()
    wanted = [entry for entry in ranked_items if entry.item_id not in seen]
    catalog = workspace.store.get_items([entry.item_id for entry in wanted])
    recommendations: list[Recommendation] = []
    for entry in wanted:
        item = catalog.get(entry.item_id)
        if item is None or not keep(item):  # only real catalog items are ever recommended
            continue
        candidate = by_id.get(entry.item_id)
        reasons = tuple(candidate.reasons.values()) if candidate else ()
        if entry.reason:
            reasons = (entry.reason, *reasons)
        recommendations.append(Recommendation(item, entry.score, reasons))
        if len(recommendations) == request.k:
            break
    return recommendations
