"""The BERT categorization plugin: fine-tuning on a generated catalog, thresholds, zero-shot, errors."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from recagent import Item, RecagentError
from recagent.errors import ConfigError
from recagent.cli import cli
from recagent.plugins.bert.backbone import backbone_path
from recagent.plugins.bert.classifier import (
    CategoryClassifier,
    TrainingOptions,
    _decide,
    _tune_thresholds,
    pooled_logits,
)
from recagent.plugins.bert.scores import f1_report
from recagent.plugins.bert.zeroshot import ZeroShotCategorizer

WORDS = {
    "Space": ["rocket", "planet", "astronaut", "galaxy", "orbit", "alien", "starship", "moon"],
    "Cooking": ["recipe", "kitchen", "chef", "bake", "soup", "oven", "flavour", "dinner"],
    "Sport": ["football", "goal", "team", "match", "coach", "stadium", "league", "score"],
}
FAST = TrainingOptions(epochs=3, batch_size=8, learning_rate=3e-4, max_length=16, trainable_layers=2, seed=1,
                       progress=False)


def generated_catalog(n_per_label: int, seed: int) -> list[Item]:
    """Items whose text is drawn from one or two labels' words: learnable, but not by a lookup table."""
    rng = random.Random(seed)
    items = []
    labels = list(WORDS)
    for number in range(n_per_label * len(labels)):
        chosen = [labels[number % len(labels)]]
        if number % 5 == 0:
            chosen.append(labels[(number + 1) % len(labels)])
        words = [rng.choice(WORDS[label]) for label in chosen for _ in range(3)]
        rng.shuffle(words)
        items.append(Item(f"i{number}", f"Story {number}", " ".join(words), tuple(chosen)))
    return items


@pytest.fixture(scope="module")
def trained() -> tuple[CategoryClassifier, dict]:
    items = generated_catalog(16, seed=3)
    return CategoryClassifier.fine_tune([f"{i.title}. {i.text}" for i in items], [i.categories for i in items],
                                        backbone_path(None), FAST)


def test_fine_tuned_classifier_beats_chance_clearly(trained) -> None:
    classifier, summary = trained
    assert classifier.multi_label and classifier.labels == ["Cooking", "Space", "Sport"]
    held_out = generated_catalog(6, seed=99)
    predicted = classifier.predict([f"{i.title}. {i.text}" for i in held_out])
    report = f1_report([i.categories for i in held_out], predicted, classifier.labels)
    # Guessing one label in three at random scores a micro-F1 near 0.4.
    assert report["micro_f1"] >= 0.8, (report, summary)
    assert summary["validation_items"] == 4 and len(summary["epochs"]) == 3


def test_save_and_load_give_the_same_predictions(trained, tmp_path) -> None:
    classifier, _ = trained
    classifier.save(tmp_path / "model")
    loaded = CategoryClassifier.load(tmp_path / "model")
    texts = ["rocket orbit moon", "chef soup oven"]
    assert loaded.predict(texts) == classifier.predict(texts)
    assert np.allclose(loaded.probabilities(texts), classifier.probabilities(texts), atol=1e-5)


def test_thresholds_are_tuned_per_label_and_nothing_confident_means_no_label() -> None:
    probabilities = np.array([[0.9, 0.2], [0.6, 0.4], [0.1, 0.35], [0.2, 0.1]])
    targets = np.array([[1, 0], [0, 1], [0, 1], [0, 0]], dtype=np.float32)
    thresholds = _tune_thresholds(probabilities, targets, multi_label=True)
    assert thresholds[0] > 0.6 and thresholds[1] <= 0.35
    decided = _decide(probabilities, np.asarray(thresholds), multi_label=True)
    assert decided.tolist() == [[True, False], [False, True], [False, True], [False, False]]
    single = _decide(np.array([[0.5, 0.5 - 1e-3], [0.15, 0.1]]), np.array([0.2, 0.2]), multi_label=False)
    assert single.tolist() == [[True, False], [False, False]]  # a single-label guess below the floor is dropped


def test_zero_shot_on_obvious_cases() -> None:
    zero = ZeroShotCategorizer(str(backbone_path(None)), ["outer space", "cooking food", "football"], threshold=0.2)
    predicted = zero.predict(["An astronaut flies a rocket to the moon.", "A chef bakes bread in the kitchen.",
                              "xq zzv"])
    assert predicted[0][0] == "outer space" and predicted[1][0] == "cooking food"
    assert predicted[2] == ()  # nothing close enough: left uncategorised


