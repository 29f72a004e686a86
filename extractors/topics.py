"""Label a document with the topics of the taxonomy it discusses, each with its evidence sentences.

Keywords per topic and language live in data/<lang>/topics.toml (ids in data/common/topics.toml) and
are matched on the folded text, so case, tone placement and lost diacritics do not matter. A topic is
"discussed" when its keywords recur across sentences, not when a word is mentioned once in passing;
the score grows with the distinct keywords and the sentences that carry them.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extractors.datafiles import load_toml
from extractors.header import key
from extractors.regex_util import trie_pattern
from models.records import Keyphrase, SpanFact, Topic

LANGS = ("vi", "ru", "en")
PRODUCER = "topics.keywords.v1"
COMBINED_PRODUCER = "topics.keywords+textcat.v1"
# Keyword score and classifier probability are averaged; a topic is kept at THRESHOLD or above.
# Chosen by 5-fold cross-validation on the train split (folds by `group`, classifier scores out of
# fold): micro-F1 0.80 at 0.3 and 0.4, 0.82 at 0.35. `political_tasks` is in most minutes and needs
# more evidence: its own threshold (0.45-0.55 alike). Without a model (documents that report no
# meeting, or no model installed) the keyword score alone decides at KEYWORD_THRESHOLD (CV of the
# keyword score alone: 0.71 at 0.35, 0.77 at 0.5): one sentence naming a topic is a passing mention.
THRESHOLD = 0.35
KEYWORD_THRESHOLD = 0.5
TOPIC_THRESHOLDS = {"political_tasks": 0.5}
# Keyword score: 1 - exp(-(distinct keywords + extra sentences + heading bonus) / _SCALE). CV over
# weights 0.5-1 per keyword and per sentence, bonus 0-2.5, scale 1.5-3.2: 0.82-0.83 wherever the
# sentences count as much as the keywords (0.817 with extra sentences at half weight, bonus 1, 2.2).
_SCALE = 3.0
_EVIDENCE = 3
# Keyphrases come from the first 20,000 characters (about 4,000 words): a resolution or minutes is
# shorter, a long report states its recurring phrases early, and the cost stays bounded on 5 MB.
_KEYPHRASE_SPAN = 20_000


class TopicEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    name_vi: str
    description: str


class TopicTaxonomy(BaseModel):
    """Schema of data/common/topics.toml."""

    model_config = ConfigDict(extra="forbid")
    topics: list[TopicEntry]


class TopicKeywords(BaseModel):
    """Schema of data/<lang>/topics.toml."""

    model_config = ConfigDict(extra="forbid")
    match: Literal["word", "prefix"]
    keywords: dict[str, list[str]]


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern[str]
    topic_of: dict[str, str]


def topic_ids() -> list[str]:
    """The stable topic ids, in taxonomy order."""
    return [t.id for t in load_toml("common", "topics", TopicTaxonomy).topics]


@cache
def _matcher(lang: str) -> _Matcher:
    data = load_toml(lang, "topics", TopicKeywords)
    known = set(topic_ids())
    unknown = set(data.keywords) - known
    if unknown:
        raise ValueError(f"data/{lang}/topics.toml: unknown topic ids {sorted(unknown)}")
    topic_of: dict[str, str] = {}
    for topic, words in data.keywords.items():
        for word in words:
            topic_of.setdefault(key(word), topic)
    tail = r"(?!\w)" if data.match == "word" else ""
    return _Matcher(re.compile(rf"(?<!\w){trie_pattern(topic_of)}{tail}"), topic_of)


def extract_topics(
    text: str,
    *,
    lang: str,
    sentences: Sequence[tuple[int, int]],
    keyed: str | None = None,
    model_scores: Mapping[str, float] | None = None,
    threshold: float = THRESHOLD,
) -> list[Topic]:
    """Return the topics the text discusses, highest score first, each with evidence sentences.

    Without a model the score is the keyword score (kept at KEYWORD_THRESHOLD); with one it is the
    mean of the keyword score and the classifier's probability (kept at THRESHOLD), so a topic needs
    both some words in the text and the model's support (or overwhelming evidence from one side).
    `threshold` is the combined threshold; a different one shifts every threshold alike."""
    keyed = key(text) if keyed is None else keyed
    hits = _keyword_hits(keyed, lang, sentences)
    headings = heading_sentences(text, sentences)
    labels = set(hits) | {label for label in (model_scores or {}) if label in _topic_set()}
    topics: list[Topic] = []
    for topic in labels:
        by_sentence = hits.get(topic, {})
        score = topic_score(by_sentence, headings)
        producer, base = PRODUCER, KEYWORD_THRESHOLD
        if model_scores is not None and topic in model_scores:
            score, producer, base = (score + model_scores[topic]) / 2, COMBINED_PRODUCER, THRESHOLD
        # Per-topic thresholds are offsets from THRESHOLD; a caller's threshold shifts them all alike.
        if score < base + TOPIC_THRESHOLDS.get(topic, THRESHOLD) - THRESHOLD + (threshold - THRESHOLD):
            continue
        best = sorted(by_sentence, key=lambda i: (-len(by_sentence[i]), i))[:_EVIDENCE]
        evidence = [
            SpanFact(text=text[sentences[i][0] : sentences[i][1]], start=sentences[i][0], end=sentences[i][1])
            for i in sorted(best)
        ]
        topics.append(Topic(label=topic, score=round(score, 3), evidence=evidence, producer=producer))
    return sorted(topics, key=lambda t: (-t.score, t.label))


def _keyword_hits(keyed: str, lang: str, sentences: Sequence[tuple[int, int]]) -> dict[str, dict[int, set[str]]]:
    """topic -> sentence index -> the keywords found in that sentence."""
    matcher = _matcher(lang)
    starts = [s for s, _ in sentences]
    hits: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for match in matcher.pattern.finditer(keyed):
        word = match.group()
        topic = matcher.topic_of.get(word) or next((t for w, t in matcher.topic_of.items() if word.startswith(w)), None)
        if topic is None:
            continue
        i = bisect.bisect_right(starts, match.start()) - 1
        if i >= 0 and match.start() < sentences[i][1]:
            hits[topic][i].add(word)
    return hits


@cache
def _topic_set() -> frozenset[str]:
    return frozenset(topic_ids())


_HEADING = re.compile(r"[ \t]*(?:[IVX]+[.)]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[-–•+*])?[ \t]*\S")
_NUMBERED = re.compile(r"[ \t]*(?:[IVX]+[.)]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)])[ \t]")
_HEADING_BONUS = 2.0


def heading_sentences(text: str, sentences: Sequence[tuple[int, int]]) -> frozenset[int]:
    """Sentences that are an agenda item or a section heading: a numbered line ("3. Thu đảng phí"),
    a line in capitals, or a short line ending in a colon. A topic named there was on the agenda."""
    out = set()
    for i, (start, end) in enumerate(sentences):
        if start and text[start - 1] != "\n":
            continue
        line = text[start:end].strip()
        if (
            _NUMBERED.match(text, start)
            or (line.isupper() and len(line) > 6)
            or (line.endswith(":") and len(line) < 100)
        ):
            out.add(i)
    return frozenset(out)


def topic_score(by_sentence: dict[int, set[str]], headings: frozenset[int] = frozenset()) -> float:
    """1 - exp(-(distinct keywords + extra sentences + agenda bonus) / scale): one passing
    mention stays low (0.28), a topic that recurs over sentences or heads an agenda item or a
    section grows (a heading and one keyword: 0.63)."""
    distinct = len(set().union(*by_sentence.values())) if by_sentence else 0
    raw = distinct + max(0, len(by_sentence) - 1)
    if headings and any(i in headings for i in by_sentence):
        raw += _HEADING_BONUS
    return 1.0 - math.exp(-raw / _SCALE)


# ---------------------------------------------------------------- keyphrases

_PHRASE_WORD = re.compile(r"[^\W\d_]+")


@cache
def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(key(w) for w in load_toml(lang, "keyphrases", KeyphraseData).stopwords)


@cache
def _phrase_run(lang: str) -> re.Pattern[str]:
    """`min_words` or more content words (two letters or more, no stopword) separated by spaces only
    (a punctuation mark, a digit, a stopword ends a phrase): each match is a run of a phrase's words."""
    more = max(0, load_toml(lang, "keyphrases", KeyphraseData).min_words - 1)
    stop = sorted(w for w in _stopwords(lang) if _PHRASE_WORD.fullmatch(w))  # others are never a word
    short = r"[^\W\d_](?![^\W\d_])"
    content = rf"(?!{trie_pattern(stop)}(?![^\W\d_])|{short})[^\W\d_]+" if stop else rf"(?!{short})[^\W\d_]+"
    return re.compile(rf"(?<![^\W\d_]){content}(?:\s+{content}){{{more},}}")


