"""Find calendar dates and recurring days in text: Vietnamese, Russian and English forms, numeric forms.

The rules are those of corpus/README.md ("Rules for dates"). How the text is read:

1. Each language's data file (`data/<lang>/dates.toml`) compiles to a few regexes (eyecite-style
   patterns with stable ids such as `dates.vi.long.v1`); the numeric forms (`16/6/2022`,
   `16.06.2022`, `2022-06-16`) are language-neutral. Every regex starts with a plain character test,
   so `re` skips most of the text in C, and a language whose letters are absent is not run at all.
2. Every match is a candidate: a date with its year (day or month precision), or a day and month
   without one. Candidates that touch a document number (`exclude`) or a recurring day are dropped;
   the rest are taken greedily, dated ones first, longer ones first.
3. Lists and ranges: the members before a date share its month and year and are read backwards from
   it ("ngày 24, 25/9/2022", "с 1 по 5 марта 2023 года", "from 1 to 5 March 2023"); month lists and
   "March 1 to 5, 2023" are read forwards by their own patterns.
4. A day and month without a year needs a cue ("ngày 28/10", "до 15.05", "by January 10"), and takes
   its year from a dated mention in the same sentence, else from the document's year; otherwise it is
   dropped. Yearly days ("15/12 hằng năm") and holidays ("Quốc khánh 2/9") are not dates.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from extractors.datafiles import DATA_DIR, load_toml
from models.records import DateMention, RecurringDate

# Party documents cite anniversaries back to Hồ Chí Minh's birth ("19/5/1890 - 19/5/2025"); years
# outside this span are OCR noise or not years at all.
MIN_YEAR, MAX_YEAR = 1800, 2100

# ----------------------------------------------------------------------------------------------
# Data files


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Month(_Data):
    number: int = Field(ge=1, le=12)
    names: list[str] = Field(min_length=1, description="Every case and abbreviation of the month's name.")


class Words(_Data):
    day: list[str] = Field(default_factory=list, description="Word labelling a day number: ngày.")
    month: list[str] = Field(default_factory=list, description="Word labelling a month number: tháng.")
    year: list[str] = Field(default_factory=list, description="Word labelling a year: năm.")
    year_suffix: list[str] = Field(default_factory=list, description="Part of the date after the year: года, г.")
    between_day_and_month: list[str] = Field(default_factory=list, description="16th *of* June.")


class Numeric(_Data):
    day_month_separators: list[str] = Field(min_length=1, description="Of a day and month without a year.")
    padded_month: bool = Field(default=False, description="A day and month without a year needs '05', not '5'.")
    month_day_fallback: bool = Field(default=False, description="6/16/2022 is read as June 16.")

    @field_validator("day_month_separators")
    @classmethod
    def _one_character(cls, value: list[str]) -> list[str]:
        if any(len(sep) != 1 or sep.isalnum() for sep in value):
            raise ValueError("separators are single punctuation characters")
        return value


class Connectors(_Data):
    lists: list[str] = Field(min_length=1, description="Between list members: , và и and.")
    ranges: list[str] = Field(min_length=1, description="Between range ends: đến по to.")
    range_starts: list[str] = Field(default_factory=list, description="Before a range: từ с from.")
    members_need_cue: bool = Field(default=False, description="Bare days before a date need 'ngày'/'từ'.")


class Yearless(_Data):
    cues: list[str] = Field(min_length=1, description="Words right before a day and month that make it a date.")
    month_name_needs_cue: bool = Field(default=True, description="Also '28 октября', '16 tháng 6' need a cue.")
    yearly: list[str] = Field(default_factory=list, description="A day that recurs yearly is no date.")
    each_before: list[str] = Field(default_factory=list, description="'каждого 1 января': right before the day.")
    holidays: list[str] = Field(default_factory=list, description="Holiday names: a cue for the day after them.")
    anniversaries: list[str] = Field(default_factory=list, description="Before a holiday: its name, no date.")
    not_after: list[str] = Field(default_factory=list, description="Units after '16.6' that make it a number.")


class Recurring(_Data):
    templates: list[str] = Field(min_length=1, description="'{day_word} {day} hằng tháng': a monthly day.")

    @field_validator("templates")
    @classmethod
    def _has_day(cls, value: list[str]) -> list[str]:
        for template in value:
            if template.count("{day}") != 1:
                raise ValueError(f"template needs exactly one {{day}}: {template!r}")
        return value


class DateData(_Data):
    """Schema of `data/<lang>/dates.toml`: the words one language writes dates with."""

    fold: dict[str, str] = Field(default_factory=dict, description="Letter -> all its diacritic variants.")
    ordinals: list[str] = Field(default_factory=list, description="Endings of an ordinal day: st, -го.")
    case_sensitive_names: bool = Field(default=False, description="Month names must be capitalised.")
    month_first: bool = Field(default=False, description="The language writes 'June 16, 2022'.")
    words: Words = Field(default_factory=Words)
    months: list[Month] = Field(default_factory=list)
    numeric: Numeric
    connectors: Connectors
    yearless: Yearless
    recurring: Recurring

    @field_validator("fold")
    @classmethod
    def _fold_keys(cls, value: dict[str, str]) -> dict[str, str]:
        for key, variants in value.items():
            if len(key) != 1 or key not in variants:
                raise ValueError(f"fold key {key!r} must be one letter listed among its own variants")
        return value

    @model_validator(mode="after")
    def _months_complete(self) -> DateData:
        numbers = sorted(m.number for m in self.months)
        if numbers and numbers != list(range(1, 13)):
            raise ValueError("months: list each of the twelve months once")
        if not numbers and not self.words.month:
            raise ValueError("a language needs month names or a month word")
        return self


def available_languages() -> tuple[str, ...]:
    """Return the languages that have a `dates.toml` data file."""
    return tuple(sorted(path.parent.name for path in DATA_DIR.glob("*/dates.toml")))


def load_date_data(lang: str) -> DateData:
    """Load and validate one language's date words."""
    return load_toml(lang, "dates", DateData)