def test_errors_for_bad_training_data() -> None:
    with pytest.raises(RecagentError, match="have no text to learn from"):
        CategoryClassifier.fine_tune(["a", " ", "c", "d"], [["X"], ["Y"], ["X"], ["Y"]], backbone_path(None), FAST)
    with pytest.raises(RecagentError, match="at least two categories"):
        CategoryClassifier.fine_tune(["a", "b", "c", "d"], [["X"]] * 4, backbone_path(None), FAST)


def test_hook_categorize_items_zero_shot_at_ingest_then_fine_tuned(make_recommender) -> None:
    settings = {"bert_epochs": 3, "bert_batch_size": 8, "bert_learning_rate": 3e-4, "bert_max_length": 16,
                "bert_seed": 1, "bert_zero_shot_threshold": 0.2, "disable_plugins": "gpt"}
    rec = make_recommender(settings=settings)
    rec.ingest(items=[Item("a", "Pasta", "recipes", ("Cooking",)), Item("b", "Apollo", "rockets", ("Space",))])
    report = rec.ingest(items=[Item("n1", "Sunday", "A chef bakes a cake in a warm kitchen oven"),
                               Item("bare", "Cake Night")])  # a title alone is not enough to guess from
    assert report.categorized == 1
    stored = rec.workspace.store.get_items(["n1", "bare"])
    assert stored["n1"].categories == ("Cooking",) and stored["bare"].categories == ()

    rec.ingest(items=generated_catalog(12, seed=5))
    summary = rec.train()["bert"]  # "bare" still needs categories: the classifier is fine-tuned
    assert summary["labels"] == 3 and (rec.workspace.path / "models" / "bert" / "classifier").is_dir()
    rec.ingest(items=[Item("n3", "Story", "rocket planet galaxy orbit")])
    assert rec.workspace.store.get_items(["n3"])["n3"].categories == ("Space",)


def test_hook_fit_skips_a_catalog_without_labels_or_without_gaps(make_recommender) -> None:
    rec = make_recommender(settings={"disable_plugins": "gpt"})
    rec.ingest(items=[Item("a", "A"), Item("b", "B")])
    assert "bert" not in rec.train()  # nothing labelled to learn from
    rec.ingest(items=[Item("a", "A", categories=("X",)), Item("b", "B", categories=("Y",))])
    assert "0 of 2 items lack categories" in rec.train()["bert"]["skipped"]  # nothing to fill
    rec.ingest(items=[Item(str(n), f"T{n}", categories=("X" if n % 2 else "Y",)) for n in range(60)]
               + [Item("gap", "Gap")])
    skipped = rec.train()["bert"]["skipped"]  # one item in 63 lacks categories: minutes of fine-tuning for it?
    assert "1 of 63 items lack categories, under bert_fit_min_share (2%)" in skipped
    assert not (rec.workspace.path / "models" / "bert").exists()


def test_categorize_command_reports_changes_and_rejects_unknown_names(workspace_dir, make_recommender) -> None:
    rec = make_recommender()
    rec.ingest(items=[Item("a", "Cooking", "recipes", ("Cooking",)), Item("b", "Space", "rockets", ("Space",))])
    with rec.workspace.store.transaction():  # stored without the ingest hooks: nothing categorised them yet
        rec.workspace.store.upsert_items([Item("c", "Apollo", "An astronaut in orbit around the moon")])
    runner = CliRunner()
    base = ["--workspace", str(workspace_dir)]
    bad = runner.invoke(cli, ["categorize", "--only", "Horror", *base])
    assert bad.exit_code == 1 and "unknown category name(s) 'Horror'" in bad.output
    assert "Cooking, Space" in bad.output
    result = runner.invoke(cli, ["categorize", "--json", *base], env={"RECAGENT_BERT_ZERO_SHOT_THRESHOLD": "0.2"})
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["items"] == {"c": ["Space"]}


