"""The trained text classifier of chibo: topics and "addressed political tasks" as one spaCy model.

One `textcat_multilabel` over bag-of-words unigrams and bigrams (spaCy's TextCatBOW) scores the 14
topic labels and `POLITICAL_TASKS_ADDRESSED` at once. It reads the folded text (lower case, one tone
placement), so case and tone-placement variants are the same feature, and one model serves all three
languages: their vocabularies do not overlap. It runs on the CPU in milliseconds per document, ships
in `extractors/trained/meetings` (about 2 MB) and is rebuilt from the corpus by `chibo train`.

The model is a second opinion: extractors/political.py and extractors/topics.py combine its
probabilities with rule evidence, so every decision still points at sentences an analyst can read.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

import extractors.nlp  # noqa: F401 - registers chibo.RegexTokenizer.v1 before a model is loaded
from extractors.normalise import fold

MODEL_DIR = Path(__file__).parent / "trained" / "meetings"
POLITICAL_LABEL = "POLITICAL_TASKS_ADDRESSED"
# Hashed feature table per label: 2**15 rows keep the shipped model near 2 MB for 15 labels.
_BOW_LENGTH = 2**15
_MAX_CHARS = 30_000  # the gist: minutes run 3-20k characters; a 200 kB appendix adds cost, not signal


def model_text(text: str) -> str:
    """What the classifier reads: the folded text, cut to a bounded length."""
    return fold(text[:_MAX_CHARS])


@cache
def load_model(path: Path = MODEL_DIR) -> Language | None:
    """Return the shipped classifier, or None when none is installed (rules alone then decide)."""
    if not (path / "meta.json").exists():
        return None
    return spacy.load(path)


def predict(text: str, model: Language | None = None) -> dict[str, float] | None:
    """Return label -> probability for a document's text, or None without a model."""
    model = model or load_model()
    if model is None:
        return None
    return dict(model(model_text(text)).cats)


def split_of(doc_id: str, gold: dict) -> str:
    """`dev` for one fifth of the corpus, `train` for the rest, fixed by a hash of the document's
    group: near-copies of a document (`"group"` in the gold) fall in the same split as the original."""
    group = gold.get("group") or doc_id
    return "dev" if int(hashlib.sha1(group.encode()).hexdigest(), 16) % 5 == 0 else "train"


@dataclass(frozen=True)
class TrainingDoc:
    """One labelled document: its normalised text and gold labels."""

    doc_id: str
    text: str
    topics: frozenset[str]
    addressed: bool | None  # None: the document has no political-task label


def labels_of(doc: TrainingDoc, topic_ids: Sequence[str]) -> dict[str, float]:
    cats = {label: float(label in doc.topics) for label in topic_ids}
    if doc.addressed is not None:
        cats[POLITICAL_LABEL] = float(doc.addressed)
    return cats


def build_model(topic_ids: Sequence[str]) -> Language:
    """A blank multilingual pipeline with the regex tokenizer and the multilabel classifier."""
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "chibo.RegexTokenizer.v1"}}})
    textcat = nlp.add_pipe(
        "textcat_multilabel",
        config={
            "threshold": 0.5,
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": False,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": _BOW_LENGTH,
            },
        },
    )
    for label in [*topic_ids, POLITICAL_LABEL]:
        textcat.add_label(label)
    return nlp


def train_model(
    docs: Sequence[TrainingDoc], topic_ids: Sequence[str], *, epochs: int = 30, seed: int = 0, dropout: float = 0.2
) -> Language:
    """Train the classifier on labelled documents; deterministic for a seed."""
    if not docs:
        raise ValueError("no training documents: is the corpus there (corpus/gold, corpus/docs)?")
    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = build_model(topic_ids)
    examples = [Example.from_dict(nlp.make_doc(model_text(d.text)), {"cats": labels_of(d, topic_ids)}) for d in docs]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=8):
            nlp.update(batch, sgd=optimizer, drop=dropout, losses={})
    return nlp


def save_model(nlp: Language, path: Path, *, info: dict) -> None:
    """Write the model and a TRAINING.json saying what it was trained on."""
    path.mkdir(parents=True, exist_ok=True)
    nlp.meta["name"] = "chibo_meetings"
    nlp.meta["description"] = "chibo topic and political-task classifier (bag of words), trained by `chibo train`"
    nlp.to_disk(path)
    (path / "TRAINING.json").write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def scores(nlp: Language, texts: Iterable[str]) -> list[dict[str, float]]:
    """Probabilities for many texts (training and evaluation)."""
    return [dict(doc.cats) for doc in nlp.pipe(model_text(t) for t in texts)]