# ----------------------------------------------------------------------------------------------
# Regex building blocks

_SP = "[ \\t\\u00a0]"
# Spaces with at most one line break between parts: "ngày 16 tháng 6\nnăm 2022", "16/6/\n2022".
_GAP = rf"{_SP}*(?:\n{_SP}*)?"
_WS = rf"(?:{_SP}+(?:\n{_SP}*)?|\n{_SP}*)"
_LETTER_AFTER = r"(?![^\W\d_])"
# A day or month number that does not continue a longer number: the look-behinds run after the first
# digit (so `re` can still skip ahead on the digit) and reject "123/6/2022" and "1.16.6.2022".
_NUM = r"[0-9](?<![0-9][0-9])(?<![0-9][./][0-9])[0-9]?(?![0-9])"
_YEAR = r"[0-9]{4}(?![0-9])"
_INNER = r"[0-9]{1,2}(?![0-9])"  # a month (or day) after a separator


def _char_class(char: str, fold: dict[str, str], *, case_sensitive: bool) -> str:
    """Regex for one letter of a word: its fold variants, in both cases unless case matters."""
    variants = char
    for key, group in fold.items():
        if char.lower() in group:
            variants = group + key
            break
    if not case_sensitive:
        variants = variants.lower() + variants.upper()
    unique = "".join(dict.fromkeys(variants))
    if len(unique) == 1:
        return re.escape(unique)
    return "[" + "".join(re.escape(c) for c in unique) + "]"


def _word(word: str, fold: dict[str, str], *, case_sensitive: bool, stem: bool = False) -> str:
    """Regex for a word or phrase: letters fold, spaces are any run of spaces; a stem may go on."""
    out = []
    for char in word:
        if char == " ":
            out.append(_WS)
        elif char.isalpha():
            out.append(_char_class(char, fold, case_sensitive=case_sensitive))
        else:
            out.append(re.escape(char))
    body = "".join(out)
    if word[-1:].isalpha() and not stem:
        body += _LETTER_AFTER
    return body


def _words(words: Iterable[str], fold: dict[str, str], *, case_sensitive: bool, stem: bool = False) -> str:
    """Regex for any of `words`, longest first, led by one character class of their first letters.

    `re` skips positions that fail a leading character class in C; an alternation of words would be
    tried word by word at every position (three times slower on a Russian text). A word that starts
    with a letter must start a word ("самая 2023" holds no "мая 2023"); checked right after the
    first letter, which also drops most positions inside words early.
    """
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        by_first.setdefault(_char_class(word[0], fold, case_sensitive=case_sensitive), []).append(word)
    if not by_first:
        return "(?!)"
    firsts = "".join(cls[1:-1] if cls.startswith("[") else cls for cls in by_first)
    branches = []
    for first, group in by_first.items():
        tails = "|".join(_word(w, fold, case_sensitive=case_sensitive, stem=stem)[len(first) :] for w in group)
        word_start = r"(?<![^\W\d_].)" if group[0][0].isalpha() else ""
        branches.append(f"(?<={first}){word_start}(?:{tails})")
    return f"(?:[{firsts}](?:{'|'.join(branches)}))"


# ----------------------------------------------------------------------------------------------
# Candidates


@dataclass(slots=True)
class _Part:
    """One date in the text; the year (and the month) may still be missing."""

    start: int
    end: int
    day: int | None
    month: int
    year: int | None
    producer: str
    ranged: bool = False  # joined to the next part by a range connector: "từ 28/02 đến 02/3/2023"


@dataclass(slots=True)
class _Cand:
    """A match: its parts in text order; the last one carries what the text wrote explicitly."""

    parts: list[_Part]
    lang: str | None  # whose rules judge it without a year; None: numeric, any language's
    needs_cue: bool  # without a year: numeric or words that may be a count ("16 tháng 6")
    sep: str = ""  # separator of a numeric day-month ("28/10")
    padded: bool = True  # month written with two digits ("15.05")
    rank: int = 0

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end

    @property
    def dated(self) -> bool:
        return self.parts[-1].year is not None


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One compiled form: its id, its regex, and how a match becomes candidates."""

    producer: str
    regex: re.Pattern[str]
    build: Callable[[re.Match[str], _Run], list[_Cand]]


@dataclass(frozen=True, slots=True)
class _Lang:
    """A language's data compiled to regexes."""

    code: str
    data: DateData
    patterns: tuple[_Pattern, ...]
    recurring: tuple[re.Pattern[str], ...]
    trigger: re.Pattern[str]  # any of the language's own letters-words: run its patterns at all?
    month_of: dict[str, int]
    names_rx: str
    chain: re.Pattern[str]  # list/range members ending right before a date
    unit: re.Pattern[str]  # one member of such a chain
    chain_tail: re.Pattern[str]  # cheap test: does the text before a date end with a connector?
    range_words: frozenset[str]
    cue_before: re.Pattern[str]
    yearly: re.Pattern[str] | None
    each_before: re.Pattern[str] | None
    holiday: re.Pattern[str] | None
    anniversary: re.Pattern[str] | None
    not_after: re.Pattern[str] | None

    def month(self, name: str) -> int:
        return self.month_of[name.casefold()]


