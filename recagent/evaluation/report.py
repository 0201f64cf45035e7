"""An evaluation report a data scientist can read and keep: metrics with intervals, plots, per-user results.

`write_report` fills a folder with report.html (a table with 95% intervals, what the figures say, three
plots), the plots as PNG (by model, by history length, by the held-out item's popularity), metrics.json
and per_user.parquet. When the pipeline scores below one of its own components, the report says so, how sure
that is (a paired bootstrap over the same users) and where the gap lies.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from recagent.errors import RecagentError
from recagent.evaluation.uncertainty import paired_gap

if TYPE_CHECKING:
    from recagent.evaluation.harness import EvaluationReport

__all__ = ["write_report", "findings"]

PIPELINE = "pipeline"
BASELINES = ("popularity", "itemknn")
_GROUPS = 4  # history-length and popularity groups: quartiles of the test users


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise RecagentError("the report's plots need matplotlib: pip install 'recagent[report]'") from None
    matplotlib.use("Agg")  # files only, never a window
    import matplotlib.pyplot as plt

    return plt


def _groups(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Each user's group (quartiles of `values`, fewer when values repeat) and each group's label."""
    edges = np.unique(np.quantile(values, np.linspace(0, 1, _GROUPS + 1)).round())
    if len(edges) < 2:
        return np.zeros(len(values), dtype=np.int64), [f"{int(edges[0])}"]
    group = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, len(edges) - 2)
    labels = [f"{int(edges[i]) + (i > 0)}-{int(edges[i + 1])}" for i in range(len(edges) - 1)]
    return group, labels


def _metric(report: EvaluationReport) -> str:
    return f"ndcg@{report.ks[0]}"


def _by_group(report: EvaluationReport, values: np.ndarray) -> tuple[list[str], dict[str, list[float]]]:
    group, labels = _groups(values)
    metric = _metric(report)
    lines = {}
    for name in report.ranks:
        per_user = report.per_user_metrics(name)[metric]
        lines[name] = [float(per_user[group == g].mean()) if np.any(group == g) else float("nan")
                       for g in range(len(labels))]
    return labels, lines


def findings(report: EvaluationReport) -> list[str]:
    """What the figures say in words: the best model, and any component the pipeline scores below, with why."""
    metric = _metric(report)
    said = []
    scores = {name: values[metric] for name, values in report.metrics.items()}
    if scores:
        top = max(scores.values())
        best = [name for name, score in scores.items() if score == top]
        interval = report.intervals.get(best[0], {}).get(metric)
        around = f" (95% interval {interval[0]:.4f}-{interval[1]:.4f})" if interval else ""
        said.append(f"Best {metric.upper()}: {' and '.join(best)}{', tied' if len(best) > 1 else ''}, "
                    f"{top:.4f}{around}, on {report.users:,} test users.")
    if PIPELINE not in report.ranks:
        return said
    if report.ranker_choice:
        said.append(f"The pipeline ranks with: {report.ranker_choice} (the ranker's choice on validation users).")
    pipeline = report.per_user_metrics(PIPELINE)[metric]
    for name in report.ranks:
        if name in (PIPELINE, *BASELINES) or scores[name] <= scores[PIPELINE]:
            continue
        gap, (low, high) = paired_gap(pipeline, report.per_user_metrics(name)[metric])
        sure = ("a real gap: the interval excludes 0" if high < 0 else
                "within noise on these users: the interval holds 0")
        said.append(f"The pipeline scores below its component {name}: {metric.upper()} {scores[PIPELINE]:.4f} "
                    f"against {scores[name]:.4f}, a gap of {gap:+.4f} (95% interval {low:+.4f} to {high:+.4f}, "
                    f"paired over the same users), {sure}.")
        said += _why(report, name, metric)
    return said


def _why(report: EvaluationReport, component: str, metric: str) -> list[str]:
    """Where the pipeline's gap to a component lies, and what its ranker chose."""
    reasons = []
    labels, lines = _by_group(report, report.history_lengths)
    gaps = [p - c for p, c in zip(lines[PIPELINE], lines[component])]
    worst = int(np.nanargmin(gaps))
    reasons.append(f"By history length the gap is largest for users with {labels[worst]} items "
                   f"({gaps[worst]:+.4f}); elsewhere: " + ", ".join(
                       f"{label}: {gap:+.4f}" for label, gap in zip(labels, gaps) if label != labels[worst]) + ".")
    ranking = (report.training.get(PIPELINE) or {}).get("ranking") or {}
    if ranking.get("kept"):
        alone = (ranking.get("mrr_alone") or {}).get(component)
        chosen = f"The ranker kept {ranking['kept']!r} on its validation users"
        if alone is not None and ranking.get("mrr_trained") is not None:
            chosen += f" (validation MRR: trained weights {ranking['mrr_trained']:.4f}, {component} alone {alone:.4f})"
        reasons.append(chosen + "; it chose on each user's item before the test item, so a choice that wins "
                       "there can still lose on the test items.")
    return reasons


