"""BERT categorization on TMDB 5000: overviews to genres, against TF-IDF + one-vs-rest logistic regression.

Usage: python bench/bert_tmdb.py [--epochs 4] [--limit N] [--precision auto|float32|bfloat16]
One seeded 80/20 split of the movies with an overview and at least one genre (the same split for every
model). Prints micro-/macro-F1 of the fine-tuned classifier, of zero-shot similarity to the genre names and
of the TF-IDF baseline, the difference to the baseline, fine-tuning time, and inference speed on the test
overviews in the chosen precision and, for comparison, in both float32 and bfloat16.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
import time

from recagent.datasets import shared_data_dir
from recagent.plugins.bert.backbone import backbone_path, item_text
from recagent.plugins.bert.classifier import CategoryClassifier, TrainingOptions
from recagent.plugins.bert.evaluation import evaluate_categorizer, split_labelled
from recagent.plugins.bert.precision import PRECISIONS, native_bfloat16
from recagent.plugins.bert.scores import f1_report
from recagent.types import Item


def tmdb_items(limit: int | None) -> list[Item]:
    data = shared_data_dir()
    if data is None:
        sys.exit("the shared datasets (../shared/data) are absent; nothing to measure")
    with gzip.open(data / "tmdb-5000" / "tmdb_5000_movies.csv.gz", "rt", encoding="utf-8") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    items = []
    for row in rows:
        genres = tuple(g["name"] for g in json.loads(row["genres"]))
        if row["overview"].strip() and genres:
            items.append(Item(row["id"], row["title"], row["overview"], genres))
    return items[:limit] if limit else items


def tfidf_baseline(train: list[Item], test: list[Item], labels: list[str]) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer

    binarizer = MultiLabelBinarizer(classes=labels)
    y = binarizer.fit_transform([i.categories for i in train])
    vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2)
    x = vectorizer.fit_transform([item_text(i.title, i.text) for i in train])
    model = OneVsRestClassifier(LogisticRegression(max_iter=1000, C=10.0, class_weight="balanced"))
    model.fit(x, y)
    predicted = model.predict(vectorizer.transform([item_text(i.title, i.text) for i in test]))
    guesses = [tuple(label for label, flag in zip(labels, row) if flag) for row in predicted]
    return f1_report([i.categories for i in test], guesses, labels)


def inference_speed(texts: list[str], labels: list[str], precision: str) -> float:
    """Items/s of the classifier's inference over `texts` (the head's weights do not change the cost)."""
    from transformers import AutoTokenizer, BertForSequenceClassification
    from transformers.utils import logging

    logging.set_verbosity_error()
    backbone = backbone_path(None)
    model = BertForSequenceClassification.from_pretrained(backbone, num_labels=len(labels))
    classifier = CategoryClassifier(model, AutoTokenizer.from_pretrained(backbone), labels, [0.5] * len(labels),
                                    True, 128, precision=precision)
    classifier.probabilities(texts[:64])  # warm-up
    started = time.perf_counter()
    classifier.probabilities(texts)
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N movies (a quick check)")
    parser.add_argument("--precision", choices=PRECISIONS, default="auto")
    args = parser.parse_args()
    items = tmdb_items(args.limit)
    options = TrainingOptions(epochs=args.epochs, seed=0, precision=args.precision, progress=False)
    train, test = split_labelled(items, 0.2, options.seed)
    labels = sorted({c for item in train for c in item.categories})
    print(f"TMDB 5000: {len(items)} movies with overview and genres, {len(labels)} genres; "
          f"train {len(train)}, test {len(test)}")
    baseline = tfidf_baseline(train, test, labels)
    started = time.perf_counter()
    result = evaluate_categorizer(items, backbone_path(None), options)
    total = time.perf_counter() - started
    print(f"{'model':32} {'micro-F1':>9} {'macro-F1':>9}")
    print(f"{'fine-tuned BERT (MiniLM-L6)':32} {result['micro_f1']:9.4f} {result['macro_f1']:9.4f}")
    print(f"{'zero-shot (genre names)':32} {result['zero_shot_micro_f1']:9.4f} {'':>9}")
    print(f"{'TF-IDF + one-vs-rest LR':32} {baseline['micro_f1']:9.4f} {baseline['macro_f1']:9.4f}")
    print(f"BERT minus baseline, micro-F1: {result['micro_f1'] - baseline['micro_f1']:+.4f}")
    print(f"fine-tuning: {result['training']['seconds']} s for {args.epochs} epochs "
          f"({result['training']['epochs']}); whole evaluation {total:.0f} s")
    print(f"inference: {result['inference_items_per_second']} items/s (precision {args.precision}; this CPU has "
          f"bfloat16 instructions: {'yes' if native_bfloat16() else 'no'})")
    texts = [item_text(i.title, i.text) for i in test]
    for precision in ("float32", "bfloat16"):
        print(f"inference on the test overviews in {precision}: {inference_speed(texts, labels, precision):.1f} items/s")
    print("per-label F1:", json.dumps({k: round(v, 3) for k, v in result["per_label_f1"].items()}))


if __name__ == "__main__":
    main()