@dataclass(slots=True)
class _Run:
    """State of one call: the text and the languages in the order they are tried."""

    text: str
    langs: tuple[_Lang, ...]
    month_day_fallback: bool
    suffix: re.Pattern[str]
    extra: list[_Cand] = field(default_factory=list)


# ----------------------------------------------------------------------------------------------
# Compiling a language


_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid(year: int | None, month: int, day: int | None) -> bool:
    """Tell whether the date exists; without a year 29/2 may still, the year decides later."""
    if not 1 <= month <= 12:
        return False
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return False
    if day is None:
        return True
    if month == 2 and day == 29 and year is not None:
        return calendar.isleap(year)
    return 1 <= day <= _DAYS_IN_MONTH[month]


def _suffix_end(run: _Run, end: int) -> int:
    """End of a date including a following "года" / "г." (Russian: part of the date's text)."""
    match = run.suffix.match(run.text, end)
    return match.end() if match else end


def _compile(code: str) -> _Lang:
    data = load_date_data(code)
    fold = data.fold
    cs = data.case_sensitive_names

    def words(items: Iterable[str], *, names: bool = False) -> str:
        return _words(items, fold, case_sensitive=cs and names)

    name_forms: list[str] = []
    month_of: dict[str, int] = {}
    for month in data.months:
        for name in month.names:
            forms = [name, name.upper()] if cs else [name]
            name_forms.extend(forms)
            month_of[name.casefold()] = month.number
    names_rx = words(name_forms, names=True) if name_forms else "(?!)"
    day_w = words(data.words.day) if data.words.day else "(?!)"
    month_w = words(data.words.month) if data.words.month else "(?!)"
    year_w = words(data.words.year) if data.words.year else "(?!)"
    of_w = words(data.words.between_day_and_month) if data.words.between_day_and_month else "(?!)"
    ordinal = f"(?:{'|'.join(re.escape(o) for o in sorted(data.ordinals, key=len, reverse=True))})?"
    if not data.ordinals:
        ordinal = ""
    conn_words = data.connectors.lists + data.connectors.ranges
    conn = words(conn_words)
    seps = "".join(re.escape(s) for s in data.numeric.day_month_separators)
    patterns: list[_Pattern] = []

    if data.words.month:  # Vietnamese: ngày 16 tháng 6 năm 2022; tháng 10/2023
        long_id, month_id = f"dates.{code}.long.v1", f"dates.{code}.month.v1"
        long_rx = re.compile(
            rf"(?P<d>{_NUM})(?:{_SP}*{month_w}{_GAP}(?P<m>{_INNER})"
            rf"(?:{_GAP},?{_GAP}(?:{year_w}|[/.\-–]){_GAP}(?P<y>{_YEAR}))?"
            rf"|{_GAP}[/.\-]{_GAP}(?P<m2>{_INNER}){_GAP}{year_w}{_GAP}(?P<y2>{_YEAR}))"
        )
        patterns.append(_Pattern(long_id, long_rx, _build_long(code, long_id)))
        month_num = r"(?:0?[1-9]|1[0-2])(?![0-9])"
        month_rx = re.compile(
            rf"{month_w}{_GAP}(?P<ms>{month_num}(?:{_GAP}{conn}{_GAP}(?:{month_w}{_GAP})?{month_num})*)"
            rf"{_GAP},?{_GAP}(?:{year_w}|[/.\-–]){_GAP}(?P<y>{_YEAR})(?!{_GAP}/{_GAP}[^\W\d_])"
        )
        patterns.append(_Pattern(month_id, month_rx, _build_month_numbers(code, month_id, re.compile(month_w))))

    if data.months:  # Russian and English: 16 июня 2022 года, 16 June 2022, October 2023
        first = "dmy" if data.month_first else "month_name"
        day_id, month_id = f"dates.{code}.{first}.v1", f"dates.{code}.month.v1"
        day_name_rx = re.compile(
            rf"(?P<d>{_NUM})(?P<q>[»\"”])?{ordinal}{_SP}*(?:{of_w}{_SP}+)?(?P<name>{names_rx})"
            rf"(?:{_GAP},?{_GAP}(?P<y>{_YEAR}))?"
        )
        patterns.append(_Pattern(day_id, day_name_rx, _build_day_name(code, day_id)))
        if data.month_first:  # June 16, 2022; March 1 to 5, 2023
            mdy_id = f"dates.{code}.mdy.v1"
            day_item = rf"{_NUM}{ordinal}"
            mdy_rx = re.compile(
                rf"(?P<name>{names_rx}){_SP}*(?P<days>{day_item}(?:{_GAP}{conn}{_GAP}{day_item})*)"
                rf"(?:{_GAP},?{_GAP}(?P<y>{_YEAR}))?"
            )
            patterns.append(_Pattern(mdy_id, mdy_rx, _build_month_first(code, mdy_id, ordinal)))
        month_name_rx = re.compile(
            rf"(?P<names>{names_rx}(?:{_GAP}{conn}{_GAP}{names_rx})*){_GAP},?{_GAP}(?P<y>{_YEAR})"
        )
        patterns.append(_Pattern(month_id, month_name_rx, _build_month_names(code, month_id, names_rx)))

    # Members of a list or range before a date, read backwards from it.
    body = [rf"(?P<nd>{_NUM})(?P<ns>[{seps}])(?P<nm>{_INNER})"]
    if data.words.month:
        body.append(rf"(?P<wd>{_NUM}){_SP}*{month_w}{_GAP}(?P<wm>{_INNER})")
    if data.months:
        body.append(rf"(?P<xd>{_NUM}){ordinal}{_SP}*(?:{of_w}{_SP}+)?(?P<xn>{names_rx})")
        if data.month_first:
            body.append(rf"(?P<yn>{names_rx}){_SP}*(?P<yd>{_NUM}){ordinal}")
    body.append(rf"(?P<dd>{_NUM}){ordinal}")
    # A member is no time of day: "8h30, 25/11/2023", "16:20, November 20, 2025".
    member_start = r"(?<![0-9:])(?<![0-9][hH])"
    starts = words(data.connectors.range_starts) if data.connectors.range_starts else "(?!)"
    unit = (
        rf"(?:(?P<rs>{starts}){_WS})?(?:(?P<dw>{day_w}){_GAP})?{member_start}(?P<body>{'|'.join(body)})"
        rf"{_GAP}(?P<conn>{conn}){_GAP}(?:{day_w}{_GAP})?"
    )
    unit_rx = re.compile(unit)
    chain_rx = re.compile(rf"(?:{unit})+\Z")
    tail_rx = re.compile(rf"(?:[0-9]{ordinal}|{names_rx}){_GAP}{conn}{_GAP}(?:{day_w}{_GAP})?\Z")

    # Recurring days: one regex per first token, so each starts with a character class.
    by_first: dict[str, list[str]] = {}
    groups = 0
    for template in sorted(data.recurring.templates, key=len, reverse=True):
        tokens = template.split()
        out = []
        for i, token in enumerate(tokens):
            if i:
                near_number = "{" in token or "{" in tokens[i - 1]
                out.append(_GAP if near_number else _WS)
            if token == "{day}":
                out.append(rf"(?P<day{groups}>{_NUM}){ordinal}")  # names must differ across alternatives
                groups += 1
            elif token == "{day_word}":
                out.append(day_w)
            else:
                out.append(_words([token], fold, case_sensitive=False) if i == 0 else _word(token, fold, case_sensitive=False))
        by_first.setdefault(tokens[0], []).append("".join(out[1:]))
    recurring_rxs = []
    for token, rests in by_first.items():
        head = {"{day}": rf"(?P<day>{_NUM}){ordinal}", "{day_word}": day_w}.get(token)
        head = head or _words([token], fold, case_sensitive=False)
        recurring_rxs.append(re.compile(f"{head}(?:{'|'.join(rests)})"))

    yl = data.yearless
    trigger_words = [*name_forms, *data.words.month, *data.words.year]
    return _Lang(
        code=code,
        data=data,
        patterns=tuple(patterns),
        recurring=tuple(recurring_rxs),
        trigger=re.compile(words(trigger_words, names=bool(name_forms))),
        month_of=month_of,
        names_rx=names_rx,
        chain=chain_rx,
        unit=unit_rx,
        chain_tail=tail_rx,
        range_words=frozenset(w.casefold() for w in data.connectors.ranges),
        cue_before=re.compile(rf"(?<![^\W\d_]){_words(yl.cues, {}, case_sensitive=False)}{_SP}*\Z"),
        yearly=re.compile(words(yl.yearly)) if yl.yearly else None,
        each_before=re.compile(rf"(?<![^\W\d_]){words(yl.each_before)}{_GAP}\Z") if yl.each_before else None,
        holiday=re.compile(rf"(?<![^\W\d_]){_words(yl.holidays, {}, case_sensitive=False, stem=True)}")
        if yl.holidays
        else None,
        anniversary=re.compile(rf"(?<![^\W\d_]){_words(yl.anniversaries, {}, case_sensitive=False, stem=True)}")
        if yl.anniversaries
        else None,
        not_after=re.compile(rf"{_GAP}{words(yl.not_after)}") if yl.not_after else None,
    )


