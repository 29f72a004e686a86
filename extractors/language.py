"""Detect the language of a document (vi, ru, en) from letters and frequent words.

Works on short and mixed texts: Russian and English renderings quote Latin document numbers and
Vietnamese names, Vietnamese text quotes English. Each word votes once: a word with Cyrillic letters
for ru, a word with Vietnamese letters for vi, a frequent unmarked word for its language (weaker).
Tokens with digits ("21-NQ/TW") vote for nobody.
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict

from extractors.datafiles import load_toml
from models.records import Language

LANGUAGES: tuple[Language, ...] = ("vi", "ru", "en")
_WORD = re.compile(r"[^\W\d_]+")
# Document numbers and dates ("30/2020/NĐ-CP") are symbols, not words of any language.
_SYMBOLIC = re.compile(r"\d[\w./\-–]*")
# Cap the sample: the first 8,000 characters (~1,500 words) decide as well as the whole of a long
# document, and detection stays ~1 ms.
_SAMPLE = 8_000
_UNMARKED_WEIGHT = 0.6
# Other Latin words without diacritics: a Vietnamese-shaped syllable ("hanh", "Than") leans vi, any
# other word ("district", "held") leans en. Weak votes: names and symbols are everywhere.
_VI_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")
_SHAPE_WEIGHT = {"vi": 0.15, "en": 0.3}


class LanguageData(BaseModel):
    """Schema of data/<lang>/language.toml."""

    model_config = ConfigDict(extra="forbid")
    letters: str
    unmarked_words: list[str]


@cache
def _signals() -> tuple[dict[str, str], dict[str, str]]:
    letter_lang: dict[str, str] = {}
    word_lang: dict[str, str] = {}
    for lang in LANGUAGES:
        data = load_toml(lang, "language", LanguageData)
        for ch in data.letters:
            letter_lang.setdefault(ch, lang)
        for word in data.unmarked_words:
            word_lang.setdefault(word, lang)
    return letter_lang, word_lang


_VOTE_MEMO: dict[str, tuple[str | None, float]] = {}
_MEMO_LIMIT = 200_000


def _vote(token: str, letter_lang: dict[str, str], word_lang: dict[str, str]) -> tuple[str | None, float]:
    """The language a word votes for and the weight of its vote (words repeat: memoised)."""
    word = token.lower()
    lang = next((letter_lang[ch] for ch in word if ch in letter_lang), None)
    if lang:
        return lang, 1.0
    if word in word_lang:
        return word_lang[word], _UNMARKED_WEIGHT
    if word.isascii() and not (len(word) <= 5 and token.isupper()):  # symbols: NQ, TW, KH
        shape = "vi" if _VI_SYLLABLE.fullmatch(word) else "en"
        return shape, _SHAPE_WEIGHT[shape]
    return None, 0.0


def language_scores(text: str) -> dict[str, float]:
    """Return each language's share of the votes (0 when the text has no words)."""
    letter_lang, word_lang = _signals()
    votes = dict.fromkeys(LANGUAGES, 0.0)
    sample = _SYMBOLIC.sub(" ", text[:_SAMPLE])
    memo = _VOTE_MEMO
    for word in _WORD.findall(sample):
        vote = memo.get(word)
        if vote is None:
            if len(memo) > _MEMO_LIMIT:
                memo.clear()  # bounded: a batch of 10,000 documents must not grow memory
            vote = memo[word] = _vote(word, letter_lang, word_lang)
        if vote[0]:
            votes[vote[0]] += vote[1]
    total = sum(votes.values())
    return {lang: round(v / total, 4) if total else 0.0 for lang, v in votes.items()}


def detect_language(text: str) -> tuple[Language | None, dict[str, float]]:
    """Return the document language (None when the text has no evidence) and the scores."""
    scores = language_scores(text)
    best = max(LANGUAGES, key=lambda lang: scores[lang])
    return (best if scores[best] > 0 else None), scores
