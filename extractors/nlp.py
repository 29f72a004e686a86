"""spaCy pipelines of chibo: `spacy.blank(lang)` with a linear tokenizer and rule components.

Why tokenizers of our own: spaCy's Vietnamese tokenizer is quadratic in document length (1 MB of
text took 9.7 s here) and its pyvi segmentation runs at ~95k words/s, while the extractors match
characters, not tokens. The rule pipeline's Doc therefore holds one token per line (building a Doc
of words cost more than all the extractors together); the trained classifier reads words
(`RegexTokenizer`). Both are linear and keep `doc.text` identical to the input, so a whole document
is one Doc and every fact's offsets are offsets into the normalised text.

Components (each catches its own failure and records it in `doc._.errors`, so one failing
extractor never loses the others' facts):
  chibo_doc_numbers  -> doc._.doc_numbers
  chibo_dates        -> doc._.dates, doc._.recurring_dates; numbers get their issue dates
  chibo_header       -> doc._.title, doc._.header
  chibo_kind         -> doc._.kind
  chibo_meeting      -> doc._.meeting (minutes, and reports or news describing one meeting)
  chibo_classify     -> doc._.topics, doc._.keyphrases, doc._.political_tasks: rule evidence combined
                        with the trained classifier (extractors/classifier.py) when it is installed
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractors.dates import extract_dates
from extractors.header import extract_header, find_title, key
from extractors.kind import classify_kind
from extractors.meeting import extract_meeting
from extractors.numbers import attach_issue_dates, extract_numbers
from extractors.political import classify_political_tasks
from extractors.sentences import split_sentences
from extractors.topics import extract_keyphrases, extract_topics
from models.records import StageError

_WORD = re.compile(r"([^\W_]+|\S)( ?)|(\s+)")
_LINE = re.compile(r"([^\n]+)|(\n+)")

_EXTENSIONS = (
    "doc_numbers",
    "dates",
    "recurring_dates",
    "title",
    "header",
    "kind",
    "meeting",
    "topics",
    "keyphrases",
    "political_tasks",
    "errors",
    "source_text",
    "furniture",
    "keyed",
)
for _name in _EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class _Tokenizer:
    """Base of chibo's tokenizers: linear, `doc.text` identical to the input, nothing to save."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = self.split(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc._.source_text = text
        return doc

    def split(self, text: str) -> tuple[list[str], list[bool]]:
        raise NotImplementedError

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # A pipeline is saved with its tokenizer: nothing to store, the rules are the code.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs):
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs):
        return self


class RegexTokenizer(_Tokenizer):
    """Words and single punctuation marks ("21-NQ/TW" -> 21 - NQ / TW), the same in every language:
    the classifier's bag of words. A token keeps one trailing space; other whitespace is a token."""

    def split(self, text: str) -> tuple[list[str], list[bool]]:
        parts = _WORD.findall(text)
        return [word or gap for word, _, gap in parts], [space == " " for _, space, _ in parts]


class LineTokenizer(_Tokenizer):
    """One token per line and per run of line breaks: the rule components match characters, so
    the Doc only carries the text and the facts (8 ms instead of 75 ms for 240 kB as words)."""

    def split(self, text: str) -> tuple[list[str], list[bool]]:
        parts = _LINE.findall(text)
        return [line or breaks for line, breaks in parts], [False] * len(parts)


@spacy.registry.tokenizers("chibo.LineTokenizer.v1")
def create_line_tokenizer() -> Callable[[Language], LineTokenizer]:
    """Registered factory of the rule pipelines' tokenizer."""

    def make(nlp: Language) -> LineTokenizer:
        return LineTokenizer(nlp.vocab)

    return make


@spacy.registry.tokenizers("chibo.RegexTokenizer.v1")
def create_regex_tokenizer() -> Callable[[Language], RegexTokenizer]:
    """Registered factory, so the tokenizer can be named in a pipeline config."""

    def make(nlp: Language) -> RegexTokenizer:
        return RegexTokenizer(nlp.vocab)

    return make


def _text(doc: Doc) -> str:
    """The document's text. `Doc.text` rebuilds the string from every token on each call (1.5 s of
    2.2 s on a 600 kB document when every component asked); the tokenizer keeps the input instead."""
    text = doc._.source_text
    if text is None:
        text = doc._.source_text = doc.text
    return text


def _keyed(doc: Doc) -> str:
    """key(text): the folded, unaccented matching key of the text (same offsets), computed once."""
    keyed = doc._.keyed
    if keyed is None:
        keyed = doc._.keyed = key(_text(doc))
    return keyed


def _record_failure(doc: Doc, stage: str, exc: Exception) -> None:
    doc._.errors = [*(doc._.errors or []), StageError(stage=stage, message=f"{type(exc).__name__}: {exc}")]


@Language.component("chibo_doc_numbers")
def doc_numbers_component(doc: Doc) -> Doc:
    """Find document numbers (numbers.*.v1) and keep them as facts and as spans."""
    try:
        doc._.doc_numbers = extract_numbers(_text(doc), lang=doc.lang_)
    except Exception as exc:  # noqa: BLE001 - errors are data: the document goes on
        doc._.doc_numbers = []
        _record_failure(doc, "extract.doc_numbers", exc)
    return doc