# Numeric forms, language-neutral: 16/6/2022, 16-6-2022, 16 - 6 - 2022, 16.06.2022, 2022-06-16.
_DMY = re.compile(
    rf"(?P<d>{_NUM})(?:{_GAP}(?P<s>[/\-–]){_GAP}(?P<m>{_INNER}){_GAP}(?P=s){_GAP}|\.(?P<m2>{_INNER})\.\n?)"
    rf"(?P<y>{_YEAR})(?![./][0-9])"
)
_ISO = re.compile(r"(?P<y>[0-9](?<![0-9][0-9])(?<![0-9][./\-][0-9])[0-9]{3})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9])")
# A day and month without a year: only with a cue, judged by each language's rules.
_DAY_MONTH = re.compile(
    rf"(?P<d>{_NUM})(?P<s>[/.\-])(?P<m>{_INNER})"
    # not the start of "16/6/\n2022", "1.2.3", "12/5/QĐ", "16.6,5"
    rf"(?!{_GAP}[/.\-–]{_GAP}[0-9]{{4}})(?![/.\-,][0-9])(?!{_GAP}/{_GAP}[^\W\d_])"
)
# "Số 16/6/2022/QĐ"-like document numbers when the number extractor found none.
_NUMBER_PREFIX = re.compile(r"(?:số|so|sô|№|no\.?|n°)[ \t]*:?[ \t]*\Z", re.I)
_SYMBOL_AFTER = re.compile(rf"{_GAP}/{_GAP}[^\W\d_]|[-–][A-ZĐ]")
_SYMBOL_NEXT = re.compile(r"[ \t]*[-–/]?[ \t]*[^\W\d_]")


