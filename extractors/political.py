"""Decide whether a meeting dealt with the cell's political tasks, and show the sentences why.

The rule (domain notes §7, corpus/README.md): the meeting reviewed the results of the unit's work
AND set or assigned the next period's tasks, in concrete terms. Rule evidence comes from anchor
phrases (data/<lang>/political.toml) in sentences made concrete by figures, named members or
deadlines; generic formulas ("hoàn thành tốt nhiệm vụ được giao") count against. A text classifier
trained on the corpus (extractors/trained/political) gives a second opinion; the two are averaged,
so every decision has sentences an analyst can read behind it.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict

from extractors.datafiles import load_toml
from extractors.header import key
from extractors.regex_util import trie_pattern, word_start_trie
from models.records import PoliticalTasks, SpanFact

LANGS = ("vi", "ru", "en")
RULE_PRODUCER = "political.rules.v1"
COMBINED_PRODUCER = "political.rules+textcat.v1"
_EVIDENCE = 4
# Combination with the classifier: score = RULE_WEIGHT * rule + (1 - RULE_WEIGHT) * model >= THRESHOLD.
# Chosen with the rule-shape constants below by 5-fold cross-validation on the train split (model
# scores out of fold; 139 labelled meetings): 0.93 accuracy here, 0.89-0.93 on the plateau of weights
# 0.6-0.7 and thresholds 0.5-0.6 (rule alone 0.89, model alone 0.85).
RULE_WEIGHT = 0.7
THRESHOLD = 0.55
# Rule-score shape, chosen by 5-fold cross-validation on the train split (see rule_evidence):
_BASE = 0.15  # strength of a cue sentence with nothing concrete in it
_SATURATION = 1.5  # summed strength of the best five sentences that makes a side ~0.63
_GENERIC_PENALTY = 0.3  # per generic formula, on the log scale
_GENERIC_DAMP = 0.3  # a generic sentence keeps this share of its concreteness (and of its base)
_SECTION_SPAN = 12  # a section heading covers at most this many sentences without a new cue
_SINGLE = 0.8  # one concrete sentence carries its side at least this far (news items review in one)
_SPECIAL_FACTOR = 0.85  # an extraordinary / admission-only / thematic meeting (title words in political.toml)
_TITLE_ZONE = 600  # where the title and opening name the kind of meeting
# A figure that is not a date or a document number: "418/418 học sinh", "98,7%", "140.656.000 đồng".
# (The digit comes before the look-behind so that `re` scans for digits instead of trying every position.)
_FIGURE = re.compile(r"\d(?<=(?<![\w/.-])\d)\d*(?:[.,]\d+)*(?:[ \t]*(?:%|/[ \t]*\d+))?(?![\w/-])")
_DIGIT = re.compile(r"\d")


def _is_word(chars: str) -> bool:
    r"""Every character is one that `\w` matches (`re` takes alphanumerics and "_")."""
    return chars.isalnum() or ("_" in chars and chars.replace("_", "a").isalnum())


_NAMED = re.compile(
    r"(?i:đồng chí|đ/c|comrade|товарищ|тов\.)[ \t]+[A-ZĐÀ-ỸА-ЯЁ]"
    # an assignee after a dash: "... trước ngày 20/7 - đ/c Vũ Thị Hà", "... до 5 сентября — капитан Нонг Ван Кыонг"
    r"|[-–—][ \t]*(?:[^\W\d_]+[ \t]+){0,3}?[A-ZĐÀ-ỸА-ЯЁ][^\W\d_]*[ \t]+[A-ZĐÀ-ỸА-ЯЁ][^\W\d_]*[ \t]*[.;]?$"
)


class PoliticalData(BaseModel):
    """Schema of data/<lang>/political.toml."""

    model_config = ConfigDict(extra="forbid")
    review_cues: list[str]
    task_cues: list[str]
    generic_formulas: list[str]
    # Words right before a date that make it a deadline ("trước ngày 15/9", "by 20/6", "до 5 сентября").
    deadline_words: list[str] = []
    # Title words of a meeting that is usually no review of the unit's work (extraordinary meeting,
    # admission ceremony, thematic meeting): the rule score is scaled by `special_meeting_factor`.
    special_meeting: list[str] = []
    # Sentences that are no evidence on either side however concrete: party dues collected ("Đảng phí
    # tháng 1: thu 19 đồng chí, 285.000 đồng" is no review of the unit's work), the minutes' own title.
    not_evidence: list[str] = []
    # Month names: a figure before or after one is part of a written date, no result.
    months: list[str] = []


@dataclass(frozen=True)
class _Patterns:
    review: re.Pattern[str]
    task: re.Pattern[str]
    generic: re.Pattern[str]
    deadline: re.Pattern[str] | None
    special: re.Pattern[str] | None
    excluded: re.Pattern[str] | None
    written_date: re.Pattern[str] | None


def _alt(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(word_start_trie({key(w) for w in words}))


@cache
def _patterns(lang: str) -> _Patterns:
    data = load_toml(lang, "political", PoliticalData)
    deadline = None
    if data.deadline_words:
        words = word_start_trie({key(w) for w in data.deadline_words})
        deadline = re.compile(
            rf"{words}[ \t]+(?:the[ \t]+)?\d{{1,2}}(?:[/.]\d{{1,2}}|[ \t]+[^\W\d_]{{3,}}|(?:st|nd|rd|th)?\b)"
        )
    special = _alt(data.special_meeting) if data.special_meeting else None
    excluded = _alt(data.not_evidence) if data.not_evidence else None
    written_date = None
    if data.months:
        months = trie_pattern({key(w) for w in data.months})
        # "12 января 2024", "June 16, 2022", "ngày 12 tháng 1 năm 2024": the numbers of a written date.
        written_date = re.compile(
            rf"(?<![\w/.])\d{{1,2}}(?=[ \t]+(?:{months}))|(?<!\w)(?:{months})[ \t]+\d{{1,2}}(?![\w/])"
        )
    return _Patterns(
        _alt(data.review_cues),
        _alt(data.task_cues),
        _alt(data.generic_formulas),
        deadline,
        special,
        excluded,
        written_date,
    )


@dataclass(frozen=True)
class RuleEvidence:
    """What the anchor phrases found: scored review and task sentences and generic formulas."""

    review: list[tuple[float, int]]  # (strength, index into `sentences`)
    task: list[tuple[float, int]]
    generic: int
    score: float
    sentences: list[tuple[int, int]]  # the sentences, with those cut by a line wrap joined again


# A day and month ("20/8", "05/7/2023", "by December 15") is a deadline: it makes a task concrete, not a result.
_DAY_MONTH = re.compile(r"(?<![\w/.])(?:0?[1-9]|[12]\d|3[01])[/.](?:0?[1-9]|1[0-2])(?:[/.]\d{2,4})?(?![\w/])")


_FULL_DATE = re.compile(r"(?<![\w/.])\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?![\w/])")
# A year alone ("năm 2024", "2024 года", "in 2023") is no result either.
_YEAR = re.compile(r"(?<![\w/.,])(?:19|20)\d\d(?![\w/]|[.,]\d)")


def _concreteness(
    sentence: str, *, task: bool = False, written_date: re.Pattern[str] | None = None, keyed: str | None = None
) -> float:
    """0..1: figures, named members, deadlines make a sentence concrete. For a review sentence a
    date is no result, so only the other figures count."""
    figures = 0
    if _DIGIT.search(sentence):  # every figure and date has a digit (and key() keeps the digits where they are)
        figures = len(_FIGURE.findall(sentence))
        if task:
            figures += len(_FULL_DATE.findall(sentence))  # a deadline "trước ngày 25/3/2025" (no figure to _FIGURE)
        elif figures:
            dates = len(_DAY_MONTH.findall(sentence)) + len(_YEAR.findall(sentence))
            if written_date is not None:
                dates += len(written_date.findall(key(sentence) if keyed is None else keyed))
            figures = max(0, figures - dates)
    named = _NAMED.search(sentence) is not None
    return min(1.0, 0.35 * min(figures, 2) + 0.3 * named + (0.3 if len(sentence) > 80 else 0.0))


_ITEM_START = re.compile(r"[ \t]*(?:[IVXivx]+[.)]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)])[ \t]")
_BULLET = ("-", "+", "•", "*", "–")


def _is_heading(text: str, keyed: str, start: int, end: int, cue: re.Match[str] | None) -> bool:
    """A line that opens a section: numbered ("2. Kết quả tháng 12"), ending in a colon, in capitals,
    or short and starting with its cue ("Nhiệm vụ tháng tới", "Tasks for July:"). A table cell that
    happens to hold a cue word ("lập danh sách học sinh đạt thành tích cao") is none."""
    line = text[start:end].strip()
    if not line or line.startswith(_BULLET):
        return False
    if _ITEM_START.match(text, start) or line.endswith(":") or (line.isupper() and len(line) > 6):
        return True
    return cue is not None and end - start < 90 and cue.start() - start <= 12


class _FirstMatch:
    """`pattern.search(keyed, start, end)` for increasing, disjoint ranges, from one scan of `keyed`.

    The pattern must read nothing past its match (a look-behind and a word trie, as `_alt` builds) or,
    with `boundary`, only a `\b` right after it: then a match of the whole text that lies inside the
    range, with no earlier match running into it, is the one the range's search finds, and none there
    means the range holds none. Other cases (a match across the range's end or start; with `boundary`,
    a range that ends inside a word, where the search sees the end of a word) search the range itself.
    """

    __slots__ = ("boundary", "ends", "keyed", "matches", "next", "pattern", "starts")

    def __init__(self, pattern: re.Pattern[str], keyed: str, *, boundary: bool = False):
        self.pattern, self.keyed, self.boundary = pattern, keyed, boundary
        self.matches = list(pattern.finditer(keyed))
        self.starts = [m.start() for m in self.matches]
        self.ends = [m.end() for m in self.matches]
        self.next = 0

    def first(self, start: int, end: int) -> re.Match[str] | None:
        if self.boundary and 0 < end < len(self.keyed) and _is_word(self.keyed[end - 1 : end + 1]):
            return self.pattern.search(self.keyed, start, end)
        starts, i = self.starts, self.next
        if i < len(starts) and starts[i] < start:
            i = self.next = bisect.bisect_left(starts, start, i)
        if i and self.ends[i - 1] > start:
            return self.pattern.search(self.keyed, start, end)
        if i < len(starts) and starts[i] < end:
            if self.ends[i] <= end:
                return self.matches[i]
            return self.pattern.search(self.keyed, start, end)
        return None


def rule_evidence(text: str, keyed: str, sentences: Sequence[tuple[int, int]], *, lang: str) -> RuleEvidence:
    """Score the anchor-phrase evidence of a meeting's text.

    Minutes put the review and the tasks in sections ("2. Kết quả thực hiện nhiệm vụ tháng 12:" then
    bullet lines with figures; "4. Nhiệm vụ tháng 01 và phân công:" then assignments), so a sentence
    counts for a side when it carries that side's cue or sits in a section whose heading does. Inside
    a task section a sentence with both cues ("xây dựng báo cáo sơ kết ... trước ngày 05/7") is a task.
    """
    patterns = _patterns(lang)
    review: list[tuple[float, int]] = []
    task: list[tuple[float, int]] = []
    generic = 0
    section: str | None = None
    since_cue = 0
    sentences = _join_wrapped(text, sentences)
    # Where the sentences that are no evidence can be (one scan of the document, not one per sentence).
    excluded = [m.start() for m in patterns.excluded.finditer(keyed)] if patterns.excluded is not None else []
    next_excluded = 0
    # Each cue pattern scans the document once; _FirstMatch gives what a search of one sentence would.
    review_scan = _FirstMatch(patterns.review, keyed)
    task_scan = _FirstMatch(patterns.task, keyed)
    generic_scan = _FirstMatch(patterns.generic, keyed)
    deadline_scan = None if patterns.deadline is None else _FirstMatch(patterns.deadline, keyed, boundary=True)
    for i, (start, end) in enumerate(sentences):
        while next_excluded < len(excluded) and excluded[next_excluded] < start:
            next_excluded += 1
        line_start = start == 0 or text[start - 1] == "\n"
        review_cue, task_cue = review_scan.first(start, end), task_scan.first(start, end)
        # A cue inside the other side's longer cue is none: "kết quả thực hiện nhiệm vụ tháng 11".
        if review_cue and task_cue and review_cue.start() <= task_cue.start() < review_cue.end():
            task_cue = patterns.task.search(keyed, review_cue.end(), end)
        elif review_cue and task_cue and task_cue.start() <= review_cue.start() < task_cue.end():
            review_cue = patterns.review.search(keyed, task_cue.end(), end)
        if task_cue is None and deadline_scan is not None:
            task_cue = deadline_scan.first(start, end)
        is_review, is_task = review_cue is not None, task_cue is not None
        if line_start:
            first = min((m for m in (review_cue, task_cue) if m is not None), key=lambda m: m.start(), default=None)
            if _is_heading(text, keyed, start, end, first):
                if is_review or is_task:
                    section = "task" if is_task and not is_review else "review" if is_review and not is_task else "both"
                    since_cue = 0
                elif _ITEM_START.match(text, start) or text[start:end].strip().isupper():
                    section = None
        if is_review or is_task:
            since_cue = 0
        else:
            since_cue += 1
            if since_cue > _SECTION_SPAN:
                section = None
        if next_excluded < len(excluded) and excluded[next_excluded] < end and _excluded(patterns, keyed, start, end):
            continue  # dues collected, the title: the section goes on past it
        if start and _is_word(keyed[start - 1]):
            # A sentence cut inside a word: searched on its own, it has a word start there.
            generic_hit = patterns.generic.search(keyed[start:end]) is not None
        else:
            generic_hit = generic_scan.first(start, end) is not None
        if generic_hit:
            generic += 1
        damp = _GENERIC_DAMP if generic_hit else 1.0
        if section == "task":
            counts_review, counts_task = is_review and not is_task, True
        elif section == "review":
            counts_review, counts_task = True, is_task and not is_review
        elif section == "both" and not (is_review or is_task):
            # Under "Results of June and tasks for July": a deadline or an assignee makes a task line.
            sentence = text[start:end]
            assigned = bool(_DAY_MONTH.search(sentence) or _NAMED.search(sentence))
            counts_review, counts_task = not assigned, assigned
        else:
            counts_review, counts_task = is_review or section == "both", is_task or section == "both"
        if counts_review:
            concrete = _concreteness(text[start:end], written_date=patterns.written_date, keyed=keyed[start:end])
            review.append((damp * (_BASE + (1 - _BASE) * concrete), i))
        if counts_task:
            task.append((damp * (_BASE + (1 - _BASE) * _concreteness(text[start:end], task=True)), i))
    review.sort(reverse=True)
    task.sort(reverse=True)
    # Both halves are needed: the best few sentences of each, saturating.
    review_strength = max(
        1 - math.exp(-sum(s for s, _ in review[:5]) / _SATURATION), _SINGLE * max((s for s, _ in review), default=0)
    )
    task_strength = max(
        1 - math.exp(-sum(s for s, _ in task[:5]) / _SATURATION), _SINGLE * max((s for s, _ in task), default=0)
    )
    score = review_strength * task_strength * math.exp(-_GENERIC_PENALTY * generic)
    if patterns.special is not None and patterns.special.search(keyed, 0, min(len(keyed), _TITLE_ZONE)):
        score *= _SPECIAL_FACTOR
    return RuleEvidence(review, task, generic, round(min(1.0, max(0.0, score)), 3), list(sentences))


def _excluded(patterns: _Patterns, keyed: str, start: int, end: int) -> bool:
    return patterns.excluded is not None and patterns.excluded.search(keyed, start, end) is not None


_WRAP_WIDTH = 65
# An honorific or title abbreviation that a sentence splitter takes for a full stop.
_ABBREVIATIONS = (
    "тов.",
    "Тов.",
    "Com.",
    "com.",
    "Cde.",
    "cde.",
    "đ/c.",
    "Đ/c.",
    "нач.",
    "пров.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
)
_ABBREVIATION = re.compile(r"(?<!\w)(?:тов|Тов|Com|com|Cde|cde|đ/c|Đ/c|нач|пров|Mr|Mrs|Ms|Dr)\.$")


def _join_wrapped(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the pieces of a sentence that a hard line wrap cut (PDF text, e-mailed minutes): the
    piece ends without punctuation on a long line and the next goes on without a list mark."""
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        if (
            out
            and text.endswith(_ABBREVIATIONS, max(0, out[-1][1] - 5), out[-1][1])
            and _ABBREVIATION.search(text, max(0, out[-1][1] - 8), out[-1][1])
            and not text[out[-1][1] : start].strip()
        ):
            out[-1] = (out[-1][0], end)  # "Задачи июль: тов." + "Ли Ми Чу подготовить ...": one sentence
            continue
        if out:
            prev_start, prev_end = out[-1]
            gap = text[prev_end:start]
            nxt = text[start : start + 1]
            if (
                gap.count("\n") == 1
                and not gap.strip()
                and text[prev_end - 1 : prev_end] not in (".", ":", ";", "!", "?")
                and not _ITEM_START.match(text, start)
                and not nxt.startswith(_BULLET)
                and (nxt.islower() or prev_end - (text.rfind("\n", 0, prev_end) + 1) >= _WRAP_WIDTH)
            ):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def classify_political_tasks(
    text: str,
    *,
    lang: str,
    sentences: Sequence[tuple[int, int]],
    agenda: Sequence[SpanFact] = (),
    keyed: str | None = None,
    model_score: float | None = None,
    threshold: float = THRESHOLD,
    rule_weight: float = RULE_WEIGHT,
) -> PoliticalTasks:
    """Return the decision for a meeting's text: the rule score, averaged with the classifier's
    probability when one is given, and the sentences behind it."""
    keyed = key(text) if keyed is None else keyed
    evidence = rule_evidence(text, keyed, sentences, lang=lang)
    sentences = evidence.sentences
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