@Language.component("chibo_dates")
def dates_component(doc: Doc) -> Doc:
    """Find dates outside the document numbers, then give each number its issue date."""
    numbers = doc._.doc_numbers or []
    try:
        header_year = _header_year(_text(doc))
        dates, recurring = extract_dates(
            _text(doc), lang=doc.lang_, exclude=[(n.start, n.end) for n in numbers], document_year=header_year
        )
    except Exception as exc:  # noqa: BLE001
        dates, recurring = [], []
        _record_failure(doc, "extract.dates", exc)
    doc._.dates, doc._.recurring_dates = dates, recurring
    try:
        doc._.doc_numbers = attach_issue_dates(_text(doc), numbers, dates)
    except Exception as exc:  # noqa: BLE001
        _record_failure(doc, "extract.issue_dates", exc)
    return doc


_HEADER_DATE = re.compile(
    r"(?:ngày|ngay)\s+\d{1,2}\s+(?:tháng|thang)\s+\d{1,2}\s+(?:năm|nam)\s+((?:19|20)\d\d)"
    r"|\b\d{1,2}\s+[а-яё]+\s+((?:19|20)\d\d)\s*(?:г\.|года)"
    r"|\b[A-Z][a-z]+\s+\d{1,2},\s+((?:19|20)\d\d)",
    re.I,
)


def _header_year(text: str) -> int | None:
    """Year of the document's own date line, the context of day-month dates without a year."""
    match = _HEADER_DATE.search(text, 0, min(len(text), 2500))
    if match is None:
        return None
    return int(next(g for g in match.groups() if g))


@Language.component("chibo_header")
def header_component(doc: Doc) -> Doc:
    """Read the title and the header block."""
    try:
        skip = doc._.furniture or ()
        doc._.title = find_title(_text(doc), skip=skip)
        doc._.header = extract_header(
            _text(doc),
            lang=doc.lang_,
            numbers=doc._.doc_numbers or [],
            dates=doc._.dates or [],
            title=doc._.title,
            skip=skip,
        )
        doc._.doc_numbers = _unlink_header_date(doc._.header, doc._.doc_numbers or [])
    except Exception as exc:  # noqa: BLE001
        _record_failure(doc, "extract.header", exc)
    return doc


def _unlink_header_date(header, numbers: list) -> list:
    """The place-and-date line dates the document, not its own number as a citation would: in a
    two-column header "Số 161-KH/HU" and "Than Uyên, ngày 31 tháng 10 năm 2022" only look adjacent."""
    if header is None or "number" not in header.spans or "date" not in header.spans:
        return numbers
    number_start, date_start = header.spans["number"].start, header.spans["date"].start
    return [
        n.model_copy(
            update={"date": None, "date_start": None, "date_end": None, "year": n.year if n.family == "state" else None}
        )
        if n.start == number_start and n.date_start == date_start
        else n
        for n in numbers
    ]


@Language.component("chibo_kind")
def kind_component(doc: Doc) -> Doc:
    """Decide the document kind."""
    try:
        doc._.kind = classify_kind(
            _text(doc), lang=doc.lang_, title=doc._.title, header=doc._.header, numbers=doc._.doc_numbers or []
        )
    except Exception as exc:  # noqa: BLE001
        _record_failure(doc, "extract.kind", exc)
    return doc


@Language.component("chibo_meeting")
def meeting_component(doc: Doc) -> Doc:
    """Read the meeting facts of minutes, and of a report or news item about one meeting."""
    kind = doc._.kind
    try:
        doc._.meeting = extract_meeting(
            _text(doc),
            lang=doc.lang_,
            kind=kind.value if kind else None,
            header=doc._.header,
            title=doc._.title,
            dates=doc._.dates or [],
            keyed=_keyed(doc),
        )
    except Exception as exc:  # noqa: BLE001
        _record_failure(doc, "extract.meeting", exc)
    return doc


@Language.component("chibo_classify")
def classify_component(doc: Doc) -> Doc:
    """Topics and keyphrases for every document; the political-task decision for a meeting.

    The classifier was trained on meeting documents, so it is asked about those only; other
    documents get keyword topics."""
    from extractors.classifier import POLITICAL_LABEL, predict

    text = _text(doc)
    keyed = _keyed(doc)
    sentences = split_sentences(text)
    cats = None
    if doc._.meeting is not None:
        try:
            cats = predict(text)
        except Exception as exc:  # noqa: BLE001 - a broken model leaves the rules to decide
            _record_failure(doc, "classify.model", exc)
    try:
        doc._.topics = extract_topics(text, lang=doc.lang_, sentences=sentences, keyed=keyed, model_scores=cats)
        doc._.keyphrases = extract_keyphrases(text, lang=doc.lang_, keyed=keyed)
    except Exception as exc:  # noqa: BLE001
        _record_failure(doc, "classify.topics", exc)
    meeting = doc._.meeting
    if meeting is None:
        return doc
    try:
        doc._.political_tasks = classify_political_tasks(
            text,
            lang=doc.lang_,
            sentences=sentences,
            agenda=meeting.agenda,
            keyed=keyed,
            model_score=None if cats is None else cats.get(POLITICAL_LABEL),
        )
    except Exception as exc:  # noqa: BLE001
        _record_failure(doc, "classify.political_tasks", exc)
    return doc


PIPE_NAMES = ("chibo_doc_numbers", "chibo_dates", "chibo_header", "chibo_kind", "chibo_meeting", "chibo_classify")


@cache
def get_nlp(lang: str) -> Language:
    """Return the (cached) pipeline for a language: blank + regex tokenizer + rule components."""
    nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": "chibo.LineTokenizer.v1"}}})
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    return nlp