def _build_dmy(match: re.Match[str], run: _Run) -> list[_Cand]:
    text = run.text
    day, year = int(match["d"]), int(match["y"])
    month = int(match["m"] or match["m2"])
    start, end = match.start(), match.end()
    if _SYMBOL_AFTER.match(text, end) or (
        _NUMBER_PREFIX.search(text, max(0, start - 6), start) and _SYMBOL_NEXT.match(text, end)
    ):
        return []
    if month > 12 and day <= 12 and run.month_day_fallback:
        day, month = month, day
    if not _valid(year, month, day):
        return []
    end = _suffix_end(run, end)
    return [_Cand([_Part(start, end, day, month, year, "dates.numeric.dmy.v1")], None, False)]


def _build_iso(match: re.Match[str], run: _Run) -> list[_Cand]:
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if not _valid(year, month, day):
        return []
    return [_Cand([_Part(match.start(), match.end(), day, month, year, "dates.numeric.iso.v1")], None, False)]


def _build_day_month(match: re.Match[str], run: _Run) -> list[_Cand]:
    day, month = int(match["d"]), int(match["m"])
    if not _valid(None, month, day):
        return []
    part = _Part(match.start(), match.end(), day, month, None, "")
    return [_Cand([part], None, True, sep=match["s"], padded=len(match["m"]) == 2)]


_NUMERIC = (
    _Pattern("dates.numeric.dmy.v1", _DMY, _build_dmy),
    _Pattern("dates.numeric.iso.v1", _ISO, _build_iso),
    _Pattern("dates.numeric.day_month.v1", _DAY_MONTH, _build_day_month),
)


def _build_long(code: str, producer: str) -> Callable[[re.Match[str], _Run], list[_Cand]]:
    def build(match: re.Match[str], run: _Run) -> list[_Cand]:
        day = int(match["d"])
        month = int(match["m"] or match["m2"])
        year_text = match["y"] or match["y2"]
        year = int(year_text) if year_text else None
        if not _valid(year, month, day):
            return []
        part = _Part(match.start(), match.end(), day, month, year, producer)
        return [_Cand([part], code, True)]

    return build


def _build_month_numbers(code: str, producer: str, month_word: re.Pattern[str]):
    number = re.compile(r"[0-9]{1,2}")

    def build(match: re.Match[str], run: _Run) -> list[_Cand]:
        year = int(match["y"])
        if not _valid(year, 1, None):
            return []
        items = list(number.finditer(run.text, match.start("ms"), match.end("ms")))
        parts = []
        for i, item in enumerate(items):
            # "tháng 4 và tháng 5/2022": a member's text starts at its own "tháng" when it has one.
            start = match.start() if i == 0 else item.start()
            if i:
                between = run.text[items[i - 1].end() : item.start()]
                word = month_word.search(between)
                if word:
                    start = items[i - 1].end() + word.start()
            end = item.end() if i < len(items) - 1 else match.end()
            ranged = i < len(items) - 1 and _is_range(run, run.text[item.end() : items[i + 1].start()], code)
            parts.append(_Part(start, end, None, int(item.group()), year if end == match.end() else None, producer, ranged))
        return [_Cand(parts, code, False)]

    return build


def _build_day_name(code: str, producer: str):
    def build(match: re.Match[str], run: _Run) -> list[_Cand]:
        lang = _lang_of(run, code)
        day, month = int(match["d"]), lang.month(match["name"])
        year = int(match["y"]) if match["y"] else None
        if not _valid(year, month, day):
            return []
        start, end = match.start(), match.end()
        if match["q"]:  # «16» июня 2022 г.: the quotes belong to the date
            opening = re.search(r"[«\"“„][ \t]*\Z", run.text[max(0, start - 3) : start])
            if opening:
                start -= len(opening.group())
        if year is not None:
            end = _suffix_end(run, end)
        part = _Part(start, end, day, month, year, producer)
        return [_Cand([part], code, lang.data.yearless.month_name_needs_cue)]

    return build