def test_frozen_layer_cache_matches_the_full_network() -> None:
    import torch
    from transformers import AutoTokenizer, BertForSequenceClassification

    from recagent.plugins.bert.frozen import FrozenLayerCache

    path = backbone_path(None)
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = BertForSequenceClassification.from_pretrained(path, num_labels=3).eval()
    texts = ["a rocket to the moon", "soup", "the chef bakes bread in a very hot oven tonight"]
    encoded = tokenizer(texts)["input_ids"]
    cache = FrozenLayerCache(model, encoded, tokenizer.pad_token_id, frozen_layers=4, precision="float32")
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    with torch.inference_mode():
        full_cls = model(**batch).logits
        full_mean = pooled_logits(model, model.bert(**batch).last_hidden_state, batch["attention_mask"], "mean")
        assert torch.allclose(cache.logits(model, [0, 1, 2], "cls"), full_cls, atol=1e-4)
        assert torch.allclose(cache.logits(model, [0, 1, 2], "mean"), full_mean, atol=1e-4)
    assert not torch.allclose(full_cls, full_mean, atol=1e-2)  # the two poolings are different readings


def test_bfloat16_and_float32_agree_and_old_classifiers_load_with_cls_pooling(trained, tmp_path) -> None:
    classifier, _ = trained
    texts = ["rocket orbit moon", "chef soup oven", "team goal league coach"]
    classifier.precision = "float32"
    exact = classifier.probabilities(texts)
    classifier.precision = "bfloat16"
    assert np.abs(classifier.probabilities(texts) - exact).max() < 0.05
    classifier.precision = "auto"
    with pytest.raises(ConfigError, match="bert_precision must be one of auto, float32, bfloat16"):
        CategoryClassifier(classifier.model, classifier.tokenizer, classifier.labels, [0.5] * 3, True, 16,
                           precision="half").probabilities(texts)
    classifier.save(tmp_path / "old")
    meta = json.loads((tmp_path / "old" / "categorizer.json").read_text())
    assert meta["pooling"] == "mean"
    del meta["pooling"]  # as saved before mean pooling
    (tmp_path / "old" / "categorizer.json").write_text(json.dumps(meta))
    assert CategoryClassifier.load(tmp_path / "old").pooling == "cls"


def _fit_publishing(make_recommender, monkeypatch, classifier: CategoryClassifier):
    """A workspace whose `fit` hook publishes `classifier` (fine-tuning is replaced by handing it over)."""
    import recagent.plugins.bert as bert

    monkeypatch.setattr(CategoryClassifier, "fine_tune", classmethod(lambda cls, *args, **kwargs: (classifier, {})))
    rec = make_recommender(settings={"disable_plugins": "gpt"}, strict=True)
    rec.ingest(items=[*generated_catalog(2, seed=1), Item("bare", "Bare")])  # a title only: left uncategorised
    bert.fit(rec.workspace)
    bert._loaded.clear()  # as a fresh process would: read what is on the disk
    return rec


def test_a_crash_between_the_classifier_files_keeps_the_previous_classifier(trained, make_recommender,
                                                                              monkeypatch) -> None:
    import copy

    import torch

    import recagent.plugins.bert as bert

    classifier, _ = trained
    texts = ["rocket orbit moon", "chef soup oven"]
    rec = _fit_publishing(make_recommender, monkeypatch, classifier)
    expected = bert.trained_classifier(rec.workspace).probabilities(texts)
    other = copy.deepcopy(classifier)
    with torch.no_grad():
        other.model.classifier.weight.add_(1.0)  # another model: other weights, other predictions
    monkeypatch.setattr(CategoryClassifier, "fine_tune", classmethod(lambda cls, *args, **kwargs: (other, {})))
    original = Path.write_text

    def crash_at_the_manifest(self: Path, *args: object, **kwargs: object) -> int:
        if self.name == "categorizer.json":  # written after the model's and the tokenizer's files
            raise OSError("crashed while writing categorizer.json")
        return original(self, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(Path, "write_text", crash_at_the_manifest)
        with pytest.raises(OSError, match="crashed"):
            bert.fit(rec.workspace)
    bert._loaded.clear()
    assert np.allclose(bert.trained_classifier(rec.workspace).probabilities(texts), expected, atol=1e-6)
    folder = rec.workspace.path / "models" / "bert"
    assert not [p for p in folder.rglob("*") if ".staging-" in p.name or p.name.endswith(".tmp")]


def test_a_classifier_saved_before_versions_still_loads(trained, make_recommender) -> None:
    import recagent.plugins.bert as bert

    classifier, _ = trained
    rec = make_recommender(settings={"disable_plugins": "gpt"})
    classifier.save(rec.workspace.path / "models" / "bert" / "classifier")  # files directly in the folder
    texts = ["rocket orbit moon", "chef soup oven"]
    assert bert.trained_classifier(rec.workspace).predict(texts) == classifier.predict(texts)