def _plot_models(plt: Any, report: EvaluationReport, path: Path) -> None:
    names = list(report.metrics)
    keys = [f"hr@{report.ks[0]}", _metric(report)]
    figure, axis = plt.subplots(figsize=(6.4, 3.2), dpi=100)
    width = 0.38
    for offset, key in enumerate(keys):
        values = np.array([report.metrics[name][key] for name in names])
        errors = None
        if all(key in report.intervals.get(name, {}) for name in names):
            low = np.array([report.intervals[name][key][0] for name in names])
            high = np.array([report.intervals[name][key][1] for name in names])
            errors = np.vstack([values - low, high - values]).clip(min=0)
        axis.bar(np.arange(len(names)) + (offset - 0.5) * width, values, width, yerr=errors, capsize=3,
                 label=key.upper())
    axis.set_xticks(np.arange(len(names)), names)
    axis.set_title("Each model, with 95% bootstrap intervals")
    axis.legend(frameon=False)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)


def _plot_groups(plt: Any, report: EvaluationReport, values: np.ndarray, title: str, xlabel: str,
                 path: Path) -> None:
    labels, lines = _by_group(report, values)
    figure, axis = plt.subplots(figsize=(6.4, 3.2), dpi=100)
    for number, (name, line) in enumerate(lines.items()):  # styles apart, so that lines that coincide both show
        axis.plot(labels, line, marker="os^Dv"[number % 5], linestyle=("-", "--", ":", "-.")[number % 4],
                  label=name)
    axis.set_title(title)
    axis.set_xlabel(xlabel)
    axis.set_ylabel(_metric(report).upper())
    axis.legend(frameon=False, fontsize=8)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)


def _html(report: EvaluationReport, said: list[str], plots: dict[str, str]) -> str:
    keys = [f"{name}@{k}" for k in report.ks for name in ("hr", "ndcg")] + ["mrr", "coverage"]
    head = "".join(f"<th>{html.escape(key.upper())}</th>" for key in keys)

    def cell(name: str, key: str) -> str:
        value = report.metrics[name][key]
        interval = report.intervals.get(name, {}).get(key)
        around = f"<br><small>{interval[0]:.4f}-{interval[1]:.4f}</small>" if interval else ""
        return f"<td>{value:.4f}{around}</td>"

    rows = "".join(f"<tr><th>{html.escape(name)}</th>{''.join(cell(name, key) for key in keys)}</tr>"
                   for name in report.metrics)
    images = "".join(f'<h2>{html.escape(title)}</h2><img src="{file}" alt="{html.escape(title)}">'
                     for title, file in plots.items())
    points = "".join(f"<li>{html.escape(line)}</li>" for line in said)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>recagent evaluation</title>
<style>body{{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3rem .5rem;text-align:right}}
img{{max-width:100%}}small{{color:#666}}</style></head><body>
<h1>Evaluation</h1>
<p>{report.split} split, full ranking with each user's seen items excluded: {report.users:,} test users,
{report.items:,} items. Under each figure, its 95% bootstrap interval over the test users.</p>
<table><tr><th>model</th>{head}</tr>{rows}</table>
<h2>What the figures say</h2><ul>{points}</ul>
{images}
<p>Each user's result is in <code>per_user.parquet</code>; the figures in <code>metrics.json</code>.</p>
</body></html>
"""


def write_report(report: EvaluationReport, folder: Path) -> Path:
    """Write the report into `folder` (created if needed); returns the path of report.html."""
    if not report.ranks:
        raise RecagentError("the evaluation scored no model, so there is nothing to report")
    plt = _pyplot()
    folder.mkdir(parents=True, exist_ok=True)
    said = findings(report)
    plots = {"Metrics by model": "by_model.png", "By history length": "by_history_length.png",
             "By the held-out item's popularity": "by_item_popularity.png"}
    _plot_models(plt, report, folder / plots["Metrics by model"])
    _plot_groups(plt, report, report.history_lengths, "By history length", "items in the user's history",
                 folder / plots["By history length"])
    _plot_groups(plt, report, report.item_popularity, "By the held-out item's popularity",
                 "users who had the held-out item in training", folder / plots["By the held-out item's popularity"])
    report.to_parquet(folder / "per_user.parquet")
    summary = {"split": report.split, "users": report.users, "items": report.items, "ks": list(report.ks),
               "metrics": report.as_dict(),
               "intervals": {name: {key: list(bounds) for key, bounds in values.items()}
                             for name, values in report.intervals.items()},
               "seconds": report.seconds, "findings": said}
    (folder / "metrics.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    page = folder / "report.html"
    page.write_text(_html(report, said, plots), encoding="utf-8")
    return page