def _build_month_first(code: str, producer: str, ordinal: str):
    day_item = re.compile(rf"(?P<d>[0-9]{{1,2}}){ordinal}")

    def build(match: re.Match[str], run: _Run) -> list[_Cand]:
        text = run.text
        lang = _lang_of(run, code)
        if match.start() and text[match.start() - 1].isalpha():
            return []
        month = lang.month(match["name"])
        year = int(match["y"]) if match["y"] else None
        items = list(day_item.finditer(text, match.start("days"), match.end("days")))
        if year is None and any("," in text[a.end() : b.start()] for a, b in zip(items, items[1:], strict=False)):
            items = items[:1]  # "on June 16, 17 members attended": a count, not a list of days
        parts = []
        for i, item in enumerate(items):
            last = i == len(items) - 1
            start = match.start() if i == 0 else item.start()
            end = (match.end() if year is not None else item.end()) if last else item.end()
            ranged = not last and _is_range(run, text[item.end() : items[i + 1].start()], code)
            parts.append(_Part(start, end, int(item["d"]), month, year if last else None, producer, ranged))
        if not all(_valid(p.year, p.month, p.day) for p in parts):
            return []
        return [_Cand(parts, code, lang.data.yearless.month_name_needs_cue)]

    return build


def _build_month_names(code: str, producer: str, names_rx: str):
    name = re.compile(names_rx)

    def build(match: re.Match[str], run: _Run) -> list[_Cand]:
        text = run.text
        lang = _lang_of(run, code)
        if match.start() and text[match.start() - 1].isalpha():
            return []
        year = int(match["y"])
        if not _valid(year, 1, None):
            return []
        items = list(name.finditer(text, match.start("names"), match.end("names")))
        parts = []
        for i, item in enumerate(items):
            last = i == len(items) - 1
            end = _suffix_end(run, match.end()) if last else item.end()
            ranged = not last and _is_range(run, text[item.end() : items[i + 1].start()], code)
            parts.append(_Part(item.start(), end, None, lang.month(item.group()), year if last else None, producer, ranged))
        return [_Cand(parts, code, False)]

    return build


def _lang_of(run: _Run, code: str) -> _Lang:
    return next(lang for lang in run.langs if lang.code == code)


def _is_range(run: _Run, between: str, code: str) -> bool:
    words = between.strip(" \t\u00a0\n,").casefold()
    return any(words.startswith(w) for w in _lang_of(run, code).range_words) if words else False


@cache
def _language(code: str) -> _Lang:
    return _compile(code)


@cache
def _suffix_rx() -> re.Pattern[str]:
    suffixes = [s for code in available_languages() for s in load_date_data(code).words.year_suffix]
    if not suffixes:
        return re.compile("(?!)")
    return re.compile(rf"{_GAP}{_words(suffixes, {}, case_sensitive=False)}")


@cache
def _languages(lang: str) -> tuple[_Lang, ...]:
    codes = available_languages()
    ordered = [lang, *(c for c in codes if c != lang)] if lang in codes else list(codes)
    return tuple(_language(c) for c in ordered)


# ----------------------------------------------------------------------------------------------
# Extraction


def extract_dates(
    text: str, *, lang: str, exclude: Sequence[tuple[int, int]] = (), document_year: int | None = None
) -> tuple[list[DateMention], list[RecurringDate]]:
    """Find the calendar dates and the recurring monthly days of a normalised text.

    `lang` is the document's language (its patterns run first; every language's run after it, since
    Russian and English renderings quote Vietnamese forms); `exclude` are the spans of document numbers
    (`30/2020` in `30/2020/NĐ-CP` is no date); `document_year` is the year of the document's own date,
    the context of a day and month written without a year. Results are sorted by `start`.
    """
    langs = _languages(lang)
    run = _Run(text, langs, langs[0].data.numeric.month_day_fallback, _suffix_rx())
    blocked = _Spans(exclude)
    recurring = _find_recurring(run, blocked)
    for item in recurring:
        blocked.add(item.start, item.end)

    candidates: list[_Cand] = []
    rank = 0
    for language in langs:
        if not language.trigger.search(text):
            rank += len(language.patterns)
            continue
        for pattern in language.patterns:
            for match in pattern.regex.finditer(text):
                for cand in pattern.build(match, run):
                    cand.rank = rank
                    candidates.append(cand)
            rank += 1
    for pattern in _NUMERIC:
        for match in pattern.regex.finditer(text):
            for cand in pattern.build(match, run):
                cand.rank = rank
                candidates.append(cand)
        rank += 1

    chosen = _choose(candidates, blocked)
    groups = _attach_members(run, chosen, blocked)
    mentions = _resolve_years(run, groups, _YearContext(text, groups, blocked, document_year))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions, recurring


