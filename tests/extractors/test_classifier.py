"""The trained classifier: reproducible training, loading, and the split."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from extractors.classifier import MODEL_DIR, POLITICAL_LABEL, load_model, predict, split_of
from extractors.topics import topic_ids
from extractors.training import train

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _small_corpus(tmp_path: Path, count: int = 12) -> Path:
    root = tmp_path / "corpus"
    (root / "gold").mkdir(parents=True)
    (root / "docs").mkdir()
    golds = sorted(p for p in (CORPUS / "gold").glob("*minutes*.json"))[:count]
    for gold in golds:
        shutil.copy(gold, root / "gold" / gold.name)
        doc = next((CORPUS / "docs").glob(f"{gold.stem}.*"))
        shutil.copy(doc, root / "docs" / doc.name)
    return root


def test_training_is_reproducible_and_the_model_loads(tmp_path):
    corpus = _small_corpus(tmp_path)
    train(corpus, tmp_path / "a", epochs=2)
    train(corpus, tmp_path / "b", epochs=2)
    for path in sorted((tmp_path / "a").rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path
    model = load_model(tmp_path / "a")
    cats = predict("Chi bộ đánh giá kết quả thực hiện nhiệm vụ tháng 10 và phân công nhiệm vụ tháng 11.", model)
    assert set(cats) == {*topic_ids(), POLITICAL_LABEL}
    assert all(0.0 <= p <= 1.0 for p in cats.values())


def test_split_is_stable_and_groups_stay_together():
    assert split_of("vi-minutes-103", {}) == split_of("vi-minutes-103", {})
    assert split_of("any-copy", {"group": "vi-minutes-103"}) == split_of("vi-minutes-103", {})
    splits = [split_of(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in (CORPUS / "gold").glob("*.json")]
    assert 0.1 < splits.count("dev") / len(splits) < 0.3


def test_shipped_model_was_trained_on_the_train_split_only():
    info = json.loads((MODEL_DIR / "TRAINING.json").read_text(encoding="utf-8"))
    for doc_id in info["train_ids"]:
        gold = json.loads((CORPUS / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
        assert split_of(doc_id, gold) == "train", doc_id
