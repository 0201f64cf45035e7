"""`recagent train` and `recagent evaluate`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from recagent.cli.common import App, command_options, echo_json, echo_table
from recagent.evaluation.split import SPLITS

if TYPE_CHECKING:
    from recagent.evaluation import EvaluationReport


@click.command("train")
@click.option("--only", multiple=True, metavar="PLUGIN", help="Train only this plugin (repeatable): gpt, ranking...")
@click.option("--skip", multiple=True, metavar="PLUGIN", help="Do not train this plugin (repeatable).")
@click.option("--nproc", type=click.IntRange(min=1), default=None, metavar="N",
              help="Train the GPT model in N processes together (data parallel; sets gpt_processes for this run).")
@click.option("--max-minutes", type=click.FloatRange(min=0, min_open=True), default=None, metavar="M",
              help="Stop GPT training after M minutes, keeping the best model so far (sets gpt_max_minutes).")
@click.option("--json", "as_json", is_flag=True, help="Print each plugin's training summary as JSON.")
@command_options
def train_command(app: App, only: tuple[str, ...], skip: tuple[str, ...], nproc: int | None,
                  max_minutes: float | None, as_json: bool) -> None:
    """Train every plugin that implements the fit hook on the workspace's data, the ranker last.

    Each plugin trains what is worth it: BERT fine-tunes only when enough items lack categories
    (bert_fit_min_share; bert_always_fit forces it). Progress goes to stderr, one line per GPT epoch in a log.
    """
    if nproc is not None:
        app.overrides["gpt_processes"] = nproc
    if max_minutes is not None:
        app.overrides["gpt_max_minutes"] = max_minutes
    summaries = app.recommender.train(only=list(only) or None, skip=list(skip))
    if as_json:
        echo_json(summaries)
        return
    for name, summary in summaries.items():
        details = ", ".join(f"{key}={value}" for key, value in dict(summary).items())
        click.echo(f"{name}: {details or 'trained'}")


@click.command("evaluate")
@click.option("--k", "-k", "ks", multiple=True, type=click.IntRange(min=1), default=(10,), show_default=True,
              help="Cut-off for HR@K, NDCG@K and coverage (repeatable: -k 10 -k 20).")
@click.option("--model", "models", multiple=True, metavar="NAME",
              help="Evaluate only this model (repeatable): gpt, pipeline, popularity, itemknn, or one a plugin "
                   "registers (register_evaluation_models hook).")
@click.option("--sampled", default=100, show_default=True, type=click.IntRange(min=0),
              help="Candidates per user for the sampled protocol (the held-out item plus random unseen items); 0 skips it.")
@click.option("--max-users", type=click.IntRange(min=1), default=None,
              help="Evaluate a seeded sample of this many users (every user still trains).")
@click.option("--seed", default=0, show_default=True, type=int, help="Seed for user and negative sampling.")
@click.option("--split", type=click.Choice(SPLITS), default="leave-one-out", show_default=True,
              help="Hold out each user's last item, or predict from the past only (the last tenth of events).")
@click.option("--bootstrap", default=1000, show_default=True, type=click.IntRange(min=0),
              help="Resamples of the test users for 95% intervals; 0 skips them.")
@click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write report.html with plots, metrics.json and per_user.parquet into this folder.")
@click.option("--json", "as_json", is_flag=True, help="Print one object mapping each model to its metrics.")
@command_options
def evaluate_command(app: App, ks: tuple[int, ...], models: tuple[str, ...], sampled: int, max_users: int | None,
                     seed: int, split: str, bootstrap: int, report_dir: Path | None, as_json: bool) -> None:
    """Evaluate the models and baselines offline, leave-one-out or on a temporal split.

    Leave-one-out holds out each user's last item for testing and the one before for validation; every model
    ranks the whole catalog with the user's seen items excluded. Reports HR@K, NDCG@K, MRR and catalog coverage,
    with 95% bootstrap intervals.
    """
    report = app.recommender.evaluate(list(ks), list(models) or None, sampled=sampled, max_users=max_users,
                                      seed=seed, split=split, bootstrap=bootstrap)
    if as_json:
        echo_json(report.as_dict())
    else:
        _print_report(report)
    if report_dir is not None:  # after the figures are out: a missing plotting library loses none of them
        click.echo(f"\nReport: {report.write(report_dir)}", err=as_json)


def _print_report(report: EvaluationReport) -> None:
    click.echo(f"{report.split.capitalize()} on {report.users:,} users and {report.items:,} items; full ranking, "
               "seen items excluded.")
    full = [f"{name}@{k}" for k in report.ks for name in ("hr", "ndcg")] + ["mrr", "coverage"]
    headline = f"ndcg@{report.ks[0]}"
    headers = ["model", *full, f"{headline} 95%", "fit s", "score s"]
    rows = [
        [name, *(f"{metrics[key]:.4f}" for key in full), _interval(report.intervals.get(name, {}).get(headline)),
         f"{report.seconds[name]['fit']:.1f}", f"{report.seconds[name]['score']:.1f}"]
        for name, metrics in report.metrics.items()
    ]
    echo_table(headers, rows)
    if report.ranker_choice:
        click.echo(f"\nThe pipeline ranks with: {report.ranker_choice} (the ranker's choice on validation users).")
    if report.sampled:
        click.echo(f"\nSampled protocol: the held-out item among {report.sampled} candidates.")
        sampled_keys = [f"sampled_{name}@{k}" for k in report.ks for name in ("hr", "ndcg")] + ["sampled_mrr"]
        echo_table(["model", *(key.removeprefix("sampled_") for key in sampled_keys)],
                   [[name, *(f"{metrics[key]:.4f}" for key in sampled_keys)]
                    for name, metrics in report.metrics.items()])


def _interval(bounds: tuple[float, float] | None) -> str:
    return "-" if bounds is None else f"{bounds[0]:.4f}-{bounds[1]:.4f}"