class _Spans:
    """Sorted, non-overlapping spans that nothing else may overlap."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.ends, start + 1)  # first span ending after `start`
        return i < len(self.starts) and self.starts[i] < end

    def add(self, start: int, end: int) -> None:
        # `ends[i]` is the largest end of spans 0..i: `exclude` spans may nest or overlap.
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, max(end, start, self.ends[i - 1] if i else 0))
        for j in range(i + 1, len(self.ends)):
            if self.ends[j] >= self.ends[i]:
                break
            self.ends[j] = self.ends[i]

    def last_end_before(self, pos: int) -> int:
        """The largest end of the spans that end at or before `pos` (0 if none)."""
        i = bisect.bisect_right(self.ends, pos) - 1
        return self.ends[i] if i >= 0 else 0


def _find_recurring(run: _Run, blocked: _Spans) -> list[RecurringDate]:
    found: list[RecurringDate] = []
    taken = _Spans()
    for language in run.langs:
        if not language.trigger.search(run.text):
            continue
        producer = f"dates.{language.code}.recurring.v1"
        for regex in language.recurring:
            for match in regex.finditer(run.text):
                day = int(next(v for k, v in match.groupdict().items() if v and k.startswith("day")))
                start, end = match.start(), match.end()
                if not 1 <= day <= 31 or blocked.overlaps(start, end) or taken.overlaps(start, end):
                    continue
                taken.add(start, end)
                found.append(RecurringDate(text=match.group(), start=start, end=end, day=day, producer=producer))
    found.sort(key=lambda r: r.start)
    return found


def _choose(candidates: list[_Cand], blocked: _Spans) -> list[_Cand]:
    """Keep non-overlapping candidates: dated ones first, then the longest, then the earliest pattern."""
    candidates.sort(key=lambda c: (not c.dated, c.start - c.end, c.rank, c.start))
    taken = _Spans()
    chosen = []
    for cand in candidates:
        if blocked.overlaps(cand.start, cand.end) or taken.overlaps(cand.start, cand.end):
            continue
        taken.add(cand.start, cand.end)
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen


# How far back a list or range may reach before the date it belongs to.
_CHAIN_REACH = 120


@dataclass(slots=True)
class _Group:
    """A date and the list or range members read backwards from it."""

    cand: _Cand
    members: list[_Part] = field(default_factory=list)


def _attach_members(run: _Run, chosen: list[_Cand], blocked: _Spans) -> list[_Group]:
    """Read list and range members backwards from each date, right to left.

    Right to left, so that in "từ 28/02 đến 02/3/2023" the dated "02/3/2023" takes "28/02" as its
    member before "28/02" is judged as a day on its own.
    """
    text = run.text
    groups: list[_Group] = []
    consumed: set[int] = set()
    dated_starts = [c.start for c in chosen if c.dated]
    dated_ends = [c.end for c in chosen if c.dated]
    for index in range(len(chosen) - 1, -1, -1):
        if index in consumed:
            continue
        cand = chosen[index]
        group = _Group(cand)
        groups.append(group)
        anchor = cand.parts[0]
        if anchor.day is None:
            continue  # month lists are read forwards by the month patterns
        before = bisect.bisect_left(dated_starts, cand.start) - 1
        floor = max(
            dated_ends[before] if before >= 0 else 0,
            blocked.last_end_before(cand.start),
            cand.start - _CHAIN_REACH,
            0,
        )
        window = text[floor : cand.start]
        for language in run.langs:
            if language.chain_tail.search(window, max(0, len(window) - 24)):
                group.members = _read_chain(language, window, floor, anchor)
                if group.members:
                    break
        if group.members:
            first = group.members[0].start
            j = index - 1
            while j >= 0 and chosen[j].end > first:
                consumed.add(j)
                j -= 1
    groups.reverse()
    return groups


def _read_chain(language: _Lang, window: str, offset: int, anchor: _Part) -> list[_Part]:
    """Return the members of the list or range that ends the window (the date `anchor` follows)."""
    chain = language.chain.search(window)
    if chain is None:
        return []
    units = []
    pos = chain.start()
    while pos < len(window):
        unit = language.unit.match(window, pos)
        if unit is None or unit.end() == pos:
            return []
        units.append(unit)
        pos = unit.end()
    if language.data.connectors.members_need_cue:
        # "Điều 5, ngày 16/6/2022" is no list: keep the members from the first one "ngày"/"từ" leads.
        led = [i for i, unit in enumerate(units) if unit["rs"] or unit["dw"]]
        units = units[led[0] :] if led else []
    members: list[_Part] = []
    for unit in units:
        ranged = unit["conn"].casefold() in language.range_words
        got = unit.groupdict()
        day = int(got.get("nd") or got.get("wd") or got.get("xd") or got.get("yd") or got["dd"])
        if got.get("nm") or got.get("wm"):
            month = int(got.get("nm") or got["wm"])
        elif got.get("xn") or got.get("yn"):
            month = language.month(got.get("xn") or got["yn"])
        else:
            month = anchor.month
        producer = f"dates.{language.code}.{'range' if ranged else 'list'}.v1"
        members.append(_Part(offset + unit.start("body"), offset + unit.end("body"), day, month, None, producer, ranged))
    # Only the members next to the date count: "30, 31/5/2023" keeps 31; "31, 1/5/2023" keeps none.
    while members and not all(_valid(None, m.month, m.day) for m in members):
        members.pop(0)
    return members


def _resolve_years(run: _Run, groups: list[_Group], context: _YearContext) -> list[DateMention]:
    """Give every group its year (written, or from the context) and turn its parts into mentions."""
    text = run.text
    mentions: list[DateMention] = []
    for group in groups:
        cand = group.cand
        anchor = cand.parts[-1]
        first = (group.members or cand.parts)[0]
        year = anchor.year
        if year is None:
            producer = _accept_yearless(run, cand, first.start)
            if producer is None:
                continue
            for part in cand.parts:
                part.producer = part.producer or producer
            year = context.year_for(first.start, anchor.end, anchor.month)
            if year is None:
                continue
        for part in (*group.members, *cand.parts):
            part_year = part.year
            if part_year is None:
                part_year = year
                if part.ranged and (part.month, part.day or 0) > (anchor.month, anchor.day or 0):
                    part_year -= 1  # "từ 15/12 đến 15/1/2024": the range starts the year before
            if not _valid(part_year, part.month, part.day):
                continue
            value = f"{part_year:04d}-{part.month:02d}" + (f"-{part.day:02d}" if part.day else "")
            mentions.append(
                DateMention(
                    text=text[part.start : part.end],
                    start=part.start,
                    end=part.end,
                    value=value,
                    precision="day" if part.day else "month",
                    year_inferred=part.year is None,
                    producer=part.producer,
                )
            )
    return mentions


def _accept_yearless(run: _Run, cand: _Cand, start: int) -> str | None:
    """Return the producer id if a language's rules make this day without a year a date, else None."""
    text = run.text
    end = cand.end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    for language in run.langs:
        if cand.lang is not None and language.code != cand.lang:
            continue
        rules = language.data
        if cand.lang is None:  # numeric "28/10": the language must write day and month that way
            if cand.sep not in rules.numeric.day_month_separators:
                continue
            if rules.numeric.padded_month and not cand.padded:
                continue
        if language.not_after and language.not_after.match(text, end):
            continue
        if language.yearly and language.yearly.search(text, max(line_start, start - 30), min(line_end, end + 25)):
            continue
        if language.each_before and language.each_before.search(text, max(0, start - 20), start):
            continue
        if not language.cue_before.search(text, max(line_start, start - 30), start):
            # "nghỉ lễ Quốc khánh 2/9" names this year's holiday; "kỷ niệm 79 năm Quốc khánh 2/9" and
            # "к 80-летию ... праздника 2 сентября" name the holiday itself.
            sentence = _sentence_start(text, start)
            if language.anniversary and language.anniversary.search(text, max(sentence, start - 120), start):
                continue
            holiday = language.holiday and language.holiday.search(text, max(sentence, start - 60), start)
            if cand.needs_cue and not holiday:
                continue
        return f"dates.{language.code}.day_month.v1" if cand.lang is None else cand.parts[0].producer
    return None


