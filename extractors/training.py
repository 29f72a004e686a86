"""Train the shipped classifier from the corpus: `chibo train` (reproducible: same corpus, same model).

Reads every gold annotation with `topics` or `political_tasks` (corpus/gold/<id>.json), loads the
document as users upload it (corpus/docs/<id>.*) through the same loaders and normaliser as
`chibo extract`, trains on the `train` split and reports the `dev` split.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from extractors.classifier import (
    MODEL_DIR,
    POLITICAL_LABEL,
    TrainingDoc,
    save_model,
    scores,
    split_of,
    train_model,
)
from extractors.loaders import load
from extractors.normalise import normalise
from extractors.topics import topic_ids


def find_document(docs_dir: Path, doc_id: str) -> Path | None:
    for suffix in (".txt", ".docx", ".pdf"):
        path = docs_dir / f"{doc_id}{suffix}"
        if path.exists():
            return path
    return None


def corpus_documents(corpus_dir: Path) -> tuple[list[TrainingDoc], list[TrainingDoc], list[str]]:
    """Return (train, dev, problems) from a corpus folder holding gold/ and docs/."""
    train: list[TrainingDoc] = []
    dev: list[TrainingDoc] = []
    problems: list[str] = []
    gold_dir, docs_dir = corpus_dir / "gold", corpus_dir / "docs"
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"no gold annotations in {gold_dir}")
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if "topics" not in gold and "political_tasks" not in gold:
            continue
        doc_id = gold_path.stem
        path = find_document(docs_dir, doc_id)
        if path is None:
            problems.append(f"{doc_id}: no document in {docs_dir} (run corpus/build.py)")
            continue
        text = normalise(load(path)).text
        political = gold.get("political_tasks")
        doc = TrainingDoc(
            doc_id=doc_id,
            text=text,
            topics=frozenset(gold.get("topics") or []),
            addressed=None if political is None else bool(political["addressed"]),
        )
        (dev if split_of(doc_id, gold) == "dev" else train).append(doc)
    return train, dev, problems


@dataclass
class DevReport:
    political_accuracy: float | None
    topic_precision: float
    topic_recall: float
    topic_f1: float
    documents: int


def score_dev(nlp, dev: list[TrainingDoc], labels: list[str], threshold: float = 0.5) -> DevReport:
    """Model-only scores on the dev split (the combined rule+model scores are in corpus/evaluate.py)."""
    predicted = scores(nlp, [d.text for d in dev])
    right = total = tp = fp = fn = 0
    for doc, cats in zip(dev, predicted, strict=True):
        if doc.addressed is not None:
            total += 1
            right += (cats[POLITICAL_LABEL] >= threshold) == doc.addressed
        found = {label for label in labels if cats[label] >= threshold}
        tp += len(found & doc.topics)
        fp += len(found - doc.topics)
        fn += len(doc.topics - found)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return DevReport(right / total if total else None, precision, recall, f1, len(dev))


def train(corpus_dir: Path, out_dir: Path = MODEL_DIR, *, epochs: int = 30, seed: int = 0) -> tuple[DevReport, dict]:
    """Train on the corpus's train split, save to `out_dir`, return the dev report and training info."""
    started = time.perf_counter()
    train_docs, dev_docs, problems = corpus_documents(corpus_dir)
    if problems:
        raise FileNotFoundError(
            "; ".join(problems[:5]) + (f" (+{len(problems) - 5} more)" if len(problems) > 5 else "")
        )
    labels = topic_ids()
    nlp = train_model(train_docs, labels, epochs=epochs, seed=seed)
    report = score_dev(nlp, dev_docs, labels)
    info = {
        "epochs": epochs,
        "seed": seed,
        "train_documents": len(train_docs),
        "dev_documents": len(dev_docs),
        "train_ids": [d.doc_id for d in train_docs],
        "dev_model_only": {
            "political_accuracy": report.political_accuracy,
            "topic_precision": round(report.topic_precision, 4),
            "topic_recall": round(report.topic_recall, 4),
            "topic_f1": round(report.topic_f1, 4),
        },
    }
    save_model(nlp, out_dir, info=info)  # TRAINING.json holds no timing: same corpus, same bytes
    return report, {**info, "seconds": round(time.perf_counter() - started, 1)}
