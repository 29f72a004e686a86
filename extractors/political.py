"""Decide whether a meeting dealt with the cell's political tasks, and show the sentences why.

The rule (domain notes §7, corpus/README.md): the meeting reviewed the results of the unit's work
AND set or assigned the next period's tasks, in concrete terms. Rule evidence comes from anchor
phrases (data/<lang>/political.toml) in sentences made concrete by figures, named members or
deadlines; generic formulas ("hoàn thành tốt nhiệm vụ được giao") count against. A text classifier
trained on the corpus (extractors/trained/political) gives a second opinion; the two are averaged,
so every decision has sentences an analyst can read behind it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict

from extractors.datafiles import load_toml
from extractors.header import key
from models.records import PoliticalTasks, SpanFact

LANGS = ("vi", "ru", "en")
RULE_PRODUCER = "political.rules.v1"
COMBINED_PRODUCER = "political.rules+textcat.v1"
_EVIDENCE = 4
# A figure that is not a date or a document number: "418/418 học sinh", "98,7%", "140.656.000 đồng".
_FIGURE = re.compile(r"(?<![\w/.-])\d+(?:[.,]\d+)*(?:[ \t]*(?:%|/[ \t]*\d+))?(?![\w/-])")
_NAMED = re.compile(r"(?:đồng chí|đ/c|comrade|товарищ|тов\.)[ \t]+[A-ZĐÀ-ỸА-ЯЁ]", re.I)


class PoliticalData(BaseModel):
    """Schema of data/<lang>/political.toml."""

    model_config = ConfigDict(extra="forbid")
    review_cues: list[str]
    task_cues: list[str]
    generic_formulas: list[str]


@dataclass(frozen=True)
class _Patterns:
    review: re.Pattern[str]
    task: re.Pattern[str]
    generic: re.Pattern[str]


def _alt(words: Sequence[str]) -> re.Pattern[str]:
    keyed = sorted({key(w) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in keyed) + ")")


@cache
def _patterns(lang: str) -> _Patterns:
    data = load_toml(lang, "political", PoliticalData)
    return _Patterns(_alt(data.review_cues), _alt(data.task_cues), _alt(data.generic_formulas))


@dataclass(frozen=True)
class RuleEvidence:
    """What the anchor phrases found: scored review and task sentences and generic formulas."""

    review: list[tuple[float, int]]  # (strength, sentence index)
    task: list[tuple[float, int]]
    generic: int
    score: float


def _concreteness(sentence: str) -> float:
    """0..1: figures, named members, deadlines make a sentence concrete."""
    figures = len(_FIGURE.findall(sentence))
    named = len(_NAMED.findall(sentence))
    return min(1.0, 0.35 * min(figures, 2) + 0.3 * min(named, 1) + (0.3 if len(sentence) > 80 else 0.0))


_ITEM_START = re.compile(r"[ \t]*(?:[IVXivx]+[.)]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)])[ \t]")


def rule_evidence(text: str, keyed: str, sentences: Sequence[tuple[int, int]], *, lang: str) -> RuleEvidence:
    """Score the anchor-phrase evidence of a meeting's text.

    Minutes put the review and the tasks in sections ("2. Kết quả thực hiện nhiệm vụ tháng 12:" then
    bullet lines with figures; "4. Nhiệm vụ tháng 01 và phân công:" then assignments), so a sentence
    counts for a side when it carries that side's cue or sits in a section whose heading does.
    """
    patterns = _patterns(lang)
    review: list[tuple[float, int]] = []
    task: list[tuple[float, int]] = []
    generic = 0
    section: str | None = None
    for i, (start, end) in enumerate(sentences):
        k = keyed[start:end]
        line_start = start == 0 or text[start - 1] == "\n"
        is_review, is_task = bool(patterns.review.search(k)), bool(patterns.task.search(k))
        # A numbered or short heading line opens a section that lasts until the next heading.
        if line_start and (_ITEM_START.match(text, start) or end - start < 90):
            if is_review or is_task:
                section = "task" if is_task and not is_review else "review" if is_review and not is_task else "both"
            elif _ITEM_START.match(text, start) and not text[start:end].lstrip().startswith(("-", "+", "•")):
                section = None
        concrete = _concreteness(text[start:end])
        if patterns.generic.search(k):
            generic += 1
            concrete *= 0.3
        if is_review or section in ("review", "both"):
            review.append((0.3 + 0.7 * concrete, i))
        if is_task or section in ("task", "both"):
            task.append((0.3 + 0.7 * concrete, i))
    review.sort(reverse=True)
    task.sort(reverse=True)
    # Both halves are needed: the best few sentences of each, saturating.
    review_strength = 1 - math.exp(-sum(s for s, _ in review[:5]) / 1.5)
    task_strength = 1 - math.exp(-sum(s for s, _ in task[:5]) / 1.5)
    score = review_strength * task_strength * math.exp(-0.15 * generic)
    return RuleEvidence(review, task, generic, round(min(1.0, max(0.0, score)), 3))


def classify_political_tasks(
    text: str,
    *,
    lang: str,
    sentences: Sequence[tuple[int, int]],
    agenda: Sequence[SpanFact] = (),
    keyed: str | None = None,
    model_score: float | None = None,
    threshold: float = 0.5,
    rule_weight: float = 0.5,
) -> PoliticalTasks:
    """Return the decision for a meeting's text: the rule score, averaged with the classifier's
    probability when one is given, and the sentences behind it."""
    keyed = key(text) if keyed is None else keyed
    evidence = rule_evidence(text, keyed, sentences, lang=lang)
    if model_score is None:
        score, producer = evidence.score, RULE_PRODUCER
    else:
        score, producer = rule_weight * evidence.score + (1 - rule_weight) * model_score, COMBINED_PRODUCER

    def span(i: int) -> SpanFact:
        s, e = sentences[i]
        return SpanFact(text=text[s:e], start=s, end=e)

    review = [span(i) for _, i in evidence.review[:_EVIDENCE]]
    task = [span(i) for _, i in evidence.task[:_EVIDENCE]]
    best = sorted({i for _, i in evidence.review[:2]} | {i for _, i in evidence.task[:2]})
    patterns = _patterns(lang)
    items = [a for a in agenda if patterns.review.search(key(a.text)) or patterns.task.search(key(a.text))]
    return PoliticalTasks(
        addressed=score >= threshold,
        score=round(score, 3),
        rule_score=evidence.score,
        model_score=None if model_score is None else round(model_score, 3),
        evidence=[span(i) for i in best],
        review_evidence=review,
        task_evidence=task,
        agenda_items=items,
        producer=producer,
    )