_SENTENCE_END = re.compile(r"[.!?…](?=\s)")


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence (or line) that holds `pos`."""
    left = text.rfind("\n", 0, pos) + 1
    for match in _SENTENCE_END.finditer(text, max(left, pos - 400), pos):
        left = match.end()
    return left


class _YearContext:
    """Where a day and month without a year find their year.

    In order: the dated mentions of the same sentence when they agree on one year ("từ ngày 1 đến ngày
    5/3/2023" is read as a list, this is for "trước ngày 20/12, báo cáo kết quả năm 2023 ... 15/12/2023");
    then the document's year; except that a heading of the same month in the next year overrides it
    (minutes of December 20, 2024: "TASKS FOR JANUARY 2025 ... by January 10" is 2025-01-10). A
    date right after a document number is that document's issue date, no context: in "chậm nhất ngày
    20/12; tiếp tục thực hiện Kết luận số 21-KL/TW ngày 25/10/2021" the 20/12 is not in 2021.
    """

    _MONTH_REACH = 3000

    def __init__(self, text: str, groups: list[_Group], blocked: _Spans, document_year: int | None):
        self.text = text
        self.document_year = document_year
        self.dated: list[tuple[int, int]] = []
        self.months: list[tuple[int, int, int]] = []
        for group in groups:
            anchor = group.cand.parts[-1]
            if anchor.year is None or self._is_issue_date(anchor.start, blocked):
                continue
            self.dated.append((anchor.start, anchor.year))
            if anchor.day is None:
                self.months.extend((part.start, part.month, anchor.year) for part in group.cand.parts)
        self.dated_starts = [start for start, _ in self.dated]
        self.month_starts = [start for start, _, _ in self.months]

    def _is_issue_date(self, start: int, blocked: _Spans) -> bool:
        number_end = blocked.last_end_before(start)
        return bool(number_end) and start - number_end <= 40 and not re.search(r"[\n.;]", self.text[number_end:start])

    def year_for(self, start: int, end: int, month: int) -> int | None:
        text = self.text
        left = _sentence_start(text, start)
        right = text.find("\n", end)
        right = len(text) if right < 0 else right
        sentence_end = _SENTENCE_END.search(text, end, min(right, end + 400))
        if sentence_end:
            right = sentence_end.start()
        lo, hi = bisect.bisect_left(self.dated_starts, left), bisect.bisect_left(self.dated_starts, right)
        years = {year for _, year in self.dated[lo:hi]}
        if len(years) == 1:
            return years.pop()
        i = bisect.bisect_left(self.month_starts, start) - 1
        while i >= 0 and self.months[i][0] >= start - self._MONTH_REACH:
            if self.months[i][1] == month:
                heading_year = self.months[i][2]
                if self.document_year is None or heading_year == self.document_year + 1:
                    return heading_year
                break
            i -= 1
        return self.document_year