_RUN_END = "\x00"  # between the words of two runs: no word is one


class KeyphraseData(BaseModel):
    """Schema of data/<lang>/keyphrases.toml."""

    model_config = ConfigDict(extra="forbid")
    stopwords: list[str]
    min_words: int
    max_words: int


def extract_keyphrases(text: str, *, lang: str, keyed: str | None = None, limit: int = 10) -> list[Keyphrase]:
    """Return the phrases that recur in the document: runs of 2-4 content words between stopwords,
    scored by frequency times length, first occurrence as the span."""
    keyed = (key(text) if keyed is None else keyed)[:_KEYPHRASE_SPAN]
    data = load_toml(lang, "keyphrases", KeyphraseData)
    runs = list(_phrase_run(lang).finditer(keyed))
    # The words of all runs, one list (split in one go), a _RUN_END after each run.
    flat = f" {_RUN_END} ".join(map(re.Match.group, runs)).split()
    counts: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}
    for n in range(data.min_words, data.max_words + 1):
        grams = list(zip(*(flat[i:] for i in range(n)), strict=False))
        recurring = [(gram, c) for gram, c in Counter(grams).items() if c >= 2 and _RUN_END not in gram]
        if not recurring:
            continue
        # Reversed, so the first occurrence of a gram is the place the dict keeps.
        where = dict(zip(reversed(grams), range(len(grams) - 1, -1, -1), strict=True))
        for gram, c in recurring:
            phrase = " ".join(gram)
            counts[phrase] = c
            first[phrase] = (where[gram], n)
    scored = [(count * (1 + 0.5 * (phrase.count(" "))), phrase) for phrase, count in counts.items()]
    # Equal scores: the earlier first occurrence, then the shorter phrase.
    scored.sort(key=lambda item: (-item[0], first[item[1]]))
    chosen: list[Keyphrase] = []
    chosen_keys: list[str] = []
    for score, phrase in scored:
        if any(phrase in c_key or c_key in phrase for c_key in chosen_keys):
            continue
        at, n = first[phrase]
        run_start = at
        while run_start and flat[run_start - 1] != _RUN_END:
            run_start -= 1
        run = runs[flat[:run_start].count(_RUN_END)]
        words = list(_PHRASE_WORD.finditer(keyed, run.start(), run.end()))
        s, e = words[at - run_start].start(), words[at - run_start + n - 1].end()
        chosen.append(Keyphrase(text=text[s:e], start=s, end=e, score=round(score, 2), count=counts[phrase]))
        chosen_keys.append(key(chosen[-1].text))
        if len(chosen) == limit:
            break
    return chosen
